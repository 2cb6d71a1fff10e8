/**
 * The outline of a DSM change component (dsm-core.ts): its runs of cells traced into
 * polygons along the cell edges, in the raster's map coordinates. Shells are
 * counter-clockwise, holes clockwise (OGC simple features); cells that touch only at a
 * corner become separate polygons touching at that point (the tracer turns right first,
 * towards the inside, so a ring never passes through a pinch twice). Collinear vertices are
 * dropped, so a rectangle of cells is four corners. Pure; environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';

export interface CellGrid {
  originX: number;
  originY: number;
  pixelWidth: number;
  /** Negative for a north-up raster. */
  pixelHeight: number;
}

type XY = [number, number];

function signedArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i] as XY;
    const [x1, y1] = ring[(i + 1) % ring.length] as XY;
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
}

function inside(p: XY, ring: readonly XY[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as XY;
    const [xj, yj] = ring[j] as XY;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** Polygons (shell first, then holes; rings closed) of the cells named by `runs` [row, col0, col1]. */
export function runsToPolygons(runs: readonly (readonly [number, number, number])[], grid: CellGrid): Position[][][] {
  if (runs.length === 0) return [];
  let minR = Infinity;
  let maxR = -Infinity;
  let minC = Infinity;
  let maxC = -Infinity;
  for (const [r, c0, c1] of runs) {
    minR = Math.min(minR, r);
    maxR = Math.max(maxR, r);
    minC = Math.min(minC, c0);
    maxC = Math.max(maxC, c1);
  }
  const w = maxC - minC + 1;
  const h = maxR - minR + 1;
  const cells = new Uint8Array(w * h);
  for (const [r, c0, c1] of runs) cells.fill(1, (r - minR) * w + (c0 - minC), (r - minR) * w + (c1 - minC) + 1);
  const at = (r: number, c: number): boolean => r >= 0 && r < h && c >= 0 && c < w && cells[r * w + c] === 1;

  // directed edges with the inside on the right (grid x right, y down); vertices are cell corners
  const vw = w + 1;
  const ex: number[] = [];
  const ey: number[] = [];
  const dx: number[] = [];
  const dy: number[] = [];
  const from = new Map<number, number[]>();
  const add = (x: number, y: number, ddx: number, ddy: number): void => {
    const i = ex.length;
    ex.push(x);
    ey.push(y);
    dx.push(ddx);
    dy.push(ddy);
    const k = y * vw + x;
    const list = from.get(k);
    if (list) list.push(i);
    else from.set(k, [i]);
  };
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      if (!at(r, c)) continue;
      if (!at(r - 1, c)) add(c, r, 1, 0);
      if (!at(r, c + 1)) add(c + 1, r, 0, 1);
      if (!at(r + 1, c)) add(c + 1, r + 1, -1, 0);
      if (!at(r, c - 1)) add(c, r + 1, 0, -1);
    }

  const used = new Uint8Array(ex.length);
  const rings: XY[][] = [];
  for (let start = 0; start < ex.length; start++) {
    if (used[start]) continue;
    const all: XY[] = [];
    let e = start;
    for (;;) {
      used[e] = 1;
      all.push([ex[e] ?? 0, ey[e] ?? 0]);
      const ddx = dx[e] ?? 0;
      const ddy = dy[e] ?? 0;
      const x = (ex[e] ?? 0) + ddx;
      const y = (ey[e] ?? 0) + ddy;
      const out = (from.get(y * vw + x) ?? []).filter((i) => !used[i]);
      // right turn (towards the inside), then straight, then left
      const prefs: XY[] = [
        [-ddy, ddx],
        [ddx, ddy],
        [ddy, -ddx],
      ];
      const next = prefs.map(([px, py]) => out.find((i) => dx[i] === px && dy[i] === py)).find((i) => i !== undefined);
      if (next === undefined) break;
      e = next;
    }
    // keep the corners only: drop a vertex on the line through its neighbours
    const ring = all.filter((b, i) => {
      const a = all[(i - 1 + all.length) % all.length] as XY;
      const c = all[(i + 1) % all.length] as XY;
      return (b[0] - a[0]) * (c[1] - b[1]) !== (b[1] - a[1]) * (c[0] - b[0]);
    });
    // to map coordinates; traced clockwise in the map for a shell: reverse to counter-clockwise
    const mapped = ring
      .map(([x, y]): XY => [grid.originX + (x + minC) * grid.pixelWidth, grid.originY + (y + minR) * grid.pixelHeight])
      .reverse();
    rings.push(mapped);
  }
  const flip = grid.pixelHeight > 0 ? -1 : 1;
  const shells = rings.filter((r) => flip * signedArea(r) > 0).map((r) => ({ shell: r, holes: [] as XY[][] }));
  for (const hole of rings.filter((r) => flip * signedArea(r) <= 0)) {
    const owner = shells
      .filter((s) => inside(hole[0] as XY, s.shell))
      .sort((a, b) => Math.abs(signedArea(a.shell)) - Math.abs(signedArea(b.shell)))[0];
    owner?.holes.push(hole);
  }
  const close = (r: XY[]): Position[] => [...r, r[0] as XY];
  return shells.map((s) => [close(s.shell), ...s.holes.map(close)]);
}
