/**
 * A clip worker: loads GEOS as soon as it starts (while the main thread still reads the
 * layers), then takes the run's layers and settings, and runs the blocks the pool sends,
 * one at a time, posting each result back with its buffers transferred. Environment: worker.
 */
import { parentPort } from 'node:worker_threads';
import { BlockClipper } from './clip-block.js';
import { Clipper, loadGeos } from './geos.js';
import { gkTransforms } from './project.js';
import type { FromClipWorker, ToClipWorker } from './protocol.js';

function main(): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: FromClipWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  const clipper = loadGeos().then((geos) => new Clipper(geos));
  let blocks: BlockClipper | null = null;
  const handle = async (m: ToClipWorker): Promise<void> => {
    if (m.type === 'init') {
      const { toGk, toLonLat } = gkTransforms(m.init.gkDefinition);
      blocks = new BlockClipper(await clipper, m.init.layers, toGk, toLonLat, m.init.settings);
    } else if (m.type === 'block') {
      if (!blocks) throw new Error('block before init');
      const result = blocks.run(m.task);
      post({ type: 'result', result }, [
        result.meta.buffer,
        result.blobOffsets.buffer,
        result.blobs.buffer,
      ] as ArrayBuffer[]);
    } else {
      (await clipper).dispose();
      port.close();
    }
  };
  // Messages are handled one after another, in the order they came.
  let chain = Promise.resolve();
  port.on('message', (m: ToClipWorker) => {
    chain = chain
      .then(() => handle(m))
      .catch((err: unknown) =>
        post({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      );
  });
}

main();
