import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGeoTiff, halve, type GeoTiffRaster } from '../../../seeds/raster/geotiff.js';
import { tempDir } from '../helpers.js';
import { gdalinfo, validCog, valuesAt } from './gdal.js';

const DEM_W = 300;
const DEM_H = 260;
const demValue = (col: number, row: number): number =>
  110 + col * 0.25 - row * 0.125 + ((col * 7 + row * 3) % 11) * 0.01;

function dem(): GeoTiffRaster {
  const data = new Float32Array(DEM_W * DEM_H);
  for (let row = 0; row < DEM_H; row++) {
    for (let col = 0; col < DEM_W; col++) {
      const border = row < 3 || col < 3 || row >= DEM_H - 3 || col >= DEM_W - 3;
      data[row * DEM_W + col] = border ? -9999 : demValue(col, row);
    }
  }
  return {
    widthPx: DEM_W,
    heightPx: DEM_H,
    samplesPerPixel: 1,
    data,
    originX: 38364000,
    originY: 3655000,
    cellSizeM: 2.5,
    epsg: 4526,
    citation: 'CGCS2000 / 3-degree Gauss-Kruger zone 38',
    nodata: -9999,
  };
}

describe('GeoTIFF writer (checked with GDAL)', () => {
  it('writes a tiled DEFLATE Float32 DEM that GDAL reads with CRS, geotransform, nodata, overviews and exact values', () => {
    const file = path.join(tempDir(), 'dem.tif');
    fs.writeFileSync(file, encodeGeoTiff(dem(), { tileSize: 128 }));
    const info = gdalinfo(file);
    expect(info.size).toEqual([DEM_W, DEM_H]);
    expect(info.geoTransform).toEqual([38364000, 2.5, 0, 3655000, 0, -2.5]);
    expect(info.coordinateSystem.wkt).toContain('ID["EPSG",4526]');
    expect(info.cornerCoordinates.lowerRight).toEqual([38364000 + DEM_W * 2.5, 3655000 - DEM_H * 2.5]);
    const band = info.bands[0];
    expect(band?.type).toBe('Float32');
    expect(band?.noDataValue).toBe(-9999);
    expect(band?.overviews?.map((o) => o.size)).toEqual([
      [150, 130],
      [75, 65],
    ]);
    expect(info.metadata['IMAGE_STRUCTURE']).toMatchObject({ COMPRESSION: 'DEFLATE', PREDICTOR: '3' });
    for (const [col, row] of [
      [3, 3],
      [150, 100],
      [296, 256],
      [129, 127],
    ] as const) {
      // gdallocationinfo prints %.15g of the stored float32
      expect(valuesAt(file, col, row)[0]).toBeCloseTo(Math.fround(demValue(col, row)), 9);
    }
    expect(valuesAt(file, 0, 0)[0]).toBe(-9999);
    expect(validCog(file)).toMatchObject({ code: 0 });
  });

  it('writes an 8-bit RGB raster with the horizontal predictor', () => {
    const w = 520;
    const h = 300;
    const data = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) {
      data[i * 3] = i % 251;
      data[i * 3 + 1] = (i >> 3) % 256;
      data[i * 3 + 2] = 200;
    }
    const file = path.join(tempDir(), 'rgb.tif');
    fs.writeFileSync(
      file,
      encodeGeoTiff({
        widthPx: w,
        heightPx: h,
        samplesPerPixel: 3,
        data,
        originX: 38365000,
        originY: 3654000,
        cellSizeM: 0.5,
        epsg: 4526,
        citation: 'x',
      }),
    );
    const info = gdalinfo(file);
    expect(info.bands.map((b) => b.colorInterpretation)).toEqual(['Red', 'Green', 'Blue']);
    expect(info.metadata['IMAGE_STRUCTURE']).toMatchObject({
      COMPRESSION: 'DEFLATE',
      PREDICTOR: '2',
      INTERLEAVE: 'PIXEL',
    });
    const i = 123 * w + 456;
    expect(valuesAt(file, 456, 123)).toEqual([i % 251, (i >> 3) % 256, 200]);
    expect(validCog(file)).toMatchObject({ code: 0 });
  });

  it('halves with the mean of valid pixels only', () => {
    const r = halve({ ...dem(), widthPx: 2, heightPx: 2, data: new Float32Array([1, -9999, 3, -9999]) });
    expect(Array.from(r.data)).toEqual([2]);
    expect(r.cellSizeM).toBe(5);
  });
});
