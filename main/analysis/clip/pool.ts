/**
 * The clip worker pool: N worker threads (two by default, one per core of the machines
 * this runs on). Started before the layers are read, so GEOS loads meanwhile; then the
 * workers pull spatial blocks from one queue, so a slow block never leaves a core idle,
 * and results come back in block order, so the result layer is the same on every run.
 * Cancel terminates the workers at once. Environment: node.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CimError } from '../../../common/errors.js';
import type { ClipBlockResult, ClipBlockTask } from './clip-block.js';
import type { ClipWorkerInit, FromClipWorker, ToClipWorker } from './protocol.js';
import { clipWorkerEntry } from './worker-entry.js';

export interface ClipRun {
  init: ClipWorkerInit;
  /** Block tasks, in the order results should be delivered; their buffers are transferred. */
  tasks: ClipBlockTask[];
  /** Called once per block, in block order. */
  onResult(result: ClipBlockResult): void;
  isCancelled(): boolean;
}

const CANCEL_POLL_MS = 50;

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

function failure(err: unknown): Error {
  return err instanceof Error ? err : new CimError('clip.worker_failed', { message: String(err) }, 'internal');
}

export class ClipPool {
  private readonly workers: Worker[];
  private readonly stopped = new Set<Worker>();
  private listener: ((worker: Worker, m: FromClipWorker | Error) => void) | null = null;

  /** Starts `count` workers from the entry worker-entry.ts picks (or the one given). */
  static async start(count = defaultWorkerCount(), entry?: URL): Promise<ClipPool> {
    return new ClipPool(count, entry ?? (await clipWorkerEntry()));
  }

  private constructor(count: number, entry: URL) {
    this.workers = Array.from({ length: Math.max(1, count) }, () => new Worker(entry));
    for (const worker of this.workers) {
      worker.on('message', (m: FromClipWorker) => this.listener?.(worker, m));
      worker.on('error', (err) => this.listener?.(worker, err));
      worker.on('exit', (code) => {
        if (!this.stopped.has(worker)) {
          this.listener?.(worker, new CimError('clip.worker_failed', { message: `exit ${String(code)}` }, 'internal'));
        }
      });
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs one overlay's blocks; the pool can run another afterwards. */
  run(o: ClipRun): Promise<void> {
    const total = o.tasks.length;
    if (total === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiting = new Map<number, ClipBlockResult>();
      let sent = 0;
      let delivered = 0;
      let settled = false;
      const finish = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        this.listener = null;
        if (err) void this.close().finally(() => reject(err));
        else resolve();
      };
      const sendNext = (worker: Worker): void => {
        const task = o.tasks[sent];
        if (!task) return;
        sent++;
        worker.postMessage({ type: 'block', task } satisfies ToClipWorker, [task.groups.buffer as ArrayBuffer]);
      };
      const poll = setInterval(() => {
        if (o.isCancelled()) finish(new CimError('jobs.cancelled', {}));
      }, CANCEL_POLL_MS);
      this.listener = (worker, m) => {
        if (settled) return;
        try {
          if (m instanceof Error) throw m;
          if (m.type === 'failed') throw new CimError('clip.worker_failed', { message: m.message }, 'internal');
          waiting.set(m.result.index, m.result);
          for (let next = waiting.get(delivered); next; next = waiting.get(delivered)) {
            waiting.delete(delivered);
            o.onResult(next);
            delivered++;
          }
          if (delivered === total) finish(null);
          else sendNext(worker);
        } catch (err) {
          finish(failure(err));
        }
      };
      for (const worker of this.workers) {
        worker.postMessage({ type: 'init', init: o.init } satisfies ToClipWorker);
        sendNext(worker);
      }
    });
  }

  /** Stops the workers (terminating any still busy). */
  async close(): Promise<void> {
    for (const worker of this.workers) this.stopped.add(worker);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
