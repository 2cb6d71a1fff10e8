// package.json "main" for `electron .` in a checkout: the bundle built by
// `node scripts/build-electron.mjs`. Packaged apps start dist/electron/main.cjs directly.
require('../../dist/electron/main.cjs');
