/**
 * The demo city for e2e specs: seeded once per run (`cim seed --scale small`, which also
 * builds its tiles) into test-results/, keyed by the sources that make it, and copied
 * into each spec's own host so no spec sees another's changes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './host.js';

const INPUTS = ['seeds', 'tiles', 'layers', 'main/store', 'main/cases', 'main/cli/seed-command.ts'];

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(hash, join(path, entry));
    return;
  }
  hash.update(path);
  hash.update(readFileSync(path));
}

export function demoCityPath(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) hashTree(hash, join(ROOT, input));
  const dir = join(ROOT, 'test-results', `demo-city-${hash.digest('hex').slice(0, 12)}`);
  const file = join(dir, 'demo.gpkg');
  if (existsSync(join(dir, 'done'))) return file;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(process.execPath, ['bin/cim.mjs', 'seed', '--out', file, '--scale', 'small'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(join(dir, 'done'), new Date().toISOString());
  return file;
}
