/**
 * Clearance check (管线间距检查) against GB 50289-2016 (tables in layers/pipe-clearances.ts):
 * - horizontal, between pipes running side by side (within 20° of parallel and overlapping
 *   at least 1 m along their length): the plan distance between centrelines less half of each
 *   section's width, the 净距 the table means;
 * - vertical, where two pipes cross in plan: the gap between the lower one's top and the upper
 *   one's bottom at the crossing, with each top interpolated along its pipe from the ends
 *   (a negative gap is a clash);
 * - horizontal, pipe to building footprint (foundation taken at the footprint line).
 * Segments joined at a node are one network and not checked against each other. Every pair
 * is reported once per kind, at its worst place. Environment: common.
 */
import Flatbush from 'flatbush';
import { horizontalClearance, verticalClearance, type PipeClass } from '../../../layers/pipe-clearances.js';
import {
  chainage,
  crossing,
  lineAngleDeg,
  pointSegmentDistance,
  projectionOverlapM,
  segmentDistance,
} from '../../pipes/geometry.js';
import { pipeSize, segmentElevation } from '../../pipes/elevation.js';
import type { SegmentRecord, XY } from '../../pipes/model.js';
import type { PipeNetwork } from '../../pipes/network.js';

export interface BuildingFootprint {
  id: string;
  rings: readonly (readonly XY[])[];
}

interface ClearanceViolation {
  a: string;
  b: string;
  /** `b` is a pipe or a building. */
  bKind: 'pipe' | 'building';
  kind: 'horizontal' | 'vertical';
  measuredM: number;
  requiredM: number;
  source: string;
  /** Where, in the local frame. */
  xy: XY;
}

export interface ClearanceResult {
  violations: ClearanceViolation[];
  pairsChecked: number;
  /** Segments whose depth came from the default cover. */
  depthDefaulted: string[];
}

const PARALLEL_DEG = 20;
const MIN_OVERLAP_M = 1;
/** The widest pipe-to-pipe clearance of 表 4.1.9 is 2.0 m; pipes are searched that far plus their widths. */
const PIPE_REACH_M = 2.0;
const BUILDING_REACH_M = 13.5;

