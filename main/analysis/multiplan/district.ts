/**
 * "By district" for the statistics: a conflict's district is either a district/street field
 * of one of its two features (the first input layer that has one of DISTRICT_FIELD_CANDIDATES,
 * or the field named with --district-field), or, with --district-layer, the district polygon
 * that contains the conflict's inside point (GEOS PointOnSurface of its largest part).
 * Environment: node.
 */
import Flatbush from 'flatbush';
import type { FieldDef } from '../../../common/contract/index.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { Position } from '../../store/gpkg-geometry.js';
import { textOf } from './text.js';
import { pointInRing } from '../../../layers/geom.js';

/** 区县, 街道/乡镇, 行政区 names in the field spellings plan data uses (pinyin initials and Chinese). */
const DISTRICT_FIELD_CANDIDATES: readonly string[] = [
  'district',
  'qx',
  'qxmc',
  '区县',
  '区县名称',
  'jd',
  'jdmc',
  '街道',
  '街道名称',
  'xzqmc',
  '行政区',
  '行政区名称',
  'street',
];

const NAME_FIELD_CANDIDATES: readonly string[] = ['name', 'mc', 'xzqmc', 'qxmc', 'jdmc', '名称', 'district', 'street'];

/** Which input layer's field holds the district: [layer index, field index], or null. */
export function districtFieldOf(
  inputs: readonly { name: string; fields: readonly FieldDef[] }[],
  given: string | undefined,
): { layer: number; field: number } | null {
  const wanted = given === undefined ? DISTRICT_FIELD_CANDIDATES : [given];
  for (const name of wanted) {
    for (let layer = 0; layer < inputs.length; layer++) {
      const field = inputs[layer]?.fields.findIndex((f) => f.name === name) ?? -1;
      if (field >= 0) return { layer, field };
    }
  }
  if (given !== undefined)
    throw new CimError('multiplan.no_such_field', { layer: inputs.map((i) => i.name).join(','), field: given });
  return null;
}

export interface DistrictLookup {
  field: string;
  at(lon: number, lat: number): string | null;
}

/** District polygons of a layer, for point look-ups; names from `field` or the first name-like field. */
export function districtLayer(db: Db, layer: string, field: string | undefined): DistrictLookup {
  const info = describeFeatureTable(db, layer);
  const nameField =
    field ??
    NAME_FIELD_CANDIDATES.find((c) => info.fields.some((f) => f.name === c)) ??
    info.fields.find((f) => f.type === 'TEXT')?.name;
  if (!nameField || !info.fields.some((f) => f.name === nameField)) {
    throw new CimError('multiplan.no_such_field', { layer, field: field ?? NAME_FIELD_CANDIDATES.join(', ') });
  }
  const polygons: { rings: Position[][]; name: string | null }[] = [];
  for (const f of iterateFeatures(db, info)) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const name = textOf(f.properties[nameField]);
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) polygons.push({ rings, name });
  }
  const index = polygons.length > 0 ? new Flatbush(polygons.length) : null;
  for (const p of polygons) {
    const xs = (p.rings[0] ?? []).map((q) => q[0]);
    const ys = (p.rings[0] ?? []).map((q) => q[1]);
    index?.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }
  index?.finish();
  return {
    field: nameField,
    at(lon, lat) {
      if (!index || !Number.isFinite(lon) || !Number.isFinite(lat)) return null;
      for (const i of index.search(lon, lat, lon, lat)) {
        const p = polygons[i];
        if (!p) continue;
        const [shell, ...holes] = p.rings;
        if (shell && pointInRing(lon, lat, shell) && !holes.some((h) => pointInRing(lon, lat, h))) return p.name;
      }
      return null;
    },
  };
}
