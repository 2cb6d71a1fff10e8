/**
 * The heat view of the cases: a quartic (biweight) kernel density on a raster over the
 * cases' extent, as QGIS's heatmap renderer draws it, either by count or by the overdue
 * share (the density of overdue cases over the density of all, shown where there are
 * enough cases to say). Then a colour ramp to RGBA. Environment: common (typed arrays).
 */

export type HeatMode = 'count' | 'overdue';

export interface HeatGrid {
  mode: HeatMode;
  width: number;
  height: number;
  /** Row-major from the north-west corner; counts (weighted kernel sums) or shares 0..1. */
  values: Float32Array;
  /** Largest value (count mode), 1 for shares. */
  max: number;
}

/** [minLon, minLat, maxLon, maxLat] */
export type Extent = readonly [number, number, number, number];

/** Below this kernel sum of all cases, the overdue share is not drawn (too few to say). */
export const MIN_SHARE_SUPPORT = 1;

function splat(out: Float32Array, width: number, height: number, px: number, py: number, radius: number): void {
  const r2 = radius * radius;
  const x0 = Math.max(0, Math.floor(px - radius));
  const x1 = Math.min(width - 1, Math.ceil(px + radius));
  const y0 = Math.max(0, Math.floor(py - radius));
  const y1 = Math.min(height - 1, Math.ceil(py + radius));
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - py;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - px;
      const d2 = dx * dx + dy * dy;
      if (d2 >= r2) continue;
      const u = 1 - d2 / r2;
      out[y * width + x] = (out[y * width + x] as number) + u * u;
    }
  }
}

/**
 * Kernel sums on a `width` × `height` grid over `extent`, `radiusPx` cells wide. Each case
 * adds (1 − d²/r²)² at distance d (cells, centre to centre), 1 at its own centre.
 */
export function heatGrid(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  shown: readonly number[],
  extent: Extent,
  width: number,
  height: number,
  radiusPx: number,
  mode: HeatMode = 'count',
  overdue?: ArrayLike<number | boolean>,
): HeatGrid {
  const [minLon, minLat, maxLon, maxLat] = extent;
  const sx = width / (maxLon - minLon || 1);
  const sy = height / (maxLat - minLat || 1);
  const all = new Float32Array(width * height);
  const late = mode === 'overdue' ? new Float32Array(width * height) : null;
  for (const i of shown) {
    const px = ((lon[i] as number) - minLon) * sx;
    const py = (maxLat - (lat[i] as number)) * sy;
    splat(all, width, height, px, py, radiusPx);
    if (late && overdue?.[i]) splat(late, width, height, px, py, radiusPx);
  }
  if (!late) {
    let max = 0;
    for (const v of all) if (v > max) max = v;
    return { mode, width, height, values: all, max };
  }
  const share = new Float32Array(width * height).fill(Number.NaN);
  for (let k = 0; k < all.length; k++) {
    const a = all[k] as number;
    if (a >= MIN_SHARE_SUPPORT) share[k] = (late[k] as number) / a;
  }
  return { mode, width, height, values: share, max: 1 };
}

/** Ramp stops: transparent blue, cyan, green, yellow, red (QGIS's "Turbo"-like heat). */
const RAMP: readonly (readonly [t: number, r: number, g: number, b: number, a: number])[] = [
  [0, 43, 131, 186, 0],
  [0.15, 43, 131, 186, 140],
  [0.35, 171, 221, 164, 180],
  [0.55, 255, 255, 191, 200],
  [0.75, 253, 174, 97, 215],
  [1, 215, 25, 28, 230],
];

/** The ramp's colour at t in 0..1 (clamped), [r, g, b, a]. */
export function rampColour(t: number): [number, number, number, number] {
  const x = Math.min(1, Math.max(0, t));
  for (let k = 1; k < RAMP.length; k++) {
    const hi = RAMP[k] as (typeof RAMP)[number];
    const lo = RAMP[k - 1] as (typeof RAMP)[number];
    if (x <= hi[0]) {
      const f = (x - lo[0]) / (hi[0] - lo[0]);
      const mix = (a: number, b: number): number => Math.round(a + f * (b - a));
      return [mix(lo[1], hi[1]), mix(lo[2], hi[2]), mix(lo[3], hi[3]), mix(lo[4], hi[4])];
    }
  }
  const last = RAMP[RAMP.length - 1] as (typeof RAMP)[number];
  return [last[1], last[2], last[3], last[4]];
}

/**
 * RGBA pixels of the grid. Counts go through a square root (a few dense spots would
 * otherwise wash out the rest); shares are linear; NaN and zero are transparent.
 */
export function heatRgba(grid: HeatGrid): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(grid.width * grid.height * 4);
  for (let k = 0; k < grid.values.length; k++) {
    const v = grid.values[k] as number;
    if (Number.isNaN(v) || v <= 0 || grid.max <= 0) continue;
    const t = grid.mode === 'overdue' ? v : Math.sqrt(v / grid.max);
    const [r, g, b, a] = rampColour(t);
    out.set([r, g, b, a], k * 4);
  }
  return out;
}
