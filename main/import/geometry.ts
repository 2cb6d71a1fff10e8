/**
 * GeoJSON geometry -> store geometry: structure checks, CRS transform, lon/lat range check,
 * ring closing. A structurally broken geometry stops the import with the record named;
 * an empty one is skipped and reported; an unclosed ring is closed and reported.
 */
import { importError } from '../../common/errors.js';
import type { GeometryType } from '../../common/contract/index.js';
import type { Geometry, Position } from '../store/gpkg-geometry.js';

export type Transform = ((xy: readonly [number, number]) => [number, number]) | null;

export interface GeometryOutcome {
  geometry: Geometry | null;
  /** Why the record was skipped: a key under `errors:skipped` (empty_geometry, geometry_collection). */
  skipped?: string;
  /** What was repaired: a key under `errors:skipped` (closed_ring). */
  repaired?: string;
}

interface Ctx {
  file: string;
  record: number;
  transform: Transform;
  /** False while still in source coordinates (the caller reprojects and checks later). */
  checkRange: boolean;
  repairs: string[];
}

/** Each problem has its own message key (`import.geometry_<problem>`), in both languages. */
function fail(ctx: Ctx, problem: string, facts: Record<string, string | number> = {}): never {
  throw importError(`geometry_${problem}`, { file: ctx.file, record: ctx.record, ...facts });
}

function position(raw: unknown, ctx: Ctx): Position {
  if (!Array.isArray(raw) || raw.length < 2) fail(ctx, 'position_short');
  const x: unknown = raw[0];
  const y: unknown = raw[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    fail(ctx, 'position_not_numbers', { position: JSON.stringify(raw).slice(0, 60) });
  }
  const [lon, lat] = ctx.transform ? ctx.transform([x, y]) : [x, y];
  if (ctx.checkRange && !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
    throw importError('out_of_range', { file: ctx.file, record: ctx.record, x, y });
  }
  return [lon, lat];
}

function positions(raw: unknown, ctx: Ctx, what: string): Position[] {
  if (!Array.isArray(raw)) fail(ctx, 'not_array', { part: what });
  return raw.map((p) => position(p, ctx));
}

function line(raw: unknown, ctx: Ctx): Position[] {
  const pts = positions(raw, ctx, 'line');
  if (pts.length < 2) fail(ctx, 'line_short', { count: pts.length });
  return pts;
}

function ring(raw: unknown, ctx: Ctx): Position[] {
  const pts = positions(raw, ctx, 'ring');
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    pts.push([first[0], first[1]]);
    ctx.repairs.push('closed_ring');
  }
  if (pts.length < 4) fail(ctx, 'ring_short', { count: pts.length });
  return pts;
}

function polygon(raw: unknown, ctx: Ctx): Position[][] {
  if (!Array.isArray(raw) || raw.length === 0) fail(ctx, 'polygon_empty');
  return raw.map((r) => ring(r, ctx));
}

function isEmptyCoordinates(raw: unknown): boolean {
  return raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0);
}

/** `transform` undefined: keep source coordinates unchecked (the survey reprojects them). */
export function readGeoJsonGeometry(
  raw: unknown,
  file: string,
  record: number,
  transform: Transform | undefined,
): GeometryOutcome {
  if (raw === null || raw === undefined) return { geometry: null };
  const ctx: Ctx = { file, record, transform: transform ?? null, checkRange: transform !== undefined, repairs: [] };
  if (typeof raw !== 'object') fail(ctx, 'not_object');
  const g = raw as { type?: unknown; coordinates?: unknown };
  if (g.type === 'GeometryCollection') return { geometry: null, skipped: 'geometry_collection' };
  if (isEmptyCoordinates(g.coordinates)) return { geometry: null, skipped: 'empty_geometry' };
  const c = g.coordinates;
  const arr = (what: string): unknown[] => (Array.isArray(c) ? c : fail(ctx, 'not_array', { part: what }));
  let geometry: Geometry;
  switch (g.type) {
    case 'Point':
      geometry = { type: 'Point', coordinates: position(c, ctx) };
      break;
    case 'LineString':
      geometry = { type: 'LineString', coordinates: line(c, ctx) };
      break;
    case 'Polygon':
      geometry = { type: 'Polygon', coordinates: polygon(c, ctx) };
      break;
    case 'MultiPoint':
      geometry = { type: 'MultiPoint', coordinates: arr('MultiPoint').map((p) => position(p, ctx)) };
      break;
    case 'MultiLineString':
      geometry = { type: 'MultiLineString', coordinates: arr('MultiLineString').map((l) => line(l, ctx)) };
      break;
    case 'MultiPolygon':
      geometry = { type: 'MultiPolygon', coordinates: arr('MultiPolygon').map((p) => polygon(p, ctx)) };
      break;
    default:
      fail(ctx, 'unknown_type', { type: JSON.stringify(g.type ?? null).slice(0, 40) });
  }
  return ctx.repairs.length ? { geometry, repaired: ctx.repairs[0] } : { geometry };
}

const MULTI_OF = { Point: 'MultiPoint', LineString: 'MultiLineString', Polygon: 'MultiPolygon' } as const;

/** Promotes a single geometry to its multi type, so mixed Polygon/MultiPolygon fit one column. */
export function toMulti(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: MULTI_OF.Point, coordinates: [g.coordinates] };
    case 'LineString':
      return { type: MULTI_OF.LineString, coordinates: [g.coordinates] };
    case 'Polygon':
      return { type: MULTI_OF.Polygon, coordinates: [g.coordinates] };
    default:
      return g;
  }
}

/** One column type for all features; mixed single/multi of one family are promoted to multi. */
export function columnType(types: ReadonlySet<Geometry['type']>): { type: GeometryType; promote: boolean } {
  if (types.size === 0) return { type: 'GEOMETRY', promote: false };
  if (types.size === 1) {
    const only = [...types][0] ?? 'Point';
    return { type: only.toUpperCase() as GeometryType, promote: false };
  }
  for (const family of ['Point', 'LineString', 'Polygon'] as const) {
    if (types.size === 2 && types.has(family) && types.has(`Multi${family}`)) {
      return { type: `MULTI${family.toUpperCase()}` as GeometryType, promote: true };
    }
  }
  return { type: 'GEOMETRY', promote: false };
}
