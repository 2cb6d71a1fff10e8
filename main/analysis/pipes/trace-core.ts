/**
 * Upstream and downstream trace on a gravity network (雨水, 污水), following the flow: each
 * segment flows from its higher invert to its lower one whatever its digitised direction
 * (network.ts `flowEnds`). Down from a node: every segment leaving it downstream, and on; up:
 * every segment arriving at it, and back. The downstream trace names the outfall (出水口)
 * reached first in flow order, or null when the flow ends elsewhere. Environment: common.
 */
import { OUTFALL_KINDS } from '../../../layers/pipelines.js';
import { flowEnds, type PipeNetwork } from '../../pipes/network.js';

export type TraceDirection = 'up' | 'down';

export interface TraceResult {
  from: string;
  direction: TraceDirection;
  segments: string[];
  nodes: string[];
  outfall: string | null;
  lengthM: number;
}

/** Per node, the segments leaving it downstream and arriving from upstream (built once per network). */
export interface FlowIndex {
  downStart: Int32Array;
  downSeg: Int32Array;
  upStart: Int32Array;
  upSeg: Int32Array;
}

function csr(count: number, pairs: readonly (readonly [number, number])[]): { start: Int32Array; seg: Int32Array } {
  const start = new Int32Array(count + 1);
  for (const [n] of pairs) start[n + 1] = (start[n + 1] ?? 0) + 1;
  for (let n = 0; n < count; n++) start[n + 1] = (start[n + 1] ?? 0) + (start[n] ?? 0);
  const fill = start.slice(0, count);
  const seg = new Int32Array(pairs.length);
  for (const [n, i] of pairs) {
    seg[fill[n] ?? 0] = i;
    fill[n] = (fill[n] ?? 0) + 1;
  }
  return { start, seg };
}

export function flowIndex(net: PipeNetwork): FlowIndex {
  const downs: [number, number][] = [];
  const ups: [number, number][] = [];
  for (let i = 0; i < net.segments.length; i++) {
    const { up, down } = flowEnds(net, i);
    if (up >= 0) downs.push([up, i]);
    if (down >= 0) ups.push([down, i]);
  }
  const d = csr(net.nodes.length, downs);
  const u = csr(net.nodes.length, ups);
  return { downStart: d.start, downSeg: d.seg, upStart: u.start, upSeg: u.seg };
}

/** null when `fromNode` is not in the network. */
export function traceFlow(
  net: PipeNetwork,
  fromNode: string,
  direction: TraceDirection,
  index: FlowIndex = flowIndex(net),
): TraceResult | null {
  const start = net.nodeIndex.get(fromNode);
  if (start === undefined) return null;
  const [starts, segs] = direction === 'down' ? [index.downStart, index.downSeg] : [index.upStart, index.upSeg];
  const seenNode = new Uint8Array(net.nodes.length);
  const segments: number[] = [];
  const nodes: number[] = [start];
  let outfall: number | null = null;
  let lengthM = 0;
  // breadth-first, so the first outfall met is the nearest in segments along the flow
  const queue: number[] = [start];
  seenNode[start] = 1;
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q] as number;
    if (direction === 'down' && outfall === null && n !== start && OUTFALL_KINDS.includes(net.nodes[n]?.kind ?? '')) {
      outfall = n;
    }
    for (let k = starts[n] ?? 0; k < (starts[n + 1] ?? 0); k++) {
      const i = segs[k] ?? 0;
      segments.push(i);
      lengthM += net.lengthM[i] ?? 0;
      const { up, down } = flowEnds(net, i);
      const m = direction === 'down' ? down : up;
      if (m >= 0 && !seenNode[m]) {
        seenNode[m] = 1;
        nodes.push(m);
        queue.push(m);
      }
    }
  }
  return {
    from: fromNode,
    direction,
    segments: segments.map((i) => net.segments[i]?.pipeId ?? ''),
    nodes: nodes.map((n) => net.nodes[n]?.nodeId ?? ''),
    outfall: outfall === null ? null : (net.nodes[outfall]?.nodeId ?? null),
    lengthM: Math.round(lengthM * 100) / 100,
  };
}
