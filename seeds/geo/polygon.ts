/**
 * Planar polygon primitives in local metres. Rings are open (the first vertex is not
 * repeated) and counter-clockwise; the writer closes them. Clipping is Sutherland-Hodgman
 * against a convex clipper, which is exact for what the city needs (a cell cut by a region,
 * a block cut into strips) and thousands of times faster than a general clipper.
 * A vertical or horizontal clip line keeps its coordinate exactly, so neighbouring cells
 * cut by the same line share that coordinate bit for bit.
 */
import type { XY } from './frame.js';
import { pointInRing as pointInXY, signedRingArea } from '../../layers/geom.js';

export type Ring = XY[];

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function rect(minX: number, minY: number, maxX: number, maxY: number): Ring {
  return [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];
}

/** Shoelace area: positive for counter-clockwise rings. */
export function signedArea(ring: readonly XY[]): number {
  return signedRingArea(ring);
}

export function area(ring: readonly XY[]): number {
  return Math.abs(signedArea(ring));
}

export function ccw(ring: Ring): Ring {
  return signedArea(ring) < 0 ? [...ring].reverse() : ring;
}

export function boxOf(points: readonly XY[]): Box {
  const b: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    if (x < b.minX) b.minX = x;
    if (y < b.minY) b.minY = y;
    if (x > b.maxX) b.maxX = x;
    if (y > b.maxY) b.maxY = y;
  }
  return b;
}

export function centroid(ring: readonly XY[]): XY {
  let cx = 0;
  let cy = 0;
  let a = 0;
  const [ox, oy] = ring[0] ?? [0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j] as XY;
    const q = ring[i] as XY;
    const px = p[0] - ox;
    const py = p[1] - oy;
    const qx = q[0] - ox;
    const qy = q[1] - oy;
    const f = px * qy - qx * py;
    cx += (px + qx) * f;
    cy += (py + qy) * f;
    a += f;
  }
  if (Math.abs(a) < 1e-12) return [ox, oy];
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

/** Even-odd point in ring. */
export function pointInRing(p: readonly [number, number], ring: readonly XY[]): boolean {
  return pointInXY(p[0], p[1], ring);
}

export function distanceToSegment(p: readonly [number, number], a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from a point to a ring's boundary. */
export function distanceToRing(p: readonly [number, number], ring: readonly XY[]): number {
  let d = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    d = Math.min(d, distanceToSegment(p, ring[j] as XY, ring[i] as XY));
  }
  return d;
}

/** A half-plane `nx*x + ny*y <= c`. */
export interface HalfPlane {
  nx: number;
  ny: number;
  c: number;
}

function side(h: HalfPlane, p: XY): number {
  return h.nx * p[0] + h.ny * p[1] - h.c;
}

function crossing(h: HalfPlane, p: XY, q: XY): XY {
  // Axis-aligned lines keep their coordinate exactly (shared edges stay identical).
  if (h.ny === 0 && h.nx !== 0) {
    const x = h.c / h.nx;
    const t = (x - p[0]) / (q[0] - p[0]);
    return [x, p[1] + t * (q[1] - p[1])];
  }
  if (h.nx === 0 && h.ny !== 0) {
    const y = h.c / h.ny;
    const t = (y - p[1]) / (q[1] - p[1]);
    return [p[0] + t * (q[0] - p[0]), y];
  }
  const sp = side(h, p);
  const sq = side(h, q);
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/** Keeps the part of a ring inside a half-plane (Sutherland-Hodgman, one edge). */
export function clipHalfPlane(ring: readonly XY[], h: HalfPlane): Ring {
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[(i + ring.length - 1) % ring.length] as XY;
    const q = ring[i] as XY;
    const pin = side(h, p) <= 0;
    const qin = side(h, q) <= 0;
    if (qin) {
      if (!pin) out.push(crossing(h, p, q));
      out.push(q);
    } else if (pin) {
      out.push(crossing(h, p, q));
    }
  }
  return dedupe(out);
}

/** The half-plane left of the directed edge a -> b (inside of a counter-clockwise ring). */
function leftOf(a: XY, b: XY): HalfPlane {
  const nx = b[1] - a[1];
  const ny = a[0] - b[0];
  // keep axis-aligned edges exactly axis-aligned
  if (nx === 0) return { nx: 0, ny: Math.sign(ny), c: Math.sign(ny) * a[1] };
  if (ny === 0) return { nx: Math.sign(nx), ny: 0, c: Math.sign(nx) * a[0] };
  return { nx, ny, c: nx * a[0] + ny * a[1] };
}

/** Subject ring (any simple ring) clipped by a convex counter-clockwise ring. */
export function clipConvex(subject: readonly XY[], convex: readonly XY[]): Ring {
  let out: Ring = [...subject];
  for (let i = 0; i < convex.length && out.length > 0; i++) {
    out = clipHalfPlane(out, leftOf(convex[i] as XY, convex[(i + 1) % convex.length] as XY));
  }
  return out.length >= 3 && area(out) > 1e-9 ? out : [];
}

function dedupe(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || Math.abs(last[0] - p[0]) > 1e-9 || Math.abs(last[1] - p[1]) > 1e-9) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && Math.abs(first[0] - last[0]) <= 1e-9 && Math.abs(first[1] - last[1]) <= 1e-9) {
    out.pop();
  }
  return out;
}

/**
 * Whether a convex candidate (a building footprint) lies inside a ring with at least
 * `clearance` metres to its boundary: every corner inside and far enough from every edge.
 * Exact for convex rings; for the city's nearly-convex parcels it is what placement needs.
 */
export function fitsInside(candidate: readonly XY[], ring: readonly XY[], clearance: number): boolean {
  return candidate.every((p) => pointInRing(p, ring) && distanceToRing(p, ring) >= clearance);
}

/** Offsets a polyline sideways by `d` (positive = left of travel), mitred at the vertices. */
export function offsetPolyline(points: readonly XY[], d: number): XY[] {
  const normals = points.slice(1).map((q, i) => {
    const p = points[i] as XY;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    return [-(q[1] - p[1]) / len, (q[0] - p[0]) / len] as XY;
  });
  return points.map((p, i) => {
    const n0 = normals[Math.max(0, i - 1)] as XY;
    const n1 = normals[Math.min(normals.length - 1, i)] as XY;
    const mx = n0[0] + n1[0];
    const my = n0[1] + n1[1];
    const scale = d / (1 + n0[0] * n1[0] + n0[1] * n1[1]);
    return [p[0] + mx * scale, p[1] + my * scale] as XY;
  });
}

/** Point at parameter t along segment a -> b. */
export function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}
