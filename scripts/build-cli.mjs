#!/usr/bin/env node
// Bundles the `cim` command line into dist/cli so that it starts without compiling
// TypeScript (tsx took 0.4-0.55 s of every run, issue #19): main/cli/main.ts -> cim.mjs (ESM,
// each command's module a chunk loaded when that command runs), and beside it every worker
// thread it starts (scripts/worker-entries.mjs: the job worker, the overlay's clip workers, the
// pyramid workers, the sunlight cast workers…), each found by the code that starts it next to
// the running bundle. manifest.json lists the size and mtime of
// every source file bundled and of node_modules/.package-lock.json: bin/cim.mjs uses the bundle
// only while all are unchanged and falls back to the sources through tsx otherwise. dist/cli sits two levels below the root, like the
// sources, so paths computed from import.meta.url (locales/, dist/renderer) hold.
// Usage: node scripts/build-cli.mjs [--quiet]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { WORKER_ENTRIES } from './worker-entries.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { quiet: { type: 'boolean', default: false } } });
const outDir = path.join(root, 'dist', 'cli');
// Built in a fresh folder and swapped in whole: a cim starting meanwhile sees the old bundle or none.
const staging = path.join(root, 'dist', `.cli-${String(process.pid)}`);
fs.rmSync(staging, { recursive: true, force: true });

// Native, self-locating or build-time packages stay in node_modules.
const external = ['better-sqlite3', 'electron', 'esbuild', 'tsx', 'pdfkit', 'gltf-validator'];
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  external,
  legalComments: 'none',
};

const cli = await build({
  ...common,
  entryPoints: { cim: 'main/cli/main.ts' },
  outdir: staging,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __cimCreateRequire } from 'node:module';\nconst require = __cimCreateRequire(import.meta.url);",
  },
});

const workerSide = {
  ...common,
  format: 'cjs',
  // Code written as ESM may read import.meta.url; in a CommonJS bundle it is the bundle's own URL.
  banner: { js: "const __cimImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__cimImportMetaUrl' },
};
const workers = await Promise.all(
  WORKER_ENTRIES.map(([entry, name]) =>
    build({ ...workerSide, entryPoints: [entry], outfile: path.join(staging, name) }),
  ),
);

// Our own inputs one by one; the packages by npm's record of what it installed
// (node_modules/.package-lock.json, rewritten by every install), so that a start-up checks
// a few hundred files, not every bundled one.
const stamp = (file) => {
  const s = fs.statSync(path.join(root, file));
  return { size: s.size, mtimeMs: s.mtimeMs };
};
const inputs = { 'node_modules/.package-lock.json': stamp('node_modules/.package-lock.json') };
let packageFiles = 0;
for (const result of [cli, ...workers]) {
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.includes(':') || input in inputs) continue;
    if (input.startsWith('node_modules/')) packageFiles++;
    else inputs[input] = stamp(input);
  }
}
fs.writeFileSync(
  path.join(staging, 'manifest.json'),
  JSON.stringify({ builtAt: new Date().toISOString(), packageFiles, inputs }),
);

const old = fs.existsSync(outDir) ? path.join(root, 'dist', `.cli-old-${String(process.pid)}`) : null;
if (old) fs.renameSync(outDir, old);
fs.renameSync(staging, outDir);
if (old) fs.rmSync(old, { recursive: true, force: true });

if (!values.quiet) {
  const bytes = [cli, ...workers].reduce(
    (sum, r) => sum + Object.values(r.metafile.outputs).reduce((s, o) => s + o.bytes, 0),
    0,
  );
  console.log(
    `dist/cli: cim.mjs and ${String(Object.keys(cli.metafile.outputs).length - 1)} chunks, ` +
      `${WORKER_ENTRIES.map(([, name]) => name).join(', ')}; ${(bytes / 1048576).toFixed(1)} MiB from ${String(Object.keys(inputs).length - 1)} source files and ${String(packageFiles)} package files`,
  );
}
