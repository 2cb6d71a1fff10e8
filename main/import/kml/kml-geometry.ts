/**
 * KML 2.2 (OGC 07-147r2) geometry elements -> store geometries: Point, LineString,
 * LinearRing, Polygon (outerBoundaryIs / innerBoundaryIs), MultiGeometry. `coordinates` is
 * whitespace-separated `lon,lat[,alt]` tuples; altitude is dropped. A MultiGeometry of mixed
 * kinds has no single-type equivalent and is reported as skipped. Pure; environment: common.
 */
import { importError } from '../../../common/errors.js';
import type { Geometry, Position } from '../../store/gpkg-geometry.js';

export type XmlNode = Record<string, unknown>;

export interface KmlGeometryOutcome {
  geometry: Geometry | null;
  skipped?: string;
  repaired?: string;
}

interface Ctx {
  file: string;
  record: number;
  closed: boolean;
}

export function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return textOf((v as XmlNode)['#text']);
  return '';
}

function coordinates(node: unknown, ctx: Ctx): Position[] {
  const text = textOf((node as XmlNode | undefined)?.coordinates).trim();
  if (!text) return [];
  return text.split(/\s+/).map((tuple) => {
    const [x, y] = tuple.split(',').map(Number);
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw importError('geometry_position_not_numbers', {
        file: ctx.file,
        record: ctx.record,
        position: tuple.slice(0, 60),
      });
    }
    return [x, y];
  });
}

function ring(node: unknown, ctx: Ctx): Position[] {
  const pts = coordinates((node as XmlNode | undefined)?.LinearRing ?? node, ctx);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    pts.push([first[0], first[1]]);
    ctx.closed = true;
  }
  if (pts.length < 4)
    throw importError('geometry_ring_short', { file: ctx.file, record: ctx.record, count: pts.length });
  return pts;
}

function polygon(node: XmlNode, ctx: Ctx): Position[][] {
  const outer = (node.outerBoundaryIs ?? null) as unknown;
  if (outer === null) throw importError('geometry_polygon_empty', { file: ctx.file, record: ctx.record });
  return [
    ring(outer, ctx),
    ...asArray(node.innerBoundaryIs).flatMap((b) => asArray((b as XmlNode).LinearRing).map((r) => ring(r, ctx))),
  ];
}

type Part = { kind: 'point'; p: Position } | { kind: 'line'; l: Position[] } | { kind: 'polygon'; r: Position[][] };

function parts(node: XmlNode, ctx: Ctx): Part[] {
  const out: Part[] = [];
  for (const p of asArray(node.Point)) {
    const pts = coordinates(p, ctx);
    if (pts[0]) out.push({ kind: 'point', p: pts[0] });
  }
  for (const l of [...asArray(node.LineString), ...asArray(node.LinearRing)]) {
    const pts = coordinates(l, ctx);
    if (pts.length === 0) continue;
    if (pts.length < 2)
      throw importError('geometry_line_short', { file: ctx.file, record: ctx.record, count: pts.length });
    out.push({ kind: 'line', l: pts });
  }
  for (const p of asArray(node.Polygon)) out.push({ kind: 'polygon', r: polygon(p as XmlNode, ctx) });
  for (const m of asArray(node.MultiGeometry)) out.push(...parts(m as XmlNode, ctx));
  return out;
}

export function placemarkGeometry(placemark: XmlNode, file: string, record: number): KmlGeometryOutcome {
  const ctx: Ctx = { file, record, closed: false };
  const isMulti = placemark.MultiGeometry !== undefined;
  const all = parts(placemark, ctx);
  const repaired = ctx.closed ? { repaired: 'closed_ring' } : {};
  if (all.length === 0) {
    const hasGeometry = ['Point', 'LineString', 'LinearRing', 'Polygon', 'MultiGeometry'].some((k) => k in placemark);
    return hasGeometry ? { geometry: null, skipped: 'empty_geometry' } : { geometry: null };
  }
  const kinds = new Set(all.map((p) => p.kind));
  if (kinds.size > 1) return { geometry: null, skipped: 'geometry_collection' };
  const single = all.length === 1 && !isMulti;
  const first = all[0];
  if (first?.kind === 'point') {
    const pts = all.flatMap((p) => (p.kind === 'point' ? [p.p] : []));
    return {
      geometry: single ? { type: 'Point', coordinates: first.p } : { type: 'MultiPoint', coordinates: pts },
      ...repaired,
    };
  }
  if (first?.kind === 'line') {
    const ls = all.flatMap((p) => (p.kind === 'line' ? [p.l] : []));
    return {
      geometry: single ? { type: 'LineString', coordinates: first.l } : { type: 'MultiLineString', coordinates: ls },
      ...repaired,
    };
  }
  const ps = all.flatMap((p) => (p.kind === 'polygon' ? [p.r] : []));
  return {
    geometry: single ? { type: 'Polygon', coordinates: ps[0] ?? [] } : { type: 'MultiPolygon', coordinates: ps },
    ...repaired,
  };
}
