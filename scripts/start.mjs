// `npm start`: Electron when its binary is present, otherwise the browser host (cim serve)
// with a one-line notice, opening the system browser when there is one.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { ensureRenderer } from './ensure-renderer.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronBinary() {
  try {
    const bin = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  const stop = (signal) => child.kill(signal);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureRenderer();
const electron = electronBinary();
if (electron) {
  await new Promise((resolve, reject) => {
    const b = spawn(process.execPath, [path.join(ROOT, 'scripts/build-electron.mjs')], { cwd: ROOT, stdio: 'inherit' });
    b.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build-electron exited ${String(code)}`))));
  });
  run(electron, [ROOT, ...passThrough]);
} else {
  console.error('Electron is not available on this machine; starting the browser host instead (cim serve).');
  run(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), 'serve', '--open', ...passThrough]);
}
