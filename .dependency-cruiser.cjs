/**
 * The dependency direction of STYLE.md, checked in `npm test`:
 * layers/ is common (nothing of ours, no Node/DOM/Electron/Cesium/React); main/ runs in Node
 * and never imports renderer/, React or Cesium; Electron lives in main/app only; the
 * renderer imports no Node module and only types from main (common/ is shared); Cesium only in renderer/map.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'layers-are-common',
      comment: 'layers/ is pure and shared: it imports nothing of ours and no platform module',
      severity: 'error',
      from: { path: '^layers/' },
      to: { pathNot: ['^layers/', '^node_modules/(proj4|zod)/'] },
    },
    {
      name: 'common-is-common',
      comment:
        'common/ (the contract and errors) runs everywhere: it imports nothing of ours but layers/, and only zod',
      severity: 'error',
      from: { path: '^common/' },
      to: { pathNot: ['^common/', '^layers/', '^node_modules/zod/'] },
    },
    {
      name: 'main-not-renderer',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: ['^renderer/', '^node_modules/(react|react-dom|antd|cesium|@ant-design)/'] },
    },
    {
      name: 'electron-only-in-app',
      severity: 'error',
      from: { pathNot: '^main/app/' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'the renderer runs sandboxed in the page',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-native',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      to: { path: '^node_modules/(better-sqlite3|electron|tsx)/' },
    },
    {
      name: 'renderer-types-only-from-main',
      comment: 'the renderer imports only types from main',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^main/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cesium-only-in-map',
      comment: 'React components talk to the map controller, never to Cesium',
      severity: 'error',
      from: { path: '^renderer/', pathNot: ['^renderer/map/', '^renderer/vite\\.config\\.ts$'] },
      to: { path: '^(node_modules/)?(cesium|@cesium/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'seeds-build-step',
      comment: 'the demo-city generator is a Node build step: no renderer, UI, Electron or transport code',
      severity: 'error',
      from: { path: '^seeds/' },
      to: {
        path: [
          '^renderer/',
          '^main/(host|app|cli)/',
          '^node_modules/(react|react-dom|antd|cesium|@ant-design|electron)/',
        ],
      },
    },
    {
      name: 'analysis-pure-of-transport',
      comment: 'analyses, store, import and the job wrappers know nothing of HTTP, Electron or the CLI',
      severity: 'error',
      from: { path: '^main/(analysis|store|import|export|jobs|tiles-jobs)/' },
      to: { path: ['^main/(host|app|cli)/', '^node_modules/electron/'] },
    },
    {
      name: 'tiles-not-store',
      comment:
        'tile builders take features (or a raster) and an output folder and return a tileset reference: ' +
        'the job wrapper in main/tiles-jobs reads the workspace and catalogues the layer (issue #11)',
      severity: 'error',
      from: { path: '^tiles/' },
      to: { path: '^main/store/' },
    },
    {
      name: 'tiles-free-of-main',
      comment:
        'tile builds are Node build steps: main/ (jobs, import, the CLI, the hosts) calls them, never the reverse; ' +
        'what both sides share lives in common/',
      severity: 'error',
      from: { path: '^tiles/' },
      to: { path: ['^main/(?!store/)', '^renderer/', '^node_modules/electron/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    extraExtensionsToScan: ['.tsx'],
  },
};
