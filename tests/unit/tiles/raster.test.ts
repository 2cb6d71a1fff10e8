import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import { projectorFor } from '../../../tiles/raster/footprint.js';
import { cornerCoordinates, crsToPixel } from '../../../tiles/raster/geotransform.js';
import { openRaster } from '../../../tiles/raster/open-raster.js';
import { bilinearAt, nodataTest } from '../../../tiles/raster/sampler.js';
import { SHARED, tempDir } from '../helpers.js';
import { gdalAtLonLat, makeDem } from './support.js';

const GEOTIFF = path.join(SHARED, 'geotiff');

interface GdalInfo {
  size: [number, number];
  cornerCoordinates: Record<'upperLeft' | 'lowerLeft' | 'upperRight' | 'lowerRight' | 'center', [number, number]>;
  bands: { noDataValue?: number; overviews?: unknown[] }[];
}

function gdalinfo(file: string): GdalInfo {
  return JSON.parse(execFileSync('gdalinfo', ['-json', file]).toString()) as GdalInfo;
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; facts: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CimError) return { code: err.code, facts: err.facts };
    throw err;
  }
  throw new Error('expected a CimError');
}

describe('openRaster', () => {
  it.each([
    ['RGB.byte.tif', 'EPSG:32618', 3, 0],
    ['cogeo.tif', 'EPSG:3857', 3, null],
    ['shade.tif', 'EPSG:3857', 1, 255],
    ['float_raster_with_nodata.tif', 'user-defined', 1, -3.4e38],
  ])('%s: corners equal gdalinfo to 0.01 m, CRS %s, %d band(s), nodata %s', async (file, crs, bands, nodata) => {
    const raster = await openRaster(path.join(GEOTIFF, file));
    try {
      const info = gdalinfo(path.join(GEOTIFF, file));
      expect([raster.width, raster.height]).toEqual(info.size);
      expect(raster.crs.name.startsWith(crs)).toBe(true);
      expect(raster.bandCount).toBe(bands);
      expect(raster.nodata).toBe(nodata);
      expect(raster.nodata).toBe(info.bands[0]?.noDataValue ?? null);
      const ours = cornerCoordinates(raster.transform, raster.width, raster.height);
      for (const k of ['upperLeft', 'lowerLeft', 'upperRight', 'lowerRight', 'center'] as const) {
        expect(Math.abs(ours[k][0] - info.cornerCoordinates[k][0]), k).toBeLessThan(0.01);
        expect(Math.abs(ours[k][1] - info.cornerCoordinates[k][1]), k).toBeLessThan(0.01);
      }
      // Overviews as GDAL lists them (masks are not overviews).
      expect(raster.levels.length - 1).toBe(info.bands[0]?.overviews?.length ?? 0);
    } finally {
      await raster.close();
    }
  });

  it('rebuilds the user-defined LAEA of float_raster_with_nodata.tif as GDAL reads it', async () => {
    const raster = await openRaster(path.join(GEOTIFF, 'float_raster_with_nodata.tif'));
    // gdalsrsinfo -o proj4 float_raster_with_nodata.tif
    expect(raster.crs.proj4).toBe(
      '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs',
    );
    await raster.close();
  });

  it('samples like gdallocationinfo: bilinear at a pixel centre is the pixel value', async () => {
    const file = path.join(GEOTIFF, 'RGB.byte.tif');
    const raster = await openRaster(file);
    const projector = projectorFor(raster.crs);
    const isNodata = nodataTest(raster.nodata, 8, false);
    const points: [number, number][] = [];
    for (const [c, r] of [
      [100, 100],
      [400, 300],
      [482, 383],
      [650, 600],
    ] as const) {
      const x = raster.transform.originX + (c + 0.5) * raster.transform.pixelWidth;
      const y = raster.transform.originY + (r + 0.5) * raster.transform.pixelHeight;
      points.push(projector.toLonLat(x, y));
    }
    const gdal = gdalAtLonLat(file, points);
    const win = await raster.readWindow(0, [0, 0, raster.width, raster.height]);
    points.forEach(([lon, lat], i) => {
      const [x, y] = projector.toRaster(lon, lat);
      const [col, row] = crsToPixel(raster.transform, x, y);
      for (let b = 0; b < 3; b++) {
        const v = bilinearAt(win, b, col, row, isNodata, raster.width, raster.height);
        const expected = gdal[i]?.values[b] ?? NaN;
        if (expected === 0) expect(v).toBeNaN();
        else expect(v).toBeCloseTo(expected, 6);
      }
    });
    await raster.close();
  });

  it('refuses a rotated geotransform, an empty file, a file without CRS and an unknown EPSG code, naming the file', async () => {
    expect(await codeOf(openRaster(path.join(GEOTIFF, 'broken/rotated.tif')))).toEqual({
      code: 'tiles.rotated',
      facts: { file: 'rotated.tif' },
    });
    expect((await codeOf(openRaster(path.join(GEOTIFF, 'broken/int_raster_with_nodata.tif')))).code).toBe(
      'tiles.not_geotiff',
    );
    expect((await codeOf(openRaster(path.join(GEOTIFF, 'missing.tif')))).code).toBe('tiles.file_not_found');
    const dir = tempDir();
    const grid = { cols: 4, rows: 3, xll: 1000, yll: 2000, cell: 10, value: () => 1 };
    const noCrs = makeDem(path.join(dir, 'nocrs.tif'), grid, '');
    expect(await codeOf(openRaster(noCrs))).toEqual({ code: 'tiles.no_crs', facts: { file: 'nocrs.tif' } });
    const lambert = makeDem(path.join(dir, 'lambert93.tif'), { ...grid, xll: 700000, yll: 6600000 }, 'EPSG:2154');
    expect(await codeOf(openRaster(lambert))).toEqual({
      code: 'tiles.unsupported_crs',
      facts: { file: 'lambert93.tif', code: 'EPSG:2154' },
    });
  });

  it('reads the valid half of corrupt.tif and reports the broken tile as a read error', async () => {
    const raster = await openRaster(path.join(GEOTIFF, 'broken/corrupt.tif'));
    expect((await raster.readWindow(0, [0, 0, 512, 512])).bands.length).toBe(3);
    const err = await codeOf(raster.readWindow(0, [512, 512, 1024, 1024]));
    expect(err.code).toBe('tiles.read_failed');
    expect(err.facts).toMatchObject({ file: 'corrupt.tif' });
    await raster.close();
  });
});
