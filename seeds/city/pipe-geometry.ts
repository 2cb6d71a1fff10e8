/**
 * Where each system runs: its offset from the road centreline by road width (GB 50289-2016
 * 表 4.1.9 horizontal clearances), offset lines and their crossings (the junction points).
 */
import type { PipeSystem } from '../../layers/pipelines.js';
import type { XY } from '../geo/frame.js';
import type { RoadGrade } from './layout.js';
import type { RoadEdge } from './network.js';

/** Signed offset from the centreline (left of the road's canonical direction), metres. */
export function offsetFor(system: PipeSystem, widthM: number): number {
  const h = widthM / 2;
  if (h < 12) {
    const narrow: Record<PipeSystem, number> = {
      电力: h - 1.5,
      给水: h - 4,
      雨水: 1.5,
      污水: -1.5,
      燃气: -(h - 4),
      通信: -(h - 1.5),
      热力: h - 6,
    };
    return narrow[system];
  }
  const wide: Record<PipeSystem, number> = {
    电力: h - 2,
    给水: h - 5,
    热力: h - 8,
    雨水: 0.3 * h,
    污水: -0.3 * h,
    燃气: -(h - 5),
    通信: -(h - 2),
  };
  return wide[system];
}

export function present(system: PipeSystem, grade: RoadGrade): boolean {
  return system !== '热力' || grade === '主干路';
}

/** Canonical direction: eastward, or northward for north-south segments. */
export function canonicalNormal(a: XY, b: XY): XY {
  let dx = b[0] - a[0];
  let dy = b[1] - a[1];
  if (dx < 0 || (dx === 0 && dy < 0)) {
    dx = -dx;
    dy = -dy;
  }
  const len = Math.hypot(dx, dy);
  return [-dy / len, dx / len];
}

export interface OffsetLine {
  p: XY;
  d: XY;
}

export function lineAt(edge: RoadEdge, atStart: boolean, off: number): OffsetLine {
  const a = atStart ? (edge.line[0] as XY) : (edge.line[edge.line.length - 2] as XY);
  const b = atStart ? (edge.line[1] as XY) : (edge.line[edge.line.length - 1] as XY);
  const n = canonicalNormal(a, b);
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  return { p: [a[0] + n[0] * off, a[1] + n[1] * off], d: [(b[0] - a[0]) / len, (b[1] - a[1]) / len] };
}

export function intersect(l1: OffsetLine, l2: OffsetLine): XY | null {
  const den = l1.d[0] * l2.d[1] - l1.d[1] * l2.d[0];
  if (Math.abs(den) < 1e-6) return null;
  const t = ((l2.p[0] - l1.p[0]) * l2.d[1] - (l2.p[1] - l1.p[1]) * l2.d[0]) / den;
  return [l1.p[0] + t * l1.d[0], l1.p[1] + t * l1.d[1]];
}

function offsetVertex(prev: XY, v: XY, next: XY, off: number): XY {
  const n0 = canonicalNormal(prev, v);
  const n1 = canonicalNormal(v, next);
  const m: XY = [n0[0] + n1[0], n0[1] + n1[1]];
  const k = off / (1 + n0[0] * n1[0] + n0[1] * n1[1]);
  return [v[0] + m[0] * k, v[1] + m[1] * k];
}

export function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** The pipe polyline of one system along one road edge, from junction to junction. */
export function runOf(edge: RoadEdge, system: PipeSystem, junctionAt: (node: number) => XY): XY[] {
  const off = offsetFor(system, edge.road.widthM);
  const pts: XY[] = [junctionAt(edge.from)];
  for (let i = 1; i < edge.line.length - 1; i++)
    pts.push(offsetVertex(edge.line[i - 1] as XY, edge.line[i] as XY, edge.line[i + 1] as XY, off));
  pts.push(junctionAt(edge.to));
  return pts;
}
