/** Reading the shared test data the specs import, to know the answers in advance. */
import { readFileSync } from 'node:fs';
import { pointInRing } from '../../../layers/geom.js';

export type Ring = [number, number][];

export interface ParcelFeature {
  properties: Record<string, string | number | null>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface ParcelCollection {
  features: ParcelFeature[];
}

export function readCollection(path: string): ParcelCollection {
  return JSON.parse(readFileSync(path, 'utf8')) as ParcelCollection;
}

function polygonsOf(feature: ParcelFeature): Ring[][] {
  return feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
}

/** [minLon, minLat, maxLon, maxLat] */
export function bboxOf(collection: ParcelCollection): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) {
    for (const [x, y] of polygonsOf(feature).flat(2)) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

function insideRing([x, y]: [number, number], ring: Ring): boolean {
  return pointInRing(x, y, ring);
}

export function containsPoint(feature: ParcelFeature, point: [number, number]): boolean {
  return polygonsOf(feature).some(
    ([outer, ...holes]) => !!outer && insideRing(point, outer) && !holes.some((h) => insideRing(point, h)),
  );
}

/**
 * A parcel without holes whose bounding-box centre lies inside it and inside no other
 * parcel: a point a click must pick this parcel at.
 */
export function clickableParcel(
  collection: ParcelCollection,
  index: number,
): { feature: ParcelFeature; point: [number, number] } {
  const candidates = collection.features.filter(
    (f) => f.geometry.type === 'Polygon' && f.geometry.coordinates.length === 1,
  );
  const feature = candidates[index];
  if (!feature || feature.geometry.type !== 'Polygon') throw new Error('no such parcel');
  const ring = feature.geometry.coordinates[0] ?? [];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const point: [number, number] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  const hits = collection.features.filter((f) => containsPoint(f, point));
  if (hits.length !== 1 || hits[0] !== feature) throw new Error('parcel centre is not unambiguous');
  return { feature, point };
}
