/**
 * Small generated DEMs for the terrain analyses' hand-worked fixtures, in EPSG:4526
 * (CGCS2000 3° GK zone 38) near the demo city, and a writer for gdal_viewshed to read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDem, type Dem } from '../../../../main/analysis/terrain/dem.js';
import { encodeGeoTiff } from '../../../../seeds/raster/geotiff.js';

/** Zone 38, around 114.0°E 33.0°N. */
export const ORIGIN_X = 38_500_000;
export const ORIGIN_Y = 3_652_000;

/** A DEM of n × n cells of `cell` metres whose height at a cell centre (local x, y from the top-left corner) is f. */
export function demOf(n: number, cell: number, f: (x: number, y: number) => number, nodata: number | null = null): Dem {
  const data = new Float32Array(n * n);
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++) data[row * n + col] = f((col + 0.5) * cell, (row + 0.5) * cell);
  return makeDem({ width: n, height: n, originX: ORIGIN_X, originY: ORIGIN_Y, cellX: cell, cellY: cell, data, nodata });
}

/** CRS x, y of a local point measured from the top-left corner (y down, as rows). */
export function at(x: number, yDown: number): [number, number] {
  return [ORIGIN_X + x, ORIGIN_Y - yDown];
}

export function writeDem(dem: Dem, file: string): void {
  fs.writeFileSync(
    file,
    encodeGeoTiff(
      {
        widthPx: dem.width,
        heightPx: dem.height,
        samplesPerPixel: 1,
        data: dem.data,
        originX: dem.originX,
        originY: dem.originY,
        cellSizeM: dem.cellX,
        epsg: 4526,
        citation: 'CGCS2000 / 3-degree Gauss-Kruger zone 38',
        ...(dem.nodata === null ? {} : { nodata: dem.nodata }),
      },
      { overviews: false },
    ),
  );
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cim-terrain-'));
}

/** A seeded pseudo-random rolling terrain (sum of bumps), for comparisons with GDAL. */
export function hills(n: number, cell: number, seed: number): Dem {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const size = n * cell;
  const bumps = Array.from({ length: 40 }, () => ({
    x: rnd() * size,
    y: rnd() * size,
    r: (0.03 + rnd() * 0.15) * size,
    h: (rnd() - 0.3) * 60,
  }));
  return demOf(n, cell, (x, y) =>
    bumps.reduce((z, b) => z + b.h * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (b.r * b.r)), 100),
  );
}
