/**
 * Runs a pyramid's units: inline, one after another, or on worker threads (one per core,
 * two on the machines this runs on), each worker pulling the next unit when it finishes
 * one, so a slow unit never leaves a core idle. Results arrive as units finish (their
 * index says which); a failed unit or a cancel stops every worker at once.
 * Environment: node.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CimError } from '../../common/errors.js';
import type { BuildControl } from '../jobs/control.js';
import type { FromPyramidWorker, PyramidUnit, PyramidUnitResult, ToPyramidWorker } from './protocol.js';

const CANCEL_POLL_MS = 50;
const CLOSE_GRACE_MS = 2000;

/** One worker per core, at most two (the build machines' count; more only splits the disk). */
export function defaultPyramidWorkers(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/**
 * Where pyramid workers start: `pyramid-worker.cjs` beside the running bundle (the cim CLI
 * bundle, the Electron build), else the TypeScript entry through tsx.
 */
function pyramidWorkerEntry(): URL {
  const bundled = new URL('./pyramid-worker.cjs', import.meta.url);
  if (bundled.protocol === 'file:' && fs.existsSync(fileURLToPath(bundled))) return bundled;
  return new URL('../pyramid-worker/worker-entry.mjs', import.meta.url);
}

export interface RunUnitsOptions<R extends PyramidUnitResult> {
  /** 0: inline in this thread. */
  workers: number;
  control: BuildControl;
  /** Named in the cancel error. */
  file: string;
  inline(unit: PyramidUnit, isCancelled: () => boolean): Promise<R>;
  onResult(index: number, result: R): void;
}

function close(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().finally(resolve), CLOSE_GRACE_MS);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: 'close' } satisfies ToPyramidWorker);
  });
}

export async function runUnits<R extends PyramidUnitResult>(
  units: readonly PyramidUnit[],
  o: RunUnitsOptions<R>,
): Promise<void> {
  const isCancelled = (): boolean => o.control.isCancelled();
  if (o.workers <= 0 || units.length < 2) {
    for (const [i, unit] of units.entries()) {
      if (isCancelled()) throw new CimError('jobs.cancelled', { file: o.file });
      o.onResult(i, await o.inline(unit, isCancelled));
    }
    return;
  }
  const entry = pyramidWorkerEntry();
  // workerData must be set: geotiff loads `web-worker`, whose Node side reads workerData.mod in any worker thread.
  const workers = Array.from(
    { length: Math.min(o.workers, units.length) },
    () => new Worker(entry, { workerData: { pyramid: true } }),
  );
  let next = 0;
  let delivered = 0;
  const state = { failed: false };
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      state.failed = err !== null;
      if (err) reject(err);
      else resolve();
    };
    const send = (worker: Worker): void => {
      const unit = units[next];
      if (!unit) return;
      worker.postMessage({ type: 'unit', id: next, unit } satisfies ToPyramidWorker);
      next++;
    };
    const poll = setInterval(() => {
      if (isCancelled()) finish(new CimError('jobs.cancelled', { file: o.file }));
    }, CANCEL_POLL_MS);
    for (const worker of workers) {
      worker.on('message', (m: FromPyramidWorker) => {
        if (settled) return;
        if (m.type === 'failed') {
          finish(new CimError(m.error.code, m.error.facts, m.error.kind));
          return;
        }
        try {
          o.onResult(m.id, m.result as R);
        } catch (err) {
          finish(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        delivered++;
        if (delivered === units.length) finish(null);
        else if (isCancelled()) finish(new CimError('jobs.cancelled', { file: o.file }));
        else send(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (!settled) finish(new CimError('internal', { message: `pyramid worker exit ${String(code)}` }, 'internal'));
      });
      send(worker);
    }
  }).finally(async () => {
    // After a failure or a cancel the workers are stopped at once; otherwise they close their files.
    await Promise.all(workers.map((w) => (state.failed ? w.terminate().then(() => undefined) : close(w))));
  });
}
