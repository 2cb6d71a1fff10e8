/**
 * The shapefile benchmark's input: the seeded parcels of bench/gen/polygons.ts, written by
 * GDAL as an ESRI Shapefile in CGCS2000 3° Gauss-Krüger zone 38 (EPSG:4526) with GBK
 * attributes, as a survey institute delivers them:
 *   ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:4526 -lco ENCODING=GBK OUT.shp parcels.geojson
 * Same (count, seed) -> the same parcels; the runner records the .shp's SHA-256.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generatePolygons } from './polygons.js';

export interface GeneratedShapefile {
  path: string;
  features: number;
  vertices: number;
  shpBytes: number;
  dbfBytes: number;
  sha256: string;
  command: string;
}

export function generateShapefile(outDir: string, features: number, seed: number): GeneratedShapefile {
  const geojson = path.join(outDir, `parcels-${String(features)}.geojson`);
  const generated = generatePolygons(geojson, features, seed);
  const shp = path.join(outDir, `parcels-${String(features)}-gk38-gbk.shp`);
  for (const ext of ['.shp', '.shx', '.dbf', '.prj', '.cpg']) fs.rmSync(shp.replace(/\.shp$/, ext), { force: true });
  const args = ['-f', 'ESRI Shapefile', '-t_srs', 'EPSG:4526', '-lco', 'ENCODING=GBK', shp, geojson];
  execFileSync('ogr2ogr', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    path: shp,
    features: generated.features,
    vertices: generated.vertices,
    shpBytes: fs.statSync(shp).size,
    dbfBytes: fs.statSync(shp.replace(/\.shp$/, '.dbf')).size,
    sha256: createHash('sha256').update(fs.readFileSync(shp)).digest('hex'),
    command: `ogr2ogr ${args.map((a) => (path.isAbsolute(a) ? path.basename(a) : a.includes(' ') ? `"${a}"` : a)).join(' ')}`,
  };
}
