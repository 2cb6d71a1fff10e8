/**
 * Reads a polygon layer for the change detection, projected to the Gauss-Krüger zone: each
 * feature's GK polygons (for the overlay engine), its attribute row, and its stored blob and
 * lon/lat envelope (written back unchanged for the suspects). One decode a feature and no
 * re-encoding: both survey epochs of a city (100k buildings each) are read this way.
 * Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, quoteIdent } from '../../store/feature-table.js';
import { decodeGpkg, gpkgEnvelope, type Position } from '../../store/gpkg-geometry.js';
import type { XYTransform } from '../clip/wkb.js';

export interface LayerFeature {
  fid: number;
  /** Polygons (shell, holes) in GK metres. */
  polygons: Position[][][];
  values: unknown[];
  /** The stored blob (lon/lat). */
  blob: Uint8Array;
  /** [minLon, maxLon, minLat, maxLat]. */
  lonLatEnvelope: [number, number, number, number] | null;
}

export interface ReadLayer {
  name: string;
  fields: FieldDef[];
  features: LayerFeature[];
}

export function readPolygonLayer(db: Db, name: string, toGk: XYTransform): ReadLayer {
  const info = describeFeatureTable(db, name);
  if (!['POLYGON', 'MULTIPOLYGON', 'GEOMETRY'].includes(info.geometryType)) {
    throw new CimError('multiplan.not_polygon_layer', { layer: name, geometryType: info.geometryType });
  }
  const cols = [info.primaryKey, info.geometryColumn, ...info.fields.map((f) => f.name)].map(quoteIdent);
  const stmt = db.prepare(`SELECT ${cols.join(', ')} FROM ${quoteIdent(name)} ORDER BY ${quoteIdent(info.primaryKey)}`);
  stmt.raw(true);
  const xy = new Float64Array(2);
  const project = (p: Position): Position => {
    toGk(p[0], p[1], xy);
    return [xy[0] ?? NaN, xy[1] ?? NaN];
  };
  const features: LayerFeature[] = [];
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    const blob = row[1];
    if (!(blob instanceof Uint8Array)) continue;
    const g = decodeGpkg(blob);
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const lonLat = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    features.push({
      fid: Number(row[0]),
      polygons: lonLat.map((rings) => rings.map((ring) => ring.map(project))),
      values: info.fields.map((f, i) => {
        const v = row[i + 2] ?? null;
        return f.type === 'BOOLEAN' && v !== null ? v === 1 : v;
      }),
      blob,
      lonLatEnvelope: gpkgEnvelope(blob),
    });
  }
  return { name, fields: info.fields, features };
}
