/**
 * Reads a polygon layer for the parcel check, projected to the Gauss-Krüger zone: each
 * feature's GK geometry (for centroids and point tests in JS), its GK WKB (for GEOS) and its
 * attribute row. The check works on one district's parcels, so holding them is fine.
 * Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import { CimError } from '../../../common/errors.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import { encodeGpkg, gpkgEnvelope, type Position } from '../../store/gpkg-geometry.js';
import type { XYTransform } from '../clip/wkb.js';
import { gpkgWkbOffset } from '../clip/wkb.js';

interface GkFeature {
  fid: number;
  /** Polygons (shell, holes) in GK metres. */
  polygons: Position[][][];
  /** Little-endian WKB in GK metres (a MultiPolygon). */
  wkb: Uint8Array;
  /** [minX, minY, maxX, maxY] in GK metres. */
  bbox: [number, number, number, number];
  /** Envelope in lon/lat, [minX, maxX, minY, maxY]. */
  lonLatEnvelope: [number, number, number, number] | null;
  values: unknown[];
  /** The stored blob (lon/lat), to write the parcel result layer. */
  blob: Uint8Array;
}

export interface GkLayer {
  name: string;
  fields: FieldDef[];
  srsId: number;
  features: GkFeature[];
}

export function readGkLayer(db: Db, name: string, toGk: XYTransform): GkLayer {
  const info = describeFeatureTable(db, name);
  if (!['POLYGON', 'MULTIPOLYGON', 'GEOMETRY'].includes(info.geometryType)) {
    throw new CimError('multiplan.not_polygon_layer', { layer: name, geometryType: info.geometryType });
  }
  const xy = new Float64Array(2);
  const project = (p: Position): Position => {
    toGk(p[0], p[1], xy);
    return [xy[0] ?? NaN, xy[1] ?? NaN];
  };
  const features: GkFeature[] = [];
  for (const f of iterateFeatures(db, info)) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const lonLat = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const polygons = lonLat.map((rings) => rings.map((ring) => ring.map(project)));
    const blob = encodeGpkg({ type: 'MultiPolygon', coordinates: polygons }, 0);
    const flat = polygons.flat(2);
    const xs = flat.map((p) => p[0]);
    const ys = flat.map((p) => p[1]);
    const stored = encodeGpkg(g, info.srsId);
    features.push({
      fid: f.fid,
      polygons,
      wkb: blob.subarray(gpkgWkbOffset(blob)),
      bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      lonLatEnvelope: gpkgEnvelope(stored),
      values: info.fields.map((field) => f.properties[field.name] ?? null),
      blob: stored,
    });
  }
  return { name, fields: info.fields, srsId: info.srsId, features };
}
