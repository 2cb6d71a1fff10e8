/** Plane geometry the pipe analyses need, in the local metric frame. Environment: common. */
import type { XY } from './model.js';

/** Where segments ab and cd cross: parameters along each (0..1), or null. */
export function crossing(a: XY, b: XY, c: XY, d: XY): { t: number; u: number } | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return null;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { t, u };
}

export function pointSegmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Shortest distance between segments ab and cd (0 when they cross). */
export function segmentDistance(a: XY, b: XY, c: XY, d: XY): number {
  if (crossing(a, b, c, d)) return 0;
  return Math.min(
    pointSegmentDistance(a, c, d),
    pointSegmentDistance(b, c, d),
    pointSegmentDistance(c, a, b),
    pointSegmentDistance(d, a, b),
  );
}

/** Angle between the lines of ab and cd, 0..90 degrees. */
export function lineAngleDeg(a: XY, b: XY, c: XY, d: XY): number {
  const t1 = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const t2 = Math.atan2(d[1] - c[1], d[0] - c[0]);
  let diff = Math.abs(t1 - t2) % Math.PI;
  if (diff > Math.PI / 2) diff = Math.PI - diff;
  return (diff * 180) / Math.PI;
}

/** Length of the overlap of cd's projection onto ab's line with ab itself, metres. */
export function projectionOverlapM(a: XY, b: XY, c: XY, d: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return 0;
  const p = (q: XY): number => ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len;
  const lo = Math.max(0, Math.min(p(c), p(d)));
  const hi = Math.min(len, Math.max(p(c), p(d)));
  return Math.max(0, hi - lo);
}

/** Cumulative distance of each vertex along a polyline. */
export function chainage(xy: readonly XY[]): number[] {
  const out = [0];
  for (let i = 1; i < xy.length; i++) {
    const a = xy[i - 1] as XY;
    const b = xy[i] as XY;
    out.push((out[i - 1] ?? 0) + Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  return out;
}
