/**
 * How a pyramid build splits into units of work: a unit is the subtree under one tile of a
 * "root" level, from the deepest level up to that root. A unit reads the source once (one
 * window for all its deepest tiles), resamples each level from the one below in memory and
 * hands its root tile back; the levels above the roots are few tiles, made from the roots
 * the same way. The root level is the coarsest one whose units stay within a window and
 * memory budget while there are still enough of them to keep every worker busy.
 * Pure; environment: common.
 */
import { tileCount, type TileRange } from '../geo/tiling.js';

export interface SplitLimits {
  /** Largest side, in source pixels, of one unit's window. */
  maxWindowPx: number;
  /** Fewest units worth splitting into (a few per worker, so none waits on a slow one). */
  minUnits: number;
  /** Most deepest-level tiles along a unit's side (memory: span² tiles held at once). */
  maxSpan: number;
}

/**
 * The root level: `maxLevel` itself (a unit per deepest tile) unless a coarser level keeps
 * within `limits`; `windowSidePx(span)` is the source window side of a unit `span` deepest
 * tiles across.
 */
export function rootLevelFor(
  ranges: readonly TileRange[],
  maxLevel: number,
  windowSidePx: (span: number) => number,
  limits: SplitLimits,
): number {
  let root = maxLevel;
  for (let level = maxLevel - 1; level >= 0; level--) {
    const span = 2 ** (maxLevel - level);
    const range = ranges[level];
    if (!range || span > limits.maxSpan || windowSidePx(span) > limits.maxWindowPx) break;
    if (tileCount(range) < limits.minUnits) break;
    root = level;
  }
  return root;
}

/** The tiles of `level` under tile (rootLevel, x, y) that lie in `range` (row by row). */
export function* tilesUnder(
  range: TileRange,
  rootLevel: number,
  x: number,
  y: number,
): Generator<{ x: number; y: number }> {
  const span = 2 ** (range.level - rootLevel);
  const x0 = Math.max(range.minX, x * span);
  const x1 = Math.min(range.maxX, (x + 1) * span - 1);
  const y0 = Math.max(range.minY, y * span);
  const y1 = Math.min(range.maxY, (y + 1) * span - 1);
  for (let ty = y0; ty <= y1; ty++) for (let tx = x0; tx <= x1; tx++) yield { x: tx, y: ty };
}

/** Key of a tile in a level's map. */
export const tileKey = (x: number, y: number): string => `${String(x)}/${String(y)}`;
