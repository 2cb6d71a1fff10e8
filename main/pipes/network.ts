/**
 * Builds the topology of a pipe network from its records: every segment end joined to a node
 * by its `from_node`/`to_node` id, or, when the id is empty or names no node, to the nearest
 * node of the same system within the snapping tolerance (default 0.05 m, well inside survey
 * accuracy of ±5 cm, CJJ 61-2017 §3.0.6). What cannot be joined is listed, never guessed:
 * ids that name no node, ends with no node in reach, ends farther than the tolerance from the
 * node their id names, dangles (a line ending at a point that is no end kind), and gravity
 * segments whose inverts contradict the flow (a backfall into the next pipe, a manhole with
 * no way out that is no outfall, a flat pipe). Environment: common.
 */
import Flatbush from 'flatbush';
import { END_KINDS, OUTFALL_KINDS, pipeSystem } from '../../layers/pipelines.js';
import { lineLengthM, type NodeRecord, type SegmentRecord, type TopologyError, type XY } from './model.js';

export const DEFAULT_SNAP_TOLERANCE_M = 0.05;

export interface PipeNetwork {
  nodes: readonly NodeRecord[];
  segments: readonly SegmentRecord[];
  /** Node index of each segment's ends; -1 where nothing joins. */
  segFrom: Int32Array;
  segTo: Int32Array;
  lengthM: Float64Array;
  /** Segments at each node: adjSeg[adjStart[n] .. adjStart[n+1]). */
  adjStart: Int32Array;
  adjSeg: Int32Array;
  nodeIndex: ReadonlyMap<string, number>;
  segmentIndex: ReadonlyMap<string, number>;
  errors: TopologyError[];
  snapToleranceM: number;
}

function err(
  code: TopologyError['code'],
  pipeId: string | null,
  nodeId: string | null,
  end: TopologyError['end'] = null,
  valueM: number | null = null,
): TopologyError {
  return { code, pipeId, nodeId, end, valueM: valueM === null ? null : Math.round(valueM * 1000) / 1000 };
}

export function buildNetwork(
  nodes: readonly NodeRecord[],
  segments: readonly SegmentRecord[],
  snapToleranceM = DEFAULT_SNAP_TOLERANCE_M,
): PipeNetwork {
  const errors: TopologyError[] = [];
  const nodeIndex = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (nodeIndex.has(n.nodeId)) errors.push(err('duplicate_node', null, n.nodeId));
    else nodeIndex.set(n.nodeId, i);
  });
  const segmentIndex = new Map<string, number>();
  segments.forEach((s, i) => {
    if (segmentIndex.has(s.pipeId)) errors.push(err('duplicate_segment', s.pipeId, null));
    else segmentIndex.set(s.pipeId, i);
  });
  const index = new Flatbush(Math.max(nodes.length, 1));
  for (const n of nodes) index.add(n.xy[0], n.xy[1]);
  if (nodes.length === 0) index.add(0, 0);
  index.finish();
  const snap = (at: XY, system: string): number => {
    if (nodes.length === 0) return -1;
    const hits = index.neighbors(at[0], at[1], 1, snapToleranceM, (i) => nodes[i]?.system === system);
    return hits[0] ?? -1;
  };
  const segFrom = new Int32Array(segments.length).fill(-1);
  const segTo = new Int32Array(segments.length).fill(-1);
  const lengthM = new Float64Array(segments.length);
  const degree = new Int32Array(nodes.length);
  segments.forEach((s, i) => {
    lengthM[i] = lineLengthM(s.xy);
    for (const end of ['from', 'to'] as const) {
      const id = end === 'from' ? s.fromNode : s.toNode;
      const at = (end === 'from' ? s.xy[0] : s.xy[s.xy.length - 1]) ?? ([NaN, NaN] as const);
      let n = id === null ? -1 : (nodeIndex.get(id) ?? -1);
      if (id !== null && n < 0) errors.push(err('missing_node', s.pipeId, id, end));
      if (n >= 0) {
        const node = nodes[n] as NodeRecord;
        const off = Math.hypot(node.xy[0] - at[0], node.xy[1] - at[1]);
        if (off > snapToleranceM) errors.push(err('end_off_node', s.pipeId, id, end, off));
      } else {
        n = snap(at, s.system);
        if (n < 0) errors.push(err('unconnected_end', s.pipeId, null, end));
      }
      if (n >= 0) degree[n] = (degree[n] ?? 0) + 1;
      (end === 'from' ? segFrom : segTo)[i] = n;
    }
  });
  const adjStart = new Int32Array(nodes.length + 1);
  for (let n = 0; n < nodes.length; n++) adjStart[n + 1] = (adjStart[n] ?? 0) + (degree[n] ?? 0);
  const fill = adjStart.slice(0, nodes.length);
  const adjSeg = new Int32Array(adjStart[nodes.length] ?? 0);
  for (let i = 0; i < segments.length; i++) {
    for (const n of [segFrom[i] ?? -1, segTo[i] ?? -1]) {
      if (n < 0) continue;
      adjSeg[fill[n] ?? 0] = i;
      fill[n] = (fill[n] ?? 0) + 1;
    }
  }
  nodes.forEach((n, i) => {
    // a gravity line starts at a head manhole (起始井): its dead ends are checked as sinks instead
    const gravity = pipeSystem(n.system)?.gravity ?? false;
    if (degree[i] === 1 && !gravity && !END_KINDS.includes(n.kind)) errors.push(err('dangle', null, n.nodeId));
  });
  const net: PipeNetwork = {
    nodes,
    segments,
    segFrom,
    segTo,
    lengthM,
    adjStart,
    adjSeg,
    nodeIndex,
    segmentIndex,
    errors,
    snapToleranceM,
  };
  errors.push(...flowErrors(net));
  return net;
}

