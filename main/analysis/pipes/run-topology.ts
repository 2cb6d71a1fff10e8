/**
 * The topology job: builds the network with the stated snapping tolerance and writes every
 * error it lists (network.ts) as a point at the node or segment end concerned. Environment: node.
 */
import type { PipesTopologyParams, PipesTopologySummary } from '../../../common/contract/pipes.js';
import type { Db } from '../../store/connection.js';
import type { AnalysisControl } from '../entry.js';
import { withResultLayer } from '../result.js';
import type { TopologyError, XY } from '../../pipes/model.js';
import type { PipeNetwork } from '../../pipes/network.js';
import { loadNetwork } from './load.js';

export const TOPOLOGY_STYLE = { pointSizePx: 8, fillColor: '#e41a1c' };

function whereOf(net: PipeNetwork, e: TopologyError): XY | null {
  if (e.pipeId !== null) {
    const s = net.segments[net.segmentIndex.get(e.pipeId) ?? -1];
    if (s) return (e.end === 'to' ? s.xy[s.xy.length - 1] : s.xy[0]) ?? null;
  }
  if (e.nodeId !== null) return net.nodes[net.nodeIndex.get(e.nodeId) ?? -1]?.xy ?? null;
  return null;
}

export async function runPipesTopology(
  db: Db,
  p: PipesTopologyParams,
  control: AnalysisControl,
): Promise<PipesTopologySummary> {
  const started = Date.now();
  const { net, read, lonLat } = loadNetwork(db, p);
  control.progress(0.5, 'topology');
  return withResultLayer(
    db,
    { kind: 'pipes-topology', params: p },
    {
      name: p.name,
      prefix: 'pipes_topology',
      title: '管网拓扑检查',
      geometryType: 'POINT',
      fields: [
        { name: 'code', type: 'TEXT' },
        { name: 'pipe_id', type: 'TEXT' },
        { name: 'node_id', type: 'TEXT' },
        { name: 'end', type: 'TEXT' },
        { name: 'value_m', type: 'REAL' },
      ],
      style: TOPOLOGY_STYLE,
    },
    control,
    (out) => {
      const byCode: Record<string, number> = {};
      for (const e of net.errors) {
        byCode[e.code] = (byCode[e.code] ?? 0) + 1;
        const at = whereOf(net, e);
        out.writer.write(at ? { type: 'Point', coordinates: lonLat(at) } : null, [
          e.code,
          e.pipeId,
          e.nodeId,
          e.end,
          e.valueM,
        ]);
      }
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        segments: net.segments.length,
        nodes: net.nodes.length,
        snapToleranceM: net.snapToleranceM,
        errors: net.errors,
        byCode,
        fieldMap: read.fieldMap,
        skippedUnknownSystem: read.skippedUnknownSystem,
        durationMs: Date.now() - started,
      };
    },
  );
}
