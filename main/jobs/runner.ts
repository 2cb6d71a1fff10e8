/**
 * Runs write jobs in worker threads with progress, cancel and a per-workspace write lock:
 * while a job holds it, other writes wait (see `withWriteLock`), so a job's transaction
 * never mixes with anybody else's change. Environment: node.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobInfo } from '../../common/contract/index.js';
import { CimError, type SerializedError } from '../../common/errors.js';
import type { Task, WorkerMessage, WorkerStart } from './protocol.js';

interface Clock {
  now(): Date;
}

export interface JobRunnerOptions {
  clock: Clock;
  /** URL of the worker entry (worker-entry.mjs from source, a bundled .cjs in a package). */
  workerUrl: URL;
  onEvent(job: JobInfo): void;
}

interface Running {
  info: JobInfo;
  cancel: Int32Array;
  done: Promise<void>;
}

export class JobRunner {
  private readonly jobs = new Map<string, Running>();
  private lock: Promise<void> = Promise.resolve();

  constructor(private readonly options: JobRunnerOptions) {}

  /** Runs `fn` once no job holds the write lock; jobs queue behind it the same way. */
  withWriteLock<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.lock.then(fn);
    this.lock = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  start(task: Task, title: string): JobInfo {
    const id = randomUUID();
    const info: JobInfo = {
      id,
      kind: task.kind,
      title,
      state: 'running',
      progress: 0,
      stage: 'jobs.queued',
      result: null,
      error: null,
      startedAt: this.options.clock.now().toISOString(),
      finishedAt: null,
    };
    const cancelFlag = new SharedArrayBuffer(4);
    const cancel = new Int32Array(cancelFlag);
    const done = this.withWriteLock(() => this.runWorker(info, { task, cancelFlag }, cancel));
    this.jobs.set(id, { info, cancel, done });
    this.options.onEvent({ ...info });
    return { ...info };
  }

  private runWorker(info: JobInfo, start: WorkerStart, cancel: Int32Array): Promise<void> {
    return new Promise((resolve) => {
      if (Atomics.load(cancel, 0) === 1) {
        this.finish(info, 'cancelled', null, null);
        resolve();
        return;
      }
      const worker = new Worker(this.options.workerUrl, { workerData: start });
      let settled = false;
      const settle = (state: JobInfo['state'], result: JobInfo['result'], error: SerializedError | null): void => {
        if (settled) return;
        settled = true;
        this.finish(info, state, result, error);
        void worker.terminate().finally(resolve);
      };
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') {
          info.progress = Math.max(0, Math.min(1, m.progress));
          info.stage = m.stage;
          this.options.onEvent({ ...info });
        } else if (m.type === 'done') {
          settle('done', m.result, null);
        } else {
          settle(m.error.code === 'jobs.cancelled' ? 'cancelled' : 'failed', null, m.error);
        }
      });
      worker.on('error', (err) =>
        settle('failed', null, new CimError('internal', { message: err.message }, 'internal').toJSON()),
      );
      worker.on('exit', (code) => {
        settle('failed', null, new CimError('jobs.worker_exit', { code }, 'internal').toJSON());
      });
    });
  }

  private finish(
    info: JobInfo,
    state: JobInfo['state'],
    result: JobInfo['result'],
    error: SerializedError | null,
  ): void {
    info.state = state;
    info.result = result;
    info.error = error;
    if (state === 'done') info.progress = 1;
    info.stage = `jobs.state.${state}`;
    info.finishedAt = this.options.clock.now().toISOString();
    this.options.onEvent({ ...info });
  }

  /** Whether a job is running or queued (its worker may be writing to the workspace). */
  busy(): boolean {
    for (const job of this.jobs.values()) if (job.info.state === 'running') return true;
    return false;
  }

  get(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new CimError('jobs.not_found', { jobId: id });
    return { ...job.info };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info }));
  }

  cancel(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new CimError('jobs.not_found', { jobId: id });
    Atomics.store(job.cancel, 0, 1);
    return { ...job.info };
  }

  /** Resolves when the job has finished, whatever its end. */
  async wait(id: string): Promise<JobInfo> {
    const job = this.jobs.get(id);
    if (!job) throw new CimError('jobs.not_found', { jobId: id });
    await job.done;
    return { ...job.info };
  }
}
