/**
 * Where an analysis's worker threads start from. A worker started on the TypeScript sources goes
 * through tsx's loader thread for every module it imports, which took 2.0 s to a first result on
 * this machine against 0.5 s for the same code bundled into one file (measured with a loaded
 * CPU). So a pool starts, in order of preference:
 * 1. `<name>.cjs` beside the running bundle (packaged builds: scripts/build-electron.mjs);
 * 2. a bundle esbuild makes of the sources, cached in the temp folder and rebuilt when any
 *    of its input files changes (mtime or size, from esbuild's own list of inputs);
 * 3. the source entry through tsx, when esbuild is not there.
 * Environment: node.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Manifest {
  inputs: Record<string, { size: number; mtimeMs: number }>;
}

function stamp(file: string): { size: number; mtimeMs: number } | null {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

function fresh(manifestFile: string, root: string): boolean {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    return false;
  }
  return Object.entries(manifest.inputs).every(([input, want]) => {
    const got = stamp(path.resolve(root, input));
    return got !== null && got.size === want.size && got.mtimeMs === want.mtimeMs;
  });
}

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ metafile?: { inputs: Record<string, unknown> } }>;
}

async function bundled(source: string, name: string): Promise<URL | null> {
  let esbuild: EsbuildLike;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const dir = path.join(os.tmpdir(), `cim-${name}-${createHash('sha1').update(root).digest('hex').slice(0, 10)}`);
  const out = path.join(dir, `${name}.mjs`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(out) && fresh(manifestFile, root)) return pathToFileURL(out);
  fs.mkdirSync(dir, { recursive: true });
  // Built under a private name and renamed into place: two runs starting at once never see half a file.
  const partial = path.join(dir, `${name}-${String(process.pid)}-${String(Date.now())}.mjs`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: partial,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs: Manifest['inputs'] = {};
  for (const input of Object.keys(result.metafile?.inputs ?? {})) {
    const s = stamp(path.resolve(root, input));
    if (s) inputs[input] = s;
  }
  fs.renameSync(partial, out);
  fs.writeFileSync(`${manifestFile}.${String(process.pid)}`, JSON.stringify({ inputs } satisfies Manifest));
  fs.renameSync(`${manifestFile}.${String(process.pid)}`, manifestFile);
  return pathToFileURL(out);
}

export interface WorkerEntrySpec {
  /** File name without extension: `<name>.cjs` in a package, `<name>.mjs` in the cache. */
  name: string;
  /** The worker's TypeScript source. */
  source: URL;
  /** The .mjs entry that registers tsx and imports the source. */
  tsxEntry: URL;
  /** Where a packaged build puts `<name>.cjs` (the directory of the calling module). */
  packagedDir: URL;
}

export async function workerEntry(spec: WorkerEntrySpec): Promise<URL> {
  const packaged = new URL(`./${spec.name}.cjs`, spec.packagedDir);
  if (fs.existsSync(fileURLToPath(packaged))) return packaged;
  const source = fileURLToPath(spec.source);
  if (fs.existsSync(source)) {
    try {
      const url = await bundled(source, spec.name);
      if (url) return url;
    } catch {
      // A failed bundle is no reason to fail the analysis: the tsx entry runs the same code.
    }
  }
  return spec.tsxEntry;
}
