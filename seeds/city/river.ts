/**
 * The 白河 reach: water, floodplains, the river 生态保护红线 band, and the land regions on
 * each bank that cells are cut by. Every band edge is one offset polyline computed once, so
 * the eco line, the 城镇开发边界 and the cells touching them share their edge vertices.
 */
import type { XY } from '../geo/frame.js';
import { ccw, clipConvex, clipHalfPlane, offsetPolyline, rect, type Ring } from '../geo/polygon.js';
import { RIVER, RIVER_CENTRELINE } from './layout.js';

export interface River {
  halfSizeM: number;
  district: Ring;
  centreline: XY[];
  /** Offset polylines (north-east to south-west), keyed by the offset in metres. */
  edge(offsetM: number): XY[];
  water: Ring;
  floodplainNw: Ring;
  floodplainSe: Ring;
  /** Water and both floodplains: the river's 生态保护红线. */
  eco: Ring;
  /** City-bank land north of 中州路 (beyond 滨河西路) and south of it (up to the eco line). */
  cityLandNorth: Ring;
  cityLandSouth: Ring;
  /** 城镇开发边界 on the city bank: everything north-west of the eco line. */
  cityBank: Ring;
  ruralBank: Ring;
  riversideRoad: { centreline: XY[]; corridor: Ring };
}

const FAR = 20_000;

function band(inner: XY[], outer: XY[]): Ring {
  return ccw([...inner, ...[...outer].reverse()]);
}

/** Land north-west of an offset polyline (the polyline runs north-east to south-west). */
function northWestOf(edge: XY[]): Ring {
  const first = edge[0] as XY;
  const last = edge[edge.length - 1] as XY;
  return ccw([...edge, [-FAR, last[1]], [-FAR, FAR], [first[0], FAR]]);
}

function southEastOf(edge: XY[]): Ring {
  const first = edge[0] as XY;
  const last = edge[edge.length - 1] as XY;
  return ccw([...edge, [last[0], -FAR], [FAR, -FAR], [FAR, first[1]]]);
}

/** Clips a polyline to an axis-aligned box, keeping the longest connected piece. */
function clipPolylineToBox(line: readonly XY[], minX: number, minY: number, maxX: number, maxY: number): XY[] {
  const pieces: XY[][] = [];
  let current: XY[] = [];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as XY;
    const b = line[i] as XY;
    let t0 = 0;
    let t1 = 1;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const tests: [number, number][] = [
      [-dx, a[0] - minX],
      [dx, maxX - a[0]],
      [-dy, a[1] - minY],
      [dy, maxY - a[1]],
    ];
    let visible = true;
    for (const [p, q] of tests) {
      if (p === 0) {
        if (q < 0) visible = false;
      } else {
        const r = q / p;
        if (p < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
      }
    }
    if (!visible || t0 >= t1) {
      if (current.length > 1) pieces.push(current);
      current = [];
      continue;
    }
    const pa: XY = t0 === 0 ? a : [a[0] + t0 * dx, a[1] + t0 * dy];
    const pb: XY = t1 === 1 ? b : [a[0] + t1 * dx, a[1] + t1 * dy];
    if (current.length === 0) current.push(pa);
    current.push(pb);
    if (t1 < 1) {
      pieces.push(current);
      current = [];
    }
  }
  if (current.length > 1) pieces.push(current);
  const length = (l: XY[]): number =>
    l.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - (l[i] as XY)[0], p[1] - (l[i] as XY)[1]), 0);
  return pieces.sort((a, b) => length(b) - length(a))[0] ?? [];
}

export function buildRiver(halfSizeM: number): River {
  const district = rect(-halfSizeM, -halfSizeM, halfSizeM, halfSizeM);
  const centreline = [...RIVER_CENTRELINE];
  const cache = new Map<number, XY[]>();
  const edge = (d: number): XY[] => {
    let e = cache.get(d);
    if (!e) {
      // positive offsets lie left of travel (south-east): the rural bank
      e = offsetPolyline(centreline, d);
      cache.set(d, e);
    }
    return e;
  };
  const clip = (r: Ring): Ring => clipConvex(r, district);
  const eco = RIVER.ecoHalfWidthM;
  const water = RIVER.waterHalfWidthM;
  const roadOuter = eco + RIVER.riversideRoadWidthM;
  const southEndY = RIVER.riversideRoadSouthEndY;
  // 滨河西路 ends at 中州路's centreline; its red line stops at 中州路's north red line.
  const zhongzhouNorthEdge = southEndY + 25;
  const corridor = clipHalfPlane(clip(band(edge(-eco), edge(-roadOuter))), { nx: 0, ny: -1, c: -zhongzhouNorthEdge });
  const roadLine = clipPolylineToBox(
    edge(-(eco + RIVER.riversideRoadWidthM / 2)),
    -halfSizeM,
    southEndY,
    halfSizeM,
    halfSizeM,
  );
  return {
    halfSizeM,
    district,
    centreline,
    edge,
    water: clip(band(edge(-water), edge(water))),
    floodplainNw: clip(band(edge(-eco), edge(-water))),
    floodplainSe: clip(band(edge(water), edge(eco))),
    eco: clip(band(edge(-eco), edge(eco))),
    cityLandNorth: northWestOf(edge(-roadOuter)),
    cityLandSouth: northWestOf(edge(-eco)),
    cityBank: clip(northWestOf(edge(-eco))),
    ruralBank: southEastOf(edge(eco)),
    riversideRoad: { centreline: roadLine, corridor },
  };
}
