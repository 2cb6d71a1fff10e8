/**
 * Longitudinal profile (纵断面) of a gravity run: from a node downstream along the flow,
 * taking at each manhole the first segment leaving it downstream, to the outfall or the end of
 * the flow. Each segment gives its length, its inverts at the upstream and downstream ends
 * (by flow, whatever the digitised direction) and its slope (fall / length, ‰ in the chart);
 * each station its chainage and ground. Environment: common.
 */
import { flowEnds, flowsForward, type PipeNetwork } from '../../pipes/network.js';
import { flowIndex, type FlowIndex } from './trace-core.js';

interface ProfileStation {
  nodeId: string;
  chainageM: number;
  groundM: number | null;
}

interface ProfileSegment {
  pipeId: string;
  lengthM: number;
  invertUpM: number | null;
  invertDownM: number | null;
  /** Fall over length (0.004 = 4 ‰); null without inverts. */
  slope: number | null;
}

export interface Profile {
  stations: ProfileStation[];
  segments: ProfileSegment[];
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export function longitudinalProfile(
  net: PipeNetwork,
  fromNode: string,
  index: FlowIndex = flowIndex(net),
): Profile | null {
  let n = net.nodeIndex.get(fromNode);
  if (n === undefined) return null;
  const seen = new Set<number>([n]);
  let chainage = 0;
  const stations: ProfileStation[] = [{ nodeId: fromNode, chainageM: 0, groundM: net.nodes[n]?.groundM ?? null }];
  const segments: ProfileSegment[] = [];
  for (;;) {
    const k = index.downStart[n] ?? 0;
    if (k >= (index.downStart[n + 1] ?? 0)) break;
    const i = index.downSeg[k] ?? 0;
    const s = net.segments[i];
    const { down } = flowEnds(net, i);
    if (!s || down < 0 || seen.has(down)) break;
    const forward = flowsForward(s);
    const up = forward ? s.invStartM : s.invEndM;
    const dn = forward ? s.invEndM : s.invStartM;
    const len = net.lengthM[i] ?? 0;
    segments.push({
      pipeId: s.pipeId,
      lengthM: r3(len),
      invertUpM: up,
      invertDownM: dn,
      slope: up !== null && dn !== null && len > 0 ? Math.round(((up - dn) / len) * 1e5) / 1e5 : null,
    });
    chainage += len;
    seen.add(down);
    n = down;
    stations.push({
      nodeId: net.nodes[n]?.nodeId ?? '',
      chainageM: r3(chainage),
      groundM: net.nodes[n]?.groundM ?? null,
    });
  }
  return { stations, segments };
}
