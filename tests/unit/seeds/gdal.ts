/** GDAL command-line readers for the raster checks (gdal-bin, python3-gdal). */
import { execFileSync, spawnSync } from 'node:child_process';

/** gdalinfo -json of a file (GDAL 3.6). */
export function gdalinfo(file: string): {
  size: [number, number];
  geoTransform: number[];
  coordinateSystem: { wkt: string };
  cornerCoordinates: Record<string, [number, number]>;
  bands: {
    type: string;
    noDataValue?: number;
    overviews?: { size: [number, number] }[];
    colorInterpretation: string;
  }[];
  metadata: Record<string, Record<string, string>>;
} {
  return JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' })) as ReturnType<typeof gdalinfo>;
}

/** Pixel values at (col, row) as gdallocationinfo reads them. */
export function valuesAt(file: string, col: number, row: number): number[] {
  const out = execFileSync('gdallocationinfo', ['-valonly', file, String(col), String(row)], { encoding: 'utf8' });
  return out.trim().split('\n').map(Number);
}

export function validCog(file: string): { code: number | null; output: string } {
  const r = spawnSync('/usr/bin/python3', ['-m', 'osgeo_utils.samples.validate_cloud_optimized_geotiff', file], {
    encoding: 'utf8',
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}
