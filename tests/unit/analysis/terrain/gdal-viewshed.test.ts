/**
 * Viewshed against GDAL (issue #16): on the real DEM-like raster of ../shared/data
 * (rasterio's float_raster_with_nodata.tif: 13 × 12 cells of 500 m, Lambert azimuthal
 * equal-area, nodata holes), on the demo city's DEM (seeds/raster/dem.ts, 4 m cells in GK
 * zone 38) and on a generated hill country, the visible cell count of our viewshed equals
 * `gdal_viewshed`'s (GDAL 3.6, same observer, observer height, target height and radius, its
 * default curvature coefficient 0.85714) within 1 %: it is the same method. Each DEM is read
 * through readDem, as the job reads it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cgcs2000ZoneForLon } from '../../../../layers/crs.js';
import { readDem } from '../../../../main/analysis/terrain/read-dem.js';
import { centreX, centreY } from '../../../../main/analysis/terrain/dem.js';
import { viewshed } from '../../../../main/analysis/terrain/viewshed-core.js';
import { generateCity } from '../../../../seeds/city/city.js';
import { createFrame } from '../../../../seeds/geo/frame.js';
import { demRaster } from '../../../../seeds/raster/dem.js';
import { encodeGeoTiff } from '../../../../seeds/raster/geotiff.js';
import { DEFAULT_SEED } from '../../../../seeds/seed-workspace.js';
import { openRaster } from '../../../../tiles/raster/open-raster.js';
import { hills, tempDir, writeDem } from './dems.js';

const SHARED = path.resolve(__dirname, '../../../../../shared/data/geotiff/float_raster_with_nodata.tif');

async function gdalVisible(file: string, x: number, y: number, oz: number, tz: number, md: number): Promise<number> {
  const out = path.join(path.dirname(file), `vs-${path.basename(file)}-${String(x)}-${String(md)}.tif`);
  const args = ['-q', '-ox', String(x), '-oy', String(y), '-oz', String(oz), '-tz', String(tz)];
  if (md > 0) args.push('-md', String(md));
  execFileSync('gdal_viewshed', [...args, file, out]);
  const r = await openRaster(out);
  try {
    const band = (await r.readWindow(0, [0, 0, r.width, r.height])).bands[0] ?? [];
    let n = 0;
    for (let i = 0; i < band.length; i++) if (band[i] === 255) n++;
    return n;
  } finally {
    await r.close();
  }
}

async function compare(file: string, col: number, row: number, oz: number, tz: number, md: number) {
  const loaded = await readDem(file, (lon) => cgcs2000ZoneForLon(lon));
  const x = centreX(loaded.dem, col);
  const y = centreY(loaded.dem, row);
  const ours = viewshed(loaded.dem, { x, y, heightM: oz, targetHeightM: tz, radiusM: md });
  const gdal = await gdalVisible(file, x, y, oz, tz, md);
  return { ours: ours.visibleCells, gdal, hidden: ours.hiddenCells };
}

describe('viewshed against gdal_viewshed (needs gdal-bin)', () => {
  it('the real DEM of ../shared/data (LAEA, nodata holes)', async () => {
    expect(fs.existsSync(SHARED)).toBe(true);
    for (const [col, row, oz, md] of [
      [2, 2, 10, 0],
      [5, 3, 2, 2000],
      [0, 11, 1.7, 0],
    ] as const) {
      const r = await compare(SHARED, col, row, oz, 0, md);
      expect(r.gdal).toBeGreaterThan(0);
      expect(Math.abs(r.ours - r.gdal) / r.gdal).toBeLessThanOrEqual(0.01);
    }
  });

  it('the demo city DEM (small scale, 4 m cells, GK zone 38)', async () => {
    const dir = tempDir();
    const city = generateCity(DEFAULT_SEED, 'small');
    const raster = demRaster(city.height, city.spec, createFrame());
    const file = path.join(dir, 'dem.tif');
    fs.writeFileSync(file, encodeGeoTiff(raster, { overviews: false }));
    const mid = Math.floor(raster.widthPx / 2);
    let hidden = 0;
    for (const [col, row, oz, tz, md] of [
      [mid, mid, 30, 0, 1000],
      [mid - 120, mid + 60, 1.7, 1.7, 600],
      [mid + 90, mid - 150, 1.7, 0, 0],
    ] as const) {
      const r = await compare(file, col, row, oz, tz, md);
      hidden += r.hidden;
      expect(Math.abs(r.ours - r.gdal) / r.gdal).toBeLessThanOrEqual(0.01);
    }
    expect(hidden).toBeGreaterThan(0);
  });

  it('generated hill country, observers on and off cell centres', async () => {
    const dir = tempDir();
    const dem = hills(301, 2, 7);
    const file = path.join(dir, 'hills.tif');
    writeDem(dem, file);
    for (const [col, row, md] of [
      [150, 150, 0],
      [40, 260, 250],
      [299, 1, 400],
    ] as const) {
      const r = await compare(file, col, row, 1.7, 0, md);
      expect(r.ours).toBe(r.gdal);
    }
  });
});
