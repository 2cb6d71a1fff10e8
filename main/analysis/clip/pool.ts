/**
 * The clip worker pool: N worker threads (two by default, one per core of the machines
 * this runs on) pull spatial blocks from one queue, so a slow block never leaves a core
 * idle; results come back in block order, so the result layer is the same on every run.
 * Cancel terminates the workers at once. Environment: node.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CimError } from '../../api/errors.js';
import type { ClipBlockResult, ClipBlockTask } from './clip-block.js';
import type { ClipWorkerInit, FromClipWorker, ToClipWorker } from './protocol.js';

export interface ClipPoolOptions {
  init: ClipWorkerInit;
  /** Block tasks, in the order results should be delivered; their buffers are transferred. */
  tasks: ClipBlockTask[];
  workers?: number;
  /** Called once per block, in block order. */
  onResult(result: ClipBlockResult): void;
  isCancelled(): boolean;
  /** Worker entry; the source entry that loads clip-worker.ts through tsx by default. */
  entry?: URL;
}

const CANCEL_POLL_MS = 50;

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

export function runClipPool(o: ClipPoolOptions): Promise<void> {
  const total = o.tasks.length;
  if (total === 0) return Promise.resolve();
  const entry = o.entry ?? new URL('./clip-worker-entry.mjs', import.meta.url);
  const count = Math.max(1, Math.min(o.workers ?? defaultWorkerCount(), total));
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const stopped = new Set<Worker>();
    const waiting = new Map<number, ClipBlockResult>();
    let sent = 0;
    let delivered = 0;
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      void Promise.all(workers.map((w) => w.terminate())).finally(() => (err ? reject(err) : resolve()));
    };
    const sendNext = (worker: Worker): void => {
      const task = o.tasks[sent];
      if (!task) {
        stopped.add(worker);
        worker.postMessage({ type: 'stop' } satisfies ToClipWorker);
        return;
      }
      sent++;
      worker.postMessage({ type: 'block', task } satisfies ToClipWorker, [task.groups.buffer as ArrayBuffer]);
    };
    const deliver = (): void => {
      for (let next = waiting.get(delivered); next; next = waiting.get(delivered)) {
        waiting.delete(delivered);
        o.onResult(next);
        delivered++;
      }
      if (delivered === total) finish(null);
    };
    const poll = setInterval(() => {
      if (o.isCancelled()) finish(new CimError('jobs.cancelled', {}));
    }, CANCEL_POLL_MS);
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry, { workerData: o.init });
      workers.push(worker);
      worker.on('message', (m: FromClipWorker) => {
        if (settled) return;
        try {
          if (m.type === 'failed') throw new CimError('clip.worker_failed', { message: m.message }, 'internal');
          if (m.type === 'result') {
            waiting.set(m.result.index, m.result);
            deliver();
          }
          // deliver() may have finished the run (the last block) or onResult may have thrown.
          if (delivered < total) sendNext(worker);
        } catch (err) {
          finish(err instanceof Error ? err : new CimError('clip.worker_failed', { message: String(err) }, 'internal'));
        }
      });
      worker.on('error', (err) => finish(new CimError('clip.worker_failed', { message: err.message }, 'internal')));
      worker.on('exit', (code) => {
        if (!settled && !stopped.has(worker))
          finish(new CimError('clip.worker_failed', { message: `exit ${String(code)}` }, 'internal'));
      });
    }
  });
}
