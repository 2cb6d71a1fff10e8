/** Messages between the job runner and its worker threads. Environment: node. */
import type { SerializedError } from '../../common/errors.js';
import type { ImportParams } from '../import/run-import.js';
import type { TilesParams } from '../tiles-jobs/params.js';

interface ImportTask {
  kind: 'import';
  workspacePath: string;
  params: ImportParams;
}

/** A terrain, imagery or 3D Tiles build (main/tiles-jobs). */
interface TilesTask {
  kind: 'tiles';
  workspacePath: string;
  params: TilesParams;
}

/** An analysis job: any kind of the analysis registry, with parameters its schema checks. */
interface AnalysisTask {
  kind: 'analysis';
  workspacePath: string;
  analysis: { kind: string; params: unknown };
}

/**
 * Builds the demo city (seeds/demo-city.ts) at `workspacePath`, which is not the open
 * workspace: the job writes a new file beside it and renames it into place.
 */
interface DemoTask {
  kind: 'demo';
  workspacePath: string;
  scale: 'small' | 'full';
}

export type Task = ImportTask | TilesTask | AnalysisTask | DemoTask;

export interface WorkerStart {
  task: Task;
  /** Int32Array(1) shared with the runner: 1 = cancel requested. */
  cancelFlag: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'progress'; progress: number; stage: string }
  | { type: 'done'; result: Record<string, unknown> }
  | { type: 'failed'; error: SerializedError };
