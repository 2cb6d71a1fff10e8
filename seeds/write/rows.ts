/** Shared pieces of the layer definitions: row and layer shapes, field helpers, geometry in lon/lat. */
import { landUseClass } from '../../layers/landuse.js';
import type { FieldDef, LayerStyle } from '../../common/contract/index.js';
import type { Geometry, Position } from '../../main/store/gpkg-geometry.js';
import type { City } from '../city/city.js';
import type { Frame, XY } from '../geo/frame.js';
import type { Ring } from '../geo/polygon.js';

export interface Row {
  geometry: Geometry;
  values: unknown[];
}

export interface SeedLayer {
  name: string;
  title: string;
  geometryType: 'POINT' | 'LINESTRING' | 'POLYGON';
  fields: FieldDef[];
  style: Partial<LayerStyle>;
  visible: boolean;
  rows: (city: City, frame: Frame) => Iterable<Row>;
}

export const f = (name: string, type: FieldDef['type']): FieldDef => ({ name, type });
export const T = (name: string): FieldDef => f(name, 'TEXT');
export const R = (name: string): FieldDef => f(name, 'REAL');
export const I = (name: string): FieldDef => f(name, 'INTEGER');

export const r2 = (v: number): number => Math.round(v * 100) / 100;

export function polygonOf(frame: Frame, ring: Ring): Geometry {
  const pts: Position[] = ring.map((p) => frame.toLonLat(p));
  const first = pts[0];
  if (first) pts.push([first[0], first[1]]);
  return { type: 'Polygon', coordinates: [pts] };
}

export function lineOf(frame: Frame, line: readonly XY[]): Geometry {
  return { type: 'LineString', coordinates: line.map((p) => frame.toLonLat(p)) };
}

export function pointOf(frame: Frame, p: XY): Geometry {
  return { type: 'Point', coordinates: frame.toLonLat(p) };
}

export const className = (code: string): string => landUseClass(code)?.nameZh ?? code;
