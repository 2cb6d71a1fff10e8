/**
 * Road centrelines and the road graph. Grid roads run to the bank (滨河西路 north of 中州路,
 * the eco line south of it) and the arterials cross the 白河 on bridges; branch roads end on
 * their bounding roads (T-junctions). Centrelines are split at every junction into edges;
 * the city-bank edges are the graph the pipe networks follow.
 */
import type { XY } from '../geo/frame.js';
import { clipConvex, pointInRing, rect, type Ring } from '../geo/polygon.js';
import type { BranchLine } from './blocks.js';
import { crossAxis, roadWidth, type Bank, type RoadRef } from './grid.js';
import { GRID_ROADS, RIVER, RIVERSIDE_ROAD_NAME } from './layout.js';
import type { River } from './river.js';

interface RoadPiece {
  road: RoadRef;
  line: XY[];
  bridge: boolean;
  bank: Bank;
  /** Red-line polygon of the piece. */
  corridor: Ring;
}

interface RoadNode {
  id: number;
  at: XY;
}

export interface RoadEdge {
  id: number;
  road: RoadRef;
  line: XY[];
  from: number;
  to: number;
  bridge: boolean;
  bank: Bank;
}

export interface RoadNetwork {
  pieces: RoadPiece[];
  nodes: RoadNode[];
  edges: RoadEdge[];
}

const RIDE = RIVER.ecoHalfWidthM + RIVER.riversideRoadWidthM / 2;

function axisRect(a: XY, b: XY, widthM: number): Ring {
  const h = widthM / 2;
  if (a[0] === b[0]) return rect(a[0] - h, Math.min(a[1], b[1]), a[0] + h, Math.max(a[1], b[1]));
  return rect(Math.min(a[0], b[0]), a[1] - h, Math.max(a[0], b[0]), a[1] + h);
}

function inside(p: XY, half: number): boolean {
  return Math.abs(p[0]) <= half + 1e-9 && Math.abs(p[1]) <= half + 1e-9;
}

/** Where a straight city road meets the bank: 滨河西路 north of 中州路, else the eco line. */
function cityEnd(river: River, axis: 'x' | 'y', at: number, half: number): XY | null {
  const ride = crossAxis(river.edge(-RIDE), axis, at);
  if (ride && ride[1] >= RIVER.riversideRoadSouthEndY && inside(ride, half)) return ride;
  const eco = crossAxis(river.edge(-RIVER.ecoHalfWidthM), axis, at);
  return eco && inside(eco, half) ? eco : null;
}

function gridPieces(river: River, half: number): RoadPiece[] {
  const pieces: RoadPiece[] = [];
  for (const g of GRID_ROADS) {
    if (Math.abs(g.at) >= half) continue;
    // City side: north for N-S roads, west for E-W roads.
    const cityFar: XY = g.axis === 'x' ? [g.at, half] : [-half, g.at];
    const ruralFar: XY = g.axis === 'x' ? [g.at, -half] : [half, g.at];
    const end = cityEnd(river, g.axis, g.at, half);
    const se = crossAxis(river.edge(RIVER.ecoHalfWidthM), g.axis, g.at);
    const seIn = se && inside(se, half) ? se : null;
    const city = { name: g.name, grade: g.grade, widthM: roadWidth(g, 'city') };
    const rural = { name: g.name, grade: g.grade, widthM: roadWidth(g, 'rural') };
    if (!end && !seIn) {
      const mid: XY = g.axis === 'x' ? [g.at, 0] : [0, g.at];
      const bank: Bank = pointInRing(mid, river.cityBank) ? 'city' : 'rural';
      const road = bank === 'city' ? city : rural;
      const line: XY[] = [cityFar, ruralFar];
      pieces.push({ road, line, bridge: false, bank, corridor: bankCorridor(river, bank, line, road.widthM) });
      continue;
    }
    if (end) {
      const line: XY[] = [cityFar, end];
      pieces.push({
        road: city,
        line,
        bridge: false,
        bank: 'city',
        corridor: bankCorridor(river, 'city', line, city.widthM),
      });
    }
    if (end && seIn && g.grade === '主干路') {
      const line: XY[] = [end, seIn];
      pieces.push({
        road: city,
        line,
        bridge: true,
        bank: 'city',
        corridor: clipConvex(river.district, axisRect(end, seIn, city.widthM)),
      });
    }
    if (seIn) {
      const line: XY[] = [seIn, ruralFar];
      pieces.push({
        road: rural,
        line,
        bridge: false,
        bank: 'rural',
        corridor: bankCorridor(river, 'rural', line, rural.widthM),
      });
    }
  }
  return pieces;
}

function bankCorridor(river: River, bank: Bank, line: XY[], widthM: number): Ring {
  const box = axisRect(line[0] as XY, line[line.length - 1] as XY, widthM);
  const region = bank === 'city' ? river.cityBank : river.ruralBank;
  return clipConvex(clipConvex(region, box), river.district);
}

