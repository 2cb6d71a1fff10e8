/**
 * Synthetic rasters of demo size for the tile benchmarks, made by GDAL from ASCII grids:
 * a Float32 DEM in EPSG:4526 (rolling hills, a nodata pond) and an RGB orthophoto in
 * EPSG:4526, both tiled GeoTIFFs like a survey office delivers. Deterministic from the size.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** South-west corner near Nanyang in CGCS2000 GK zone 38 (EPSG:4526), metres. */
const XLL = 38_361_600;
const YLL = 3_652_600;

function writeAsc(
  file: string,
  cols: number,
  rows: number,
  cellM: number,
  value: (c: number, r: number) => number,
  nodata?: number,
): void {
  const fd = fs.openSync(file, 'w');
  try {
    const head = [
      `ncols ${String(cols)}`,
      `nrows ${String(rows)}`,
      `xllcorner ${String(XLL)}`,
      `yllcorner ${String(YLL)}`,
      `cellsize ${String(cellM)}`,
    ];
    if (nodata !== undefined) head.push(`NODATA_value ${String(nodata)}`);
    fs.writeSync(fd, head.join('\n') + '\n');
    for (let r = 0; r < rows; r++) {
      const line: string[] = [];
      for (let c = 0; c < cols; c++) line.push(String(value(c, r)));
      fs.writeSync(fd, line.join(' ') + '\n');
    }
  } finally {
    fs.closeSync(fd);
  }
}

const TILED = ['-co', 'TILED=YES', '-co', 'COMPRESS=DEFLATE'];

/** `px` x `px` DEM of 5 m cells. */
export function generateDem(file: string, px: number): string {
  const asc = file.replace(/\.tif$/, '.asc');
  const hill = (c: number, r: number): number => {
    const pond = (c - px * 0.3) ** 2 + (r - px * 0.6) ** 2 < (px * 0.05) ** 2;
    if (pond) return -9999;
    return Number((120 + 15 * Math.sin(c / 40) * Math.cos(r / 55) + c * 0.02).toFixed(2));
  };
  writeAsc(asc, px, px, 5, hill, -9999);
  execFileSync('gdal_translate', ['-q', '-ot', 'Float32', '-a_srs', 'EPSG:4526', ...TILED, asc, file]);
  fs.rmSync(asc);
  return file;
}

/** `px` x `px` RGB orthophoto of 1 m pixels. */
export function generateOrtho(file: string, px: number): string {
  const bands = [
    (c: number, r: number) => (c * 7 + r * 3) % 256,
    (c: number, r: number) => Math.round(128 + 100 * Math.sin(c / 30) * Math.sin(r / 30)),
    (c: number, r: number) => (c ^ r) & 0xff,
  ];
  const ascs = bands.map((value, b) => {
    const asc = file.replace(/\.tif$/, `.b${String(b)}.asc`);
    writeAsc(asc, px, px, 1, value);
    return asc;
  });
  const vrt = file.replace(/\.tif$/, '.vrt');
  execFileSync('gdalbuildvrt', ['-q', '-separate', vrt, ...ascs]);
  execFileSync('gdal_translate', [
    '-q',
    '-ot',
    'Byte',
    '-a_srs',
    'EPSG:4526',
    ...TILED,
    '-co',
    'PHOTOMETRIC=RGB',
    vrt,
    file,
  ]);
  for (const f of [...ascs, vrt]) fs.rmSync(f);
  return file;
}
