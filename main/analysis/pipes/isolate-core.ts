/**
 * Burst isolation (爆管分析) on a water or gas network, the way a utility's isolation trace
 * works (ArcGIS Utility Network "isolation trace", 关阀分析):
 * 1. Flood-fill from both ends of the burst segment, stopping at valves (open or closed, unless
 *    stuck open: those pass the fill) and at sources. The segments filled are the zone.
 * 2. The valves the fill stopped at bound the zone. Closed ones need no action
 *    (`closedBoundaryValves`). An open one must be closed when its outer side still reaches a
 *    live source without crossing the zone (`valvesToClose`); otherwise closing it changes
 *    nothing (`boundaryValvesNotRequired`). Each valve to close is needed on its own: leaving it
 *    open lets a source feed the zone, so the set is minimal.
 * 3. A source the fill reached with no valve between it and the burst must be shut itself
 *    (`sourcesToShut`); it is no longer live.
 * 4. With the valves closed and those sources shut, segments outside the zone that were fed
 *    before and are fed no longer lose supply (`unsuppliedSegmentsOutsideZone`).
 * 5. Service connections (接户点) on the zone and on the unsupplied segments are the affected
 *    services, with their households.
 * A network with no valves cannot be isolated by valves: the result says so (`isolable`).
 * Reachability is undirected (pressure networks feed both ways), so step 2 is one search from
 * all live sources, not one per valve. Environment: common.
 */
import { SERVICE_KINDS, SOURCE_KINDS, VALVE_KINDS } from '../../../layers/pipelines.js';
import type { NodeRecord } from '../../pipes/model.js';
import { otherEnd, type PipeNetwork } from '../../pipes/network.js';

/**
 * Per-network facts every query shares: node roles as numbers (no string tests in the fills)
 * and, per system, the segments fed before any valve moves. Built once by `prepareIsolation`
 * and passed to each query (the bench and a panel asking many bursts); built per call otherwise.
 */
export interface IsolationContext {
  /** 0 other, 1 valve, 2 source, 3 service connection. */
  role: Uint8Array;
  closed: Uint8Array;
  baseline: Map<string, Uint8Array>;
}

const ROLE_VALVE = 1;
const ROLE_SOURCE = 2;
const ROLE_SERVICE = 3;

export function prepareIsolation(net: PipeNetwork): IsolationContext {
  const role = new Uint8Array(net.nodes.length);
  const closed = new Uint8Array(net.nodes.length);
  net.nodes.forEach((n, i) => {
    role[i] = isValve(n) ? ROLE_VALVE : isSource(n) ? ROLE_SOURCE : SERVICE_KINDS.includes(n.kind) ? ROLE_SERVICE : 0;
    closed[i] = isValve(n) && n.status === 'closed' ? 1 : 0;
  });
  return { role, closed, baseline: new Map() };
}

export interface IsolationOptions {
  /** Valves that fail to close: the fill passes them and the zone grows to the next valves. */
  stuckValves?: readonly string[];
}

export interface IsolationResult {
  burst: string;
  isolable: boolean;
  /** Why not, when `isolable` is false. */
  reason: 'no_valves' | null;
  isolatedSegments: string[];
  valvesToClose: string[];
  boundaryValvesNotRequired: string[];
  closedBoundaryValves: string[];
  sourcesToShut: string[];
  unsuppliedSegmentsOutsideZone: string[];
  affectedServices: string[];
  affectedHouseholds: number;
  stuckValves: string[];
}

const isValve = (n: NodeRecord): boolean => VALVE_KINDS.includes(n.kind);
const isSource = (n: NodeRecord): boolean => SOURCE_KINDS.includes(n.kind);

/**
 * Segments reached from the given start nodes, never entering `blockedSeg` segments and never
 * passing through nodes for which `stopAt` is true (they are reached but not crossed).
 */
function reach(
  net: PipeNetwork,
  starts: readonly number[],
  blockedSeg: Uint8Array,
  stopAt: (n: number) => boolean,
): Uint8Array {
  const seenSeg = new Uint8Array(net.segments.length);
  const seenNode = new Uint8Array(net.nodes.length);
  const stack: number[] = [];
  for (const s of starts) {
    if (!seenNode[s]) {
      seenNode[s] = 1;
      stack.push(s);
    }
  }
  const isStart = new Uint8Array(net.nodes.length);
  for (const s of starts) isStart[s] = 1;
  while (stack.length > 0) {
    const n = stack.pop() as number;
    // start nodes are expanded even when they would stop a fill (a source feeds its own pipes)
    if (!isStart[n] && stopAt(n)) continue;
    for (let k = net.adjStart[n] ?? 0; k < (net.adjStart[n + 1] ?? 0); k++) {
      const i = net.adjSeg[k] ?? 0;
      if (seenSeg[i] || blockedSeg[i]) continue;
      seenSeg[i] = 1;
      const m = otherEnd(net, i, n);
      if (m >= 0 && !seenNode[m]) {
        seenNode[m] = 1;
        stack.push(m);
      }
    }
  }
  return seenSeg;
}

