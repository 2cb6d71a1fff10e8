/**
 * A clip worker: loads GEOS once, then runs the blocks the pool sends, one at a time, and
 * posts each result back with its buffers transferred. Environment: worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockClipper } from './clip-block.js';
import { Clipper, loadGeos } from './geos.js';
import { gkTransforms } from './project.js';
import type { ClipWorkerInit, FromClipWorker, ToClipWorker } from './protocol.js';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const init = workerData as ClipWorkerInit;
  const post = (m: FromClipWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  try {
    const clipper = new Clipper(await loadGeos());
    const { toGk, toLonLat } = gkTransforms(init.gkDefinition);
    const blocks = new BlockClipper(clipper, init.layers, toGk, toLonLat, init.settings);
    port.on('message', (m: ToClipWorker) => {
      if (m.type === 'stop') {
        clipper.dispose();
        port.close();
        return;
      }
      try {
        const result = blocks.run(m.task);
        post({ type: 'result', result }, [
          result.meta.buffer,
          result.blobOffsets.buffer,
          result.blobs.buffer,
        ] as ArrayBuffer[]);
      } catch (err) {
        post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    });
    post({ type: 'ready' });
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

void main();
