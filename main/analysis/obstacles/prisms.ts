/**
 * The obstacle model shared by the analyses that cast rays through the city (sunlight,
 * and line of sight / viewshed / skyline after them): buildings as vertical prisms (a
 * footprint with holes, from `baseM` up to `topM`, in the local frame of frame.ts) in flat
 * typed arrays with a flatbush index over their boxes. `packObstacles` can allocate the
 * arrays in SharedArrayBuffers, so worker threads read one copy (`openObstacles`).
 *
 * API:
 * - `packObstacles(prisms, {shared})` → ObstacleData (plain typed arrays, postMessage-able);
 * - `openObstacles(data)` → Obstacles: `search(box)`, `entryDistance(prism, x, y, ux, uy)`
 *   (how far a horizontal ray travels before it enters a footprint), `firstHit(...)` (the
 *   first prism a 3D ray or segment meets), `containsXY`.
 * Environment: common (worker threads included).
 */
import Flatbush from 'flatbush';

export interface PrismInput {
  /** Outer ring(s) and holes, [x, y] in local metres; closed or not, either orientation. */
  rings: readonly (readonly (readonly [number, number])[])[];
  baseM: number;
  topM: number;
}

export interface ObstacleData {
  /** Ring vertices, each ring closed (its first vertex repeated at its end). */
  xs: Float64Array;
  ys: Float64Array;
  /** Ring r spans vertices ringStart[r] .. ringStart[r+1]-1. */
  ringStart: Uint32Array;
  /** Prism p has rings prismRing[p] .. prismRing[p+1]-1. */
  prismRing: Uint32Array;
  baseM: Float64Array;
  topM: Float64Array;
  /** [minX, minY, maxX, maxY] per prism. */
  boxes: Float64Array;
  /** flatbush's own buffer over `boxes` (null when there are no prisms). */
  index: ArrayBufferLike | null;
  maxTopM: number;
}

function alloc(shared: boolean, bytes: number): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

