/** A CRS to offer (never to apply unasked) from the coordinate ranges of a file without one. Pure; environment: common. */

export interface Range {
  min: number;
  max: number;
}

/**
 * A CRS to offer for unnamed coordinates: zone-prefixed GK eastings give their zone
 * (CGCS2000 3° zones 25-45 are EPSG:4513-4533, 6° zones 13-23 EPSG:4491-4501), lon/lat
 * ranges give EPSG:4326.
 */
export function suggestCrs(x: Range, y: Range): string | null {
  if (x.min >= -180 && x.max <= 180 && y.min >= -90 && y.max <= 90) return 'EPSG:4326';
  const zoneMin = Math.floor(x.min / 1_000_000);
  const zoneMax = Math.floor(x.max / 1_000_000);
  if (zoneMin !== zoneMax || y.min < 0 || y.max > 10_000_000) return null;
  if (zoneMin >= 25 && zoneMin <= 45) return `EPSG:${String(4513 + zoneMin - 25)}`;
  if (zoneMin >= 13 && zoneMin <= 23) return `EPSG:${String(4491 + zoneMin - 13)}`;
  return null;
}
