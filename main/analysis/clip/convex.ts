/**
 * The convex fast path of the clip module. Most plan parcels are convex (two thirds of the
 * bench generator's, nearly all of a regulatory plan's rectangles), and the intersection of
 * two convex polygons is one convex polygon that Sutherland–Hodgman clipping computes
 * exactly (up to floating point, as GEOS does) in a few microseconds, against ~80 µs for
 * GEOS's overlay in wasm plus its WKB round trip. Only single-ring polygons that the simple
 * test passed (simple-ring.ts) and whose every turn goes the same way come here; anything
 * else goes to GEOS. tests/unit/analysis/clip/convex.test.ts checks it against GEOS.
 * Coordinates are taken relative to an origin near the data, so products keep their digits.
 * Environment: common.
 */

import { parcelRing } from './simple-ring.js';

/** A convex ring, counter-clockwise, its m distinct vertices as x0, y0, x1, y1, … (not closed). */
export type ConvexRing = Float64Array;

/** Whether a ring (x, y, … of its distinct vertices) is convex: every turn the same way. */
export function isConvex(ring: Float64Array): boolean {
  const m = ring.length / 2;
  const x0 = ring[0] ?? 0;
  const y0 = ring[1] ?? 0;
  let sign = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    const k = (i + 2) % m;
    const ax = (ring[2 * i] ?? 0) - x0;
    const ay = (ring[2 * i + 1] ?? 0) - y0;
    const bx = (ring[2 * j] ?? 0) - x0;
    const by = (ring[2 * j + 1] ?? 0) - y0;
    const turn = (bx - ax) * ((ring[2 * k + 1] ?? 0) - y0 - by) - (by - ay) * ((ring[2 * k] ?? 0) - x0 - bx);
    if (turn === 0) continue;
    const s = turn > 0 ? 1 : -1;
    if (sign !== 0 && s !== sign) return false;
    sign = s;
  }
  return sign !== 0;
}

/** The ring turned counter-clockwise (in place) when its signed area says clockwise. */
export function counterClockwise(ring: Float64Array): Float64Array {
  const m = ring.length / 2;
  const x0 = ring[0] ?? 0;
  const y0 = ring[1] ?? 0;
  let twice = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    twice +=
      ((ring[2 * i] ?? 0) - x0) * ((ring[2 * j + 1] ?? 0) - y0) -
      ((ring[2 * j] ?? 0) - x0) * ((ring[2 * i + 1] ?? 0) - y0);
  }
  if (twice < 0) {
    for (let i = 0, j = m - 1; i < j; i++, j--) {
      const xi = ring[2 * i] ?? 0;
      const yi = ring[2 * i + 1] ?? 0;
      ring[2 * i] = ring[2 * j] ?? 0;
      ring[2 * i + 1] = ring[2 * j + 1] ?? 0;
      ring[2 * j] = xi;
      ring[2 * j + 1] = yi;
    }
  }
  return ring;
}

/**
 * The ring of a little-endian 2D MultiPolygon of one polygon of one ring (as
 * wkb.copyPolygonal writes it), counter-clockwise, when it is convex; null otherwise.
 */
export function convexRingOf(wkb: Uint8Array): ConvexRing | null {
  const ring = parcelRing(wkb);
  return ring && isConvex(ring) ? counterClockwise(ring) : null;
}

/**
 * Sutherland–Hodgman: the subject ring (any simple ring) clipped by a convex
 * counter-clockwise ring: its vertices (x, y, …, not closed, duplicates removed), empty when
 * nothing is left. For a convex subject that is the intersection. For a concave one it is
 * the intersection too, except that pieces the clip cuts apart come back joined by edges
 * doubling back along the clip's edges: such a ring is not simple, and the caller sends the
 * pair to GEOS instead (isCertainlySimpleRing).
 */
export function clipConvex(subject: ConvexRing, clip: ConvexRing): Float64Array {
  const ox = subject[0] ?? 0;
  const oy = subject[1] ?? 0;
  const m = clip.length / 2;
  // Each clip edge adds at most one vertex: two buffers of subject + clip vertices suffice.
  const capacity = subject.length + clip.length + 2;
  let poly = new Float64Array(capacity);
  let next = new Float64Array(capacity);
  let n = subject.length / 2;
  for (let i = 0; i < 2 * n; i += 2) {
    poly[i] = (subject[i] ?? 0) - ox;
    poly[i + 1] = (subject[i + 1] ?? 0) - oy;
  }
  for (let e = 0; e < m && n >= 3; e++) {
    const px = (clip[2 * e] ?? 0) - ox;
    const py = (clip[2 * e + 1] ?? 0) - oy;
    const f = (e + 1) % m;
    const dx = (clip[2 * f] ?? 0) - ox - px;
    const dy = (clip[2 * f + 1] ?? 0) - oy - py;
    let count = 0;
    let sx = poly[2 * (n - 1)] ?? 0;
    let sy = poly[2 * (n - 1) + 1] ?? 0;
    let ss = dx * (sy - py) - dy * (sx - px);
    for (let i = 0; i < n; i++) {
      const ex = poly[2 * i] ?? 0;
      const ey = poly[2 * i + 1] ?? 0;
      const se = dx * (ey - py) - dy * (ex - px);
      if (se >= 0 !== ss >= 0) {
        const t = ss / (ss - se);
        next[2 * count] = sx + t * (ex - sx);
        next[2 * count + 1] = sy + t * (ey - sy);
        count++;
      }
      if (se >= 0) {
        next[2 * count] = ex;
        next[2 * count + 1] = ey;
        count++;
      }
      sx = ex;
      sy = ey;
      ss = se;
    }
    [poly, next] = [next, poly];
    n = count;
  }
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = poly[2 * i] ?? 0;
    const y = poly[2 * i + 1] ?? 0;
    if (k > 0 && poly[2 * (k - 1)] === x && poly[2 * (k - 1) + 1] === y) continue;
    poly[2 * k] = x;
    poly[2 * k + 1] = y;
    k++;
  }
  if (k > 1 && poly[0] === poly[2 * (k - 1)] && poly[1] === poly[2 * (k - 1) + 1]) k--;
  if (k < 3) return new Float64Array(0);
  const result = new Float64Array(2 * k);
  for (let i = 0; i < k; i++) {
    result[2 * i] = (poly[2 * i] ?? 0) + ox;
    result[2 * i + 1] = (poly[2 * i + 1] ?? 0) + oy;
  }
  return result;
}

/** Area (m²) and perimeter (m) of a ring given as x, y, … (not closed), relative to its first vertex. */
export function ringMeasures(ring: Float64Array): { areaM2: number; perimeterM: number } {
  const m = ring.length / 2;
  const ox = ring[0] ?? 0;
  const oy = ring[1] ?? 0;
  let twice = 0;
  let perimeterM = 0;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    const ax = (ring[2 * i] ?? 0) - ox;
    const ay = (ring[2 * i + 1] ?? 0) - oy;
    const bx = (ring[2 * j] ?? 0) - ox;
    const by = (ring[2 * j + 1] ?? 0) - oy;
    twice += ax * by - bx * ay;
    perimeterM += Math.hypot(bx - ax, by - ay);
  }
  return { areaM2: Math.abs(twice) / 2, perimeterM };
}
