/**
 * Nodata-aware bilinear sampling of raster windows. Positions are continuous pixel
 * coordinates of the level (pixel (c, r) covers [c, c+1) x [r, r+1), its centre at
 * c + 0.5), as GDAL uses them. Pure; environment: common.
 */
import type { RasterWindow } from './open-raster.js';

/** A predicate for "no value here": NaN, or the nodata value as the band stores it. */
export function nodataTest(nodata: number | null, bitsPerSample: number, float: boolean): (v: number) => boolean {
  if (nodata === null) return (v) => Number.isNaN(v);
  // A Float32 band holds nodata rounded to float32 (e.g. -3.4e38): compare like with like.
  const stored = float && bitsPerSample === 32 ? Math.fround(nodata) : nodata;
  return (v) => Number.isNaN(v) || v === stored;
}

/**
 * Bilinear value of `band` at (col, row), with the weights of nodata neighbours given to the
 * valid ones; NaN when all four are nodata or the point is outside the level
 * (`levelWidth` x `levelHeight`). Within half a pixel of the edge the edge pixels are used.
 */
export function bilinearAt(
  win: RasterWindow,
  band: number,
  col: number,
  row: number,
  isNodata: (v: number) => boolean,
  levelWidth: number,
  levelHeight: number,
): number {
  if (!(col >= 0 && row >= 0 && col <= levelWidth && row <= levelHeight)) return NaN;
  const data = win.bands[band];
  if (!data) return NaN;
  const x = Math.min(Math.max(col - 0.5, 0), levelWidth - 1);
  const y = Math.min(Math.max(row - 0.5, 0), levelHeight - 1);
  const c0 = Math.floor(x);
  const r0 = Math.floor(y);
  const fx = x - c0;
  const fy = y - r0;
  const c1 = Math.min(c0 + 1, levelWidth - 1);
  const r1 = Math.min(r0 + 1, levelHeight - 1);
  const [wc0, wr0] = win.window;
  let sum = 0;
  let weight = 0;
  // The four neighbours unrolled: no closure in this hot path (tsx names every closure it makes).
  for (let q = 0; q < 4; q++) {
    const c = (q & 1) === 1 ? c1 : c0;
    const r = (q & 2) === 2 ? r1 : r0;
    const w = ((q & 1) === 1 ? fx : 1 - fx) * ((q & 2) === 2 ? fy : 1 - fy);
    const wc = c - wc0;
    const wr = r - wr0;
    if (w === 0 || wc < 0 || wr < 0 || wc >= win.width || wr >= win.height) continue;
    const v = data[wr * win.width + wc] as number;
    if (isNodata(v)) continue;
    sum += v * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : NaN;
}
