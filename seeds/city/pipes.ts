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
import { addOutfalls, assignInverts } from './drainage.js';
import type { RoadEdge, RoadNetwork } from './network.js';
import { coverFor, nodeKind, segmentAttributes, SPACING_M } from './pipe-attributes.js';
import {
  canonicalNormal,
  intersect,
  lineAt,
  offsetFor,
  present,
  round3,
  runOf,
  type OffsetLine,
} from './pipe-geometry.js';
import { addServiceData } from './pipe-service.js';
import type { Draft, PipeNetworks, PipeNode, PipeSegment } from './pipe-types.js';
import type { HeightFn } from './terrain.js';

export type { PipeNetworks, PipeNode } from './pipe-types.js';

const SYSTEMS: readonly PipeSystem[] = ['给水', '雨水', '污水', '燃气', '热力', '电力', '通信'];

/** A bend or straight joint between two pipe sizes is a reducer (变径). */
function markReducers(segments: readonly PipeSegment[]): void {
  const sizes = new Map<PipeNode, Set<number | null>>();
  for (const s of segments) {
    for (const n of [s.from, s.to]) sizes.set(n, (sizes.get(n) ?? new Set()).add(s.diameterMm));
  }
  for (const [node, set] of sizes) if (set.size > 1 && node.kind === '弯头') node.kind = '变径';
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
    if (system === '给水' || system === '燃气') markReducers(sysSegments);
    const sysNodeList = [...sysNodes.values()];
    addServiceData(system, info.code, sysNodeList, sysSegments, rng.fork('service', system));
    nodes.push(...sysNodeList);
    segments.push(...sysSegments);
  }
  return { nodes, segments };
}
