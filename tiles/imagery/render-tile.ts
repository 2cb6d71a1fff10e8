/**
 * One 256 x 256 RGBA imagery tile from the source: the tile's pixel centres are mapped to the
 * source CRS with proj4 on a 17 x 17 grid of control points and linearly in between (GDAL's
 * approximate transformer does the same), then sampled bilinearly with the pixel mask.
 * Pure apart from the window read; environment: common.
 */
import { tileBounds } from '../geo/tiling.js';
import type { Projector } from '../raster/footprint.js';
import { crsToPixel } from '../raster/geotransform.js';
import type { Raster, RasterLevel, RasterWindow } from '../raster/open-raster.js';
import { validMask, type BandLayout, type Stretch } from './pixels.js';

export const IMAGERY_TILE_SIZE = 256;
const CONTROL_STEP = 16;

export interface SourcePixels {
  /** Level-0 pixel coordinates of every output pixel centre, row-major. */
  cols: Float64Array;
  rows: Float64Array;
  /** Level-0 source pixels per output pixel, across the tile. */
  scale: number;
}

export function sourcePixelsOfTile(
  raster: Raster,
  projector: Projector,
  level: number,
  x: number,
  y: number,
): SourcePixels {
  const n = IMAGERY_TILE_SIZE;
  const g = n / CONTROL_STEP + 1;
  const [west, , east, north] = tileBounds(level, x, y);
  const span = east - west;
  const gc = new Float64Array(g * g);
  const gr = new Float64Array(g * g);
  for (let j = 0; j < g; j++) {
    for (let i = 0; i < g; i++) {
      const lon = west + ((i * CONTROL_STEP) / n) * span;
      const lat = north - ((j * CONTROL_STEP) / n) * span;
      const [sx, sy] = projector.toRaster(lon, lat);
      const [c, r] = crsToPixel(raster.transform, sx, sy);
      gc[j * g + i] = c;
      gr[j * g + i] = r;
    }
  }
  const cols = new Float64Array(n * n);
  const rows = new Float64Array(n * n);
  for (let v = 0; v < n; v++) {
    const fv = (v + 0.5) / CONTROL_STEP;
    const J = Math.min(Math.floor(fv), g - 2);
    const ty = fv - J;
    for (let u = 0; u < n; u++) {
      const fu = (u + 0.5) / CONTROL_STEP;
      const I = Math.min(Math.floor(fu), g - 2);
      const tx = fu - I;
      const k00 = J * g + I;
      cols[v * n + u] = lerpCell(gc, k00, g, tx, ty);
      rows[v * n + u] = lerpCell(gr, k00, g, tx, ty);
    }
  }
  // Source pixels per output pixel: the median over control cells that projected (far off a
  // projection's zone, proj4 has no answer for some control points).
  const steps: number[] = [];
  for (let j = 0; j < g; j++)
    for (let i = 0; i + 1 < g; i++) {
      const k = j * g + i;
      const d = Math.hypot((gc[k + 1] as number) - (gc[k] as number), (gr[k + 1] as number) - (gr[k] as number));
      if (Number.isFinite(d)) steps.push(d / CONTROL_STEP);
    }
  steps.sort((a, b) => a - b);
  const scale = steps[Math.floor(steps.length / 2)] ?? 1;
  return { cols, rows, scale };
}

function lerpCell(a: Float64Array, k00: number, g: number, tx: number, ty: number): number {
  return (
    (a[k00] as number) * (1 - tx) * (1 - ty) +
    (a[k00 + 1] as number) * tx * (1 - ty) +
    (a[k00 + g] as number) * (1 - tx) * ty +
    (a[k00 + g + 1] as number) * tx * ty
  );
}

/** The coarsest level whose pixels are still no larger than the output's. */
export function bestLevel(raster: Raster, scale: number): RasterLevel {
  let best = raster.levels[0] as RasterLevel;
  for (const level of raster.levels) {
    if (raster.width / level.width <= scale * 1.0001) best = level;
  }
  return best;
}

