/**
 * GDAL as the reference reader: `ogrinfo -so` for counts, `ogr2ogr -f GeoJSON -t_srs EPSG:4326`
 * for where each vertex lands and what each attribute says, and the comparison in metres
 * (a local scale at the vertex's latitude: 111 320 m per degree of longitude at the
 * equator times cos(lat), 110 574 m per degree of latitude).
 */
import { execFileSync } from 'node:child_process';
import type { Geometry, Position } from '../../../main/store/gpkg-geometry.js';

export interface GdalFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

/** `layers`: only these (a GeoPackage workspace also holds our catalog tables). */
export function ogrFeatureCount(
  file: string,
  openOptions: readonly string[] = [],
  layers: readonly string[] = [],
): number {
  const all = layers.length ? [] : ['-al'];
  const out = execFileSync('ogrinfo', ['-so', ...all, '-ro', ...openOptions, file, ...layers], { encoding: 'utf8' });
  return [...out.matchAll(/Feature Count: (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
}

/** All layers' features as GDAL reprojects them to EPSG:4326 (`extra`: -s_srs, -oo …). */
export function ogrFeatures(
  file: string,
  extra: readonly string[] = [],
  layers: readonly string[] = [],
): GdalFeature[] {
  const out = execFileSync(
    'ogr2ogr',
    [
      '-f',
      'GeoJSON',
      '-t_srs',
      'EPSG:4326',
      '-lco',
      'COORDINATE_PRECISION=12',
      '/vsistdout/',
      file,
      ...layers,
      ...extra,
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  // One FeatureCollection per layer, concatenated when there are several.
  const docs = out.split(/\n(?=\{\s*\n?"type": "FeatureCollection")/);
  return docs.flatMap((d) => (JSON.parse(d) as { features: GdalFeature[] }).features);
}

export function ringsOf(g: Geometry | null): Position[][] {
  if (!g) return [];
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'LineString':
    case 'MultiPoint':
      return [g.coordinates];
    case 'Polygon':
    case 'MultiLineString':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat();
  }
}

export function metresBetween(a: Position, b: Position): number {
  const dx = (a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
  const dy = (a[1] - b[1]) * 110_574;
  return Math.hypot(dx, dy);
}

/**
 * Largest vertex distance between two geometries, rings paired by length and nearest
 * first vertex (GDAL may order a polygon's parts differently); Infinity when they cannot
 * be paired.
 */
export function maxVertexErrorM(ours: Geometry | null, gdal: Geometry | null): number {
  const a = ringsOf(ours);
  const b = ringsOf(gdal);
  if (a.length !== b.length) return Infinity;
  const used = new Set<number>();
  let worst = 0;
  for (const ring of a) {
    let best = -1;
    let bestD = Infinity;
    b.forEach((r, i) => {
      if (used.has(i) || r.length !== ring.length || !ring[0] || !r[0]) return;
      const d = metresBetween(ring[0], r[0]);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    const match = b[best];
    if (!match) return Infinity;
    used.add(best);
    ring.forEach((p, i) => {
      worst = Math.max(worst, metresBetween(p, match[i] ?? [NaN, NaN]));
    });
  }
  return worst;
}
