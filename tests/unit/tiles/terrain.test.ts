import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridLat, gridLon, tilesIn } from '../../../tiles/geo/tiling.js';
import { openRaster } from '../../../tiles/raster/open-raster.js';
import { buildTerrainTiles, type TerrainBuildResult } from '../../../tiles/terrain/build-terrain.js';
import { SHARED, tempDir } from '../helpers.js';
import { control, gdalAtLonLat, gdalAtPixels, gdalProject, listFiles, makeDem, readF32 } from './support.js';

/**
 * A 200 x 150 DEM of 10 m cells in EPSG:4526 (CGCS2000 GK zone 38) near Nanyang whose
 * heights are a plane, h = 100 + 0.05 (x - xll) + 0.03 (y - yll), with a 20 x 20 hole of
 * nodata: bilinear sampling reproduces a plane exactly, so every tile sample away from the
 * hole and the outer half-cell must equal the plane at the sample's GK position (which
 * GDAL's gdaltransform computes, not our proj4).
 */
const G = { cols: 200, rows: 150, xll: 38361600, yll: 3652600, cell: 10, nodata: -9999 };
const inHole = (c: number, r: number): boolean => c >= 80 && c < 100 && r >= 60 && r < 80;
const plane = (x: number, y: number): number => 100 + 0.05 * (x - G.xll) + 0.03 * (y - G.yll);
const cellValue = (c: number, r: number): number =>
  inHole(c, r) ? G.nodata : plane(G.xll + (c + 0.5) * G.cell, G.yll + (G.rows - r - 0.5) * G.cell);

let dir: string;
let dem: string;
let result: TerrainBuildResult;

beforeAll(async () => {
  dir = tempDir('cim-terrain-');
  dem = makeDem(path.join(dir, 'dem.tif'), { ...G, value: cellValue });
  const raster = await openRaster(dem);
  result = await buildTerrainTiles(raster, path.join(dir, 'out'), {}, control);
  await raster.close();
});

const tileFile = (z: number, x: number, y: number): string =>
  path.join(dir, 'out', String(z), String(x), `${String(y)}.f32`);

