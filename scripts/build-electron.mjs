#!/usr/bin/env node
// Bundles the Electron shell into dist/electron: main/app/electron-entry.ts -> main.cjs, every
// worker thread of scripts/worker-entries.mjs (the job worker, the overlay's clip workers, the
// pyramid workers, the sunlight cast workers…) and main/app/preload.ts -> preload.cjs. Electron 38 runs Node 22.
// Usage: node scripts/build-electron.mjs [--outdir DIR]   (default dist/electron; tests use a temp dir)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { WORKER_ENTRIES } from './worker-entries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outDir = path.resolve(values.outdir ?? path.join(root, 'dist', 'electron'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
};

const nodeSide = {
  ...common,
  // better-sqlite3 is a native module: it is loaded from node_modules (unpacked from the asar).
  // esbuild is only the source-tree fallback of the clip workers' entry (main/analysis/clip/worker-entry.ts).
  external: ['electron', 'better-sqlite3', 'esbuild'],
  // Code written as ESM may read import.meta.url; in a CommonJS bundle it is the bundle's own URL.
  banner: { js: "const __cimImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__cimImportMetaUrl' },
};

const main = await build({
  ...nodeSide,
  entryPoints: ['main/app/electron-entry.ts'],
  outfile: path.join(outDir, 'main.cjs'),
});

// The worker threads (scripts/worker-entries.mjs), each looked for beside the bundle.
const workers = await Promise.all(
  WORKER_ENTRIES.map(async ([entry, name]) => [
    name,
    await build({ ...nodeSide, entryPoints: [entry], outfile: path.join(outDir, name) }),
  ]),
);

const preload = await build({
  ...common,
  entryPoints: ['main/app/preload.ts'],
  outfile: path.join(outDir, 'preload.cjs'),
  external: ['electron'],
});

// A sandboxed preload can require nothing but `electron`: it must import only types from main (common/ is shared).
const preloadInputs = Object.keys(preload.metafile.inputs);
const stray = preloadInputs.filter((input) => !input.startsWith('main/app/') && input !== 'common/download.ts');
if (stray.length > 0) {
  console.error(`preload bundles more than main/app: ${stray.join(', ')}`);
  process.exit(1);
}

// Main reads its menu labels and messages from the locale files (main/i18n/catalog.ts looks
// for a locales/ folder beside the bundle).
fs.cpSync(path.join(root, 'locales'), path.join(outDir, 'locales'), { recursive: true });

for (const [name, result] of [['main.cjs', main], ...workers, ['preload.cjs', preload]]) {
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith(name));
  const bytes = output ? output[1].bytes : 0;
  const shown = path.relative(root, path.join(outDir, name));
  console.log(`${shown.startsWith('..') ? path.join(outDir, name) : shown} ${(bytes / 1024).toFixed(1)} KiB`);
}
