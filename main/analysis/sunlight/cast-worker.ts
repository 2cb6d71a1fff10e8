/** A sunlight cast worker thread: one init (the shared obstacle model), then blocks. Environment: worker. */
import { parentPort } from 'node:worker_threads';
import { castBlock, castContext, type CastContext } from './cast-block.js';
import type { FromCastWorker, ToCastWorker } from './cast-protocol.js';

let ctx: CastContext | null = null;

parentPort?.on('message', (m: ToCastWorker) => {
  try {
    if (m.type === 'init') {
      ctx = castContext(m.init);
      return;
    }
    if (!ctx) throw new Error('cast worker: block before init');
    const result = castBlock(ctx, m.block);
    parentPort?.postMessage({ type: 'done', result } satisfies FromCastWorker, [result.masks.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({
      type: 'failed',
      message: err instanceof Error ? err.message : String(err),
    } satisfies FromCastWorker);
  }
});
