import fs from 'node:fs';
import path from 'node:path';
import { decode } from 'fast-png';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImageryTiles, type ImageryBuildResult } from '../../../tiles/imagery/build-imagery.js';
import { bestLevel } from '../../../tiles/imagery/render-tile.js';
import { tileBounds, tilesIn } from '../../../tiles/geo/tiling.js';
import { openRaster } from '../../../tiles/raster/open-raster.js';
import { SHARED, tempDir } from '../helpers.js';
import { control, gdalAtLonLat, gdalAtPixels, gdalProject, listFiles, makeOrtho } from './support.js';

let dir: string;

beforeAll(() => {
  dir = tempDir('cim-imagery-');
});

function png(out: string, z: number, x: number, y: number): { data: Uint8Array; width: number; channels: number } {
  const p = decode(fs.readFileSync(path.join(out, String(z), String(x), `${String(y)}.png`)));
  return { data: p.data as Uint8Array, width: p.width, channels: p.channels };
}

/** Lon/lat of the centre of pixel (u, v) of tile (z, x, y). */
function pixelLonLat(z: number, x: number, y: number, u: number, v: number): [number, number] {
  const [w, , e, n] = tileBounds(z, x, y);
  return [w + ((u + 0.5) / 256) * (e - w), n - ((v + 0.5) / 256) * (e - w)];
}

function expectComplete(out: string, result: ImageryBuildResult): void {
  const expected = result.layerJson.levels.flatMap((r) =>
    [...tilesIn(r)].map((t) => path.join(out, String(r.level), String(t.x), `${String(t.y)}.png`)),
  );
  expect(listFiles(out, '.png')).toEqual(expected.sort());
  expect(result.tilesWritten).toBe(expected.length);
}

describe('imagery pyramid of RGB.byte.tif (UTM 18N, nodata 0)', () => {
  let out: string;
  let result: ImageryBuildResult;
  beforeAll(async () => {
    const raster = await openRaster(path.join(SHARED, 'geotiff/RGB.byte.tif'));
    out = path.join(dir, 'rgb');
    // Level 8 (300 m pixels, the source's resolution); the natural maximum is 9.
    result = await buildImageryTiles(raster, out, { maxLevel: 8 }, control);
    await raster.close();
  });

  it('writes layer.json and every tile of every level range, 256 x 256 RGBA', () => {
    const json = JSON.parse(fs.readFileSync(path.join(out, 'layer.json'), 'utf8')) as Record<string, unknown>;
    expect(json).toEqual(result.layerJson);
    expect(Object.keys(json).slice(0, 8)).toEqual([
      'format',
      'tilingScheme',
      'tileSize',
      'minLevel',
      'maxLevel',
      'bounds',
      'levels',
      'imageFormat',
    ]);
    expect(json).toMatchObject({
      format: 'cim-imagery-1',
      tilingScheme: 'geographic',
      tileSize: 256,
      minLevel: 0,
      maxLevel: 8,
      imageFormat: 'png',
    });
    expectComplete(out, result);
    const t = png(out, 0, 0, 0);
    expect([t.width, t.channels]).toEqual([256, 4]);
  });

  it('is transparent outside the raster and where it is nodata', () => {
    // Level 0 tile (0, 0) is the western hemisphere: its north-west pixel is far off the raster.
    expect(png(out, 0, 0, 0).data[3]).toBe(0);
    const deep = result.layerJson.levels[8]!;
    const corner = png(out, 8, deep.minX, deep.minY);
    // The raster's north-west corner lies inside this tile; the tile's own corner is off it.
    expect(corner.data[3]).toBe(0);
  });

  it('has the colours gdallocationinfo reads at the same places (within the nearest pixel neighbourhood)', () => {
    const deep = result.layerJson.levels[8]!;
    const samples: { rgba: number[]; lonLat: [number, number] }[] = [];
    for (const { x, y } of tilesIn(deep)) {
      const t = png(out, 8, x, y);
      for (const [u, v] of [
        [64, 64],
        [128, 128],
        [200, 50],
        [30, 220],
      ] as const) {
        const k = (v * 256 + u) * 4;
        samples.push({ rgba: Array.from(t.data.subarray(k, k + 4)), lonLat: pixelLonLat(8, x, y, u, v) });
      }
    }
    const file = path.join(SHARED, 'geotiff/RGB.byte.tif');
    // Every sample lies on the raster (its bounds are inside the level-8 tiles' union).
    const nearest = gdalAtLonLat(
      file,
      samples.map((s) => s.lonLat),
    );
    expect(nearest.length).toBe(samples.length);
    const nb = nearest.flatMap((g) => {
      const out: [number, number][] = [];
      const c = Math.min(Math.max(g.col, 1), 789);
      const r = Math.min(Math.max(g.row, 1), 716);
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) out.push([c + dc, r + dr]);
      return out;
    });
    const perBand = [1, 2, 3].map((b) => gdalAtPixels(file, nb, b));
    let checked = 0;
    samples.forEach((s, i) => {
      const g = nearest[i]!;
      if (g.col < 1 || g.row < 1 || g.col > 789 || g.row > 716) return;
      const bands = perBand.map((vals) => vals.slice(i * 9, i * 9 + 9));
      if (bands.some((vals) => vals.includes(0))) return; // near nodata: the mask decides
      expect(s.rgba[3]).toBe(255);
      for (let b = 0; b < 3; b++) {
        const vals = bands[b]!;
        expect(s.rgba[b]!, `sample ${String(i)} band ${String(b + 1)}`).toBeGreaterThanOrEqual(Math.min(...vals) - 1);
        expect(s.rgba[b]!, `sample ${String(i)} band ${String(b + 1)}`).toBeLessThanOrEqual(Math.max(...vals) + 1);
      }
      checked += 1;
    });
    expect(checked).toBeGreaterThan(8);
  });
});

