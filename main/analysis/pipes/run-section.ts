/**
 * The cross-section job: the pipes a drawn line crosses (section-core.ts), as points on the
 * line with their elevations; the summary carries the chart's data. Environment: node.
 */
import type { PipesSectionParams, PipesSectionSummary } from '../../../common/contract/pipes.js';
import { pipeColourMap } from '../../../layers/pipelines.js';
import type { Db } from '../../store/connection.js';
import type { AnalysisControl } from '../entry.js';
import { toLocal } from '../obstacles/frame.js';
import { withResultLayer } from '../result.js';
import type { XY } from '../../pipes/model.js';
import { loadNetwork } from './load.js';
import { crossSection } from './section-core.js';

export const SECTION_STYLE = {
  pointSizePx: 9,
  thematic: { field: 'system', method: 'categories' as const, colours: pipeColourMap() },
};

export async function runPipesSection(
  db: Db,
  p: PipesSectionParams,
  control: AnalysisControl,
): Promise<PipesSectionSummary> {
  const started = Date.now();
  const { net, read, lonLat } = loadNetwork(db, p);
  const line: XY[] = [];
  for (let k = 0; k + 1 < p.line.length; k += 2) line.push(toLocal(read.frame, p.line[k] ?? 0, p.line[k + 1] ?? 0));
  control.progress(0.4, 'section');
  const r = crossSection(net, line);
  return withResultLayer(
    db,
    { kind: 'pipes-section', params: p },
    {
      name: p.name,
      prefix: 'pipes_section',
      title: '横断面',
      geometryType: 'POINT',
      fields: [
        { name: 'pipe_id', type: 'TEXT' },
        { name: 'system', type: 'TEXT' },
        { name: 'offset_m', type: 'REAL' },
        { name: 'ground_m', type: 'REAL' },
        { name: 'top_m', type: 'REAL' },
        { name: 'bottom_m', type: 'REAL' },
        { name: 'cover_m', type: 'REAL' },
        { name: 'width_m', type: 'REAL' },
        { name: 'height_m', type: 'REAL' },
      ],
      style: SECTION_STYLE,
    },
    control,
    (out) => {
      for (const x of r.pipes) {
        out.writer.write({ type: 'Point', coordinates: lonLat(x.xy) }, [
          x.pipeId,
          x.system,
          x.offsetM,
          x.groundM,
          x.topM,
          x.bottomM,
          x.coverM,
          x.widthM,
          x.heightM,
        ]);
      }
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        lengthM: r.lengthM,
        pipes: r.pipes.map((x) => ({
          pipeId: x.pipeId,
          system: x.system,
          offsetM: x.offsetM,
          groundM: x.groundM,
          topM: x.topM,
          bottomM: x.bottomM,
          coverM: x.coverM,
          widthM: x.widthM,
          heightM: x.heightM,
          depthDefaulted: x.depthDefaulted,
        })),
        durationMs: Date.now() - started,
      };
    },
  );
}
