// The cim CLI bundle in dist/cli (scripts/build-cli.mjs): whether it is fresh (every source
// file it was built from, and the installed packages, unchanged since), and building it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = path.join(ROOT, 'dist', 'cli');

/** True when dist/cli/manifest.json exists and none of the files it lists changed size or mtime. */
export function bundleIsFresh(root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'cli', 'manifest.json'), 'utf8'));
  } catch {
    return false;
  }
  for (const [input, want] of Object.entries(manifest.inputs)) {
    const got = fs.statSync(`${root}/${input}`, { throwIfNoEntry: false });
    if (!got || got.size !== want.size || got.mtimeMs !== want.mtimeMs) return false;
  }
  return true;
}

/** Builds dist/cli (esbuild's JS API; messages on stderr); true when it succeeded. */
export function buildBundle(root = ROOT) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs'), '--quiet'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return r.status === 0;
}
