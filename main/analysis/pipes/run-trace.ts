/**
 * The gravity trace job: the segments up- or downstream of a node (trace-core.ts), written as
 * a line layer in flow order with their flow direction. A node that is not in the layer, or
 * is no gravity-system node, is a user error. Environment: node.
 */
import type { PipesTraceParams, PipesTraceSummary } from '../../../common/contract/pipes.js';
import { CimError } from '../../../common/errors.js';
import { pipeSystem } from '../../../layers/pipelines.js';
import type { Db } from '../../store/connection.js';
import type { AnalysisControl } from '../entry.js';
import { withResultLayer } from '../result.js';
import { flowsForward } from '../../pipes/network.js';
import { loadNetwork } from './load.js';
import { longitudinalProfile } from './profile-core.js';
import { flowIndex, traceFlow } from './trace-core.js';

export const TRACE_STYLE = {
  strokeWidthPx: 5,
  thematic: { field: 'direction', method: 'categories' as const, colours: { up: '#1f78b4', down: '#e31a1c' } },
};

export async function runPipesTrace(db: Db, p: PipesTraceParams, control: AnalysisControl): Promise<PipesTraceSummary> {
  const started = Date.now();
  const { net, lineLonLat } = loadNetwork(db, p);
  const n = net.nodeIndex.get(p.from);
  if (n === undefined) throw new CimError('pipes.node_not_found', { node: p.from, layer: p.nodes });
  const system = net.nodes[n]?.system ?? '';
  if (!pipeSystem(system)?.gravity) throw new CimError('pipes.not_gravity', { node: p.from, system });
  control.progress(0.4, 'trace');
  const index = flowIndex(net);
  const r = traceFlow(net, p.from, p.direction, index);
  const profile = p.direction === 'down' ? longitudinalProfile(net, p.from, index) : null;
  if (!r) throw new CimError('pipes.node_not_found', { node: p.from, layer: p.nodes });
  return withResultLayer(
    db,
    { kind: 'pipes-trace', params: p },
    {
      name: p.name,
      prefix: 'pipes_trace',
      title: `${p.direction === 'up' ? '上游追踪' : '下游追踪'} ${p.from}`,
      geometryType: 'LINESTRING',
      fields: [
        { name: 'pipe_id', type: 'TEXT' },
        { name: 'system', type: 'TEXT' },
        { name: 'seq', type: 'INTEGER' },
        { name: 'direction', type: 'TEXT' },
        { name: 'against_digitised', type: 'INTEGER' },
      ],
      style: TRACE_STYLE,
    },
    control,
    (out) => {
      r.segments.forEach((id, seq) => {
        const i = net.segmentIndex.get(id);
        const s = i === undefined ? undefined : net.segments[i];
        if (i === undefined || !s) return;
        out.writer.write({ type: 'LineString', coordinates: lineLonLat(i) }, [
          id,
          s.system,
          seq + 1,
          p.direction,
          flowsForward(s) ? 0 : 1,
        ]);
      });
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        from: r.from,
        direction: r.direction,
        system,
        segments: r.segments,
        nodes: r.nodes,
        outfall: r.outfall,
        lengthM: r.lengthM,
        profile,
        snapToleranceM: net.snapToleranceM,
        topologyErrors: net.errors.length,
        durationMs: Date.now() - started,
      };
    },
  );
}
