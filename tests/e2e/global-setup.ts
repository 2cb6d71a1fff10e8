/** Builds dist/renderer when it is missing or older than anything it is built from. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const INPUTS = ['renderer', 'locales', 'layers', 'common'];

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtimeMs(join(path, entry))), stat.mtimeMs);
}

export default function globalSetup(): void {
  const built = join(ROOT, 'dist/renderer/index.html');
  const inputs = INPUTS.map((input) => join(ROOT, input)).filter((path) => existsSync(path));
  const newestInput = Math.max(...inputs.map(newestMtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= newestInput) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
