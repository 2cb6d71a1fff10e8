/**
 * The CRS an export is written in: EPSG:4326 (the store's) by default, or any supported
 * code (`EPSG:4526` for a Gauss-Krüger zone). Environment: node.
 */
import { converter, crsDef } from '../../layers/crs.js';
import type { CrsDef } from '../../layers/crs-defs.js';
import { CimError } from '../../common/errors.js';
import type { Geometry, Position } from '../store/gpkg-geometry.js';

export interface TargetCrs {
  def: CrsDef;
  /** Store lon/lat -> target coordinates; null when they are the same numbers. */
  transform: ((p: Position) => Position) | null;
}

export function targetCrs(code: string | undefined): TargetCrs {
  const text = (code ?? 'EPSG:4326').trim().toUpperCase();
  const m = /^(?:EPSG:{1,2})?(\d{4,5})$/.exec(text);
  const epsg = m ? Number(m[1]) : NaN;
  const def = crsDef(epsg);
  if (!def) throw new CimError('export.unsupported_crs', { crs: code ?? '' });
  if (epsg === 4326 || epsg === 4490) return { def, transform: null };
  const conv = converter(4326, epsg);
  return { def, transform: (p) => conv(p) };
}

export function mapGeometry(g: Geometry, f: ((p: Position) => Position) | null): Geometry {
  if (!f) return g;
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'LineString':
    case 'MultiPoint':
      return { type: g.type, coordinates: g.coordinates.map(f) };
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
  }
}