/** The level-`level` window that covers all the tile's pixels, or null when none falls on the raster. */
export function windowFor(
  px: SourcePixels,
  raster: Raster,
  level: RasterLevel,
): [number, number, number, number] | null {
  const f = level.width / raster.width;
  let c0 = Infinity;
  let r0 = Infinity;
  let c1 = -Infinity;
  let r1 = -Infinity;
  for (let k = 0; k < px.cols.length; k++) {
    const c = (px.cols[k] as number) * f;
    const r = (px.rows[k] as number) * f;
    if (!Number.isFinite(c) || !Number.isFinite(r)) continue;
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c);
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, r);
  }
  const w = [
    Math.max(0, Math.floor(c0) - 1),
    Math.max(0, Math.floor(r0) - 1),
    Math.min(level.width, Math.ceil(c1) + 2),
    Math.min(level.height, Math.ceil(r1) + 2),
  ] as [number, number, number, number];
  return w[2] > w[0] && w[3] > w[1] ? w : null;
}

/**
 * Samples the tile's RGBA pixels from a window of `level` (any window that holds them: a
 * unit of tiles shares one read). `mask` is the window's validMask, when the caller has it.
 */
export function renderTile(
  px: SourcePixels,
  raster: Raster,
  level: RasterLevel,
  win: RasterWindow,
  layout: BandLayout,
  stretch: Stretch,
  isNodata: (v: number) => boolean,
  mask: Uint8Array = validMask(win, layout, isNodata),
): Uint8Array {
  const n = IMAGERY_TILE_SIZE;
  const rgba = new Uint8Array(n * n * 4);
  const f = level.width / raster.width;
  const [wc0, wr0] = win.window;
  const ww = win.width;
  const wh = win.height;
  const lw = level.width;
  const lh = level.height;
  const empty = new Uint8Array(ww * wh);
  const band = (b: number | null): ArrayLike<number> => (b === null ? empty : (win.bands[b] ?? empty));
  const [r0, g0, b0] = layout.colour;
  const rb = band(r0);
  const gb = band(g0);
  const bb = band(b0);
  const ab = band(layout.alpha);
  const hasAlpha = layout.alpha !== null;
  // applyStretch's formula, unrolled per band (same arithmetic, so the same bytes).
  const lo = [stretch.low[r0] ?? 0, stretch.low[g0] ?? 0, stretch.low[b0] ?? 0];
  const span = [r0, g0, b0].map((band, slot) => (stretch.high[band] ?? 255) - (lo[slot] as number));
  const out = (v: number, slot: number): number =>
    Math.round(Math.min(255, Math.max(0, ((v - (lo[slot] as number)) / (span[slot] as number)) * 255)));
  const { cols, rows } = px;
  for (let k = 0; k < n * n; k++) {
    const col = (cols[k] as number) * f;
    const row = (rows[k] as number) * f;
    if (!(col >= 0 && row >= 0 && col <= lw && row <= lh)) continue;
    const xs = Math.min(Math.max(col - 0.5, 0), lw - 1);
    const ys = Math.min(Math.max(row - 0.5, 0), lh - 1);
    const ci = Math.floor(xs);
    const ri = Math.floor(ys);
    const fx = xs - ci;
    const fy = ys - ri;
    const ci1 = Math.min(ci + 1, lw - 1) - wc0;
    const ri1 = Math.min(ri + 1, lh - 1) - wr0;
    const c = ci - wc0;
    const r = ri - wr0;
    let sr = 0;
    let sg = 0;
    let sb = 0;
    let sa = 0;
    let weight = 0;
    for (let q = 0; q < 4; q++) {
      const cq = (q & 1) === 1 ? ci1 : c;
      const rq = (q & 2) === 2 ? ri1 : r;
      const w = ((q & 1) === 1 ? fx : 1 - fx) * ((q & 2) === 2 ? fy : 1 - fy);
      if (w === 0 || cq < 0 || rq < 0 || cq >= ww || rq >= wh) continue;
      const idx = rq * ww + cq;
      if (!mask[idx]) continue;
      sr += (rb[idx] as number) * w;
      sg += (gb[idx] as number) * w;
      sb += (bb[idx] as number) * w;
      if (hasAlpha) sa += (ab[idx] as number) * w;
      weight += w;
    }
    if (weight === 0) continue;
    const o = k * 4;
    rgba[o] = out(sr / weight, 0);
    rgba[o + 1] = out(sg / weight, 1);
    rgba[o + 2] = out(sb / weight, 2);
    rgba[o + 3] = hasAlpha ? Math.round(Math.min(255, sa / weight)) : 255;
  }
  return rgba;
}
