/**
 * A parsed shape -> a store geometry (still in source coordinates): points, lines with
 * parts of one vertex dropped, polygon rings closed and organised into polygons with holes.
 * What was repaired or why the record is left out is reported. Pure; environment: common.
 */
import type { Geometry, Position } from '../../store/gpkg-geometry.js';
import { closeRing, organizeRings, type Repairs } from './rings.js';
import type { Shape } from './shp.js';

export interface ShapeOutcome {
  geometry: Geometry | null;
  /** Key under `errors:skipped`. */
  repaired?: string;
  skipped?: string;
}

function lines(parts: readonly Position[][]): ShapeOutcome {
  const kept = parts.filter((p) => p.length >= 2);
  const repaired = kept.length < parts.length ? { repaired: 'dropped_short_part' } : {};
  if (kept.length === 0) return { geometry: null, repaired: 'empty_geometry_kept' };
  const geometry: Geometry =
    kept.length === 1
      ? { type: 'LineString', coordinates: kept[0] ?? [] }
      : { type: 'MultiLineString', coordinates: kept };
  return { geometry, ...repaired };
}

function polygons(parts: readonly Position[][]): ShapeOutcome {
  const repairs: Repairs = { closed: false, dropped: false };
  const rings = parts.map((p) => closeRing(p, repairs)).filter((r): r is Position[] => r !== null);
  const repaired = repairs.dropped
    ? { repaired: 'dropped_short_part' }
    : repairs.closed
      ? { repaired: 'closed_ring' }
      : {};
  if (rings.length === 0) return { geometry: null, repaired: 'empty_geometry_kept' };
  const polys = organizeRings(rings);
  const geometry: Geometry =
    polys.length === 1
      ? { type: 'Polygon', coordinates: polys[0] ?? [] }
      : { type: 'MultiPolygon', coordinates: polys };
  return { geometry, ...repaired };
}

export function shapeGeometry(shape: Shape): ShapeOutcome {
  switch (shape.family) {
    case 'null':
      return { geometry: null };
    case 'point': {
      const p = shape.parts[0]?.[0];
      return p ? { geometry: { type: 'Point', coordinates: p } } : { geometry: null };
    }
    case 'multipoint': {
      const pts = shape.parts[0] ?? [];
      return pts.length
        ? { geometry: { type: 'MultiPoint', coordinates: pts } }
        : { geometry: null, repaired: 'empty_geometry_kept' };
    }
    case 'polyline':
      return lines(shape.parts);
    case 'polygon':
      return polygons(shape.parts);
    case 'multipatch':
      return { geometry: null, skipped: 'multipatch' };
  }
}
