/**
 * Pipe networks along the city-bank roads, one connected network per system. Each system
 * runs at its own offset from the road centreline (power and telecom under the sidewalks,
 * water and gas under the non-motorised lanes, heat under the green strip of arterials, rain
 * and sewage under the carriageway), far enough apart for the horizontal clearances of
 * GB 50289-2016 表 4.1.9 (e.g. 给水-污水 >= 1.0 m, 燃气-电力 >= 0.5 m). Junction points are
 * where the systems' offset lines cross, so every segment ends exactly on a node.
 * Nodes are placed along each run: manholes every 40 m on drains (GB 50014-2021 表 5.4.2),
 * hydrants every 120 m on water mains (GB 50974-2014 §7.2.5), cable pits every 90 m.
 * Drains fall towards their outfalls (rain: the 白河; sewage: the treatment plant) with at
 * least the minimum slope of GB 50014-2021 §5.2.10 for their diameter.
 */
import { pipeSystem, type PipeSystem } from '../../layers/pipelines.js';
import type { XY } from '../geo/frame.js';
import type { Rng } from '../rng.js';
import type { RoadGrade } from './layout.js';
import { PLACES } from './layout.js';
import type { RoadEdge, RoadNetwork } from './network.js';
import type { HeightFn } from './terrain.js';
import { riverOffset } from './terrain.js';

export interface PipeNode {
  nodeId: string;
  system: PipeSystem;
  kind: string;
  at: XY;
  groundM: number;
  /** Drains: invert (管底) elevation; null otherwise. */
  invertM: number | null;
  /** Cover depth (埋深) to the pipe top for pressure pipes and ducts; well depth for drains. */
  depthM: number;
  road: string;
}

export interface PipeSegment {
  pipeId: string;
  system: PipeSystem;
  from: PipeNode;
  to: PipeNode;
  diameterMm: number | null;
  section: string | null;
  material: string;
  pressure: string | null;
  depthM: number | null;
  invStartM: number | null;
  invEndM: number | null;
  laidYear: number;
  road: string;
  lengthM: number;
}

export interface PipeNetworks {
  nodes: PipeNode[];
  segments: PipeSegment[];
}

export const SYSTEMS: readonly PipeSystem[] = ['给水', '雨水', '污水', '燃气', '热力', '电力', '通信'];

const SPACING_M: Record<PipeSystem, number> = {
  给水: 120,
  雨水: 40,
  污水: 40,
  燃气: 300,
  热力: 200,
  电力: 90,
  通信: 100,
};
/** Minimum fall by diameter (GB 50014-2021 §5.2.10: DN300 3 permille; larger pipes less). */
function minSlope(diameterMm: number | null): number {
  const d = diameterMm ?? 300;
  return d >= 800 ? 0.0008 : d >= 500 ? 0.0012 : d >= 400 ? 0.0015 : 0.003;
}

