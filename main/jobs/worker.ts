/**
 * Worker-thread entry for write jobs. Opens its own connection to the workspace; the runner
 * holds the workspace write lock for the job's lifetime, so this is the only writer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CimError, toSerializedError } from '../../common/errors.js';
import { runImport } from '../import/run-import.js';
import { runAnalysisTask } from '../analysis/run-analysis.js';
import { openWorkspaceDb } from '../store/connection.js';
import { fromSqliteError, JOB_BUSY_TIMEOUT_MS } from '../store/sqlite-errors.js';
import type { Task, WorkerMessage, WorkerStart } from './protocol.js';
import { runTilesBuild } from '../tiles-jobs/build-jobs.js';
import { tilesDirFor } from '../tiles-jobs/output.js';

async function runTask(
  task: Task,
  cancel: Int32Array,
  post: (m: WorkerMessage) => void,
): Promise<Record<string, unknown>> {
  const control = {
    progress: (progress: number, stage: string) => post({ type: 'progress', progress, stage }),
    isCancelled: () => Atomics.load(cancel, 0) === 1,
    now: () => new Date(),
  };
  if (task.kind === 'demo') {
    // loaded only here: the generator is large and no other job needs it
    const { buildDemoCity } = await import('../../seeds/demo-city.js');
    const built = await buildDemoCity(task.workspacePath, { scale: task.scale, force: true, ...control });
    return { workspace: built.workspace, count: built.layers.length, durationMs: built.durationMs };
  }
  // another program (QGIS saving edits) may hold the write lock: wait for it, in this thread
  const db = openWorkspaceDb(task.workspacePath, { busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
  try {
    if (task.kind === 'tiles') {
      return { ...(await runTilesBuild(db, tilesDirFor(task.workspacePath), task.params, control)) };
    }
    if (task.kind === 'analysis') return { ...(await runAnalysisTask(db, task.analysis, control)) };
    const results = await runImport(db, task.params, control);
    const first = results[0];
    if (!first) throw new CimError('import.no_layers', { file: task.params.file.fileName });
    return { ...first, layers: results };
  } finally {
    db.close();
  }
}

const port = parentPort;
if (port) {
  const start = workerData as WorkerStart;
  const post = (m: WorkerMessage): void => port.postMessage(m);
  runTask(start.task, new Int32Array(start.cancelFlag), post).then(
    (result) => post({ type: 'done', result }),
    // SQLite's "database is locked" or "no such column" after another program's change, as
    // the user's error: the job's one transaction has rolled back, nothing was written
    (err: unknown) =>
      post({ type: 'failed', error: toSerializedError(fromSqliteError(err, start.task.workspacePath)) }),
  );
}
