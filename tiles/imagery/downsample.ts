/**
 * A coarser imagery tile from its four children: each output pixel is the premultiplied
 * (alpha-weighted) mean of the 2 x 2 child pixels it covers, which is bilinear resampling
 * by one half at pixel centres; missing children are transparent. Pure; environment: common.
 */
import { IMAGERY_TILE_SIZE } from './render-tile.js';

/** `children` in the order (2x, 2y), (2x+1, 2y), (2x, 2y+1), (2x+1, 2y+1); null = none or empty. */
export function averageChildren(children: readonly (Uint8Array | null)[]): Uint8Array {
  const n = IMAGERY_TILE_SIZE;
  const half = n / 2;
  const out = new Uint8Array(n * n * 4);
  for (let q = 0; q < 4; q++) {
    const child = children[q];
    if (!child) continue;
    const ox = (q & 1) * half;
    const oy = (q >> 1) * half;
    for (let j = 0; j < half; j++) {
      for (let i = 0; i < half; i++) {
        let a = 0;
        let r = 0;
        let g = 0;
        let b = 0;
        for (let s = 0; s < 4; s++) {
          const k = ((2 * j + (s >> 1)) * n + 2 * i + (s & 1)) * 4;
          const alpha = child[k + 3] as number;
          a += alpha;
          r += (child[k] as number) * alpha;
          g += (child[k + 1] as number) * alpha;
          b += (child[k + 2] as number) * alpha;
        }
        if (a === 0) continue;
        const o = ((oy + j) * n + ox + i) * 4;
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round(a / 4);
      }
    }
  }
  return out;
}

/** Whether a tile has no visible pixel. */
export function isTransparent(rgba: Uint8Array): boolean {
  for (let k = 3; k < rgba.length; k += 4) if (rgba[k] !== 0) return false;
  return true;
}
