/** Pixel statistics over screenshot regions, for "is anything drawn / did it change" checks. */
import type { Rgba } from './png.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function clampBox(image: Rgba, box: Box): Box {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  return {
    x,
    y,
    width: Math.max(0, Math.min(image.width, Math.ceil(box.x + box.width)) - x),
    height: Math.max(0, Math.min(image.height, Math.ceil(box.y + box.height)) - y),
  };
}

/** Variance of the luminance: near zero for a blank (single-colour) picture. */
export function luminanceVariance(image: Rgba, region?: Box): number {
  const box = clampBox(image, region ?? { x: 0, y: 0, width: image.width, height: image.height });
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * image.width + x) * 4;
      const l = 0.299 * (image.data[i] ?? 0) + 0.587 * (image.data[i + 1] ?? 0) + 0.114 * (image.data[i + 2] ?? 0);
      sum += l;
      sumSq += l * l;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** Mean absolute difference per channel (0-255) between two same-size images in a region. */
export function meanAbsDiff(a: Rgba, b: Rgba, region?: Box): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('images differ in size');
  const box = clampBox(a, region ?? { x: 0, y: 0, width: a.width, height: a.height });
  let total = 0;
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 3; c++) total += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
      n += 3;
    }
  }
  return n === 0 ? 0 : total / n;
}
