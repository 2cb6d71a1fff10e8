/**
 * Ground heights under buildings: from the DEM raster (bilinear, blocks of 256 x 256
 * pixels cached, least recently used first out) or from a built terrain layer's deepest
 * heightmap tiles (the surface the globe shows). Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { tileSpanDeg } from '../geo/tiling.js';
import { projectorFor } from '../raster/footprint.js';
import { crsToPixel } from '../raster/geotransform.js';
import type { Raster, RasterWindow } from '../raster/open-raster.js';
import { bilinearAt, nodataTest } from '../raster/sampler.js';
import type { TerrainLayerJson } from '../terrain/build-terrain.js';
import { TERRAIN_TILE_SIZE } from '../terrain/unit.js';

export interface HeightSampler {
  /** Height in metres at each lon/lat, NaN where there is none. */
  heightsAt(points: readonly (readonly [number, number])[]): Promise<number[]>;
  close(): Promise<void>;
}

const BLOCK = 256;
const MAX_BLOCKS = 64;

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.map.set(key, v);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
}

export function rasterHeights(raster: Raster): HeightSampler {
  const projector = projectorFor(raster.crs);
  const isNodata = nodataTest(raster.nodata, raster.bitsPerSample, raster.sampleKind === 'float');
  const blocks = new Lru<RasterWindow>(MAX_BLOCKS);
  const block = async (bx: number, by: number): Promise<RasterWindow> => {
    const key = `${String(bx)}/${String(by)}`;
    const hit = blocks.get(key);
    if (hit) return hit;
    // One pixel of overlap, so a bilinear neighbourhood never straddles two blocks.
    const win = await raster.readWindow(0, [bx * BLOCK, by * BLOCK, bx * BLOCK + BLOCK + 1, by * BLOCK + BLOCK + 1]);
    blocks.set(key, win);
    return win;
  };
  return {
    async heightsAt(points) {
      const out: number[] = [];
      for (const [lon, lat] of points) {
        const [x, y] = projector.toRaster(lon, lat);
        const [col, row] = crsToPixel(raster.transform, x, y);
        if (!(col >= 0 && row >= 0 && col <= raster.width && row <= raster.height)) {
          out.push(NaN);
          continue;
        }
        const c0 = Math.floor(Math.min(Math.max(col - 0.5, 0), raster.width - 1));
        const r0 = Math.floor(Math.min(Math.max(row - 0.5, 0), raster.height - 1));
        const win = await block(Math.floor(c0 / BLOCK), Math.floor(r0 / BLOCK));
        out.push(bilinearAt(win, 0, col, row, isNodata, raster.width, raster.height));
      }
      return out;
    },
    close: () => raster.close(),
  };
}

/** Heights from a terrain layer folder (layer.json + {z}/{x}/{y}.f32), at its deepest level. */
export function terrainHeights(dir: string): HeightSampler {
  const layer = JSON.parse(fs.readFileSync(path.join(dir, 'layer.json'), 'utf8')) as TerrainLayerJson;
  const z = layer.maxLevel;
  const n = TERRAIN_TILE_SIZE;
  const intervals = n - 1;
  const tiles = new Lru<Float32Array | null>(MAX_BLOCKS);
  const tile = (x: number, y: number): Float32Array | null => {
    const key = `${String(x)}/${String(y)}`;
    const hit = tiles.get(key);
    if (hit !== undefined) return hit;
    const file = path.join(dir, String(z), String(x), `${String(y)}.f32`);
    let data: Float32Array | null = null;
    if (fs.existsSync(file)) {
      const buf = fs.readFileSync(file);
      data = new Float32Array(n * n);
      for (let k = 0; k < n * n; k++) data[k] = buf.readFloatLE(k * 4);
    }
    tiles.set(key, data);
    return data;
  };
  const span = tileSpanDeg(z);
  return {
    heightsAt(points) {
      return Promise.resolve(
        points.map(([lon, lat]) => {
          const gx = ((lon + 180) / span) * intervals;
          const gy = ((90 - lat) / span) * intervals;
          const x = Math.min(Math.floor(gx / intervals), 2 ** (z + 1) - 1);
          const y = Math.min(Math.floor(gy / intervals), 2 ** z - 1);
          const data = tile(x, y);
          if (!data) return layer.outsideHeightM;
          const i = Math.min(gx - x * intervals, intervals);
          const j = Math.min(gy - y * intervals, intervals);
          const i0 = Math.min(Math.floor(i), intervals - 1);
          const j0 = Math.min(Math.floor(j), intervals - 1);
          const fx = i - i0;
          const fy = j - j0;
          const v = (a: number, b: number): number => data[b * n + a] as number;
          return (
            v(i0, j0) * (1 - fx) * (1 - fy) +
            v(i0 + 1, j0) * fx * (1 - fy) +
            v(i0, j0 + 1) * (1 - fx) * fy +
            v(i0 + 1, j0 + 1) * fx * fy
          );
        }),
      );
    },
    close: () => Promise.resolve(),
  };
}
