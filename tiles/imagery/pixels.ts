/**
 * Source pixels -> 8-bit RGBA: band layout (grey, grey+alpha, RGB, RGBA), the pixel mask
 * (a pixel is nodata when every colour band holds the nodata value, as GDAL's warper
 * treats multi-band nodata by default) and the linear stretch of 16-bit or float bands.
 * Pure; environment: common.
 */
import { CimError } from '../../common/errors.js';
import type { RasterWindow } from '../raster/open-raster.js';

export interface BandLayout {
  /** Source band of R, G, B (the same one three times for grey). */
  colour: [number, number, number];
  alpha: number | null;
}

export function bandLayout(file: string, bandCount: number): BandLayout {
  switch (bandCount) {
    case 1:
      return { colour: [0, 0, 0], alpha: null };
    case 2:
      return { colour: [0, 0, 0], alpha: 1 };
    case 3:
      return { colour: [0, 1, 2], alpha: null };
    case 4:
      return { colour: [0, 1, 2], alpha: 3 };
    default:
      throw new CimError('tiles.unsupported_bands', { file, bands: bandCount });
  }
}

/** value -> 0..255 per band: identity for 8-bit, a linear stretch between two cuts otherwise. */
export interface Stretch {
  low: number[];
  high: number[];
}

export function identityStretch(bandCount: number): Stretch {
  return { low: Array<number>(bandCount).fill(0), high: Array<number>(bandCount).fill(255) };
}

/** 2nd and 98th percentiles of each band's valid values (QGIS's default cumulative cut). */
export function percentileStretch(win: RasterWindow, isNodata: (v: number) => boolean): Stretch {
  const low: number[] = [];
  const high: number[] = [];
  for (const band of win.bands) {
    const values: number[] = [];
    for (let k = 0; k < band.length; k++) {
      const v = band[k] as number;
      if (!isNodata(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
    const lo = at(0.02);
    const hi = at(0.98);
    low.push(lo);
    high.push(hi > lo ? hi : lo + 1);
  }
  return { low, high };
}

/** 1 where the window pixel holds data: not every colour band is nodata (and alpha > 0). */
export function validMask(win: RasterWindow, layout: BandLayout, isNodata: (v: number) => boolean): Uint8Array {
  const n = win.width * win.height;
  const mask = new Uint8Array(n);
  const bands = [...new Set(layout.colour)].map((b) => win.bands[b]);
  const alpha = layout.alpha === null ? undefined : win.bands[layout.alpha];
  for (let k = 0; k < n; k++) {
    let any = false;
    for (const band of bands) if (band && !isNodata(band[k] as number)) any = true;
    if (alpha && (alpha[k] as number) === 0) any = false;
    mask[k] = any ? 1 : 0;
  }
  return mask;
}
