#!/usr/bin/env node
// Entry of the `cim` command. Runs the bundle in dist/cli (scripts/build-cli.mjs: no
// TypeScript to compile at start-up) while every file it was built from is unchanged, and
// the TypeScript sources through tsx's loader otherwise (development).
// CIM_CLI=tsx always runs the sources; CIM_CLI=bundle builds the bundle first when it is stale.
import { buildBundle, bundleIsFresh } from './cli-bundle.mjs';

const mode = process.env.CIM_CLI;
let bundled = mode !== 'tsx' && (bundleIsFresh() || (mode === 'bundle' && buildBundle()));
if (bundled) {
  try {
    await import('../dist/cli/cim.mjs');
  } catch (err) {
    // Replaced while starting (a rebuild swaps the folder): the sources run the same command.
    if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    bundled = false;
  }
}
if (!bundled) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/main.ts');
}
