/**
 * Where a feature's label stands: inside its largest polygon, at the middle of its longest
 * line, or on its first point. Pure: lon/lat degrees in and out, no Cesium.
 */
import type { VectorFeature } from '../vector/features.js';

export type LonLat = [number, number];

/** Twice the signed area of a flat ring (shoelace), degrees². */
function ringArea2(ring: readonly number[]): number {
  let sum = 0;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum += (ring[j * 2] ?? 0) * (ring[i * 2 + 1] ?? 0) - (ring[i * 2] ?? 0) * (ring[j * 2 + 1] ?? 0);
  }
  return sum;
}

/** The area centroid of a flat ring; its vertex mean when it has no area. */
export function ringCentroid(ring: readonly number[]): LonLat {
  const n = ring.length / 2;
  const a2 = ringArea2(ring);
  if (n === 0) return [NaN, NaN];
  if (Math.abs(a2) < 1e-18) {
    let x = 0;
    let y = 0;
    for (let i = 0; i < n; i++) {
      x += ring[i * 2] ?? 0;
      y += ring[i * 2 + 1] ?? 0;
    }
    return [x / n, y / n];
  }
  // about the first vertex, so that degrees of a small city keep their precision
  const x0 = ring[0] ?? 0;
  const y0 = ring[1] ?? 0;
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = (ring[i * 2] ?? 0) - x0;
    const yi = (ring[i * 2 + 1] ?? 0) - y0;
    const xj = (ring[j * 2] ?? 0) - x0;
    const yj = (ring[j * 2 + 1] ?? 0) - y0;
    const cross = xj * yi - xi * yj;
    a += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

/** Even-odd test of a point against a flat ring. */
export function insideRing(ring: readonly number[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i * 2] ?? 0;
    const yi = ring[i * 2 + 1] ?? 0;
    const xj = ring[j * 2] ?? 0;
    const yj = ring[j * 2 + 1] ?? 0;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A point inside a ring: its centroid when that lies inside (convex and most parcels),
 * else the middle of the widest span of the ring along the centroid's parallel (an L or a U).
 */
export function ringAnchor(ring: readonly number[]): LonLat {
  const c = ringCentroid(ring);
  if (insideRing(ring, c[0], c[1])) return c;
  const y = c[1];
  const xs: number[] = [];
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i * 2] ?? 0;
    const yi = ring[i * 2 + 1] ?? 0;
    const xj = ring[j * 2] ?? 0;
    const yj = ring[j * 2 + 1] ?? 0;
    if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
  }
  xs.sort((a, b) => a - b);
  let best: LonLat = c;
  let widest = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const a = xs[k] ?? 0;
    const b = xs[k + 1] ?? 0;
    if (b - a > widest) {
      widest = b - a;
      best = [(a + b) / 2, y];
    }
  }
  return best;
}

/** The point halfway along a flat line, lengths measured with the parallel's scale. */
export function lineMidpoint(line: readonly number[]): LonLat {
  const n = line.length / 2;
  if (n === 0) return [NaN, NaN];
  const k = Math.cos(((line[1] ?? 0) * Math.PI) / 180);
  const seg: number[] = [];
  let total = 0;
  for (let i = 1; i < n; i++) {
    const d = Math.hypot(
      ((line[i * 2] ?? 0) - (line[i * 2 - 2] ?? 0)) * k,
      (line[i * 2 + 1] ?? 0) - (line[i * 2 - 1] ?? 0),
    );
    seg.push(d);
    total += d;
  }
  let left = total / 2;
  for (let i = 1; i < n; i++) {
    const d = seg[i - 1] ?? 0;
    if (left <= d && d > 0) {
      const t = left / d;
      const x0 = line[i * 2 - 2] ?? 0;
      const y0 = line[i * 2 - 1] ?? 0;
      return [x0 + t * ((line[i * 2] ?? 0) - x0), y0 + t * ((line[i * 2 + 1] ?? 0) - y0)];
    }
    left -= d;
  }
  return [line[0] ?? NaN, line[1] ?? NaN];
}

function lineLength(line: readonly number[]): number {
  let total = 0;
  for (let i = 2; i + 1 < line.length; i += 2) {
    total += Math.hypot((line[i] ?? 0) - (line[i - 2] ?? 0), (line[i + 1] ?? 0) - (line[i - 1] ?? 0));
  }
  return total;
}

/** Where a feature's label stands, or null for a feature with no geometry. */
export function featureAnchor(f: VectorFeature): LonLat | null {
  if (f.polygons.length > 0) {
    // outer rings: the first of each polygon's rings
    let best: number[] | null = null;
    let bestArea = -1;
    let at = 0;
    for (const count of f.ringCounts) {
      const outer = f.polygons[at];
      at += count;
      const a = outer ? Math.abs(ringArea2(outer)) : -1;
      if (outer && a > bestArea) {
        bestArea = a;
        best = outer;
      }
    }
    return best ? ringAnchor(best) : null;
  }
  if (f.lines.length > 0) {
    const longest = f.lines.reduce((a, b) => (lineLength(b) > lineLength(a) ? b : a));
    return lineMidpoint(longest);
  }
  if (f.points.length >= 2) return [f.points[0] ?? NaN, f.points[1] ?? NaN];
  return null;
}