export function packObstacles(prisms: readonly PrismInput[], options: { shared?: boolean } = {}): ObstacleData {
  const shared = options.shared ?? false;
  let vertices = 0;
  let rings = 0;
  for (const p of prisms)
    for (const r of p.rings) {
      if (r.length < 3) continue;
      rings++;
      vertices += r.length + 1;
    }
  const xs = new Float64Array(alloc(shared, vertices * 8));
  const ys = new Float64Array(alloc(shared, vertices * 8));
  const ringStart = new Uint32Array(alloc(shared, (rings + 1) * 4));
  const prismRing = new Uint32Array(alloc(shared, (prisms.length + 1) * 4));
  const baseM = new Float64Array(alloc(shared, prisms.length * 8));
  const topM = new Float64Array(alloc(shared, prisms.length * 8));
  const boxes = new Float64Array(alloc(shared, prisms.length * 32));
  let v = 0;
  let r = 0;
  let maxTopM = -Infinity;
  prisms.forEach((p, i) => {
    prismRing[i] = r;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const ring of p.rings) {
      if (ring.length < 3) continue;
      ringStart[r++] = v;
      const first = ring[0];
      const last = ring[ring.length - 1];
      const closed = first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
      const pts = closed ? ring.slice(0, -1) : ring;
      for (const [x, y] of [...pts, pts[0] ?? [0, 0]]) {
        xs[v] = x;
        ys[v] = y;
        v++;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
    baseM[i] = p.baseM;
    topM[i] = p.topM;
    boxes.set([minX, minY, maxX, maxY], i * 4);
    if (p.topM > maxTopM) maxTopM = p.topM;
  });
  ringStart[r] = v;
  prismRing[prisms.length] = r;
  let index: ArrayBufferLike | null = null;
  if (prisms.length > 0) {
    const fb = new Flatbush(prisms.length, 16, Float64Array, shared ? SharedArrayBuffer : ArrayBuffer);
    for (let i = 0; i < prisms.length; i++) {
      fb.add(boxes[i * 4] ?? 0, boxes[i * 4 + 1] ?? 0, boxes[i * 4 + 2] ?? 0, boxes[i * 4 + 3] ?? 0);
    }
    fb.finish();
    index = fb.data;
  }
  return { xs, ys, ringStart, prismRing, baseM, topM, boxes, index, maxTopM };
}

export class Obstacles {
  readonly count: number;
  private readonly fb: Flatbush | null;

  constructor(readonly data: ObstacleData) {
    this.count = data.baseM.length;
    this.fb = data.index ? Flatbush.from(data.index) : null;
  }

  /** Prisms whose boxes touch the box. */
  search(minX: number, minY: number, maxX: number, maxY: number): number[] {
    return this.fb ? this.fb.search(minX, minY, maxX, maxY) : [];
  }

  /**
   * Horizontal distance along the unit direction (ux, uy) from (x, y) to the first crossing of
   * prism p's outline (Infinity when the ray misses it). From outside the footprint (or inside
   * a courtyard) the first crossing is where the ray enters the building.
   */
  entryDistance(p: number, x: number, y: number, ux: number, uy: number): number {
    const { xs, ys, ringStart, prismRing } = this.data;
    let best = Infinity;
    const r1 = prismRing[p + 1] ?? 0;
    for (let r = prismRing[p] ?? 0; r < r1; r++) {
      const end = (ringStart[r + 1] ?? 0) - 1;
      for (let k = ringStart[r] ?? 0; k < end; k++) {
        const ax = (xs[k] ?? 0) - x;
        const ay = (ys[k] ?? 0) - y;
        const ex = (xs[k + 1] ?? 0) - (xs[k] ?? 0);
        const ey = (ys[k + 1] ?? 0) - (ys[k] ?? 0);
        const den = ux * ey - uy * ex;
        if (den === 0) continue;
        const s = (ax * ey - ay * ex) / den;
        if (s <= 0 || s >= best) continue;
        const w = (ax * uy - ay * ux) / den;
        if (w >= 0 && w <= 1) best = s;
      }
    }
    return best;
  }

  /** Whether (x, y) is inside prism p's footprint (even-odd over its rings). */
  containsXY(p: number, x: number, y: number): boolean {
    const { xs, ys, ringStart, prismRing } = this.data;
    let inside = false;
    const r1 = prismRing[p + 1] ?? 0;
    for (let r = prismRing[p] ?? 0; r < r1; r++) {
      const end = (ringStart[r + 1] ?? 0) - 1;
      for (let k = ringStart[r] ?? 0; k < end; k++) {
        const ax = xs[k] ?? 0;
        const ay = ys[k] ?? 0;
        const bx = xs[k + 1] ?? 0;
        const by = ys[k + 1] ?? 0;
        if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
    return inside;
  }

  /** Sorted horizontal distances (along a unit direction) at which the ray crosses prism p's outline. */
  private crossings(p: number, x: number, y: number, ux: number, uy: number, maxS: number): number[] {
    const { xs, ys, ringStart, prismRing } = this.data;
    const out: number[] = [];
    const r1 = prismRing[p + 1] ?? 0;
    for (let r = prismRing[p] ?? 0; r < r1; r++) {
      const end = (ringStart[r + 1] ?? 0) - 1;
      for (let k = ringStart[r] ?? 0; k < end; k++) {
        const ax = (xs[k] ?? 0) - x;
        const ay = (ys[k] ?? 0) - y;
        const ex = (xs[k + 1] ?? 0) - (xs[k] ?? 0);
        const ey = (ys[k + 1] ?? 0) - (ys[k] ?? 0);
        const den = ux * ey - uy * ex;
        if (den === 0) continue;
        const s = (ax * ey - ay * ex) / den;
        const w = (ax * uy - ay * ux) / den;
        if (s > 0 && s <= maxS && w >= 0 && w < 1) out.push(s);
      }
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * The first point where the segment from (x, y, z) along (dx, dy, dz) · t, 0 ≤ t ≤ 1, meets
   * a prism: { t, prism }, or null when it meets none. Inclusive of the prism's faces; a
   * segment starting inside a prism hits it at t = 0.
   */
  firstHit(
    x: number,
    y: number,
    z: number,
    dx: number,
    dy: number,
    dz: number,
    skip?: (prism: number) => boolean,
  ): { t: number; prism: number } | null {
    const { baseM, topM } = this.data;
    const h = Math.hypot(dx, dy);
    const cands = this.search(Math.min(x, x + dx), Math.min(y, y + dy), Math.max(x, x + dx), Math.max(y, y + dy));
    let best: { t: number; prism: number } | null = null;
    for (const p of cands) {
      if (skip?.(p)) continue;
      const base = baseM[p] ?? 0;
      const top = topM[p] ?? 0;
      // Inside-footprint stretches of t, then where in each the height is within [base, top].
      const spans: [number, number][] = [];
      if (h < 1e-12) {
        if (this.containsXY(p, x, y)) spans.push([0, 1]);
      } else {
        const ux = dx / h;
        const uy = dy / h;
        const cross = this.crossings(p, x, y, ux, uy, h).map((s) => s / h);
        let inside = this.containsXY(p, x, y);
        let from = 0;
        for (const t of cross) {
          if (inside) spans.push([from, t]);
          inside = !inside;
          from = t;
        }
        if (inside) spans.push([from, 1]);
      }
      for (const [t0, t1] of spans) {
        const t = enterHeight(z, dz, t0, t1, base, top);
        if (t !== null && (!best || t < best.t)) best = { t, prism: p };
      }
    }
    return best;
  }
}

/** The first t in [t0, t1] where z + t·dz is within [base, top], or null. */
function enterHeight(z: number, dz: number, t0: number, t1: number, base: number, top: number): number | null {
  const z0 = z + t0 * dz;
  if (z0 >= base && z0 <= top) return t0;
  if (dz > 0 && z0 < base) {
    const t = (base - z) / dz;
    return t <= t1 ? t : null;
  }
  if (dz < 0 && z0 > top) {
    const t = (top - z) / dz;
    return t <= t1 ? t : null;
  }
  return null;
}

export function openObstacles(data: ObstacleData): Obstacles {
  return new Obstacles(data);
}
