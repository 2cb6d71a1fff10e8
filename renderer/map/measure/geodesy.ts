/**
 * Lengths and areas of measured points, never in degrees (DESIGN.md "Data flow").
 * Distances are geodesics on the ellipsoid (Cesium's EllipsoidGeodesic, Vincenty-style on
 * WGS84; CGCS2000's GRS80 differs from it by 0.1 mm in the semi-minor axis).
 */
import { Cartographic, Ellipsoid, EllipsoidGeodesic } from 'cesium';
import proj4 from 'proj4';
import { cgcs2000ZoneForLon, gkProj4, proj4ForEpsg } from '../../../layers/crs.js';
import type { LonLatHeight } from '../types.js';

function cartographic([lon, lat]: LonLatHeight): Cartographic {
  return Cartographic.fromDegrees(lon, lat);
}

export function geodesicDistanceM(a: LonLatHeight, b: LonLatHeight): number {
  if (a[0] === b[0] && a[1] === b[1]) return 0;
  return new EllipsoidGeodesic(cartographic(a), cartographic(b), Ellipsoid.WGS84).surfaceDistance;
}

export function segmentLengthsM(points: readonly LonLatHeight[]): number[] {
  const lengths: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (from && to) lengths.push(geodesicDistanceM(from, to));
  }
  return lengths;
}

export function sumM(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Ellipsoidal area: the ring is projected to the CGCS2000 3° Gauss-Krüger zone of its mean
 * longitude (layers/crs.ts) and summed with the shoelace formula. Gauss-Krüger is
 * conformal, not equal-area: its scale error is below 0.03 % in length (0.07 % in area)
 * within the zone's ±1.5°, which covers any city-scale polygon.
 */
export function polygonAreaM2(points: readonly LonLatHeight[]): number {
  if (points.length < 3) return 0;
  const meanLon = sumM(points.map((p) => p[0])) / points.length;
  const zone = cgcs2000ZoneForLon(meanLon, 3);
  const toGk = proj4(proj4ForEpsg(4490) ?? '', gkProj4(zone));
  const xy = points.map((p) => toGk.forward([p[0], p[1]]));
  let twiceArea = 0;
  for (let i = 0; i < xy.length; i++) {
    const [x1 = 0, y1 = 0] = xy[i] ?? [];
    const [x2 = 0, y2 = 0] = xy[(i + 1) % xy.length] ?? [];
    twiceArea += x1 * y2 - x2 * y1;
  }
  return Math.abs(twiceArea) / 2;
}

export function perimeterM(points: readonly LonLatHeight[]): number {
  const first = points[0];
  if (points.length < 2 || !first) return 0;
  return sumM(segmentLengthsM([...points, first]));
}
