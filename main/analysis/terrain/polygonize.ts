/**
 * Cells to polygons (as gdal_polygonize does, 4-connected): the cells of a grid window that
 * a predicate accepts become polygons whose rings run along the cell edges. Edges are traced
 * with the accepted cells on their left, so outer rings run counter-clockwise and holes
 * clockwise (in map orientation); where two accepted cells touch only at a corner the trace
 * turns left, keeping them apart. Collinear vertices are dropped. Coordinates are the
 * window's cell-edge coordinates mapped through `toXY`. Pure; environment: common.
 */
import { pointInRing } from '../../../layers/geom.js';

type Ring = [number, number][];
export interface CellPolygon {
  /** Outer ring first, then holes; closed (first vertex repeated). */
  rings: Ring[];
  /** Accepted cells inside. */
  cells: number;
}

/** Signed area in vertex-grid units with y down (rows): positive for counter-clockwise on the map. */
function signedArea(ring: readonly [number, number][]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i] ?? [0, 0];
    const [x2, y2] = ring[(i + 1) % n] ?? [0, 0];
    s += x1 * y2 - x2 * y1;
  }
  // y grows downward: flip the sign so map counter-clockwise is positive.
  return -s / 2;
}

/**
 * Polygons of the accepted cells of a `width` × `height` window. `toXY(col, row)` maps a
 * cell-edge vertex (0…width, 0…height, rows downward) to output coordinates.
 */
export function polygonize(
  width: number,
  height: number,
  accept: (col: number, row: number) => boolean,
  toXY: (col: number, row: number) => [number, number],
): CellPolygon[] {
  const W = width + 1;
  const ok = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) ok[r * width + c] = accept(c, r) ? 1 : 0;
  const isIn = (c: number, r: number): boolean =>
    c >= 0 && r >= 0 && c < width && r < height && ok[r * width + c] === 1;
  // Outgoing edges per vertex: direction codes 0 east, 1 north, 2 west, 3 south (map directions).
  // Up to two per vertex (a pinch), stored as bits.
  const out = new Uint8Array(W * (height + 1));
  let edges = 0;
  const add = (v: number, dir: number): void => {
    out[v] = (out[v] ?? 0) | (1 << dir);
    edges++;
  };
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      if (!isIn(c, r)) continue;
      if (!isIn(c, r + 1)) add((r + 1) * W + c, 0); // bottom edge, eastward
      if (!isIn(c + 1, r)) add((r + 1) * W + c + 1, 1); // right edge, northward
      if (!isIn(c, r - 1)) add(r * W + c + 1, 2); // top edge, westward
      if (!isIn(c - 1, r)) add(r * W + c, 3); // left edge, southward
    }
  const DC = [1, 0, -1, 0];
  const DR = [0, -1, 0, 1];
  const rings: { ring: [number, number][]; area: number }[] = [];
  for (let v0 = 0; v0 < out.length && edges > 0; v0++) {
    while ((out[v0] ?? 0) !== 0) {
      const ring: [number, number][] = [];
      let v = v0;
      let dir = Math.log2((out[v0] ?? 0) & -(out[v0] ?? 0));
      let prevDir = -1;
      for (;;) {
        out[v] = (out[v] ?? 0) & ~(1 << dir);
        edges--;
        if (dir !== prevDir) ring.push([v % W, Math.floor(v / W)]);
        prevDir = dir;
        v = v + (DC[dir] ?? 0) + (DR[dir] ?? 0) * W;
        if (v === v0) break;
        const bits = out[v] ?? 0;
        if (bits === 0) break;
        const left = (dir + 1) % 4;
        const right = (dir + 3) % 4;
        if (bits & (1 << left)) dir = left;
        else if (bits & (1 << right) && !(bits & (1 << dir))) dir = right;
        else if (!(bits & (1 << dir))) break;
      }
      // Drop the start vertex when the ring closes straight through it.
      const first = ring[0];
      const second = ring[1];
      const last = ring[ring.length - 1];
      if (first && second && last && ring.length > 3) {
        const straight =
          (last[0] === first[0] && first[0] === second[0]) || (last[1] === first[1] && first[1] === second[1]);
        if (straight) ring.shift();
      }
      rings.push({ ring, area: signedArea(ring) });
    }
  }
  const outers = rings
    .filter((r) => r.area > 0)
    .map((r) => ({ ...r, holes: [] as [number, number][][], box: box(r.ring) }));
  for (const h of rings) {
    if (h.area >= 0) continue;
    // A point just left of the hole's first edge lies in an accepted cell next to the hole.
    const a = h.ring[0] ?? [0, 0];
    const b = h.ring[1] ?? [0, 0];
    const ex = Math.sign(b[0] - a[0]);
    const ey = Math.sign(b[1] - a[1]);
    // Left of travel on the map (y down in vertex units): rotate (ex, ey) by +90° on the map.
    const px = a[0] + ex * 0.5 + ey * 0.25;
    const py = a[1] + ey * 0.5 - ex * 0.25;
    let best: (typeof outers)[number] | null = null;
    for (const o of outers) {
      if (px < o.box[0] || px > o.box[2] || py < o.box[1] || py > o.box[3]) continue;
      if (!pointInRing(px, py, o.ring)) continue;
      if (!best || o.area < best.area) best = o;
    }
    best?.holes.push(h.ring);
  }
  const close = (r: [number, number][]): Ring => {
    const m = r.map(([c, rr]) => toXY(c, rr));
    if (m[0]) m.push([m[0][0], m[0][1]]);
    return m;
  };
  return outers.map((o) => {
    const holeArea = o.holes.reduce((s, h) => s - signedArea(h), 0);
    return { rings: [close(o.ring), ...o.holes.map(close)], cells: Math.round(o.area - holeArea) };
  });
}

function box(ring: readonly [number, number][]): [number, number, number, number] {
  let a = Infinity;
  let b = Infinity;
  let c = -Infinity;
  let d = -Infinity;
  for (const [x, y] of ring) {
    a = Math.min(a, x);
    b = Math.min(b, y);
    c = Math.max(c, x);
    d = Math.max(d, y);
  }
  return [a, b, c, d];
}
