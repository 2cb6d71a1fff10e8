// Builds dist/renderer when it is missing or older than the renderer's sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SOURCES = ['renderer', 'locales', 'layers', 'common'];

function newestMtime(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function rendererIsStale() {
  const built = path.join(ROOT, 'dist/renderer/index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    ...SOURCES.map((s) => path.join(ROOT, s))
      .filter(fs.existsSync)
      .map(newestMtime),
  );
  return sources > fs.statSync(built).mtimeMs;
}

export function ensureRenderer() {
  if (!rendererIsStale()) return;
  console.error('Building the renderer (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}
