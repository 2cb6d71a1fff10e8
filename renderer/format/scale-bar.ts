/** Picks a "nice" scale-bar length (1, 2, 3, 5 × 10^n metres) that fits the bar width. */
const NICE_STEPS = [1, 2, 3, 5] as const;

export interface ScaleBar {
  lengthM: number;
  widthPx: number;
}

export function niceScaleBar(metresPerPixel: number, maxWidthPx: number): ScaleBar | null {
  if (!Number.isFinite(metresPerPixel) || metresPerPixel <= 0) return null;
  const maxLengthM = metresPerPixel * maxWidthPx;
  let best: number | null = null;
  for (let exponent = -1; exponent <= 8; exponent++) {
    for (const step of NICE_STEPS) {
      const lengthM = step * 10 ** exponent;
      if (lengthM <= maxLengthM) best = lengthM;
    }
  }
  if (best === null) return null;
  return { lengthM: best, widthPx: best / metresPerPixel };
}
