/**
 * The planning-condition check job (规划条件核验): reads the regulatory parcels, buildings,
 * green spaces and road red lines, checks each parcel (check-core.ts says what is counted)
 * and writes a result layer of the parcels with the computed values and violation flags,
 * in one transaction. Runs in the caller's thread (GEOS in-process): a district's parcels
 * take well under a second. Environment: node.
 */
import type { FieldDef, LayerStyle, ParcelCheckStart, ParcelCheckSummary } from '../../../common/contract/index.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { tableExists } from '../../store/feature-table.js';
import { gkProj4 } from '../../../layers/crs.js';
import { Clipper, loadGeos } from '../clip/geos.js';
import { gkTransforms } from '../clip/project.js';
import { analysisZone, centreLonOf } from '../clip/zone.js';
import type { AnalysisControl } from '../entry.js';
import { withResultLayer } from '../result.js';
import {
  checkParcels,
  type BuildingInput,
  type ParcelCheck,
  type ParcelInput,
  type ViolationKind,
} from './check-core.js';
import { BUILDING_FIELDS, LIMIT_FIELDS, numberOf, resolveFields } from './fields.js';
import { readGkLayer, type GkLayer } from './read.js';

export type ParcelCheckParams = ParcelCheckStart;
type ParcelViolation = ParcelCheckSummary['violations'][number];
export type { ParcelCheckSummary };

const COMPUTED: readonly FieldDef[] = [
  { name: 'parcel_fid', type: 'INTEGER' },
  { name: 'building_count', type: 'INTEGER' },
  { name: 'parcel_area_m2', type: 'REAL' },
  { name: 'footprint_m2', type: 'REAL' },
  { name: 'gfa_m2', type: 'REAL' },
  { name: 'far', type: 'REAL' },
  { name: 'density_pct', type: 'REAL' },
  { name: 'green_pct', type: 'REAL' },
  { name: 'max_height_m', type: 'REAL' },
  { name: 'setback_boundary_m', type: 'REAL' },
  { name: 'setback_redline_m', type: 'REAL' },
  { name: 'violation_count', type: 'INTEGER' },
  { name: 'violations', type: 'TEXT' },
  { name: 'v_far', type: 'BOOLEAN' },
  { name: 'v_density', type: 'BOOLEAN' },
  { name: 'v_green', type: 'BOOLEAN' },
  { name: 'v_height', type: 'BOOLEAN' },
  { name: 'v_setback_boundary', type: 'BOOLEAN' },
  { name: 'v_setback_redline', type: 'BOOLEAN' },
];

const KINDS: readonly ViolationKind[] = ['far', 'density', 'green', 'height', 'setback_boundary', 'setback_redline'];
const MAX_LISTED = 200;

function fieldName(layer: GkLayer, index: number | null): string | null {
  return index === null ? null : (layer.fields[index]?.name ?? null);
}

function rowValues(layer: GkLayer, f: GkLayer['features'][number], c: ParcelCheck): unknown[] {
  const flags = new Set(c.violations.map((v) => v.kind));
  return [
    ...f.values,
    f.fid,
    c.buildings.length,
    c.areaM2,
    c.footprintM2,
    c.gfaM2,
    c.far,
    c.densityPct,
    c.greenPct,
    c.maxHeightM,
    c.setbackBoundaryM,
    c.setbackRedlineM,
    c.violations.length,
    c.violations.map((v) => v.kind).join(','),
    ...KINDS.map((k) => flags.has(k)),
  ].slice(0, layer.fields.length + COMPUTED.length);
}

