/** One block of sample points through the caster (in a worker or in-process). Environment: common. */
import { openObstacles, type Obstacles } from '../obstacles/prisms.js';
import { litMask } from './cast.js';
import type { CastBlock, CastBlockResult, CastInit } from './cast-protocol.js';

export interface CastContext {
  init: CastInit;
  obstacles: Obstacles;
}

export function castContext(init: CastInit): CastContext {
  return { init, obstacles: openObstacles(init.obstacles) };
}

export function castBlock(ctx: CastContext, block: CastBlock): CastBlockResult {
  const { track, terrain, options } = ctx.init;
  const n = block.z.length;
  const masks = new Uint8Array(n * track.count);
  for (let i = 0; i < n; i++) {
    const a = block.start[i] ?? 0;
    const b = block.start[i + 1] ?? 0;
    const facing = block.facingDeg[i] ?? NaN;
    litMask(
      ctx.obstacles,
      terrain,
      track,
      {
        xs: block.xs.subarray(a, b),
        ys: block.ys.subarray(a, b),
        z: block.z[i] ?? 0,
        facingDeg: Number.isNaN(facing) ? null : facing,
      },
      options,
      masks.subarray(i * track.count, (i + 1) * track.count),
    );
  }
  return { index: block.index, masks };
}
