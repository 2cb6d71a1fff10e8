import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { toSerializedError } from '../../../common/errors.js';
import { formatError } from '../../../main/cli/messages.js';
import { previewImport } from '../../../main/import/preview.js';
import { runImport, type JobControl } from '../../../main/import/run-import.js';
import { listLayers } from '../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { SHARED, snapshot, tempDir } from '../helpers.js';
import { makeDem } from '../tiles/support.js';
import { failure, src } from './tiled-support.js';

const GEOTIFF = path.join(SHARED, 'geotiff');
const CORNERS = ['upperLeft', 'lowerLeft', 'lowerRight', 'upperRight'] as const;

const control: JobControl = {
  progress: () => undefined,
  isCancelled: () => false,
  now: () => new Date('2026-01-01T00:00:00Z'),
};

interface GdalInfo {
  cornerCoordinates: Record<(typeof CORNERS)[number] | 'center', [number, number]>;
  wgs84Extent: { coordinates: [number, number][][] };
}

function gdalinfo(file: string): GdalInfo {
  return JSON.parse(execFileSync('gdalinfo', ['-json', file]).toString()) as GdalInfo;
}

describe('GeoTIFF preview', () => {
  it.each([
    ['RGB.byte.tif', 'EPSG:32618', 'WGS 84 / UTM zone 18N', 3, 'Byte', 0, 'imagery', ['imagery']],
    ['shade.tif', 'EPSG:3857', 'WGS 84 / Pseudo-Mercator', 1, 'Byte', 255, 'imagery', ['terrain', 'imagery']],
    ['cogeo.tif', 'EPSG:3857', 'WGS 84 / Pseudo-Mercator', 3, 'Byte', null, 'imagery', ['imagery']],
    [
      'float_raster_with_nodata.tif',
      'user-defined',
      'user-defined',
      1,
      'Float32',
      -3.4e38,
      'terrain',
      ['terrain', 'imagery'],
    ],
  ])(
    '%s: CRS %s, bands, type and nodata; corners equal gdalinfo (0.01 m, 1e-7°)',
    async (file, crs, crsName, bands, dataType, nodata, target, targets) => {
      const preview = await previewImport(src(path.join(GEOTIFF, file)));
      expect(preview.format).toBe('geotiff');
      const layer = preview.layers[0];
      const tiled = layer?.tiled;
      const raster = tiled?.raster;
      expect(layer?.crs.startsWith(crs)).toBe(true);
      expect(layer?.crsKnown).toBe(true);
      expect(tiled?.crsName?.startsWith(crsName)).toBe(true);
      expect(raster).toMatchObject({ bands, dataType, nodata, defaultTarget: target, targets });
      const info = gdalinfo(path.join(GEOTIFF, file));
      const ring = info.wgs84Extent.coordinates[0] ?? [];
      const corners = raster?.corners;
      if (!corners) throw new Error('no corners');
      CORNERS.forEach((k, i) => {
        const [gx, gy] = info.cornerCoordinates[k];
        expect(Math.abs(corners[k].x - gx), k).toBeLessThan(0.01);
        expect(Math.abs(corners[k].y - gy), k).toBeLessThan(0.01);
        // gdalinfo prints wgs84Extent to 7 decimals: 1e-7° plus its rounding.
        expect(Math.abs(corners[k].lon - (ring[i]?.[0] ?? NaN)), k).toBeLessThan(1.5e-7);
        expect(Math.abs(corners[k].lat - (ring[i]?.[1] ?? NaN)), k).toBeLessThan(1.5e-7);
      });
      // The extent on the globe: the footprint polygon's box is the layer's bbox.
      const [w, s, e, n] = layer?.bbox ?? [NaN, NaN, NaN, NaN];
      expect(w).toBeLessThanOrEqual(Math.min(...ring.map((p) => p[0])) + 1e-7);
      expect(n).toBeGreaterThanOrEqual(Math.max(...ring.map((p) => p[1])) - 1e-7);
      expect(e > w && n > s).toBe(true);
      const fc = layer?.previewGeoJson as { features: { geometry: { type: string } }[] };
      expect(fc.features[0]?.geometry.type).toBe('Polygon');
    },
  );

  it('refuses rotated.tif (rotated, no CRS), the 0-byte file and corrupt.tif, naming the file, in both languages', async () => {
    const rotated = await failure(previewImport(src(path.join(GEOTIFF, 'broken/rotated.tif'))));
    expect(rotated.code).toBe('tiles.rotated');
    const en = formatError(toSerializedError(rotated), 'en');
    expect(en).toContain('rotated.tif');
    expect(en).toContain('rotated');
    expect(formatError(toSerializedError(rotated), 'zh-CN')).toContain('旋转');
    const empty = await failure(previewImport(src(path.join(GEOTIFF, 'broken/int_raster_with_nodata.tif'))));
    expect(empty.code).toBe('import.empty_file');
    expect(formatError(toSerializedError(empty), 'en')).toContain('int_raster_with_nodata.tif');
  });
});

