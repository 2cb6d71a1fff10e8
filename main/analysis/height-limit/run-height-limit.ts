/**
 * The height-control job (控高分析): reads the buildings (footprints with heights, or a 3D
 * Tiles layer's source), the limit surface the parameters describe (for per-parcel limits the
 * regulatory plan's 限高 field: `--limit-field`, else the first of xg_max / 建筑限高 / 限高 / xg),
 * checks every building (height-limit-core.ts) and writes the buildings as the result layer
 * with their limit and excess, coloured by the excess, in one transaction. Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import type { HeightLimitParams, HeightLimitSummary } from '../../../common/contract/sunlight.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { AnalysisControl } from '../entry.js';
import { tilesDirOf } from '../obstacles/read-terrain.js';
import { localFrame, toLocal, type LocalFrame } from '../obstacles/frame.js';
import { buildingsSource, footprintTable, polygonsOf, readBuildings } from '../obstacles/read-buildings.js';
import { readTerrainGrid } from '../obstacles/read-terrain.js';
import { LIMIT_FIELDS, numberOf } from '../parcel-check/fields.js';
import { withResultLayer } from '../result.js';
import { checkHeights, type LimitSurface } from './height-limit-core.js';

function need<T>(v: T | undefined, param: string, surface: string): T {
  if (v === undefined) throw new CimError('height_limit.missing_param', { surface, param });
  return v;
}

function layerBox(db: Db, table: string): [number, number, number, number] {
  const r = db.prepare('SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?').get(table) as
    { min_x: number | null; min_y: number | null; max_x: number | null; max_y: number | null } | undefined;
  if (r?.min_x == null || r.min_y == null || r.max_x == null || r.max_y == null) {
    throw new CimError('height_limit.empty_layer', { layer: table });
  }
  return [r.min_x, r.min_y, r.max_x, r.max_y];
}

function surfaceOf(
  db: Db,
  p: HeightLimitParams,
  frame: LocalFrame,
): { surface: LimitSurface; limitField: string | null } {
  switch (p.surface) {
    case 'constant':
      return {
        surface: {
          kind: 'constant',
          limitM: need(p.limitM, 'limitM', 'constant'),
          reference: p.absolute ? 'absolute' : 'ground',
        },
        limitField: null,
      };
    case 'parcel': {
      const table = footprintTable(db, need(p.parcels, 'parcels', 'parcel'));
      const info = describeFeatureTable(db, table);
      const field = p.limitField ?? LIMIT_FIELDS.heightMaxM.find((n) => info.fields.some((f) => f.name === n));
      if (!field || !info.fields.some((f) => f.name === field)) {
        throw new CimError('height_limit.no_limit_field', {
          layer: table,
          field: p.limitField ?? LIMIT_FIELDS.heightMaxM.join(' / '),
          fields: info.fields.map((f) => f.name).join(', ') || '-',
        });
      }
      const idField = ['dkbm', 'parcel_id', 'id'].find((n) => info.fields.some((f) => f.name === n));
      const parcels = [...iterateFeatures(db, info)].flatMap((f) => {
        const limitM = numberOf(f.properties[field]);
        const rawId = idField ? f.properties[idField] : null;
        const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : String(f.fid);
        return polygonsOf(f.geometry).map((poly) => ({
          id,
          limitM,
          rings: poly.map((r) => r.map(([lon, lat]) => toLocal(frame, lon, lat))),
        }));
      });
      return { surface: { kind: 'parcel', parcels }, limitField: field };
    }
    case 'inclined': {
      const [x, y] = toLocal(
        frame,
        need(p.originLon, 'originLon', 'inclined'),
        need(p.originLat, 'originLat', 'inclined'),
      );
      return {
        surface: {
          kind: 'inclined',
          originX: x,
          originY: y,
          originHeightM: need(p.originHeightM, 'originHeightM', 'inclined'),
          azimuthDeg: need(p.azimuthDeg, 'azimuthDeg', 'inclined'),
          gradient: need(p.gradient, 'gradient', 'inclined'),
          lengthM: p.lengthM ?? null,
        },
        limitField: null,
      };
    }
    case 'conical': {
      const [x, y] = toLocal(
        frame,
        need(p.originLon, 'originLon', 'conical'),
        need(p.originLat, 'originLat', 'conical'),
      );
      return {
        surface: {
          kind: 'conical',
          apexX: x,
          apexY: y,
          apexHeightM: need(p.originHeightM, 'originHeightM', 'conical'),
          innerRadiusM: p.innerRadiusM ?? 0,
          slope: need(p.gradient, 'gradient', 'conical'),
          outerRadiusM: p.outerRadiusM ?? null,
        },
        limitField: null,
      };
    }
  }
}

const FIELDS: FieldDef[] = [
  { name: 'bldg_id', type: 'TEXT' },
  { name: 'height_m', type: 'REAL' },
  { name: 'base_m', type: 'REAL' },
  { name: 'top_m', type: 'REAL' },
  { name: 'limit_m', type: 'REAL' },
  { name: 'excess_m', type: 'REAL' },
  { name: 'exceeds', type: 'INTEGER' },
  { name: 'parcel', type: 'TEXT' },
];

export async function runHeightLimit(
  db: Db,
  p: HeightLimitParams,
  control: AnalysisControl,
): Promise<HeightLimitSummary> {
  const started = Date.now();
  const tilesDir = tilesDirOf(db);
  const source = buildingsSource(db, p.buildings, { heightField: p.heightField, floorsField: p.floorsField });
  const box = layerBox(db, source.table);
  const frame = localFrame((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  const a = toLocal(frame, box[0], box[1]);
  const b = toLocal(frame, box[2], box[3]);
  const terrain = p.terrain
    ? await readTerrainGrid(
        db,
        tilesDir,
        p.terrain,
        frame,
        {
          minX: Math.min(a[0], b[0]) - 50,
          minY: Math.min(a[1], b[1]) - 50,
          maxX: Math.max(a[0], b[0]) + 50,
          maxY: Math.max(a[1], b[1]) + 50,
        },
        10,
      )
    : null;
  control.progress(0.2, 'read');
  const { buildings } = readBuildings(db, source, frame, terrain, { floorsField: p.floorsField });
  const { surface, limitField } = surfaceOf(db, p, frame);
  control.progress(0.5, 'check');
  const result = checkHeights(
    buildings.map((x) => ({ id: x.id, rings: x.rings, baseM: x.baseM, heightM: x.heightM })),
    surface,
  );
  const r1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);
  return withResultLayer(
    db,
    { kind: 'height-limit', params: p },
    {
      name: p.name,
      prefix: 'height_limit',
      title: `控高分析 ${p.surface}`,
      geometryType: 'MULTIPOLYGON',
      fields: FIELDS,
      style: {
        fillOpacity: 0.8,
        thematic: { field: 'exceeds', method: 'categories', colours: { '0': '#1a9641', '1': '#d7191c' } },
      },
    },
    control,
    (out) => {
      result.buildings.forEach((r, i) => {
        const bldg = buildings[i];
        if (!bldg) return;
        out.writer.write({ type: 'MultiPolygon', coordinates: bldg.lonLat }, [
          r.id,
          r1(r.heightM),
          r1(bldg.baseM),
          r1(r.topM),
          r1(r.limitM),
          r1(r.excessM),
          r.exceeds ? 1 : 0,
          r.parcelId,
        ]);
      });
      const compared =
        result.buildings[0]?.compared ??
        (surface.kind === 'constant' && surface.reference === 'ground' ? 'height' : 'top');
      return {
        resultLayer: out.name,
        count: out.writer.count(),
        surface: p.surface,
        compared,
        checked: result.checked,
        exceeding: result.exceeding,
        maxExcessM: Math.round(result.maxExcessM * 100) / 100,
        buildings: result.buildings
          .filter((x) => x.exceeds)
          .sort((x, y) => (y.excessM ?? 0) - (x.excessM ?? 0))
          .map((x) => ({
            id: x.id,
            heightM: r1(x.heightM) ?? 0,
            limitM: r1(x.limitM) ?? 0,
            excessM: r1(x.excessM) ?? 0,
            parcelId: x.parcelId,
          })),
        limitField,
        durationMs: Date.now() - started,
      };
    },
  );
}
