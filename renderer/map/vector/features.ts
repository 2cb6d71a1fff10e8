/**
 * A vector layer held for drawing into image tiles and for picking: each GeoJSON feature's
 * geometry as flat lon/lat arrays, with a spatial index (flatbush) over their extents.
 * Pure: no Cesium, no DOM.
 */
import Flatbush from 'flatbush';

/** [west, south, east, north], degrees. */
export type Extent = [number, number, number, number];

export interface VectorFeature {
  id: number | string | null;
  properties: Record<string, unknown>;
  /** Polygons, each a list of rings, each ring flat [lon0, lat0, lon1, lat1, ...]. */
  polygons: number[][];
  /** How many rings each polygon has (polygons[] is flat over all of them). */
  ringCounts: number[];
  /** Line strings, flat. */
  lines: number[][];
  /** Points, flat pairs. */
  points: number[];
  extent: Extent;
}

export interface VectorIndex {
  features: VectorFeature[];
  /** Null for an empty layer (flatbush needs at least one item). */
  index: Flatbush | null;
  extent: Extent | null;
}

type Position = readonly number[];

function flat(ring: readonly Position[]): number[] {
  const out: number[] = [];
  for (const p of ring) if (typeof p[0] === 'number' && typeof p[1] === 'number') out.push(p[0], p[1]);
  return out;
}

function grow(extent: Extent, xy: readonly number[]): void {
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i] ?? 0;
    const y = xy[i + 1] ?? 0;
    if (x < extent[0]) extent[0] = x;
    if (y < extent[1]) extent[1] = y;
    if (x > extent[2]) extent[2] = x;
    if (y > extent[3]) extent[3] = y;
  }
}

interface GeoJsonGeometry {
  type?: string;
  coordinates?: unknown;
  geometries?: GeoJsonGeometry[];
}

function addGeometry(f: VectorFeature, g: GeoJsonGeometry | null | undefined): void {
  if (!g) return;
  const c = g.coordinates;
  switch (g.type) {
    case 'Point':
      f.points.push(...flat([c as Position]));
      return;
    case 'MultiPoint':
      f.points.push(...flat(c as Position[]));
      return;
    case 'LineString':
      f.lines.push(flat(c as Position[]));
      return;
    case 'MultiLineString':
      for (const l of c as Position[][]) f.lines.push(flat(l));
      return;
    case 'Polygon':
      f.ringCounts.push((c as Position[][]).length);
      for (const r of c as Position[][]) f.polygons.push(flat(r));
      return;
    case 'MultiPolygon':
      for (const p of c as Position[][][]) {
        f.ringCounts.push(p.length);
        for (const r of p) f.polygons.push(flat(r));
      }
      return;
    case 'GeometryCollection':
      for (const part of g.geometries ?? []) addGeometry(f, part);
      return;
    default:
      return;
  }
}

/** Reads a GeoJSON FeatureCollection (as the workspace streams it) into an indexed layer. */
export function indexFeatures(collection: unknown): VectorIndex {
  return indexOf(parseFeatures(collection));
}

/** The features of a GeoJSON FeatureCollection with a geometry, in order. */
export function parseFeatures(collection: unknown): VectorFeature[] {
  const raw = (collection as { features?: unknown[] } | null)?.features ?? [];
  const features: VectorFeature[] = [];
  for (const item of raw) {
    const r = item as { id?: unknown; geometry?: GeoJsonGeometry | null; properties?: unknown };
    const f: VectorFeature = {
      id: typeof r.id === 'number' || typeof r.id === 'string' ? r.id : null,
      properties: (r.properties ?? {}) as Record<string, unknown>,
      polygons: [],
      ringCounts: [],
      lines: [],
      points: [],
      extent: [Infinity, Infinity, -Infinity, -Infinity],
    };
    addGeometry(f, r.geometry);
    for (const part of [...f.polygons, ...f.lines, f.points]) grow(f.extent, part);
    if (f.extent[0] <= f.extent[2]) features.push(f);
  }
  return features;
}

export function indexOf(features: VectorFeature[]): VectorIndex {
  if (features.length === 0) return { features, index: null, extent: null };
  const index = new Flatbush(features.length);
  const extent: Extent = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    index.add(f.extent[0], f.extent[1], f.extent[2], f.extent[3]);
    grow(extent, [f.extent[0], f.extent[1], f.extent[2], f.extent[3]]);
  }
  index.finish();
  return { features, index, extent };
}

/** Features whose extents touch a rectangle, in layer order (so later ones draw on top). */
export function featuresIn(layer: VectorIndex, rect: Extent): VectorFeature[] {
  if (!layer.index) return [];
  return layer.index
    .search(rect[0], rect[1], rect[2], rect[3])
    .sort((a, b) => a - b)
    .map((i) => layer.features[i] as VectorFeature);
}
