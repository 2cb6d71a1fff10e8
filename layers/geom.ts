/**
 * Plane geometry every part of the workstation needs on plain coordinate arrays (lon/lat or
 * Gauss-Krüger metres): which side of a ring a point is on, and a ring's area. One function
 * each, tested on fixtures (tests/unit/layers/geom.test.ts), in the manner of Turf's modules.
 * Environment: common.
 */

/** A point as an array: [x, y] (more entries, such as z, are ignored). */
export type XYLike = readonly number[];

/**
 * Even-odd point in ring (W. Randolph Franklin's crossing test). The ring may or may not
 * repeat its first point; a point exactly on an edge may fall either way.
 */
export function pointInRing(x: number, y: number, ring: readonly XYLike[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const ax = a[0] ?? 0;
    const ay = a[1] ?? 0;
    const bx = b[0] ?? 0;
    const by = b[1] ?? 0;
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** Inside the first ring (the shell) and in none of the others (holes), even-odd. */
export function pointInPolygon(x: number, y: number, rings: readonly (readonly XYLike[])[]): boolean {
  let inside = false;
  for (const ring of rings) if (pointInRing(x, y, ring)) inside = !inside;
  return inside;
}

/**
 * Signed shoelace area: positive for counter-clockwise rings (y up). Summed relative to the
 * first vertex, so Gauss-Krüger coordinates (~4e7 m) keep square-centimetre precision.
 */
export function signedRingArea(ring: readonly XYLike[]): number {
  const first = ring[0];
  if (!first) return 0;
  const ox = first[0] ?? 0;
  const oy = first[1] ?? 0;
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (!a || !b) continue;
    twice += ((a[0] ?? 0) - ox) * ((b[1] ?? 0) - oy) - ((b[0] ?? 0) - ox) * ((a[1] ?? 0) - oy);
  }
  return twice / 2;
}

/** Unsigned area of a ring. */
export function ringArea(ring: readonly XYLike[]): number {
  return Math.abs(signedRingArea(ring));
}

/** `pointInRing` over a flat ring [x0, y0, x1, y1, …] (the globe's painted vectors keep rings flat). */
export function pointInFlatRing(x: number, y: number, ring: ArrayLike<number>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i + 1 < ring.length; j = i, i += 2) {
    const ax = ring[i] ?? 0;
    const ay = ring[i + 1] ?? 0;
    const bx = ring[j] ?? 0;
    const by = ring[j + 1] ?? 0;
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}
