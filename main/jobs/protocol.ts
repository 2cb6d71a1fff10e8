/** Messages between the job runner and its worker threads. Environment: node. */
import type { SerializedError } from '../api/errors.js';
import type { ImportParams } from '../import/run-import.js';

export interface ImportTask {
  kind: 'import';
  workspacePath: string;
  params: ImportParams;
}

export type Task = ImportTask;

export interface WorkerStart {
  task: Task;
  /** Int32Array(1) shared with the runner: 1 = cancel requested. */
  cancelFlag: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: number; stage: string }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'failed'; error: SerializedError };
