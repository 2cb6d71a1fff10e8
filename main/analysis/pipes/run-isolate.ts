/**
 * The burst-isolation job: builds the network, runs isolate-core.ts and writes the zone and the
 * segments that lose supply (a line layer, `role` burst / zone / unsupplied) and the valves,
 * sources and services it names (a point layer, `role` close / not_required / closed /
 * shut_source / service) in one transaction. A burst id that is not in the layer, or a
 * network with no valves, is a user error and nothing is written. Environment: node.
 */
import type { PipesIsolateParams, PipesIsolateSummary } from '../../../common/contract/pipes.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import type { AnalysisControl } from '../entry.js';
import { withResultLayer } from '../result.js';
import { isolateBurst } from './isolate-core.js';
import { loadNetwork } from './load.js';

export const ISOLATE_LINE_STYLE = {
  strokeWidthPx: 5,
  thematic: {
    field: 'role',
    method: 'categories' as const,
    colours: { burst: '#ff0000', zone: '#ff7f00', unsupplied: '#984ea3' },
  },
};
export const ISOLATE_POINT_STYLE = {
  pointSizePx: 10,
  thematic: {
    field: 'role',
    method: 'categories' as const,
    colours: {
      close: '#e41a1c',
      not_required: '#4daf4a',
      closed: '#377eb8',
      shut_source: '#000000',
      service: '#ffff33',
    },
  },
};

export async function runPipesIsolate(
  db: Db,
  p: PipesIsolateParams,
  control: AnalysisControl,
): Promise<PipesIsolateSummary> {
  const started = Date.now();
  const { net, lineLonLat, pointLonLat } = loadNetwork(db, p);
  control.progress(0.4, 'isolate');
  const r = isolateBurst(net, p.burst, { stuckValves: p.stuckValves ?? [] });
  if (!r) throw new CimError('pipes.burst_not_found', { burst: p.burst, layer: p.segments });
  const burst = net.segmentIndex.get(p.burst) ?? 0;
  const system = net.segments[burst]?.system ?? '';
  if (!r.isolable) throw new CimError('pipes.no_valves', { system, layer: p.nodes, burst: p.burst });
  const unknownStuck = (p.stuckValves ?? []).filter((v) => !net.nodeIndex.has(v));
  if (unknownStuck.length > 0)
    throw new CimError('pipes.node_not_found', { node: unknownStuck.join(', '), layer: p.nodes });
  return withResultLayer(
    db,
    { kind: 'pipes-isolate', params: p },
    {
      name: p.name,
      prefix: 'pipes_isolate',
      title: `爆管分析 ${p.burst}`,
      geometryType: 'LINESTRING',
      fields: [
        { name: 'pipe_id', type: 'TEXT' },
        { name: 'system', type: 'TEXT' },
        { name: 'role', type: 'TEXT' },
      ],
      style: ISOLATE_LINE_STYLE,
    },
    control,
    (out) => {
      const writeSeg = (id: string, role: string): void => {
        const i = net.segmentIndex.get(id);
        if (i === undefined) return;
        out.writer.write({ type: 'LineString', coordinates: lineLonLat(i) }, [id, system, role]);
      };
      for (const id of r.isolatedSegments) writeSeg(id, id === p.burst ? 'burst' : 'zone');
      for (const id of r.unsuppliedSegmentsOutsideZone) writeSeg(id, 'unsupplied');
      const points = out.addLayer({
        name: `${out.name}_points`,
        prefix: `${out.name}_points`,
        title: `爆管分析 ${p.burst} 阀门`,
        geometryType: 'POINT',
        fields: [
          { name: 'node_id', type: 'TEXT' },
          { name: 'kind', type: 'TEXT' },
          { name: 'role', type: 'TEXT' },
          { name: 'households', type: 'INTEGER' },
        ],
        style: ISOLATE_POINT_STYLE,
      });
      const roles: [string[], string][] = [
        [r.valvesToClose, 'close'],
        [r.boundaryValvesNotRequired, 'not_required'],
        [r.closedBoundaryValves, 'closed'],
        [r.sourcesToShut, 'shut_source'],
        [r.affectedServices, 'service'],
      ];
      for (const [ids, role] of roles) {
        for (const id of ids) {
          const n = net.nodeIndex.get(id);
          if (n === undefined) continue;
          const node = net.nodes[n];
          points.writer.write({ type: 'Point', coordinates: pointLonLat(n) }, [
            id,
            node?.kind ?? '',
            role,
            node?.households ?? null,
          ]);
        }
      }
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        burst: r.burst,
        system,
        isolable: r.isolable,
        isolatedSegments: r.isolatedSegments,
        valvesToClose: r.valvesToClose,
        boundaryValvesNotRequired: r.boundaryValvesNotRequired,
        closedBoundaryValves: r.closedBoundaryValves,
        sourcesToShut: r.sourcesToShut,
        unsuppliedSegmentsOutsideZone: r.unsuppliedSegmentsOutsideZone,
        affectedServices: r.affectedServices,
        affectedHouseholds: r.affectedHouseholds,
        stuckValves: r.stuckValves,
        snapToleranceM: net.snapToleranceM,
        topologyErrors: net.errors.length,
        durationMs: Date.now() - started,
      };
    },
  );
}
