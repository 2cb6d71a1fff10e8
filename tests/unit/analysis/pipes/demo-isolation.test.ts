/**
 * The demo city's water and gas networks: isolation for 100 random bursts (with a stuck valve
 * every fifth) matches a brute-force reference written separately here. The reference joins
 * segments with union-find wherever a node lets water through, takes the burst's component as
 * the zone, and asks for each open boundary valve on its own whether a live source lies in
 * reach of its outer side (a search per valve, where the core does one search from the sources).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { SERVICE_KINDS, SOURCE_KINDS } from '../../../../layers/pipelines.js';
import { isolateBurst } from '../../../../main/analysis/pipes/isolate-core.js';
import { readNetwork } from '../../../../main/analysis/pipes/read-network.js';
import { buildNetwork, type PipeNetwork } from '../../../../main/pipes/network.js';
import { openWorkspaceDb } from '../../../../main/store/connection.js';
import { seedWorkspace } from '../../../../seeds/seed-workspace.js';
import { tempDir } from '../../helpers.js';

let net: PipeNetwork;

beforeAll(async () => {
  const ws = path.join(tempDir(), 'demo.gpkg');
  await seedWorkspace(ws, { scale: 'small' });
  const db = openWorkspaceDb(ws);
  try {
    const r = readNetwork(db, 'pipe_segments', 'pipe_nodes');
    net = buildNetwork(r.nodes, r.segments);
  } finally {
    db.close();
  }
}, 120_000);

function unionFind(n: number) {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

let incident: Map<number, number[]> | null = null;
/** Segments at node n, from a scan of the segment ends (not the network's adjacency arrays). */
function segmentsAt(n: number): number[] {
  if (!incident) {
    const m = new Map<number, number[]>();
    net.segments.forEach((_, i) => {
      for (const e of new Set([net.segFrom[i] ?? -1, net.segTo[i] ?? -1])) m.set(e, [...(m.get(e) ?? []), i]);
    });
    incident = m;
  }
  return incident.get(n) ?? [];
}

/** Components of segments joined at every node `passes` lets through, `removed` left out. */
function components(passes: (n: number) => boolean, removed: Set<number>) {
  const uf = unionFind(net.segments.length);
  net.nodes.forEach((_, n) => {
    if (!passes(n)) return;
    const at = segmentsAt(n).filter((i) => !removed.has(i));
    for (let k = 1; k < at.length; k++) uf.union(at[0] as number, at[k] as number);
  });
  return uf;
}

