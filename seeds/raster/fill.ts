/**
 * Scanline polygon fill on a north-up pixel grid: a pixel belongs to a polygon when its
 * centre does (even-odd over all rings), the rule GDAL's rasterizer uses by default.
 */
import type { XY } from '../geo/frame.js';

export interface PixelGrid {
  widthPx: number;
  heightPx: number;
  /** Local metres of the top-left corner of the top-left pixel. */
  originX: number;
  originY: number;
  cellM: number;
}

/** Calls `span(row, x0, x1)` for each run of pixels [x0, x1) inside the rings. */
export function scanPolygon(
  grid: PixelGrid,
  rings: readonly (readonly XY[])[],
  span: (row: number, x0: number, x1: number) => void,
): void {
  let minY = Infinity;
  let maxY = -Infinity;
  for (const ring of rings) {
    for (const p of ring) {
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  const rowTop = Math.max(0, Math.floor((grid.originY - maxY) / grid.cellM));
  const rowBottom = Math.min(grid.heightPx - 1, Math.ceil((grid.originY - minY) / grid.cellM));
  const xs: number[] = [];
  for (let row = rowTop; row <= rowBottom; row++) {
    const y = grid.originY - (row + 0.5) * grid.cellM;
    xs.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i] as XY;
        const b = ring[j] as XY;
        if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]));
      }
    }
    if (xs.length < 2) continue;
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // pixel columns whose centres lie in [xa, xb)
      const x0 = Math.max(0, Math.ceil(((xs[k] as number) - grid.originX) / grid.cellM - 0.5));
      const x1 = Math.min(grid.widthPx, Math.ceil(((xs[k + 1] as number) - grid.originX) / grid.cellM - 0.5));
      if (x1 > x0) span(row, x0, x1);
    }
  }
}

/** Fills rings with one value into a per-pixel buffer. */
export function fillPolygon(
  grid: PixelGrid,
  buffer: { [i: number]: number },
  rings: readonly (readonly XY[])[],
  value: number,
): void {
  scanPolygon(grid, rings, (row, x0, x1) => {
    const base = row * grid.widthPx;
    for (let x = x0; x < x1; x++) buffer[base + x] = value;
  });
}
