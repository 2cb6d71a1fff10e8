/**
 * Where the clip workers start from (see ../worker-bundle.ts for the order). Environment: node.
 */
import { workerEntry } from '../worker-bundle.js';

export function clipWorkerEntry(): Promise<URL> {
  return workerEntry({
    name: 'clip-worker',
    source: new URL('./clip-worker.ts', import.meta.url),
    tsxEntry: new URL('./clip-worker-entry.mjs', import.meta.url),
    packagedDir: new URL('.', import.meta.url),
  });
}