/**
 * A 256 x 200 orthophoto of 1 m pixels in EPSG:4526 where red = column and green = row
 * (blue 100): bilinear sampling makes the colour at a point its continuous pixel
 * coordinate minus half a pixel, so each output pixel's colour says where it sampled.
 */
const G = { cols: 256, rows: 200, xll: 38361600, yll: 3652600, cell: 1 };

describe('imagery pyramid of a gradient orthophoto (EPSG:4526)', () => {
  let file: string;
  beforeAll(() => {
    file = makeOrtho(path.join(dir, 'gradient.tif'), { ...G, value: () => 0 }, [(c) => c, (_, r) => r, () => 100]);
  });

  it('samples each output pixel where GDAL puts it (gdaltransform), to a colour step', async () => {
    const raster = await openRaster(file);
    const out = path.join(dir, 'gradient');
    const result = await buildImageryTiles(raster, out, {}, control);
    await raster.close();
    // 180° / 2^17 / 256 = 0.6 m north-south: the first level at least as fine as 1 m.
    expect(result.layerJson.maxLevel).toBe(17);
    // Only the deepest level reads the source; each coarser one is resampled from the one below.
    expect(result.sourceLevels).toEqual([17]);
    expectComplete(out, result);
    const z = 17;
    const samples: { rgb: number[]; lonLat: [number, number] }[] = [];
    for (const { x, y } of tilesIn(result.layerJson.levels[z]!)) {
      const t = png(out, z, x, y);
      for (let v = 8; v < 256; v += 31)
        for (let u = 8; u < 256; u += 31) {
          const k = (v * 256 + u) * 4;
          if (t.data[k + 3] !== 255) continue;
          samples.push({ rgb: Array.from(t.data.subarray(k, k + 3)), lonLat: pixelLonLat(z, x, y, u, v) });
        }
    }
    const gk = gdalProject(samples.map((s) => s.lonLat));
    let checked = 0;
    samples.forEach((s, i) => {
      const [x, y] = gk[i]!;
      const col = x - G.xll;
      const row = G.rows - (y - G.yll);
      if (col < 1 || row < 1 || col > G.cols - 1 || row > G.rows - 1) return;
      expect(Math.abs(s.rgb[0]! - (col - 0.5)), `red at sample ${String(i)}`).toBeLessThanOrEqual(0.6);
      expect(Math.abs(s.rgb[1]! - (row - 0.5)), `green at sample ${String(i)}`).toBeLessThanOrEqual(0.6);
      expect(s.rgb[2]).toBe(100);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(100);
  });

  it('builds coarse levels from children once a tile would read more than maxWindowPx, still complete', async () => {
    const raster = await openRaster(file);
    const out = path.join(dir, 'children');
    const result = await buildImageryTiles(raster, out, { maxWindowPx: 200 }, control);
    await raster.close();
    expect(result.sourceLevels[0]).toBeGreaterThan(0);
    expect(result.sourceLevels).toContain(17);
    expectComplete(out, result);
    // A level made from children still shows the gradient where the raster's centre is.
    const z = (result.sourceLevels[0] ?? 1) - 1;
    const [[x, y]] = gdalProject([[G.xll + 128, G.yll + 100]], 'EPSG:4326', 'EPSG:4526') as [[number, number]];
    const span = 180 / 2 ** z;
    const tx = Math.floor((x + 180) / span);
    const ty = Math.floor((90 - y) / span);
    const u = Math.floor(((x + 180) / span - tx) * 256);
    const v = Math.floor(((90 - y) / span - ty) * 256);
    const t = png(out, z, tx, ty);
    const k = (v * 256 + u) * 4;
    expect(t.data[k + 3]).toBeGreaterThan(0);
    expect(Math.abs(t.data[k]! - 128)).toBeLessThan(40);
    expect(Math.abs(t.data[k + 1]! - 100)).toBeLessThan(40);
  });

  it('stretches a 16-bit orthophoto between its 2nd and 98th percentiles', async () => {
    const f16 = makeOrtho(path.join(dir, 'uint16.tif'), { ...G, value: () => 0 }, [(c) => 1000 + c * 10], 'UInt16');
    const raster = await openRaster(f16);
    expect(raster.bitsPerSample).toBe(16);
    const out = path.join(dir, 'uint16');
    const result = await buildImageryTiles(raster, out, { maxLevel: 16 }, control);
    await raster.close();
    const values: number[] = [];
    for (const { x, y } of tilesIn(result.layerJson.levels[16]!)) {
      const t = png(out, 16, x, y);
      for (let k = 0; k < t.data.length; k += 4) if (t.data[k + 3] === 255) values.push(t.data[k]!);
    }
    expect(Math.min(...values)).toBe(0);
    expect(Math.max(...values)).toBe(255);
  });
});

describe('overviews', () => {
  it('reads the coarsest overview whose pixels are no larger than the output pixels (cogeo.tif)', async () => {
    const raster = await openRaster(path.join(SHARED, 'geotiff/cogeo.tif'));
    // gdalinfo: overviews 512, 256, 128, 64, 32, 16 of a 1024 x 1024 image.
    expect(raster.levels.map((l) => l.width)).toEqual([1024, 512, 256, 128, 64, 32, 16]);
    expect(bestLevel(raster, 1).width).toBe(1024);
    expect(bestLevel(raster, 4.5).width).toBe(256);
    expect(bestLevel(raster, 1000).width).toBe(16);
    // 0.47 m ground pixels (0.597 m at 37.7°N in EPSG:3857); level 14, the deepest asked for,
    // has 4.8 m output pixels (10 source pixels): it reads the 1/8 overview and nothing else
    // (each coarser level is averaged from the one below).
    const levelsRead = new Set<number>();
    const read = raster.readWindow.bind(raster);
    raster.readWindow = (level, window) => {
      levelsRead.add(level);
      return read(level, window);
    };
    const out = path.join(dir, 'cogeo');
    const result = await buildImageryTiles(raster, out, { maxLevel: 14, workers: 0 }, control);
    expect(result.sourceLevels).toEqual([14]);
    expect([...levelsRead]).toEqual([3]);
    expect(raster.levels[3]?.width).toBe(128);
    expectComplete(out, result);
    await raster.close();
  });
});

describe('the pyramid from the level below, in units, on worker threads', () => {
  it('makes each coarser tile the alpha-weighted 2 x 2 mean of its four children', async () => {
    const raster = await openRaster(path.join(SHARED, 'geotiff/RGB.byte.tif'));
    const out = path.join(dir, 'levels');
    const result = await buildImageryTiles(raster, out, { maxLevel: 8 }, control);
    await raster.close();
    let checked = 0;
    for (const z of [7, 4]) {
      for (const { x, y } of tilesIn(result.layerJson.levels[z]!)) {
        const parent = png(out, z, x, y).data;
        const below = result.layerJson.levels[z + 1]!;
        const children = [0, 1, 2, 3].map((q) => {
          const cx = 2 * x + (q & 1);
          const cy = 2 * y + (q >> 1);
          const inRange = cx >= below.minX && cx <= below.maxX && cy >= below.minY && cy <= below.maxY;
          return inRange ? png(out, z + 1, cx, cy).data : null;
        });
        // Spot pixels of each quadrant, worked by hand from the children.
        for (const [u, v] of [
          [10, 20],
          [200, 60],
          [70, 180],
          [140, 240],
        ] as const) {
          const child = children[(u >= 128 ? 1 : 0) + (v >= 128 ? 2 : 0)];
          const k = (v * 256 + u) * 4;
          if (!child) {
            expect(parent[k + 3]).toBe(0);
            continue;
          }
          const cu = 2 * (u % 128);
          const cv = 2 * (v % 128);
          const px = [0, 1, 2, 3].map((s) => ((cv + (s >> 1)) * 256 + cu + (s & 1)) * 4);
          const a = px.reduce((sum, c) => sum + child[c + 3]!, 0);
          expect(parent[k + 3]).toBe(Math.round(a / 4));
          if (a === 0) continue;
          for (let b = 0; b < 3; b++) {
            const mean = px.reduce((sum, c) => sum + child[c + b]! * child[c + 3]!, 0) / a;
            expect(parent[k + b]).toBe(Math.round(mean));
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(4);
  });

  it('writes the same bytes on two worker threads as in this thread, and the same whatever the units', async () => {
    const file = path.join(SHARED, 'geotiff/RGB.byte.tif');
    const build = async (name: string, workers: number) => {
      const raster = await openRaster(file);
      const out = path.join(dir, name);
      const r = await buildImageryTiles(raster, out, { maxLevel: 9, workers }, control);
      await raster.close();
      return { r, files: listFiles(out, '.png').map((f) => [path.relative(out, f), fs.readFileSync(f)] as const) };
    };
    const inline = await build('inline', 0);
    const pooled = await build('pooled', 2);
    expect(pooled.r.workers).toBe(2);
    // Four units per worker: the pooled build is cut at a deeper root level than the inline one.
    expect(pooled.r.rootLevel).toBeGreaterThan(inline.r.rootLevel);
    expect(pooled.files.length).toBe(inline.files.length);
    expect(pooled.files.length).toBe(inline.r.tilesWritten);
    pooled.files.forEach(([name, bytes], i) => {
      expect(name).toBe(inline.files[i]![0]);
      expect(bytes.equals(inline.files[i]![1]), name).toBe(true);
    });
  });

  it('stops the workers on a cancel, and reports a unit that fails in a worker as its own error', async () => {
    const copy = path.join(dir, 'vanishing.tif');
    fs.copyFileSync(path.join(SHARED, 'geotiff/RGB.byte.tif'), copy);
    const raster = await openRaster(copy);
    // Cancelled once the first unit is in: the others are never finished.
    let reported = 0;
    const cancel = buildImageryTiles(
      raster,
      path.join(dir, 'cancelled'),
      { maxLevel: 9, workers: 2 },
      {
        ...control,
        progress: () => {
          reported++;
        },
        isCancelled: () => reported > 0,
      },
    );
    await expect(cancel).rejects.toMatchObject({ code: 'jobs.cancelled' });
    expect(reported).toBe(1);
    // The workers open the file by its path: gone, each unit fails as the file's error.
    fs.rmSync(copy);
    const failed = buildImageryTiles(raster, path.join(dir, 'failed'), { maxLevel: 9, workers: 2 }, control);
    await expect(failed).rejects.toMatchObject({ code: 'tiles.file_not_found', facts: { file: 'vanishing.tif' } });
    await raster.close();
  });
});
