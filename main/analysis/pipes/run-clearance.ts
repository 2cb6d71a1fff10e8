/**
 * The clearance job: GB 50289 horizontal and vertical clearances between the pipes, and to
 * building footprints when given (clearance-core.ts); each violation is a point where it is
 * worst, with the two ids, the measured and required clearance and the table it comes from.
 * Environment: node.
 */
import type { PipesClearanceParams, PipesClearanceSummary } from '../../../common/contract/pipes.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { AnalysisControl } from '../entry.js';
import { toLocal } from '../obstacles/frame.js';
import { withResultLayer } from '../result.js';
import type { XY } from '../../pipes/model.js';
import { checkClearances, type BuildingFootprint } from './clearance-core.js';
import { loadNetwork } from './load.js';

export const CLEARANCE_STYLE = {
  pointSizePx: 9,
  thematic: { field: 'kind', method: 'categories' as const, colours: { horizontal: '#ff7f00', vertical: '#e41a1c' } },
};

function readBuildings(db: Db, layer: string, local: (lon: number, lat: number) => XY): BuildingFootprint[] {
  const info = describeFeatureTable(db, layer);
  const idField = ['bldg_id', 'building_id', 'id', 'name'].find((n) => info.fields.some((f) => f.name === n));
  const out: BuildingFootprint[] = [];
  for (const f of iterateFeatures(db, info)) {
    const g = f.geometry as { type?: string; coordinates?: unknown } | null;
    const polys =
      g?.type === 'Polygon'
        ? [g.coordinates as number[][][]]
        : g?.type === 'MultiPolygon'
          ? (g.coordinates as number[][][][])
          : [];
    if (polys.length === 0) continue;
    const raw = idField ? f.properties[idField] : null;
    out.push({
      id: typeof raw === 'string' || typeof raw === 'number' ? String(raw) : `fid:${String(f.fid)}`,
      rings: polys.flatMap((poly) => poly.map((ring) => ring.map(([lon, lat]) => local(lon ?? 0, lat ?? 0)))),
    });
  }
  if (out.length === 0) throw new CimError('pipes.not_buildings', { layer });
  return out;
}

export async function runPipesClearance(
  db: Db,
  p: PipesClearanceParams,
  control: AnalysisControl,
): Promise<PipesClearanceSummary> {
  const started = Date.now();
  const { net, read, lonLat } = loadNetwork(db, p);
  const buildings = p.buildings ? readBuildings(db, p.buildings, (lon, lat) => toLocal(read.frame, lon, lat)) : [];
  control.progress(0.3, 'check');
  const r = checkClearances(net, buildings);
  return withResultLayer(
    db,
    { kind: 'pipes-clearance', params: p },
    {
      name: p.name,
      prefix: 'pipes_clearance',
      title: '管线间距检查',
      geometryType: 'POINT',
      fields: [
        { name: 'a', type: 'TEXT' },
        { name: 'b', type: 'TEXT' },
        { name: 'b_kind', type: 'TEXT' },
        { name: 'kind', type: 'TEXT' },
        { name: 'measured_m', type: 'REAL' },
        { name: 'required_m', type: 'REAL' },
        { name: 'source', type: 'TEXT' },
      ],
      style: CLEARANCE_STYLE,
    },
    control,
    (out) => {
      const violations = r.violations.map((v) => ({ ...v, lonLat: lonLat(v.xy) }));
      for (const v of violations) {
        out.writer.write({ type: 'Point', coordinates: v.lonLat }, [
          v.a,
          v.b,
          v.bKind,
          v.kind,
          v.measuredM,
          v.requiredM,
          v.source,
        ]);
      }
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        violations: violations.map(({ a, b, bKind, kind, measuredM, requiredM, source, lonLat: ll }) => ({
          a,
          b,
          bKind,
          kind,
          measuredM,
          requiredM,
          source,
          lonLat: ll,
        })),
        horizontal: violations.filter((v) => v.kind === 'horizontal').length,
        vertical: violations.filter((v) => v.kind === 'vertical').length,
        pairsChecked: r.pairsChecked,
        depthDefaulted: r.depthDefaulted,
        snapToleranceM: net.snapToleranceM,
        topologyErrors: net.errors.length,
        durationMs: Date.now() - started,
      };
    },
  );
}
