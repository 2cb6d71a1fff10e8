/**
 * A points file for sunlight: a GeoJSON FeatureCollection of Points (lon/lat, EPSG:4326 or
 * CGCS2000), each with `id`, `z_m` (height of the sill above the ground at its foot, metres) and
 * `facing_deg` (azimuth of the facade's outward normal, clockwise from north; absent or null for
 * a point with no facade, such as one on the ground). A point without a height is refused with
 * its record named: guessing a storey would change the answer. Environment: common.
 */
import { CimError } from '../../../common/errors.js';

export interface PointSpec {
  id: string;
  lon: number;
  lat: number;
  zM: number;
  facingDeg: number | null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parsePointsGeoJson(text: string, file: string): PointSpec[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CimError('sunlight.points_not_geojson', { file });
  }
  const features = isObject(doc) && Array.isArray(doc.features) ? (doc.features as unknown[]) : null;
  if (!features) throw new CimError('sunlight.points_not_geojson', { file });
  const seen = new Set<string>();
  return features.map((f, i): PointSpec => {
    const record = i + 1;
    const g = isObject(f) && isObject(f.geometry) ? f.geometry : null;
    const coords = g?.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : null;
    const lon = coords?.[0];
    const lat = coords?.[1];
    if (typeof lon !== 'number' || typeof lat !== 'number')
      throw new CimError('sunlight.point_not_point', { file, record });
    const props = isObject(f) && isObject(f.properties) ? f.properties : {};
    const rawId = props.id ?? (isObject(f) ? f.id : undefined);
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `p${String(record)}`;
    if (seen.has(id)) throw new CimError('sunlight.point_duplicate_id', { file, record, id });
    seen.add(id);
    const z = props.z_m;
    if (typeof z !== 'number' || !Number.isFinite(z))
      throw new CimError('sunlight.point_no_height', { file, record, id });
    const facing = props.facing_deg;
    if (facing !== undefined && facing !== null && (typeof facing !== 'number' || !Number.isFinite(facing))) {
      throw new CimError('sunlight.point_bad_facing', { file, record, id });
    }
    return { id, lon, lat, zM: z, facingDeg: typeof facing === 'number' ? ((facing % 360) + 360) % 360 : null };
  });
}