function reference(burst: string, stuck: string | null) {
  const b = net.segmentIndex.get(burst) as number;
  const system = net.segments[b]?.system;
  const kind = (n: number) => net.nodes[n]?.kind ?? '';
  const isValve = (n: number) => kind(n) === '阀门';
  const isClosed = (n: number) => isValve(n) && net.nodes[n]?.status === 'closed';
  const isSource = (n: number) => SOURCE_KINDS.includes(kind(n));
  const works = (n: number) => isValve(n) && (isClosed(n) || net.nodes[n]?.nodeId !== stuck);
  const zoneUf = components((n) => !works(n) && !isSource(n), new Set());
  const zone = new Set(net.segments.map((_, i) => i).filter((i) => zoneUf.find(i) === zoneUf.find(b)));
  const boundary = new Set<number>();
  for (const i of zone)
    for (const n of [net.segFrom[i] ?? -1, net.segTo[i] ?? -1])
      if (n >= 0 && (works(n) || isSource(n))) boundary.add(n);
  const shut = [...boundary].filter(isSource);
  const live = net.nodes
    .map((_, n) => n)
    .filter((n) => net.nodes[n]?.system === system && isSource(n) && !shut.includes(n));
  const id = (n: number) => net.nodes[n]?.nodeId ?? '';
  const toClose: number[] = [];
  const notRequired: number[] = [];
  const closedB: number[] = [];
  for (const v of boundary) {
    if (!isValve(v)) continue;
    if (isClosed(v)) {
      closedB.push(v);
      continue;
    }
    // search from the valve's outer side, through open valves, around the zone
    const seen = new Set<number>([v]);
    const stack = segmentsAt(v).filter((i) => !zone.has(i));
    const seenSeg = new Set(stack);
    let fed = false;
    while (stack.length && !fed) {
      const i = stack.pop() as number;
      for (const n of [net.segFrom[i] ?? -1, net.segTo[i] ?? -1]) {
        if (n < 0 || seen.has(n)) continue;
        seen.add(n);
        if (live.includes(n)) fed = true;
        if (isClosed(n)) continue;
        for (const j of segmentsAt(n))
          if (!zone.has(j) && !seenSeg.has(j)) {
            seenSeg.add(j);
            stack.push(j);
          }
      }
    }
    (fed ? toClose : notRequired).push(v);
  }
  const fedBy = (uf: ReturnType<typeof unionFind>, sources: number[], removed: Set<number>) => {
    const roots = new Set(
      sources.flatMap((s) =>
        segmentsAt(s)
          .filter((i) => !removed.has(i))
          .map((i) => uf.find(i)),
      ),
    );
    return (i: number) => !removed.has(i) && roots.has(uf.find(i));
  };
  const allSources = net.nodes.map((_, n) => n).filter((n) => net.nodes[n]?.system === system && isSource(n));
  const before = fedBy(
    components((n) => !isClosed(n), new Set()),
    allSources,
    new Set(),
  );
  const after = fedBy(
    components((n) => !isClosed(n) && !toClose.includes(n), zone),
    live,
    zone,
  );
  const unsupplied = net.segments
    .map((_, i) => i)
    .filter((i) => net.segments[i]?.system === system && !zone.has(i) && before(i) && !after(i));
  const services = new Set<number>();
  for (const i of [...zone, ...unsupplied])
    for (const n of [net.segFrom[i] ?? -1, net.segTo[i] ?? -1])
      if (n >= 0 && SERVICE_KINDS.includes(kind(n))) services.add(n);
  const sortIds = (l: Iterable<number>) => [...l].map(id).sort();
  const segIds = (l: Iterable<number>) => [...l].map((i) => net.segments[i]?.pipeId ?? '').sort();
  return {
    isolatedSegments: segIds(zone),
    valvesToClose: sortIds(toClose),
    boundaryValvesNotRequired: sortIds(notRequired),
    closedBoundaryValves: sortIds(closedB),
    sourcesToShut: sortIds(shut),
    unsuppliedSegmentsOutsideZone: segIds(unsupplied),
    affectedServices: sortIds(services),
    affectedHouseholds: [...services].reduce((s, n) => s + (net.nodes[n]?.households ?? 0), 0),
  };
}

describe('isolation on the demo network', () => {
  it('has sources, valves (some normally closed) and households, and no missing nodes', () => {
    const kinds = (k: string) => net.nodes.filter((n) => n.kind === k).length;
    expect(kinds('水源')).toBe(2);
    expect(kinds('调压站')).toBe(1);
    expect(net.nodes.filter((n) => n.kind === '阀门' && n.status === 'closed').length).toBeGreaterThan(5);
    expect(net.nodes.reduce((s, n) => s + (n.households ?? 0), 0)).toBeGreaterThan(1000);
    expect(net.errors.filter((e) => e.code === 'missing_node' || e.code === 'unconnected_end')).toEqual([]);
  });

  it('matches the brute-force reference for 100 random bursts', () => {
    const candidates = net.segments.filter((s) => s.system === '给水' || s.system === '燃气').map((s) => s.pipeId);
    const valves = net.nodes.filter((n) => n.kind === '阀门' && n.status === 'open').map((n) => n.nodeId);
    let state = 20261207;
    const rand = (n: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };
    let nonTrivial = 0;
    for (let k = 0; k < 100; k++) {
      const burst = candidates[rand(candidates.length)] as string;
      const stuck = k % 5 === 4 ? (valves[rand(valves.length)] as string) : null;
      const got = isolateBurst(net, burst, stuck ? { stuckValves: [stuck] } : {});
      const want = reference(burst, stuck);
      expect(
        got && Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof typeof got]])),
        `${burst} stuck ${String(stuck)}`,
      ).toEqual(want);
      const systemSize = candidates.filter(
        (c) =>
          net.segments[net.segmentIndex.get(c) ?? 0]?.system === net.segments[net.segmentIndex.get(burst) ?? 0]?.system,
      ).length;
      if ((got?.valvesToClose.length ?? 0) > 0 && (got?.isolatedSegments.length ?? 0) < systemSize / 4) nonTrivial++;
    }
    expect(nonTrivial).toBeGreaterThan(50);
  });
});