function branchPieces(river: River, lines: readonly BranchLine[]): RoadPiece[] {
  const out: RoadPiece[] = [];
  for (const b of lines) {
    let [p, q] = b.line;
    const axis: 'x' | 'y' = p[0] === q[0] ? 'x' : 'y';
    const at = axis === 'x' ? p[0] : p[1];
    // the unclipped bank region: points on the district edge still count as land
    const land = (pt: XY): boolean => pointInRing(pt, river.cityLandSouth);
    const mid = (a: XY, c: XY): XY => [(a[0] + c[0]) / 2, (a[1] + c[1]) / 2];
    const end = cityEnd(river, axis, at, Infinity);
    const k = axis === 'x' ? 1 : 0;
    if (end && (end[k] - p[k]) * (end[k] - q[k]) < 0) {
      if (land(mid(p, end))) q = end;
      else if (land(mid(end, q))) p = end;
      else continue;
    } else if (!land(mid(p, q))) {
      continue;
    }
    const road = { name: b.name, grade: '支路' as const, widthM: 16 };
    const line: XY[] = [p, q];
    out.push({ road, line, bridge: false, bank: 'city', corridor: bankCorridor(river, 'city', line, road.widthM) });
  }
  return out;
}

interface Hit {
  t: number;
  at: XY;
}

/** Intersections of segment ab with segment cd (touching endpoints included). */
function segmentHits(a: XY, b: XY, c: XY, d: XY): [Hit, Hit] | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-12) return null;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / den;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / den;
  const eps = 1e-9;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  // Axis-aligned segments give their exact coordinate to the junction point.
  const at: XY = [rx === 0 ? a[0] : sx === 0 ? c[0] : a[0] + t * rx, ry === 0 ? a[1] : sy === 0 ? c[1] : a[1] + t * ry];
  return [
    { t: Math.max(0, Math.min(1, t)), at },
    { t: Math.max(0, Math.min(1, u)), at },
  ];
}

function buildGraph(pieces: readonly RoadPiece[]): { nodes: RoadNode[]; edges: RoadEdge[] } {
  // Split parameters per piece: (segment index + t).
  const splits: Hit[][] = pieces.map((p) => [
    { t: 0, at: p.line[0] as XY },
    { t: p.line.length - 1, at: p.line[p.line.length - 1] as XY },
  ]);
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const a = pieces[i] as RoadPiece;
      const b = pieces[j] as RoadPiece;
      for (let si = 1; si < a.line.length; si++) {
        for (let sj = 1; sj < b.line.length; sj++) {
          const h = segmentHits(a.line[si - 1] as XY, a.line[si] as XY, b.line[sj - 1] as XY, b.line[sj] as XY);
          if (!h) continue;
          (splits[i] as Hit[]).push({ t: si - 1 + h[0].t, at: h[0].at });
          (splits[j] as Hit[]).push({ t: sj - 1 + h[1].t, at: h[1].at });
        }
      }
    }
  }
  const nodes: RoadNode[] = [];
  const byKey = new Map<string, number>();
  const nodeAt = (p: XY): number => {
    const key = `${p[0].toFixed(4)},${p[1].toFixed(4)}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = nodes.length + 1;
      byKey.set(key, id);
      nodes.push({ id, at: p });
    }
    return id;
  };
  const edges: RoadEdge[] = [];
  pieces.forEach((piece, i) => {
    const hits = (splits[i] as Hit[]).sort((x, y) => x.t - y.t);
    const unique = hits.filter((h, k) => k === 0 || h.t - (hits[k - 1] as Hit).t > 1e-7);
    for (let k = 1; k < unique.length; k++) {
      const h0 = unique[k - 1] as Hit;
      const h1 = unique[k] as Hit;
      const from = nodeAt(h0.at);
      const to = nodeAt(h1.at);
      const line: XY[] = [nodes[from - 1]?.at as XY];
      for (let v = Math.floor(h0.t) + 1; v < h1.t - 1e-9; v++) line.push(piece.line[v] as XY);
      line.push(nodes[to - 1]?.at as XY);
      if (from === to) continue;
      edges.push({ id: edges.length + 1, road: piece.road, line, from, to, bridge: piece.bridge, bank: piece.bank });
    }
  });
  return { nodes, edges };
}

export function buildNetwork(river: River, half: number, branchLines: readonly BranchLine[]): RoadNetwork {
  const pieces = [...gridPieces(river, half), ...branchPieces(river, branchLines)];
  const ride = river.riversideRoad.centreline;
  if (ride.length >= 2) {
    pieces.push({
      road: { name: RIVERSIDE_ROAD_NAME, grade: '次干路', widthM: RIVER.riversideRoadWidthM },
      line: ride,
      bridge: false,
      bank: 'city',
      corridor: river.riversideRoad.corridor,
    });
  }
  const kept = pieces.filter((p) => p.corridor.length > 0 || p.bridge);
  return { pieces: kept, ...buildGraph(kept) };
}
