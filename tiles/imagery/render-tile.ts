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
import { applyStretch, validMask, type BandLayout, type Stretch } from './pixels.js';

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

/** Samples the tile's RGBA pixels from a window of `level`. */
export function renderTile(
  px: SourcePixels,
  raster: Raster,
  level: RasterLevel,
  win: RasterWindow,
  layout: BandLayout,
  stretch: Stretch,
  isNodata: (v: number) => boolean,
): Uint8Array {
  const n = IMAGERY_TILE_SIZE;
  const rgba = new Uint8Array(n * n * 4);
  const mask = validMask(win, layout, isNodata);
  const f = level.width / raster.width;
  const [wc0, wr0] = win.window;
  const bandsUsed = layout.alpha === null ? layout.colour : [...layout.colour, layout.alpha];
  const bands = bandsUsed.map((b) => win.bands[b] ?? new Uint8Array(win.width * win.height));
  const acc = new Float64Array(4);
  for (let k = 0; k < n * n; k++) {
    const col = (px.cols[k] as number) * f;
    const row = (px.rows[k] as number) * f;
    if (!(col >= 0 && row >= 0 && col <= level.width && row <= level.height)) continue;
    const xs = Math.min(Math.max(col - 0.5, 0), level.width - 1);
    const ys = Math.min(Math.max(row - 0.5, 0), level.height - 1);
    const ci = Math.floor(xs);
    const ri = Math.floor(ys);
    const fx = xs - ci;
    const fy = ys - ri;
    acc.fill(0);
    let weight = 0;
    for (let q = 0; q < 4; q++) {
      const c = Math.min(ci + (q & 1), level.width - 1) - wc0;
      const r = Math.min(ri + (q >> 1), level.height - 1) - wr0;
      const w = ((q & 1) === 1 ? fx : 1 - fx) * (q >> 1 === 1 ? fy : 1 - fy);
      if (w === 0 || c < 0 || r < 0 || c >= win.width || r >= win.height) continue;
      const idx = r * win.width + c;
      if (!mask[idx]) continue;
      for (let slot = 0; slot < bands.length; slot++) {
        acc[slot] = (acc[slot] as number) + ((bands[slot] as ArrayLike<number>)[idx] as number) * w;
      }
      weight += w;
    }
    if (weight === 0) continue;
    const o = k * 4;
    for (let slot = 0; slot < 3; slot++) {
      rgba[o + slot] = applyStretch(stretch, layout.colour[slot] as number, (acc[slot] as number) / weight);
    }
    rgba[o + 3] = layout.alpha === null ? 255 : Math.round(Math.min(255, (acc[3] as number) / weight));
  }
  return rgba;
}
