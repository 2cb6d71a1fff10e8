/**
 * Sunlight over many points on both cores: N worker threads (two by default, one per core of
 * the machines this runs on) share one copy of the obstacle model (SharedArrayBuffers) and pull
 * blocks of points from one queue; masks come back per block, delivered in block order. With
 * `workers: 0` the same blocks run in this thread (tests, tiny jobs). Cancel terminates the
 * workers at once. Environment: node.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CimError } from '../../../common/errors.js';
import { workerEntry } from '../worker-bundle.js';
import { castBlock, castContext } from './cast-block.js';
import type { CastBlock, CastBlockResult, CastInit, FromCastWorker, ToCastWorker } from './cast-protocol.js';
import type { CastPoint } from './cast.js';

const BLOCK_POINTS = 128;
const CANCEL_POLL_MS = 50;

function defaultCastWorkers(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

function castWorkerEntry(): Promise<URL> {
  return workerEntry({
    name: 'sunlight-cast-worker',
    source: new URL('./cast-worker.ts', import.meta.url),
    tsxEntry: new URL('./cast-worker-entry.mjs', import.meta.url),
    packagedDir: new URL('.', import.meta.url),
  });
}

/** Cuts the points into blocks of flat arrays. */
function castBlocks(points: readonly CastPoint[], size = BLOCK_POINTS): CastBlock[] {
  const blocks: CastBlock[] = [];
  for (let from = 0, index = 0; from < points.length; from += size, index++) {
    const part = points.slice(from, from + size);
    const total = part.reduce((n, p) => n + p.xs.length, 0);
    const start = new Uint32Array(part.length + 1);
    const xs = new Float64Array(total);
    const ys = new Float64Array(total);
    let at = 0;
    part.forEach((p, i) => {
      start[i] = at;
      for (let k = 0; k < p.xs.length; k++, at++) {
        xs[at] = p.xs[k] ?? 0;
        ys[at] = p.ys[k] ?? 0;
      }
    });
    start[part.length] = at;
    blocks.push({
      index,
      start,
      xs,
      ys,
      z: Float64Array.from(part, (p) => p.z),
      facingDeg: Float64Array.from(part, (p) => p.facingDeg ?? NaN),
    });
  }
  return blocks;
}

export interface CastRun {
  init: CastInit;
  points: readonly CastPoint[];
  /** Worker threads; 0 runs in this thread. */
  workers?: number;
  onProgress?(done: number, total: number): void;
  isCancelled?(): boolean;
}

/** Lit masks of all points, `init.track.count` bytes each, in point order. */
export async function castAll(run: CastRun): Promise<Uint8Array> {
  const count = run.init.track.count;
  const out = new Uint8Array(run.points.length * count);
  const blocks = castBlocks(run.points);
  const place = (r: CastBlockResult): void => out.set(r.masks, r.index * BLOCK_POINTS * count);
  const workers = run.workers ?? defaultCastWorkers();
  if (workers === 0 || blocks.length <= 1) {
    const ctx = castContext(run.init);
    for (const b of blocks) {
      if (run.isCancelled?.()) throw new CimError('jobs.cancelled', {});
      place(castBlock(ctx, b));
      run.onProgress?.(b.index + 1, blocks.length);
    }
    return out;
  }
  const entry = await castWorkerEntry();
  const pool = Array.from({ length: Math.min(workers, blocks.length) }, () => new Worker(entry));
  try {
    await new Promise<void>((resolve, reject) => {
      let sent = 0;
      let done = 0;
      let settled = false;
      const finish = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        if (err) reject(err);
        else resolve();
      };
      const poll = setInterval(() => {
        if (run.isCancelled?.()) finish(new CimError('jobs.cancelled', {}));
      }, CANCEL_POLL_MS);
      const next = (w: Worker): void => {
        const block = blocks[sent];
        if (!block) return;
        sent++;
        const transfer = [block.start.buffer, block.xs.buffer, block.ys.buffer, block.z.buffer, block.facingDeg.buffer];
        w.postMessage({ type: 'block', block } satisfies ToCastWorker, transfer as ArrayBuffer[]);
      };
      for (const w of pool) {
        w.on('message', (m: FromCastWorker) => {
          if (settled) return;
          if (m.type === 'failed') {
            finish(new CimError('sunlight.worker_failed', { message: m.message }, 'internal'));
            return;
          }
          place(m.result);
          done++;
          run.onProgress?.(done, blocks.length);
          if (done === blocks.length) finish(null);
          else next(w);
        });
        w.on('error', (err) => finish(err));
        w.postMessage({ type: 'init', init: run.init } satisfies ToCastWorker);
        next(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out;
}
