/**
 * Where job worker threads start: `worker.cjs` beside the running bundle (the cim CLI bundle in
 * dist/cli, scripts/build-cli.mjs), else the TypeScript entry through tsx (worker-entry.mjs).
 * The Electron shell passes its own bundled worker. Environment: node.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function defaultJobWorkerUrl(): URL {
  const bundled = new URL('./worker.cjs', import.meta.url);
  if (bundled.protocol === 'file:' && fs.existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('./worker-entry.mjs', import.meta.url);
}