/** Flow direction of a gravity segment: true when it flows from its from-end, by its inverts. */
export function flowsForward(s: SegmentRecord): boolean {
  if (s.invStartM === null || s.invEndM === null) return true;
  return s.invStartM >= s.invEndM;
}

/** Upstream and downstream node of a segment, by inverts for gravity systems, else as digitised. */
export function flowEnds(net: PipeNetwork, i: number): { up: number; down: number } {
  const s = net.segments[i] as SegmentRecord;
  const f = net.segFrom[i] ?? -1;
  const t = net.segTo[i] ?? -1;
  return flowsForward(s) ? { up: f, down: t } : { up: t, down: f };
}

function invertAt(s: SegmentRecord, atFrom: boolean): number | null {
  return atFrom ? s.invStartM : s.invEndM;
}

/**
 * Gravity checks at each node: a pipe flowing in whose invert lies below every pipe flowing
 * out (a backfall: the water would have to rise), and a node with inflow but no outflow that
 * is not an outfall (a sink).
 */
function flowErrors(net: PipeNetwork): TopologyError[] {
  const out: TopologyError[] = [];
  net.segments.forEach((s) => {
    if (pipeSystem(s.system)?.gravity && s.invStartM !== null && s.invStartM === s.invEndM) {
      out.push(err('flat_gravity', s.pipeId, null));
    }
  });
  for (let n = 0; n < net.nodes.length; n++) {
    const node = net.nodes[n] as NodeRecord;
    if (!pipeSystem(node.system)?.gravity) continue;
    const ins: { pipeId: string; inv: number | null }[] = [];
    const outs: (number | null)[] = [];
    for (let k = net.adjStart[n] ?? 0; k < (net.adjStart[n + 1] ?? 0); k++) {
      const i = net.adjSeg[k] ?? 0;
      const s = net.segments[i] as SegmentRecord;
      const { up, down } = flowEnds(net, i);
      const atFrom = (net.segFrom[i] ?? -1) === n;
      if (down === n && up !== n) ins.push({ pipeId: s.pipeId, inv: invertAt(s, atFrom) });
      else if (up === n) outs.push(invertAt(s, atFrom));
    }
    if (
      ins.length > 0 &&
      outs.length === 0 &&
      !OUTFALL_KINDS.includes(node.kind) &&
      (net.adjStart[n + 1] ?? 0) - (net.adjStart[n] ?? 0) > 1
    ) {
      out.push(err('flow_sink', null, node.nodeId));
    }
    const lowestOut = Math.min(...outs.map((v) => v ?? Infinity));
    if (!Number.isFinite(lowestOut)) continue;
    for (const x of ins) {
      if (x.inv !== null && x.inv + 1e-3 < lowestOut)
        out.push(err('flow_backfall', x.pipeId, node.nodeId, null, lowestOut - x.inv));
    }
  }
  return out;
}

/** The other end of segment `i` seen from node `n`. */
export function otherEnd(net: PipeNetwork, i: number, n: number): number {
  const f = net.segFrom[i] ?? -1;
  return f === n ? (net.segTo[i] ?? -1) : f;
}