function classOf(s: SegmentRecord): PipeClass {
  return { system: s.system, diameterMm: s.diameterMm ?? s.widthMm, pressure: s.pressure, laying: s.laying };
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

function bbox(xy: readonly XY[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of xy) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/** Top elevation of segment i at a distance along it. */
function topAt(net: PipeNetwork, i: number, along: number): number {
  const e = segmentElevation(net, i);
  const len = net.lengthM[i] ?? 0;
  const f = len > 0 ? along / len : 0;
  return e.topStartM + (e.topEndM - e.topStartM) * f;
}

function pairCheck(net: PipeNetwork, i: number, j: number, out: ClearanceViolation[]): boolean {
  const si = net.segments[i] as SegmentRecord;
  const sj = net.segments[j] as SegmentRecord;
  const ci = chainage(si.xy);
  const cj = chainage(sj.xy);
  const wi = pipeSize(si);
  const wj = pipeSize(sj);
  let worstH: { m: number; xy: XY } | null = null;
  let worstV: { m: number; xy: XY } | null = null;
  for (let p = 1; p < si.xy.length; p++) {
    const a = si.xy[p - 1] as XY;
    const b = si.xy[p] as XY;
    for (let q = 1; q < sj.xy.length; q++) {
      const c = sj.xy[q - 1] as XY;
      const d = sj.xy[q] as XY;
      const x = crossing(a, b, c, d);
      if (x) {
        const ta = topAt(net, i, (ci[p - 1] ?? 0) + x.t * ((ci[p] ?? 0) - (ci[p - 1] ?? 0)));
        const tb = topAt(net, j, (cj[q - 1] ?? 0) + x.u * ((cj[q] ?? 0) - (cj[q - 1] ?? 0)));
        const gap = Math.max(ta - wi.heightM - tb, tb - wj.heightM - ta);
        const at: XY = [a[0] + x.t * (b[0] - a[0]), a[1] + x.t * (b[1] - a[1])];
        if (!worstV || gap < worstV.m) worstV = { m: gap, xy: at };
      } else if (lineAngleDeg(a, b, c, d) <= PARALLEL_DEG && projectionOverlapM(a, b, c, d) >= MIN_OVERLAP_M) {
        const gap = segmentDistance(a, b, c, d) - wi.widthM / 2 - wj.widthM / 2;
        if (!worstH || gap < worstH.m) worstH = { m: gap, xy: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
      }
    }
  }
  let checked = false;
  if (worstV) {
    const rule = verticalClearance(classOf(si), classOf(sj));
    if (rule) {
      checked = true;
      if (worstV.m < rule.requiredM)
        out.push({
          a: si.pipeId,
          b: sj.pipeId,
          bKind: 'pipe',
          kind: 'vertical',
          measuredM: r3(worstV.m),
          requiredM: rule.requiredM,
          source: rule.source,
          xy: worstV.xy,
        });
    }
  }
  if (worstH) {
    const rule = horizontalClearance(classOf(si), classOf(sj));
    if (rule) {
      checked = true;
      if (worstH.m < rule.requiredM)
        out.push({
          a: si.pipeId,
          b: sj.pipeId,
          bKind: 'pipe',
          kind: 'horizontal',
          measuredM: r3(worstH.m),
          requiredM: rule.requiredM,
          source: rule.source,
          xy: worstH.xy,
        });
    }
  }
  return checked;
}

function buildingCheck(s: SegmentRecord, b: BuildingFootprint, out: ClearanceViolation[]): boolean {
  const rule = horizontalClearance(classOf(s), 'building');
  if (!rule) return false;
  let best: { m: number; xy: XY } | null = null;
  for (const ring of b.rings) {
    for (let k = 1; k < ring.length; k++) {
      const c = ring[k - 1] as XY;
      const d = ring[k] as XY;
      for (let p = 1; p < s.xy.length; p++) {
        const a = s.xy[p - 1] as XY;
        const e = s.xy[p] as XY;
        const m = segmentDistance(a, e, c, d) - pipeSize(s).widthM / 2;
        if (!best || m < best.m) {
          const near = pointSegmentDistance(c, a, e) < pointSegmentDistance(d, a, e) ? c : d;
          best = { m, xy: near };
        }
      }
    }
  }
  if (best && best.m < rule.requiredM)
    out.push({
      a: s.pipeId,
      b: b.id,
      bKind: 'building',
      kind: 'horizontal',
      measuredM: r3(Math.max(best.m, 0)),
      requiredM: rule.requiredM,
      source: rule.source,
      xy: best.xy,
    });
  return true;
}

export function checkClearances(net: PipeNetwork, buildings: readonly BuildingFootprint[] = []): ClearanceResult {
  const violations: ClearanceViolation[] = [];
  const n = net.segments.length;
  const boxes = net.segments.map((s) => bbox(s.xy));
  let pairsChecked = 0;
  if (n > 0) {
    const index = new Flatbush(n);
    for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
    index.finish();
    for (let i = 0; i < n; i++) {
      const b = boxes[i] as [number, number, number, number];
      const s = net.segments[i] as SegmentRecord;
      const pad = PIPE_REACH_M + pipeSize(s).widthM + 2;
      for (const j of index.search(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad)) {
        if (j <= i) continue;
        const shared = [net.segFrom[i], net.segTo[i]].some(
          (x) => x !== undefined && x >= 0 && (x === net.segFrom[j] || x === net.segTo[j]),
        );
        if (shared) continue;
        if (pairCheck(net, i, j, violations)) pairsChecked++;
      }
    }
    if (buildings.length > 0) {
      const bIndex = new Flatbush(buildings.length);
      for (const bl of buildings) {
        const bb = bbox(bl.rings.flat());
        bIndex.add(bb[0], bb[1], bb[2], bb[3]);
      }
      bIndex.finish();
      for (let i = 0; i < n; i++) {
        const b = boxes[i] as [number, number, number, number];
        const pad = BUILDING_REACH_M;
        for (const k of bIndex.search(b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad)) {
          if (buildingCheck(net.segments[i] as SegmentRecord, buildings[k] as BuildingFootprint, violations))
            pairsChecked++;
        }
      }
    }
  }
  const depthDefaulted: string[] = [];
  for (let i = 0; i < n; i++)
    if (segmentElevation(net, i).defaulted) depthDefaulted.push(net.segments[i]?.pipeId ?? '');
  violations.sort((x, y) => x.measuredM - x.requiredM - (y.measuredM - y.requiredM) || x.a.localeCompare(y.a));
  return { violations, pairsChecked, depthDefaulted };
}