export function isolateBurst(
  net: PipeNetwork,
  burstPipeId: string,
  options: IsolationOptions = {},
  ctx: IsolationContext = prepareIsolation(net),
): IsolationResult | null {
  const burst = net.segmentIndex.get(burstPipeId);
  if (burst === undefined) return null;
  const system = net.segments[burst]?.system ?? '';
  const stuck = new Set<number>();
  for (const id of options.stuckValves ?? []) {
    const n = net.nodeIndex.get(id);
    if (n !== undefined) stuck.add(n);
  }
  const inSystem = (n: number): boolean => net.nodes[n]?.system === system;
  const { role } = ctx;
  const hasValve = net.nodes.some((n, i) => role[i] === ROLE_VALVE && n.system === system);
  const empty: IsolationResult = {
    burst: burstPipeId,
    isolable: true,
    reason: null,
    isolatedSegments: [],
    valvesToClose: [],
    boundaryValvesNotRequired: [],
    closedBoundaryValves: [],
    sourcesToShut: [],
    unsuppliedSegmentsOutsideZone: [],
    affectedServices: [],
    affectedHouseholds: 0,
    stuckValves: [...(options.stuckValves ?? [])].sort(),
  };
  if (!hasValve) return { ...empty, isolable: false, reason: 'no_valves' };

  // 1. the zone: fill from both ends, stopping at working valves and sources
  // a stuck valve that is open stays open; one that is normally closed stays closed
  const barrier = (n: number): boolean =>
    (role[n] === ROLE_VALVE && (ctx.closed[n] === 1 || !stuck.has(n))) || role[n] === ROLE_SOURCE;
  const zone = new Uint8Array(net.segments.length);
  const boundary = new Set<number>();
  const stack: number[] = [];
  zone[burst] = 1;
  for (const n of [net.segFrom[burst] ?? -1, net.segTo[burst] ?? -1]) if (n >= 0) stack.push(n);
  const seenNode = new Uint8Array(net.nodes.length);
  while (stack.length > 0) {
    const n = stack.pop() as number;
    if (seenNode[n]) continue;
    seenNode[n] = 1;
    if (barrier(n)) {
      boundary.add(n);
      continue;
    }
    for (let k = net.adjStart[n] ?? 0; k < (net.adjStart[n + 1] ?? 0); k++) {
      const i = net.adjSeg[k] ?? 0;
      if (zone[i]) continue;
      zone[i] = 1;
      const m = otherEnd(net, i, n);
      if (m >= 0 && !seenNode[m]) stack.push(m);
    }
  }

  // 3. sources inside the boundary are shut; the others are live
  const sourcesToShut = [...boundary].filter((n) => role[n] === ROLE_SOURCE);
  const shut = new Set(sourcesToShut);
  const allSources: number[] = [];
  for (let i = 0; i < role.length; i++) if (role[i] === ROLE_SOURCE && inSystem(i)) allSources.push(i);
  const liveSources = allSources.filter((i) => !shut.has(i));
  const closed = (n: number): boolean => ctx.closed[n] === 1;

  // 2. which open boundary valves does a live source reach from outside the zone?
  const fedOutside = reach(net, liveSources, zone, closed);
  const valvesToClose: number[] = [];
  const notRequired: number[] = [];
  const closedBoundary: number[] = [];
  for (const n of boundary) {
    if (role[n] !== ROLE_VALVE) continue;
    if (closed(n)) {
      closedBoundary.push(n);
      continue;
    }
    let fed = false;
    for (let k = net.adjStart[n] ?? 0; k < (net.adjStart[n + 1] ?? 0) && !fed; k++) {
      const i = net.adjSeg[k] ?? 0;
      if (!zone[i] && fedOutside[i]) fed = true;
    }
    (fed ? valvesToClose : notRequired).push(n);
  }

  // 4. supply before and after the valves close (sources at the zone shut as well). Closing a
  // valve whose only outer segment is one pipe blocks nothing outside the zone, so the search
  // of step 2 is the supply after closing unless a closed valve joins two outer pipes.
  let before = ctx.baseline.get(system);
  if (!before) {
    before = reach(net, allSources, new Uint8Array(net.segments.length), closed);
    ctx.baseline.set(system, before);
  }
  const closing = new Set(valvesToClose);
  const outerDegree = (n: number): number => {
    let d = 0;
    for (let k = net.adjStart[n] ?? 0; k < (net.adjStart[n + 1] ?? 0); k++) if (!zone[net.adjSeg[k] ?? 0]) d++;
    return d;
  };
  const after = valvesToClose.some((n) => outerDegree(n) > 1)
    ? reach(net, liveSources, zone, (n) => closed(n) || closing.has(n))
    : fedOutside;
  const unsupplied: number[] = [];
  for (let i = 0; i < net.segments.length; i++) {
    if (!zone[i] && before[i] && !after[i] && net.segments[i]?.system === system) unsupplied.push(i);
  }

  // 5. service connections on the zone or the unsupplied segments
  const services = new Set<number>();
  for (const i of [...zoneList(zone), ...unsupplied]) {
    for (const n of [net.segFrom[i] ?? -1, net.segTo[i] ?? -1]) {
      if (n >= 0 && role[n] === ROLE_SERVICE) services.add(n);
    }
  }
  const ids = (list: Iterable<number>): string[] => [...list].map((n) => (net.nodes[n] as NodeRecord).nodeId).sort();
  const segIds = (list: Iterable<number>): string[] => [...list].map((i) => net.segments[i]?.pipeId ?? '').sort();
  return {
    ...empty,
    isolatedSegments: segIds(zoneList(zone)),
    valvesToClose: ids(valvesToClose),
    boundaryValvesNotRequired: ids(notRequired),
    closedBoundaryValves: ids(closedBoundary),
    sourcesToShut: ids(sourcesToShut),
    unsuppliedSegmentsOutsideZone: segIds(unsupplied),
    affectedServices: ids(services),
    affectedHouseholds: [...services].reduce((sum, n) => sum + (net.nodes[n]?.households ?? 0), 0),
  };
}

function zoneList(zone: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < zone.length; i++) if (zone[i]) out.push(i);
  return out;
}
