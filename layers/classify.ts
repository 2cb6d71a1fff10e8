/**
 * Class breaks for graduated styles, computed as QGIS 3.22 computes them so a style made
 * here and one made in QGIS on the same values agree:
 * - `equalInterval`: min + i x (max - min) / n;
 * - `quantile`: QgsClassificationQuantile (linear between the sorted values at q x (n - 1));
 * - `jenks`: natural breaks by the Jenks/Fisher variance matrices of QgsClassificationJenks
 *   (every value, no sampling: our layers stay under its 3000-value sample limit or we accept
 *   the exact answer), each upper bound a data value;
 * - `stated`: the user's own edges, checked and sorted.
 * Returns n + 1 edges: the minimum, the n upper bounds. Environment: common.
 */
export type ClassMode = 'equalInterval' | 'quantile' | 'jenks' | 'stated';

export const CLASS_MODES: readonly ClassMode[] = ['equalInterval', 'quantile', 'jenks', 'stated'];

function sortedFinite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

export function equalIntervalBreaks(values: readonly number[], classes: number): number[] {
  const v = sortedFinite(values);
  if (v.length === 0) return [];
  const min = v[0] ?? 0;
  const max = v[v.length - 1] ?? 0;
  const step = (max - min) / classes;
  return Array.from({ length: classes + 1 }, (_, i) => (i === classes ? max : min + step * i));
}

export function quantileBreaks(values: readonly number[], classes: number): number[] {
  const v = sortedFinite(values);
  const n = v.length;
  if (n === 0) return [];
  const edges = [v[0] ?? 0];
  for (let i = 1; i < classes; i++) {
    if (n === 1) {
      edges.push(v[0] ?? 0);
      continue;
    }
    const a = (i / classes) * (n - 1);
    const aa = Math.floor(a);
    const r = a - aa;
    edges.push((1 - r) * (v[aa] ?? 0) + r * (v[aa + 1] ?? v[aa] ?? 0));
  }
  edges.push(v[n - 1] ?? 0);
  return edges;
}

export function jenksBreaks(values: readonly number[], classes: number): number[] {
  const sample = sortedFinite(values);
  const n = sample.length;
  if (n === 0) return [];
  if (classes <= 1) return [sample[0] ?? 0, sample[n - 1] ?? 0];
  if (n <= classes) {
    // fewer values than classes: each distinct value closes a class
    const distinct = [...new Set(sample)];
    return [sample[0] ?? 0, ...distinct];
  }
  const k = classes;
  // lower[l][j]: 1-based index of the first value of the last class, for the first l values in j classes
  const lower: Int32Array[] = Array.from({ length: n + 1 }, () => new Int32Array(k + 1));
  const variance: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(k + 1).fill(Number.MAX_VALUE));
  for (let j = 1; j <= k; j++) {
    const l1 = lower[1];
    const v1 = variance[1];
    if (l1 && v1) {
      l1[j] = 1;
      v1[j] = 0;
    }
  }
  for (let l = 2; l <= n; l++) {
    const lowerL = lower[l];
    const varL = variance[l];
    if (!lowerL || !varL) continue;
    let s1 = 0;
    let s2 = 0;
    let w = 0;
    let v = 0;
    for (let m = 1; m <= l; m++) {
      const i3 = l - m + 1;
      const val = sample[i3 - 1] ?? 0;
      s2 += val * val;
      s1 += val;
      w++;
      v = s2 - (s1 * s1) / w;
      const i4 = i3 - 1;
      if (i4 !== 0) {
        const prev = variance[i4];
        if (!prev) continue;
        for (let j = 2; j <= k; j++) {
          const candidate = v + (prev[j - 1] ?? Number.MAX_VALUE);
          if ((varL[j] ?? 0) >= candidate) {
            lowerL[j] = i4;
            varL[j] = candidate;
          }
        }
      }
    }
    lowerL[1] = 1;
    varL[1] = v;
  }
  const upper = new Array<number>(k);
  upper[k - 1] = sample[n - 1] ?? 0;
  for (let j = k, at = n; j >= 2; j--) {
    // as QgsClassificationJenks walks back: the value closing class j - 1, then on from one before it
    const id = (lower[at]?.[j] ?? 1) - 1;
    upper[j - 2] = sample[id] ?? 0;
    at = id;
  }
  return [sample[0] ?? 0, ...upper];
}

/** The user's edges: finite, at least two, strictly increasing after sorting. */
export function statedBreaks(edges: readonly number[]): number[] {
  const v = [...new Set(sortedFinite(edges))];
  return v.length >= 2 ? v : [];
}

export function classBreaks(mode: ClassMode, values: readonly number[], classes: number, stated?: readonly number[]) {
  switch (mode) {
    case 'equalInterval':
      return equalIntervalBreaks(values, classes);
    case 'quantile':
      return quantileBreaks(values, classes);
    case 'jenks':
      return jenksBreaks(values, classes);
    case 'stated':
      return statedBreaks(stated ?? []);
  }
}

/**
 * Colour ramps (ColorBrewer, as QGIS ships them) as their end and middle stops; a class
 * takes the colour at i / (n - 1) along the ramp, interpolated in RGB, as QGIS's gradient
 * ramps do.
 */
export const COLOUR_RAMPS = {
  YlOrRd: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  Blues: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  Greens: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
  YlGnBu: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  RdYlBu: ['#d7191c', '#fdae61', '#ffffbf', '#abd9e9', '#2c7bb6'],
  Spectral: ['#d7191c', '#fdae61', '#ffffbf', '#abdda4', '#2b83ba'],
  Viridis: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
  Set2: ['#66c2a5', '#fc8d62', '#8da0cb', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494', '#b3b3b3'],
} as const satisfies Record<string, readonly string[]>;
export type RampName = keyof typeof COLOUR_RAMPS;
export const RAMP_NAMES = Object.keys(COLOUR_RAMPS) as RampName[];

/** Qualitative ramps hand out their colours in turn instead of interpolating. */
const QUALITATIVE: ReadonlySet<RampName> = new Set(['Set2']);

function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function hexOf(r: number, g: number, b: number): string {
  const c = (x: number): string =>
    Math.max(0, Math.min(255, Math.round(x)))
      .toString(16)
      .padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** The colour at t in [0, 1] along a ramp. */
export function rampColourAt(ramp: RampName, t: number): string {
  const stops = COLOUR_RAMPS[ramp];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  const [r0, g0, b0] = rgbOf(stops[i] ?? '#000000');
  const [r1, g1, b1] = rgbOf(stops[i + 1] ?? '#000000');
  return hexOf(r0 + (r1 - r0) * f, g0 + (g1 - g0) * f, b0 + (b1 - b0) * f);
}

/** n colours from a ramp: ends included for a gradient, in turn for a qualitative one. */
export function rampColours(ramp: RampName, n: number): string[] {
  if (QUALITATIVE.has(ramp)) {
    const stops = COLOUR_RAMPS[ramp];
    return Array.from({ length: n }, (_, i) => stops[i % stops.length] ?? '#000000');
  }
  return Array.from({ length: n }, (_, i) => rampColourAt(ramp, n === 1 ? 0.5 : i / (n - 1)));
}

/** `lower - upper` with up to `digits` decimals, trailing zeros dropped (QGIS's default label). */
export function rangeLabel(lower: number, upper: number, digits = 4): string {
  const f = (x: number): string => String(Number(x.toFixed(digits)));
  return `${f(lower)} - ${f(upper)}`;
}