/** Signed offset from the centreline (left of the road's canonical direction), metres. */
function offsetFor(system: PipeSystem, widthM: number): number {
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

function present(system: PipeSystem, grade: RoadGrade): boolean {
  return system !== '热力' || grade === '主干路';
}

/** Canonical direction: eastward, or northward for north-south segments. */
function canonicalNormal(a: XY, b: XY): XY {
  let dx = b[0] - a[0];
  let dy = b[1] - a[1];
  if (dx < 0 || (dx === 0 && dy < 0)) {
    dx = -dx;
    dy = -dy;
  }
  const len = Math.hypot(dx, dy);
  return [-dy / len, dx / len];
}

interface OffsetLine {
  p: XY;
  d: XY;
}

function lineAt(edge: RoadEdge, atStart: boolean, off: number): OffsetLine {
  const a = atStart ? (edge.line[0] as XY) : (edge.line[edge.line.length - 2] as XY);
  const b = atStart ? (edge.line[1] as XY) : (edge.line[edge.line.length - 1] as XY);
  const n = canonicalNormal(a, b);
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  return { p: [a[0] + n[0] * off, a[1] + n[1] * off], d: [(b[0] - a[0]) / len, (b[1] - a[1]) / len] };
}

function intersect(l1: OffsetLine, l2: OffsetLine): XY | null {
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

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

interface Draft {
  key: string;
  at: XY;
  road: string;
  junction: boolean;
  degree: number;
}

/** The pipe polyline of one system along one road edge, from junction to junction. */
function runOf(edge: RoadEdge, system: PipeSystem, junctionAt: (node: number) => XY): XY[] {
  const off = offsetFor(system, edge.road.widthM);
  const pts: XY[] = [junctionAt(edge.from)];
  for (let i = 1; i < edge.line.length - 1; i++)
    pts.push(offsetVertex(edge.line[i - 1] as XY, edge.line[i] as XY, edge.line[i + 1] as XY, off));
  pts.push(junctionAt(edge.to));
  return pts;
}

export function buildPipes(network: RoadNetwork, height: HeightFn, rng: Rng): PipeNetworks {
  const edges = network.edges.filter((e) => e.bank === 'city' && !e.bridge);
  const nodes: PipeNode[] = [];
  const segments: PipeSegment[] = [];
  for (const system of SYSTEMS) {
    const info = pipeSystem(system);
    if (!info) continue;
    const sysEdges = edges.filter((e) => present(system, e.road.grade));
    const incident = new Map<number, { edge: RoadEdge; atStart: boolean }[]>();
    for (const e of sysEdges) {
      for (const [n, atStart] of [
        [e.from, true],
        [e.to, false],
      ] as const) {
        const list = incident.get(n) ?? [];
        list.push({ edge: e, atStart });
        incident.set(n, list);
      }
    }
    const junction = new Map<number, XY>();
    const junctionAt = (n: number): XY => {
      const cached = junction.get(n);
      if (cached) return cached;
      const inc = incident.get(n) ?? [];
      const centre = network.nodes[n - 1]?.at ?? [0, 0];
      const lines = inc.map(({ edge, atStart }) => lineAt(edge, atStart, offsetFor(system, edge.road.widthM)));
      let at: XY | null = null;
      for (let i = 0; i < lines.length && !at; i++) {
        for (let j = i + 1; j < lines.length && !at; j++) {
          const x = intersect(lines[i] as OffsetLine, lines[j] as OffsetLine);
          if (x && Math.hypot(x[0] - centre[0], x[1] - centre[1]) < 40) at = x;
        }
      }
      if (!at) {
        const first = inc[0];
        const off = first ? offsetFor(system, first.edge.road.widthM) : 0;
        const n0 = first ? canonicalNormal(first.edge.line[0] as XY, first.edge.line[1] as XY) : ([0, 0] as XY);
        at = [centre[0] + n0[0] * off, centre[1] + n0[1] * off];
      }
      const r: XY = [round3(at[0]), round3(at[1])];
      junction.set(n, r);
      return r;
    };
    // drafts: junctions and intermediate points, then segments between consecutive points
    const drafts = new Map<string, Draft>();
    const runs: { edge: RoadEdge; keys: string[] }[] = [];
    const draftAt = (p: XY, road: string, isJunction: boolean): string => {
      const key = `${p[0].toFixed(3)},${p[1].toFixed(3)}`;
      const d = drafts.get(key);
      if (d) {
        d.junction ||= isJunction;
        return key;
      }
      drafts.set(key, { key, at: p, road, junction: isJunction, degree: 0 });
      return key;
    };
    for (const e of sysEdges) {
      const line = runOf(e, system, junctionAt);
      const keys: string[] = [draftAt(line[0] as XY, e.road.name, true)];
      for (let i = 1; i < line.length; i++) {
        const a = line[i - 1] as XY;
        const b = line[i] as XY;
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        const parts = Math.max(1, Math.round(len / SPACING_M[system]));
        for (let k = 1; k < parts; k++) {
          const t = k / parts;
          keys.push(draftAt([round3(a[0] + t * (b[0] - a[0])), round3(a[1] + t * (b[1] - a[1]))], e.road.name, false));
        }
        keys.push(draftAt(b, e.road.name, i === line.length - 1));
      }
      runs.push({ edge: e, keys });
    }
    const pairs: { a: string; b: string; edge: RoadEdge }[] = [];
    for (const run of runs) {
      for (let i = 1; i < run.keys.length; i++) {
        const a = run.keys[i - 1] as string;
        const b = run.keys[i] as string;
        if (a === b) continue;
        pairs.push({ a, b, edge: run.edge });
        (drafts.get(a) as Draft).degree++;
        (drafts.get(b) as Draft).degree++;
      }
    }
    const outfalls = info.gravity ? addOutfalls(system, drafts, pairs, runs) : [];
    const sysNodes = new Map<string, PipeNode>();
    let n = 0;
    for (const d of [...drafts.values()]) {
      n++;
      const ground = Number(height(d.at).toFixed(2));
      sysNodes.set(d.key, {
        nodeId: `${info.code}${String(n).padStart(5, '0')}`,
        system,
        kind: nodeKind(system, d, outfalls.includes(d.key), rng),
        at: d.at,
        groundM: ground,
        invertM: null,
        depthM: 0,
        road: d.road,
      });
    }
    const sysSegments = pairs.map(({ a, b, edge }, i) => {
      const from = sysNodes.get(a) as PipeNode;
      const to = sysNodes.get(b) as PipeNode;
      return {
        ...segmentAttributes(system, edge, rng),
        pipeId: `${info.code}L${String(i + 1).padStart(5, '0')}`,
        system,
        from,
        to,
        lengthM: Math.hypot(to.at[0] - from.at[0], to.at[1] - from.at[1]),
        road: edge.road.name,
      };
    });
    if (info.gravity)
      assignInverts(
        sysSegments,
        outfalls.map((k) => sysNodes.get(k) as PipeNode),
      );
    else for (const s of sysSegments) s.depthM = coverFor(system, s.diameterMm);
    for (const node of sysNodes.values()) {
      if (!info.gravity) node.depthM = coverFor(system, null);
    }
    nodes.push(...sysNodes.values());
    segments.push(...sysSegments);
  }
  return { nodes, segments };
}

function coverFor(system: PipeSystem, diameterMm: number | null): number {
  // 覆土: water and gas under the frost line and traffic load (GB 50013, GB 50028 §6.3.4: >= 0.9 m
  // under carriageways), cable ducts >= 0.7 m (GB 50217 §5.3.1)
  const base: Record<PipeSystem, number> = { 给水: 1.2, 燃气: 1.0, 热力: 1.5, 电力: 0.8, 通信: 0.8, 雨水: 0, 污水: 0 };
  return Number((base[system] + (diameterMm !== null && diameterMm >= 300 ? 0.3 : 0)).toFixed(2));
}

function nodeKind(system: PipeSystem, d: Draft, outfall: boolean, rng: Rng): string {
  if (outfall) return '出水口';
  switch (system) {
    case '雨水':
    case '污水':
      return '检查井';
    case '电力':
      return d.junction ? '工作井' : '手孔';
    case '通信':
      return d.junction ? '人孔' : '手孔';
    case '热力':
      return d.junction ? '检查室' : '阀门';
    case '给水':
      if (!d.junction) return rng.chance(0.75) ? '消火栓' : '阀门';
      return d.degree >= 4 ? '四通' : d.degree === 3 ? '三通' : d.degree === 1 ? '堵头' : '弯头';
    case '燃气':
      if (!d.junction) return rng.chance(0.8) ? '阀门' : '凝水缸';
      return d.degree >= 4 ? '四通' : d.degree === 3 ? '三通' : d.degree === 1 ? '堵头' : '弯头';
  }
}

type Attributes = Pick<
  PipeSegment,
  'diameterMm' | 'section' | 'material' | 'pressure' | 'depthM' | 'invStartM' | 'invEndM' | 'laidYear'
>;

function segmentAttributes(system: PipeSystem, edge: RoadEdge, rng: Rng): Attributes {
  const g = edge.road.grade;
  const main = g === '主干路';
  const secondary = g === '次干路';
  const year = rng.int(main ? 1995 : 2002, 2022);
  const base: Attributes = {
    diameterMm: null,
    section: null,
    material: '',
    pressure: null,
    depthM: null,
    invStartM: null,
    invEndM: null,
    laidYear: year,
  };
  switch (system) {
    case '给水': {
      const dn = main ? 400 : secondary ? 300 : 200;
      return {
        ...base,
        diameterMm: dn,
        material: dn >= 300 ? '球墨铸铁' : rng.pick(['PE', '球墨铸铁']),
        pressure: main ? '中压' : '低压',
      };
    }
    case '雨水':
      return { ...base, diameterMm: main ? 1200 : secondary ? 800 : 600, material: '钢筋混凝土' };
    case '污水': {
      const dn = main ? 800 : secondary ? 500 : 400;
      return { ...base, diameterMm: dn, material: dn <= 400 ? 'HDPE双壁波纹管' : '钢筋混凝土' };
    }
    case '燃气': {
      const trunk = edge.road.name === '中州路';
      return {
        ...base,
        diameterMm: trunk ? 300 : main ? 200 : secondary ? 160 : 110,
        material: trunk || main ? '钢' : 'PE',
        pressure: trunk ? '次高压' : main || secondary ? '中压' : '低压',
      };
    }
    case '热力':
      return { ...base, diameterMm: 500, material: '钢' };
    case '电力':
      return {
        ...base,
        section: main ? '1400×1200' : secondary ? '1000×800' : '600×500',
        material: main ? '混凝土' : 'MPP',
      };
    case '通信':
      return { ...base, section: main ? '12孔Φ110' : '6孔Φ110', material: 'PVC' };
  }
}

/**
 * Rain outfalls: where a drain reaches the bank (a road end at the eco line, or 滨河西路) it
 * discharges through a short pipe into the floodplain. Sewage: the point nearest the plant.
 */
function addOutfalls(
  system: PipeSystem,
  drafts: Map<string, Draft>,
  pairs: { a: string; b: string; edge: RoadEdge }[],
  runs: { edge: RoadEdge; keys: string[] }[],
): string[] {
  const all = [...drafts.values()];
  if (system === '污水') {
    // the treatment plant and the 白河新区 lift station (污水提升泵站) take the sewage
    return [PLACES.sewagePlant, PLACES.sewageLiftStation].flatMap((target) => {
      const best = all
        .filter((d) => d.junction)
        .sort(
          (p, q) =>
            Math.hypot(p.at[0] - target[0], p.at[1] - target[1]) - Math.hypot(q.at[0] - target[0], q.at[1] - target[1]),
        )[0];
      if (!best) return [];
      const len = Math.hypot(target[0] - best.at[0], target[1] - best.at[1]) || 1;
      const to: XY = [
        round3(best.at[0] + ((target[0] - best.at[0]) * 20) / len),
        round3(best.at[1] + ((target[1] - best.at[1]) * 20) / len),
      ];
      return [outfallFrom(best, to, drafts, pairs, runs)];
    });
  }
  // junctions within 45 m of the eco line, at most one per 250 m of bank
  const bank = all
    .filter((d) => d.junction && riverOffset(d.at) > -235)
    .sort((p, q) => p.at[1] - q.at[1] || p.at[0] - q.at[0]);
  const chosen: Draft[] = [];
  for (const d of bank) if (chosen.every((c) => Math.hypot(c.at[0] - d.at[0], c.at[1] - d.at[1]) > 250)) chosen.push(d);
  return chosen.map((d) => {
    // towards the river (the offset's gradient), to the middle of the floodplain
    const off = riverOffset(d.at);
    const gx = riverOffset([d.at[0] + 1, d.at[1]]) - off;
    const gy = riverOffset([d.at[0], d.at[1] + 1]) - off;
    const len = Math.hypot(gx, gy) || 1;
    const dist = Math.max(10, Math.min(80, -145 - off));
    const to: XY = [round3(d.at[0] + (gx / len) * dist), round3(d.at[1] + (gy / len) * dist)];
    return outfallFrom(d, to, drafts, pairs, runs);
  });
}

function outfallFrom(
  d: Draft,
  to: XY,
  drafts: Map<string, Draft>,
  pairs: { a: string; b: string; edge: RoadEdge }[],
  runs: { edge: RoadEdge; keys: string[] }[],
): string {
  const key = `${to[0].toFixed(3)},${to[1].toFixed(3)}`;
  drafts.set(key, { key, at: to, road: d.road, junction: true, degree: 1 });
  const edge = runs.find((r) => r.keys.includes(d.key))?.edge;
  if (edge) pairs.push({ a: d.key, b: key, edge });
  d.degree++;
  return key;
}

/** Inverts from the outfalls upstream (multi-source shortest paths), then each segment's fall. */
function assignInverts(segments: PipeSegment[], outfalls: PipeNode[]): void {
  const adj = new Map<PipeNode, { other: PipeNode; len: number; slope: number }[]>();
  for (const s of segments) {
    const slope = minSlope(s.diameterMm);
    adj.set(s.from, [...(adj.get(s.from) ?? []), { other: s.to, len: s.lengthM, slope }]);
    adj.set(s.to, [...(adj.get(s.to) ?? []), { other: s.from, len: s.lengthM, slope }]);
  }
  const slopeTo = new Map<PipeNode, number>();
  const dist = new Map<PipeNode, number>();
  const parent = new Map<PipeNode, PipeNode | null>();
  const heap = new MinHeap<PipeNode>();
  for (const o of outfalls) {
    dist.set(o, 0);
    parent.set(o, null);
    heap.push(0, o);
  }
  const done = new Set<PipeNode>();
  const order: PipeNode[] = [];
  for (let item = heap.pop(); item; item = heap.pop()) {
    const [d, node] = item;
    if (done.has(node)) continue;
    done.add(node);
    order.push(node);
    for (const { other, len } of adj.get(node) ?? []) {
      const nd = d + len;
      if (!done.has(other) && nd < (dist.get(other) ?? Infinity)) {
        dist.set(other, nd);
        parent.set(other, node);
        heap.push(nd, other);
      }
    }
  }
  for (const [node, p] of parent) {
    if (p) slopeTo.set(node, (adj.get(node) ?? []).find((x) => x.other === p)?.slope ?? 0.003);
  }
  // Farthest upstream first: each node as shallow as its cover allows, and below every
  // upstream neighbour by the minimum fall (so depth grows towards the outfall where it must).
  const lowest = new Map<PipeNode, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i] as PipeNode;
    const p = parent.get(node) ?? null;
    const cover = p === null ? 1.0 : node.system === '污水' ? 2.0 : 1.5;
    const inv = Math.min(node.groundM - cover, lowest.get(node) ?? Infinity);
    node.invertM = Number(inv.toFixed(3));
    node.depthM = Number((node.groundM - node.invertM).toFixed(2));
    if (p) {
      const need =
        node.invertM - (slopeTo.get(node) ?? 0.003) * Math.hypot(node.at[0] - p.at[0], node.at[1] - p.at[1]) - 0.005;
      lowest.set(p, Math.min(lowest.get(p) ?? Infinity, need));
    }
  }
  for (const s of segments) {
    // flow from the higher invert to the lower one; a drop manhole takes up any extra
    const reversed = (s.from.invertM ?? 0) < (s.to.invertM ?? 0);
    if (reversed) {
      const f = s.from;
      s.from = s.to;
      s.to = f;
    }
    const loInv = s.to.invertM ?? 0;
    s.invStartM = Number(Math.max(s.from.invertM ?? 0, loInv + minSlope(s.diameterMm) * s.lengthM).toFixed(3));
    s.invEndM = Number(loInv.toFixed(3));
  }
}

/** A binary min-heap keyed by distance (ties keep insertion order stable enough: keys are distinct floats). */
class MinHeap<T> {
  private readonly items: [number, T][] = [];

  push(key: number, value: T): void {
    const a = this.items;
    a.push([key, value]);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if ((a[up] as [number, T])[0] <= key) break;
      [a[i], a[up]] = [a[up] as [number, T], a[i] as [number, T]];
      i = up;
    }
  }

  pop(): [number, T] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && (a[l] as [number, T])[0] < (a[m] as [number, T])[0]) m = l;
        if (r < a.length && (a[r] as [number, T])[0] < (a[m] as [number, T])[0]) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as [number, T], a[i] as [number, T]];
        i = m;
      }
    }
    return top;
  }
}