export async function runParcelCheck(
  db: Db,
  p: ParcelCheckParams,
  control: AnalysisControl,
): Promise<ParcelCheckSummary> {
  const started = control.now().getTime();
  control.progress(0, 'jobs.parcelCheck.reading');
  for (const name of [p.parcels, p.buildings, p.green, p.redlines]) {
    if (name !== undefined && !tableExists(db, name)) throw new CimError('store.layer_not_found', { layer: name });
  }
  const zone = analysisZone(db, centreLonOf(db, [p.parcels]));
  const { toGk } = gkTransforms(gkProj4(zone));
  const parcels = readGkLayer(db, p.parcels, toGk);
  const buildings = readGkLayer(db, p.buildings, toGk);
  const greens = p.green ? readGkLayer(db, p.green, toGk) : null;
  const redlines = p.redlines ? readGkLayer(db, p.redlines, toGk) : null;
  const limitAt = resolveFields(parcels.fields, LIMIT_FIELDS);
  const buildingAt = resolveFields(buildings.fields, BUILDING_FIELDS);
  const value = (values: unknown[], at: number | null): number | null => (at === null ? null : numberOf(values[at]));
  const parcelInputs: ParcelInput[] = parcels.features.map((f) => ({
    ...f,
    limits: {
      farMax: value(f.values, limitAt.farMax),
      densityMaxPct: value(f.values, limitAt.densityMaxPct),
      greenMinPct: value(f.values, limitAt.greenMinPct),
      heightMaxM: value(f.values, limitAt.heightMaxM),
      setbackMinM: value(f.values, limitAt.setbackMinM),
    },
  }));
  const buildingInputs: BuildingInput[] = buildings.features.map((f) => ({
    ...f,
    heightM: value(f.values, buildingAt.heightM),
    floors: value(f.values, buildingAt.floors),
    gfaM2: value(f.values, buildingAt.gfaM2),
  }));
  control.progress(0.3, 'jobs.parcelCheck.checking');
  const clip = new Clipper(await loadGeos());
  let checks: ParcelCheck[];
  try {
    checks = checkParcels(clip, parcelInputs, buildingInputs, greens?.features ?? null, redlines?.features ?? null);
  } finally {
    clip.dispose();
  }
  if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: p.parcels });
  control.progress(0.8, 'jobs.parcelCheck.writing');
  const codeAt = parcels.fields.findIndex((f) => f.name === 'dkbm');
  const computedNames = new Set(COMPUTED.map((f) => f.name.toLowerCase()));
  const fields: FieldDef[] = [
    ...parcels.fields.map((f) =>
      computedNames.has(f.name.toLowerCase()) ? { ...f, name: `${p.parcels}_${f.name}` } : f,
    ),
    ...COMPUTED,
  ];
  const info = db
    .prepare('SELECT geometry_type_name AS t FROM gpkg_geometry_columns WHERE table_name = ?')
    .get(p.parcels) as { t: string };
  const geometryType =
    info.t.toUpperCase() === 'POLYGON'
      ? 'POLYGON'
      : info.t.toUpperCase() === 'MULTIPOLYGON'
        ? 'MULTIPOLYGON'
        : 'GEOMETRY';
  const byKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ViolationKind, number>;
  const violations: ParcelViolation[] = [];
  const summary = await withResultLayer(
    db,
    { kind: 'parcel-check', params: p },
    {
      name: p.name,
      prefix: 'parcel_check',
      geometryType,
      fields,
      srsId: parcels.srsId === 4490 ? 4490 : 4326,
      style: RESULT_STYLE,
    },
    control,
    ({ name, writer }): ParcelCheckSummary => {
      parcels.features.forEach((f, i) => {
        const c = checks[i];
        if (!c) return;
        const env = f.lonLatEnvelope;
        writer.writeBlob(f.blob, env ?? [0, 0, 0, 0], rowValues(parcels, f, c));
        for (const v of c.violations) {
          byKind[v.kind]++;
          const code = codeAt >= 0 ? f.values[codeAt] : null;
          const parcel = typeof code === 'string' && code !== '' ? code : String(f.fid);
          if (violations.length < MAX_LISTED) violations.push({ fid: f.fid, parcel, ...v });
        }
      });
      return {
        resultLayer: name,
        count: writer.count(),
        violating: checks.filter((c) => c.violations.length > 0).length,
        byKind,
        violations,
        buildings: { total: buildings.features.length, onParcels: checks.reduce((s, c) => s + c.buildings.length, 0) },
        fieldsUsed: {
          limits: {
            farMax: fieldName(parcels, limitAt.farMax),
            densityMaxPct: fieldName(parcels, limitAt.densityMaxPct),
            greenMinPct: fieldName(parcels, limitAt.greenMinPct),
            heightMaxM: fieldName(parcels, limitAt.heightMaxM),
            setbackMinM: fieldName(parcels, limitAt.setbackMinM),
          },
          buildings: {
            heightM: fieldName(buildings, buildingAt.heightM),
            floors: fieldName(buildings, buildingAt.floors),
            gfaM2: fieldName(buildings, buildingAt.gfaM2),
          },
        },
        gkZoneEpsg: zone.epsg,
        durationMs: control.now().getTime() - started,
      };
    },
  );
  control.progress(1, 'jobs.parcelCheck.done');
  return summary;
}

/** Parcels coloured by their number of violations. */
const RESULT_STYLE: Partial<LayerStyle> = {
  fillColor: '#fdae61',
  fillOpacity: 0.45,
  strokeColor: '#d7191c',
  strokeWidthPx: 2,
  thematic: { field: 'violation_count', method: 'ramp', min: 0, max: 3 },
};
