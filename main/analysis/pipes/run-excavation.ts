/**
 * The excavation-impact job: the pipes a dig outline meets at a depth (excavation-core.ts),
 * written as lines coloured by risk, so the case desk can attach the layer to a dig permit.
 * Environment: node.
 */
import type { PipesExcavationParams, PipesExcavationSummary } from '../../../common/contract/pipes.js';
import type { Db } from '../../store/connection.js';
import type { AnalysisControl } from '../entry.js';
import { toLocal } from '../obstacles/frame.js';
import { withResultLayer } from '../result.js';
import type { XY } from '../../pipes/model.js';
import { EXCAVATION_MARGIN_M, excavationImpact } from './excavation-core.js';
import { loadNetwork } from './load.js';

export const EXCAVATION_STYLE = {
  strokeWidthPx: 5,
  thematic: {
    field: 'risk',
    method: 'categories' as const,
    colours: { high: '#d7191c', medium: '#fdae61', low: '#1a9641' },
  },
};

export async function runPipesExcavation(
  db: Db,
  p: PipesExcavationParams,
  control: AnalysisControl,
): Promise<PipesExcavationSummary> {
  const started = Date.now();
  const { net, read, lineLonLat } = loadNetwork(db, p);
  const ring: XY[] = [];
  for (let k = 0; k + 1 < p.polygon.length; k += 2)
    ring.push(toLocal(read.frame, p.polygon[k] ?? 0, p.polygon[k + 1] ?? 0));
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
  control.progress(0.4, 'excavation');
  const hits = excavationImpact(net, [ring], p.depthM);
  return withResultLayer(
    db,
    { kind: 'pipes-excavation', params: p },
    {
      name: p.name,
      prefix: 'pipes_excavation',
      title: `开挖影响 ${String(p.depthM)} m`,
      geometryType: 'LINESTRING',
      fields: [
        { name: 'pipe_id', type: 'TEXT' },
        { name: 'system', type: 'TEXT' },
        { name: 'min_cover_m', type: 'REAL' },
        { name: 'inside_m', type: 'REAL' },
        { name: 'risk', type: 'TEXT' },
      ],
      style: EXCAVATION_STYLE,
    },
    control,
    (out) => {
      for (const h of hits) {
        const i = net.segmentIndex.get(h.pipeId);
        if (i === undefined) continue;
        out.writer.write({ type: 'LineString', coordinates: lineLonLat(i) }, [
          h.pipeId,
          h.system,
          h.minCoverM,
          h.insideM,
          h.risk,
        ]);
      }
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        depthM: p.depthM,
        marginM: EXCAVATION_MARGIN_M,
        pipes: hits,
        byRisk: {
          high: hits.filter((h) => h.risk === 'high').length,
          medium: hits.filter((h) => h.risk === 'medium').length,
          low: hits.filter((h) => h.risk === 'low').length,
        },
        durationMs: Date.now() - started,
      };
    },
  );
}