describe('terrain heightmap tiles', () => {
  it('writes layer.json in the cim-heightmap-1 format with every level and a 10 m deepest spacing', () => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'layer.json'), 'utf8')) as Record<string, unknown>;
    expect(json).toEqual(result.layerJson);
    const l = result.layerJson;
    expect(Object.keys(l)).toEqual([
      'format',
      'tilingScheme',
      'tileSize',
      'minLevel',
      'maxLevel',
      'bounds',
      'levels',
      'encoding',
      'outsideHeightM',
      'heightRangeM',
      'source',
    ]);
    expect([l.format, l.tilingScheme, l.tileSize, l.encoding, l.minLevel]).toEqual([
      'cim-heightmap-1',
      'geographic',
      65,
      'f32le',
      0,
    ]);
    // 180° / 2^15 / 64 intervals = 9.6 m north-south: the first level at least as fine as 10 m.
    expect(l.maxLevel).toBe(15);
    expect(l.source).toEqual({ file: 'dem.tif', crs: 'EPSG:4526', cellSizeM: expect.closeTo(10, 1) as number });
    expect(l.levels.map((r) => r.level)).toEqual(Array.from({ length: 16 }, (_, z) => z));
    expect(Object.keys(l.levels[0] ?? {})).toEqual(['level', 'minX', 'minY', 'maxX', 'maxY']);
    // Level 0: the eastern hemisphere tile only (x from the west, y from the north).
    expect(l.levels[0]).toEqual({ level: 0, minX: 1, minY: 0, maxX: 1, maxY: 0 });
    for (const range of l.levels) {
      const files = fs
        .readdirSync(path.join(dir, 'out', String(range.level)))
        .flatMap((x) => fs.readdirSync(path.join(dir, 'out', String(range.level), x)).map((y) => `${x}/${y}`));
      expect(files.sort()).toEqual([...tilesIn(range)].map((t) => `${String(t.x)}/${String(t.y)}.f32`).sort());
    }
    // The DEM's corners in lon/lat as GDAL computes them (gdaltransform EPSG:4526 -> 4326).
    const corners = gdalProject(
      [
        [G.xll, G.yll],
        [G.xll + G.cols * G.cell, G.yll],
        [G.xll, G.yll + G.rows * G.cell],
        [G.xll + G.cols * G.cell, G.yll + G.rows * G.cell],
      ],
      'EPSG:4326',
      'EPSG:4526',
    );
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    expect(l.bounds[0]).toBeCloseTo(Math.min(...lons), 6);
    expect(l.bounds[1]).toBeCloseTo(Math.min(...lats), 6);
    expect(l.bounds[2]).toBeCloseTo(Math.max(...lons), 6);
    expect(l.bounds[3]).toBeCloseTo(Math.max(...lats), 6);
  });

  it('sets outsideHeightM to the mean of the DEM border and the height range to the data', () => {
    let sum = 0;
    let n = 0;
    for (let c = 0; c < G.cols; c++)
      for (let r = 0; r < G.rows; r++) {
        if (c !== 0 && r !== 0 && c !== G.cols - 1 && r !== G.rows - 1) continue;
        sum += Math.fround(cellValue(c, r));
        n += 1;
      }
    expect(result.layerJson.outsideHeightM).toBeCloseTo(sum / n, 3);
    const [lo, hi] = result.layerJson.heightRangeM;
    expect(lo).toBeGreaterThanOrEqual(cellValue(0, G.rows - 1) - 1e-3);
    expect(hi).toBeLessThanOrEqual(cellValue(G.cols - 1, 0) + 1e-3);
  });

  it('takes the border mean just inside a nodata frame (a seeded or clipped DEM has one)', async () => {
    const frame = 3;
    const framed = (c: number, r: number): number =>
      c < frame || r < frame || c >= G.cols - frame || r >= G.rows - frame ? G.nodata : cellValue(c, r);
    const framedDir = tempDir('cim-terrain-frame-');
    const file = makeDem(path.join(framedDir, 'framed.tif'), { ...G, value: framed });
    const raster = await openRaster(file);
    const built = await buildTerrainTiles(raster, path.join(framedDir, 'out'), {}, control);
    await raster.close();
    let sum = 0;
    let n = 0;
    for (let c = frame; c < G.cols - frame; c++)
      for (let r = frame; r < G.rows - frame; r++) {
        if (c !== frame && r !== frame && c !== G.cols - 1 - frame && r !== G.rows - 1 - frame) continue;
        sum += Math.fround(cellValue(c, r));
        n += 1;
      }
    expect(built.layerJson.outsideHeightM).toBeCloseTo(sum / n, 3);
  });

  it('reproduces the plane at every deep sample away from the hole (GDAL projects the positions)', () => {
    const z = result.layerJson.maxLevel;
    const range = result.layerJson.levels[z]!;
    const samples: { h: number; lon: number; lat: number }[] = [];
    for (const { x, y } of tilesIn(range)) {
      const data = readF32(tileFile(z, x, y));
      expect(data.length).toBe(65 * 65);
      for (let j = 0; j < 65; j += 4)
        for (let i = 0; i < 65; i += 4)
          samples.push({ h: data[j * 65 + i]!, lon: gridLon(z, 64, x * 64 + i), lat: gridLat(z, 64, y * 64 + j) });
    }
    const gk = gdalProject(samples.map((s) => [s.lon, s.lat]));
    let checked = 0;
    samples.forEach((s, k) => {
      const [x, y] = gk[k]!;
      const col = (x - G.xll) / G.cell;
      const row = G.rows - (y - G.yll) / G.cell;
      const inside = col > 0.5 && col < G.cols - 0.5 && row > 0.5 && row < G.rows - 0.5;
      const nearHole = col > 78.5 && col < 101.5 && row > 58.5 && row < 81.5;
      if (!inside || nearHole) return;
      expect(Math.abs(s.h - plane(x, y)), `sample ${String(k)}`).toBeLessThan(2e-3);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(500);
  });

  it('agrees with gdallocationinfo -wgs84 -valonly within the nearest pixel neighbourhood (bilinear vs nearest)', () => {
    const z = result.layerJson.maxLevel;
    const range = result.layerJson.levels[z]!;
    const pts: { h: number; lonLat: [number, number] }[] = [];
    for (const { x, y } of tilesIn(range)) {
      const data = readF32(tileFile(z, x, y));
      for (const [i, j] of [
        [10, 10],
        [32, 32],
        [50, 20],
        [20, 55],
      ] as const)
        pts.push({ h: data[j * 65 + i]!, lonLat: [gridLon(z, 64, x * 64 + i), gridLat(z, 64, y * 64 + j)] });
    }
    // Points off the DEM get no report from gdallocationinfo: keep those inside, one pixel in.
    const gk = gdalProject(pts.map((p) => p.lonLat));
    const inside = pts.filter((_, k) => {
      const [x, y] = gk[k]!;
      return (
        x > G.xll + G.cell &&
        x < G.xll + (G.cols - 1) * G.cell &&
        y > G.yll + G.cell &&
        y < G.yll + (G.rows - 1) * G.cell
      );
    });
    const nearest = gdalAtLonLat(
      dem,
      inside.map((p) => p.lonLat),
    );
    expect(nearest.length).toBe(inside.length);
    const nb: [number, number][] = nearest.flatMap((g) => {
      const out: [number, number][] = [];
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) out.push([g.col + dc, g.row + dr]);
      return out;
    });
    const values = gdalAtPixels(dem, nb);
    expect(values.length).toBe(nb.length);
    let checked = 0;
    inside.forEach((p, k) => {
      const g = nearest[k]!;
      if (g.values[0] === G.nodata) return;
      const around = values.slice(k * 9, k * 9 + 9).filter((v) => v !== G.nodata);
      if (around.length < 9) return;
      // A bilinear value lies within its 2 x 2 cell, which is inside the nearest pixel's 3 x 3.
      const tolerance = Math.max(...around.map((v) => Math.abs(v - g.values[0]!))) + 1e-3;
      expect(Math.abs(p.h - g.values[0]!), `point ${String(k)}`).toBeLessThanOrEqual(tolerance);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(10);
  });

  it('shares every edge sample exactly with the neighbouring tile, at every level', () => {
    let pairs = 0;
    for (const range of result.layerJson.levels) {
      const z = range.level;
      for (const { x, y } of tilesIn(range)) {
        const a = readF32(tileFile(z, x, y));
        if (x < range.maxX) {
          const b = readF32(tileFile(z, x + 1, y));
          for (let j = 0; j < 65; j++) expect(a[j * 65 + 64]).toBe(b[j * 65]);
          pairs += 1;
        }
        if (y < range.maxY) {
          const b = readF32(tileFile(z, x, y + 1));
          for (let i = 0; i < 65; i++) expect(a[64 * 65 + i]).toBe(b[i]);
          pairs += 1;
        }
      }
    }
    expect(pairs).toBeGreaterThan(4);
  });

  it('fills the nodata hole and the outside of the DEM smoothly: no NaN, nothing beyond the data range', () => {
    const [lo, hi] = result.layerJson.heightRangeM;
    for (const range of result.layerJson.levels)
      for (const { x, y } of tilesIn(range)) {
        const data = readF32(tileFile(range.level, x, y));
        const bad = data.filter((h) => !Number.isFinite(h) || h < lo || h > hi);
        expect(bad.length, `${String(range.level)}/${String(x)}/${String(y)}`).toBe(0);
      }
    // The hole's centre is filled between its rims (the plane runs from about 150 to 200 m there).
    const [lon, lat] = gdalProject([[G.xll + 900, G.yll + 800]], 'EPSG:4326', 'EPSG:4526')[0]!;
    const z = result.layerJson.maxLevel;
    const gx = ((lon + 180) / (180 / 2 ** z)) * 64;
    const gy = ((90 - lat) / (180 / 2 ** z)) * 64;
    const tx = Math.floor(gx / 64);
    const ty = Math.floor(gy / 64);
    const h = readF32(tileFile(z, tx, ty))[Math.round(gy - ty * 64) * 65 + Math.round(gx - tx * 64)]!;
    expect(Math.abs(h - plane(G.xll + 900, G.yll + 800))).toBeLessThan(5);
  });

  it('builds the real float_raster_with_nodata.tif (user-defined LAEA, nodata -3.4e38) without NaN', async () => {
    const raster = await openRaster(path.join(SHARED, 'geotiff/float_raster_with_nodata.tif'));
    const out = path.join(dir, 'float');
    const r = await buildTerrainTiles(raster, out, {}, control);
    await raster.close();
    expect(r.layerJson.source.crs).toContain('+proj=laea');
    // gdalinfo -stats: Minimum=0.000, Maximum=0.250
    expect(r.layerJson.heightRangeM[0]).toBeGreaterThanOrEqual(0);
    expect(r.layerJson.heightRangeM[1]).toBeLessThanOrEqual(0.25);
    const deep = r.layerJson.levels[r.layerJson.maxLevel]!;
    for (const { x, y } of tilesIn(deep)) {
      expect(readF32(path.join(out, String(deep.level), String(x), `${String(y)}.f32`)).some(Number.isNaN)).toBe(false);
    }
  });
});

describe('the terrain pyramid in units, on worker threads', () => {
  it('writes the same bytes on two worker threads as in one unit per deepest tile in this thread', async () => {
    const build = async (name: string, workers: number) => {
      const raster = await openRaster(dem);
      const out = path.join(dir, name);
      const r = await buildTerrainTiles(raster, out, { workers }, control);
      await raster.close();
      return { r, files: listFiles(out, '.f32').map((f) => [path.relative(out, f), fs.readFileSync(f)] as const) };
    };
    const inline = await build('inline', 0);
    const pooled = await build('pooled', 2);
    expect(pooled.r.workers).toBe(2);
    expect(pooled.r.rootLevel).toBeGreaterThan(inline.r.rootLevel);
    expect(pooled.r.layerJson).toEqual(inline.r.layerJson);
    expect(pooled.r.layerJson).toEqual(result.layerJson);
    expect(pooled.files.map(([f]) => f)).toEqual(inline.files.map(([f]) => f));
    pooled.files.forEach(([name, bytes], i) => expect(bytes.equals(inline.files[i]![1]), name).toBe(true));
    // and the same as the default build of this file (beforeAll)
    for (const [name, bytes] of pooled.files)
      expect(bytes.equals(fs.readFileSync(path.join(dir, 'out', name))), name).toBe(true);
  });
});