describe('GeoTIFF import', () => {
  let dir: string;
  let ws: string;
  let db: Db;
  beforeEach(() => {
    dir = tempDir();
    ws = path.join(dir, 'w.gpkg');
    db = openWorkspaceDb(ws, { create: true });
    return () => db.close();
  });

  it('float_raster_with_nodata.tif becomes terrain; imagery when asked; shade.tif imagery by default', async () => {
    const [dem] = await runImport(db, { file: src(path.join(GEOTIFF, 'float_raster_with_nodata.tif')) }, control);
    expect(dem).toMatchObject({ resultLayer: 'float_raster_with_nodata', kind: 'terrain' });
    expect(dem?.count).toBeGreaterThan(0);
    const [shade] = await runImport(db, { file: src(path.join(GEOTIFF, 'shade.tif')) }, control);
    expect(shade).toMatchObject({ resultLayer: 'shade', kind: 'imagery', sourceCrs: 'EPSG:3857' });
    const [picture] = await runImport(
      db,
      {
        file: src(path.join(GEOTIFF, 'float_raster_with_nodata.tif')),
        name: 'dem_picture',
        options: { target: 'imagery' },
      },
      control,
    );
    expect(picture).toMatchObject({ resultLayer: 'dem_picture', kind: 'imagery' });
    const layers = listLayers(db);
    expect(layers.map((l) => [l.name, l.kind, l.tiles?.root])).toEqual(
      expect.arrayContaining([
        ['float_raster_with_nodata', 'terrain', 'terrain/float_raster_with_nodata/layer.json'],
        ['shade', 'imagery', 'imagery/shade/layer.json'],
        ['dem_picture', 'imagery', 'imagery/dem_picture/layer.json'],
      ]),
    );
    const tiles = ws.replace(/\.gpkg$/, '.tiles');
    expect(fs.existsSync(path.join(tiles, 'imagery/shade/layer.json'))).toBe(true);
    // The layer's extent is the raster's, as gdalinfo gives it.
    const shadeBox = layers.find((l) => l.name === 'shade')?.bbox ?? [];
    expect(shadeBox[0]).toBeCloseTo(-106.5234375, 6);
    expect(shadeBox[3]).toBeCloseTo(39.6395376, 6);
  }, 60_000);

  it('RGB.byte.tif (UTM 18N) and cogeo.tif (3857) become imagery', async () => {
    const [rgb] = await runImport(db, { file: src(path.join(GEOTIFF, 'RGB.byte.tif')) }, control);
    expect(rgb).toMatchObject({ resultLayer: 'RGB_byte', kind: 'imagery', sourceCrs: 'EPSG:32618' });
    const [cog] = await runImport(db, { file: src(path.join(GEOTIFF, 'cogeo.tif')) }, control);
    expect(cog).toMatchObject({ resultLayer: 'cogeo', kind: 'imagery' });
    expect(snapshot(ws).integrity).toBe('ok');
  }, 120_000);

  it('corrupt.tif, a wrong target and a cancel leave the workspace and the tiles folder as they were', async () => {
    const before = snapshot(ws);
    const corrupt = await failure(runImport(db, { file: src(path.join(GEOTIFF, 'broken/corrupt.tif')) }, control));
    expect(corrupt.code).toBe('tiles.read_failed');
    expect(corrupt.facts).toMatchObject({ file: 'corrupt.tif' });
    const wrong = await failure(
      runImport(db, { file: src(path.join(GEOTIFF, 'RGB.byte.tif')), options: { target: 'terrain' } }, control),
    );
    expect(wrong.code).toBe('import.raster_target');
    expect(wrong.facts).toEqual({ file: 'RGB.byte.tif', target: 'terrain', bands: 3, dataType: 'Byte' });
    const cancelled = await failure(
      runImport(db, { file: src(path.join(GEOTIFF, 'shade.tif')) }, { ...control, isCancelled: () => true }),
    );
    expect(cancelled.code).toBe('jobs.cancelled');
    expect(snapshot(ws)).toEqual(before);
    const tiles = ws.replace(/\.gpkg$/, '.tiles');
    const left = fs.existsSync(tiles) ? fs.readdirSync(tiles, { recursive: true }) : [];
    expect(left.filter((f) => String(f).endsWith('.png') || String(f).endsWith('.json'))).toEqual([]);
  }, 60_000);

  it('a DEM without a CRS waits for one; a CRS we cannot read is named and refused until one is chosen', async () => {
    const grid = { cols: 4, rows: 3, xll: 38500000, yll: 3650000, cell: 10, value: (c: number) => 100 + c };
    const noCrs = makeDem(path.join(dir, 'nocrs.tif'), grid, '');
    const preview = await previewImport(src(noCrs));
    expect(preview.layers[0]).toMatchObject({ crs: '', crsKnown: false, bbox: null });
    expect(preview.layers[0]?.tiled?.raster?.corners).toBeNull();
    expect((await failure(runImport(db, { file: src(noCrs) }, control))).code).toBe('import.crs_missing');
    const [r] = await runImport(db, { file: src(noCrs), options: { crs: 'EPSG:4526' } }, control);
    expect(r).toMatchObject({ kind: 'terrain', sourceCrs: 'EPSG:4526' });
    const chosen = await previewImport(src(noCrs), { crs: 'EPSG:4526' });
    expect(chosen.layers[0]?.bbox?.[0]).toBeCloseTo(114.0, 0);

    const lambert = makeDem(path.join(dir, 'lambert93.tif'), { ...grid, xll: 700000, yll: 6600000 }, 'EPSG:2154');
    expect((await previewImport(src(lambert))).layers[0]).toMatchObject({ crs: 'EPSG:2154', crsKnown: false });
    const err = await failure(runImport(db, { file: src(lambert) }, control));
    expect(err.code).toBe('import.crs_unknown');
    expect(formatError(toSerializedError(err), 'en')).toContain('EPSG:2154');
  }, 60_000);
});
