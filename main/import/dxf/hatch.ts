/**
 * HATCH boundary paths as rings (AutoCAD DXF Reference, HATCH: boundary path data). A path
 * is a polyline (flag 2: code 72 has-bulge, 73 closed, 93 count, 10/20[/42] per vertex) or
 * a list of edges (93 count, then per edge 72 type: 1 line, 2 circular arc, 3 elliptic arc,
 * 4 spline taken through its control points). Pure; environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';
import { arcPoints, ellipsePoints, expandBulges } from './curves.js';
import type { Entity, Group } from './groups.js';

class Cursor {
  i = 0;
  constructor(private readonly groups: readonly Group[]) {}
  peek(): Group | undefined {
    return this.groups[this.i];
  }
  /** Advances to the next group with `code` (stopping at `stop`), returning its number. */
  take(code: number, stop: readonly number[] = []): number {
    while (this.i < this.groups.length) {
      const g = this.groups[this.i++];
      if (g?.code === code) return Number(g.value);
      if (g && stop.includes(g.code)) {
        this.i--;
        return NaN;
      }
    }
    return NaN;
  }
}

const MAX_COUNT = 1_000_000;
const count = (n: number): number => (Number.isFinite(n) && n >= 0 ? Math.min(Math.floor(n), MAX_COUNT) : 0);

function polylinePath(c: Cursor): Position[] {
  const hasBulge = c.take(72) === 1;
  c.take(73);
  const n = count(c.take(93));
  const vertices: Position[] = [];
  const bulges: number[] = [];
  for (let k = 0; k < n; k++) {
    const x = c.take(10);
    const y = c.take(20);
    vertices.push([x, y]);
    bulges.push(hasBulge && c.peek()?.code === 42 ? c.take(42) : 0);
  }
  // Boundaries are closed whether or not flag 73 (read past above) says so; a repeated first vertex is dropped
  // so the closing segment is not doubled.
  const first = vertices[0];
  const last = vertices[vertices.length - 1];
  if (vertices.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) {
    vertices.pop();
    bulges.pop();
  }
  return expandBulges(vertices, bulges, true);
}

function edgePath(c: Cursor): Position[] {
  const n = count(c.take(93));
  const out: Position[] = [];
  const push = (pts: Position[]): void => {
    const last = out[out.length - 1];
    const first = pts[0];
    out.push(...(last && first && last[0] === first[0] && last[1] === first[1] ? pts.slice(1) : pts));
  };
  for (let k = 0; k < n; k++) {
    const type = c.take(72);
    if (type === 1) {
      push([
        [c.take(10), c.take(20)],
        [c.take(11), c.take(21)],
      ]);
    } else if (type === 2) {
      const cx = c.take(10);
      const cy = c.take(20);
      const r = c.take(40);
      const a0 = (c.take(50) * Math.PI) / 180;
      const a1 = (c.take(51) * Math.PI) / 180;
      const ccw = c.take(73) !== 0;
      let sweep = a1 - a0;
      if (sweep <= 0) sweep += 2 * Math.PI;
      // A clockwise edge stores its angles mirrored (negated).
      push(ccw ? arcPoints(cx, cy, r, a0, sweep) : arcPoints(cx, cy, r, -a0, -sweep));
    } else if (type === 3) {
      const cx = c.take(10);
      const cy = c.take(20);
      const mx = c.take(11);
      const my = c.take(21);
      const ratio = c.take(40);
      const a0 = (c.take(50) * Math.PI) / 180;
      const a1 = (c.take(51) * Math.PI) / 180;
      c.take(73);
      push(ellipsePoints(cx, cy, mx, my, ratio, a0, a1));
    } else if (type === 4) {
      c.take(94);
      const knots = count(c.take(95));
      const controls = count(c.take(96));
      for (let q = 0; q < knots; q++) c.take(40);
      const pts: Position[] = [];
      for (let q = 0; q < controls; q++) pts.push([c.take(10), c.take(20)]);
      push(pts);
    } else break;
  }
  return out;
}

export function hatchRings(e: Entity): Position[][] {
  const c = new Cursor(e.groups);
  const paths = count(c.take(91));
  const rings: Position[][] = [];
  for (let p = 0; p < paths; p++) {
    const flags = c.take(92);
    if (!Number.isFinite(flags)) break;
    const ring = (flags & 2) === 2 ? polylinePath(c) : edgePath(c);
    const sources = count(c.take(97));
    for (let s = 0; s < sources; s++) c.take(330, [92, 75]);
    const finite = ring.filter((q) => Number.isFinite(q[0]) && Number.isFinite(q[1]));
    const first = finite[0];
    const last = finite[finite.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) finite.push([first[0], first[1]]);
    if (finite.length >= 4) rings.push(finite);
  }
  return rings;
}
