/** Messages between the sunlight pool and its cast workers. Environment: common. */
import type { ObstacleData } from '../obstacles/prisms.js';
import type { TerrainGrid } from '../obstacles/terrain-grid.js';
import type { CastOptions } from './cast.js';
import type { SunTrack } from './track.js';

export interface CastInit {
  obstacles: ObstacleData;
  terrain: TerrainGrid | null;
  track: SunTrack;
  options: CastOptions;
}

/** A block of points: sill positions flattened, `start[i]..start[i+1]` for point i. */
export interface CastBlock {
  index: number;
  start: Uint32Array;
  xs: Float64Array;
  ys: Float64Array;
  z: Float64Array;
  /** NaN for no facade. */
  facingDeg: Float64Array;
}

export interface CastBlockResult {
  index: number;
  /** `track.count` bytes per point, 1 = lit. */
  masks: Uint8Array;
}

export type ToCastWorker = { type: 'init'; init: CastInit } | { type: 'block'; block: CastBlock };
export type FromCastWorker = { type: 'done'; result: CastBlockResult } | { type: 'failed'; message: string };
