/**
 * Which CSV columns hold coordinates, and in which CRS they may be. By header name first
 * (lon/lng/经度/x/东坐标…, lat/纬度/y/北坐标…), else by values (the first pair of all-numeric
 * columns, lon/lat when in range). A CRS is only taken as known for lon/lat-named columns
 * in range; eastings with an 8-digit zone prefix suggest their CGCS2000 zone (38xxxxxx ->
 * EPSG:4526). Pure; environment: common.
 */

const X_NAMES = [
  'lon',
  'lng',
  'long',
  'longitude',
  '经度',
  'x',
  'easting',
  'east',
  '东坐标',
  'x坐标',
  'point_x',
  'xcoord',
];
const Y_NAMES = ['lat', 'latitude', '纬度', 'y', 'northing', 'north', '北坐标', 'y坐标', 'point_y', 'ycoord'];
const LONLAT_X = ['lon', 'lng', 'long', 'longitude', '经度'];
const LONLAT_Y = ['lat', 'latitude', '纬度'];

const norm = (s: string): string => s.trim().toLowerCase();

export interface ColumnStats {
  numeric: boolean;
  min: number;
  max: number;
}

export function columnStats(rows: readonly (readonly string[])[], index: number): ColumnStats {
  let min = Infinity;
  let max = -Infinity;
  let any = false;
  for (const row of rows) {
    const v = (row[index] ?? '').trim();
    if (v === '') continue;
    const n = Number(v);
    if (!Number.isFinite(n)) return { numeric: false, min, max };
    any = true;
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  return { numeric: any, min, max };
}

export interface CoordinateGuess {
  x: number;
  y: number;
}

export function guessColumns(header: readonly string[], stats: readonly ColumnStats[]): CoordinateGuess | null {
  const find = (names: readonly string[]): number => {
    for (const name of names) {
      const i = header.findIndex((h, k) => norm(h) === name && stats[k]?.numeric);
      if (i >= 0) return i;
    }
    return -1;
  };
  const x = find(X_NAMES);
  const y = find(Y_NAMES);
  if (x >= 0 && y >= 0 && x !== y) return { x, y };
  const numeric = stats.flatMap((s, i) => (s.numeric ? [i] : []));
  for (let k = 0; k + 1 < numeric.length; k++) {
    const a = numeric[k] ?? -1;
    const b = numeric[k + 1] ?? -1;
    const sa = stats[a];
    const sb = stats[b];
    if (!sa || !sb) continue;
    const lonLat = sa.min >= -180 && sa.max <= 180 && sb.min >= -90 && sb.max <= 90;
    const projected = Math.abs(sa.min) > 1000 && Math.abs(sb.min) > 1000;
    if (lonLat || projected) return { x: a, y: b };
  }
  return null;
}

export function isLonLatNamed(xName: string, yName: string): boolean {
  return LONLAT_X.includes(norm(xName)) && LONLAT_Y.includes(norm(yName));
}

export function inLonLatRange(x: ColumnStats, y: ColumnStats): boolean {
  return x.min >= -180 && x.max <= 180 && y.min >= -90 && y.max <= 90;
}
