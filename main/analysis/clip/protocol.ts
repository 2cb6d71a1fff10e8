/** Messages between the clip pool and its workers. Environment: node. */
import type { ClipBlockResult, ClipBlockTask, ClipLayer, ClipSettings } from './clip-block.js';

export interface ClipWorkerInit {
  /** Layers in SharedArrayBuffers: every worker reads the same bytes. */
  layers: ClipLayer[];
  /** proj4 definition of the Gauss-Krüger zone the clipping runs in. */
  gkDefinition: string;
  settings: ClipSettings;
}

export type ToClipWorker =
  { type: 'init'; init: ClipWorkerInit } | { type: 'block'; task: ClipBlockTask } | { type: 'stop' };

export type FromClipWorker = { type: 'result'; result: ClipBlockResult } | { type: 'failed'; message: string };
