/**
 * The terrain panel's pure helpers: the points text (`LON,LAT;LON,LAT`) the user types or
 * draws on the globe, default geometry around where the camera looks, and the profile CSV.
 */
import type { ProfileSummary } from '../../../common/contract/terrain.js';

export type TerrainKind = 'los' | 'viewshed' | 'skyline' | 'profile' | 'cut-fill' | 'flood';

/** Parses `LON,LAT;LON,LAT…`; null when a pair is not two finite numbers. */
export function parsePoints(text: string): [number, number][] | null {
  const pairs = text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: [number, number][] = [];
  for (const p of pairs) {
    const [a, b, extra] = p.split(',').map((v) => Number(v.trim()));
    if (extra !== undefined || a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) {
      return null;
    }
    if (Math.abs(a) > 180 || Math.abs(b) > 90) return null;
    out.push([a, b]);
  }
  return out;
}

export function formatPoints(points: readonly (readonly number[])[]): string {
  return points.map((p) => `${(p[0] ?? 0).toFixed(6)},${(p[1] ?? 0).toFixed(6)}`).join(';');
}

/** How many points each kind needs: [min, max]. */
export const POINTS_NEEDED: Record<TerrainKind, [number, number]> = {
  los: [2, 2],
  viewshed: [1, 1],
  skyline: [1, 1],
  profile: [2, 1000],
  'cut-fill': [3, 1000],
  flood: [0, 1],
};

/** Default geometry around a point: a 400 m east-west line, the point, a 60 m square. */
export function defaultPoints(kind: TerrainKind, lon: number, lat: number): [number, number][] {
  const dLon = (m: number): number => m / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = (m: number): number => m / 110_574;
  switch (kind) {
    case 'los':
    case 'profile':
      return [
        [lon - dLon(200), lat],
        [lon + dLon(200), lat],
      ];
    case 'viewshed':
    case 'skyline':
      return [[lon, lat]];
    case 'cut-fill':
      return [
        [lon - dLon(30), lat - dLat(30)],
        [lon + dLon(30), lat - dLat(30)],
        [lon + dLon(30), lat + dLat(30)],
        [lon - dLon(30), lat + dLat(30)],
      ];
    case 'flood':
      return [];
  }
}

/** The profile's samples as CSV (the same columns as `cim analyze profile --csv`). */
export function profileCsvText(s: ProfileSummary): string {
  const rows = s.samples.map((p) =>
    [
      p.d.toFixed(2),
      p.lon.toFixed(7),
      p.lat.toFixed(7),
      p.ground.toFixed(3),
      p.roof === null ? '' : p.roof.toFixed(3),
      p.building === null ? '' : `"${p.building.replace(/"/g, '""')}"`,
    ].join(','),
  );
  return ['distance_m,lon,lat,ground_m,roof_m,building_id', ...rows].join('\n') + '\n';
}
