/**
 * DEM -> heightmap tiles for Cesium's CustomHeightmapTerrainProvider (format
 * `cim-heightmap-1`, see README "Tile formats"). The DEM is read only at the deepest level,
 * one window per tile; coarser levels take every other sample of their four children, so
 * memory stays one tile's window whatever the DEM's size. Samples are computed from their
 * global grid index, so tiles sharing an edge share its samples bit for bit. Heights are
 * the DEM's values taken as heights above the ellipsoid: no geoid model is shipped.
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkCancelled, yieldToLoop, type BuildControl } from '../jobs/control.js';
import {
  gridLat,
  gridLon,
  levelForResolution,
  tileRange,
  tilesIn,
  tileCount,
  type BoundsDeg,
  type TileRange,
} from '../geo/tiling.js';
import { cellSizeM, projectorFor, rasterBoundsDeg, type Projector } from '../raster/footprint.js';
import { crsToPixel } from '../raster/geotransform.js';
import type { Raster } from '../raster/open-raster.js';
import { bilinearAt, nodataTest } from '../raster/sampler.js';
import { fillTile } from './fill.js';
import { CimError } from '../../common/errors.js';

export const TERRAIN_TILE_SIZE = 65;
const INTERVALS = TERRAIN_TILE_SIZE - 1;

export interface TerrainLayerJson {
  format: 'cim-heightmap-1';
  tilingScheme: 'geographic';
  tileSize: 65;
  minLevel: number;
  maxLevel: number;
  bounds: BoundsDeg;
  levels: Omit<TileRange, never>[];
  encoding: 'f32le';
  outsideHeightM: number;
  heightRangeM: [number, number];
  source: { file: string; crs: string; cellSizeM: number };
}

export interface TerrainBuildResult {
  layerJson: TerrainLayerJson;
  tilesWritten: number;
  bytes: number;
}

export interface TerrainBuildOptions {
  /** Deepest level; default: the first whose sample spacing is no coarser than the DEM's cells. */
  maxLevel?: number;
}

function tilePath(outDir: string, level: number, x: number, y: number): string {
  return path.join(outDir, String(level), String(x), `${String(y)}.f32`);
}

function writeTile(file: string, heights: Float64Array): number {
  const buf = Buffer.alloc(heights.length * 4);
  heights.forEach((h, k) => buf.writeFloatLE(h, k * 4));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, buf);
  return buf.length;
}

function readTile(file: string): Float32Array | null {
  if (!fs.existsSync(file)) return null;
  const buf = fs.readFileSync(file);
  const out = new Float32Array(buf.length / 4);
  for (let k = 0; k < out.length; k++) out[k] = buf.readFloatLE(k * 4);
  return out;
}

/**
 * Mean of the valid samples on the outermost ring of the DEM (its coarsest level) that has
 * any: a DEM framed by a nodata border (most are) takes the ring just inside it.
 */
async function borderMeanM(raster: Raster, isNodata: (v: number) => boolean): Promise<number> {
  const level = raster.levels[raster.levels.length - 1] ?? raster.levels[0];
  if (!level) return 0;
  const { width: w, height: h } = level;
  for (let k = 0; 2 * k < Math.min(w, h); k++) {
    let sum = 0;
    let count = 0;
    // Top and bottom rows of ring k, then the columns between them: each pixel once.
    for (const win of [
      [k, k, w - k, k + 1],
      [k, h - 1 - k, w - k, h - k],
      [k, k + 1, k + 1, h - 1 - k],
      [w - 1 - k, k + 1, w - k, h - 1 - k],
    ] as const) {
      if (win[2] <= win[0] || win[3] <= win[1]) continue;
      const data = (await raster.readWindow(level.level, win)).bands[0];
      if (!data) continue;
      for (let i = 0; i < data.length; i++) {
        const v = data[i] as number;
        if (isNodata(v)) continue;
        sum += v;
        count += 1;
      }
    }
    if (count > 0) return sum / count;
  }
  throw new CimError('tiles.no_valid_heights', { file: path.basename(raster.file) });
}

/** Heights of the deepest-level tile (x, y), read from the DEM and filled. */
async function deepTile(
  raster: Raster,
  projector: Projector,
  isNodata: (v: number) => boolean,
  level: number,
  x: number,
  y: number,
  outsideHeightM: number,
): Promise<Float64Array> {
  const n = TERRAIN_TILE_SIZE;
  const cols = new Float64Array(n * n);
  const rows = new Float64Array(n * n);
  let c0 = Infinity;
  let r0 = Infinity;
  let c1 = -Infinity;
  let r1 = -Infinity;
  for (let j = 0; j < n; j++) {
    const lat = gridLat(level, INTERVALS, y * INTERVALS + j);
    for (let i = 0; i < n; i++) {
      const lon = gridLon(level, INTERVALS, x * INTERVALS + i);
      const [sx, sy] = projector.toRaster(lon, lat);
      const [c, r] = crsToPixel(raster.transform, sx, sy);
      cols[j * n + i] = c;
      rows[j * n + i] = r;
      if (!Number.isFinite(c) || !Number.isFinite(r)) continue;
      c0 = Math.min(c0, c);
      r0 = Math.min(r0, r);
      c1 = Math.max(c1, c);
      r1 = Math.max(r1, r);
    }
  }
  const heights = new Float64Array(n * n);
  const valid = new Uint8Array(n * n);
  const window = [Math.floor(c0) - 1, Math.floor(r0) - 1, Math.ceil(c1) + 2, Math.ceil(r1) + 2] as const;
  const inside = window[2] > 0 && window[3] > 0 && window[0] < raster.width && window[1] < raster.height;
  if (inside) {
    const win = await raster.readWindow(0, window);
    for (let k = 0; k < n * n; k++) {
      const h = bilinearAt(win, 0, cols[k] as number, rows[k] as number, isNodata, raster.width, raster.height);
      if (Number.isNaN(h)) continue;
      heights[k] = h;
      valid[k] = 1;
    }
  }
  fillTile(heights, valid, n, outsideHeightM);
  return heights;
}

/** A coarser tile from every other sample of its four children; missing children are `outsideHeightM`. */
function parentTile(outDir: string, level: number, x: number, y: number, outsideHeightM: number): Float64Array {
  const n = TERRAIN_TILE_SIZE;
  const children = new Map<string, Float32Array | null>();
  const child = (cx: number, cy: number): Float32Array | null => {
    const key = `${String(cx)}/${String(cy)}`;
    if (!children.has(key)) children.set(key, readTile(tilePath(outDir, level + 1, cx, cy)));
    return children.get(key) ?? null;
  };
  const heights = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      // Global index at level+1, then every child that holds that sample (two on a seam).
      const gi = 2 * (x * INTERVALS + i);
      const gj = 2 * (y * INTERVALS + j);
      let h = outsideHeightM;
      for (const cx of candidates(gi)) {
        for (const cy of candidates(gj)) {
          const tile = child(cx, cy);
          if (!tile) continue;
          h = tile[(gj - cy * INTERVALS) * n + (gi - cx * INTERVALS)] as number;
        }
      }
      heights[j * n + i] = h;
    }
  }
  return heights;
}

function candidates(globalIndex: number): number[] {
  const t = Math.floor(globalIndex / INTERVALS);
  return globalIndex % INTERVALS === 0 && t > 0 ? [t - 1, t] : [t];
}

export async function buildTerrainTiles(
  raster: Raster,
  outDir: string,
  options: TerrainBuildOptions,
  control: BuildControl,
): Promise<TerrainBuildResult> {
  const name = path.basename(raster.file);
  const projector = projectorFor(raster.crs);
  const isNodata = nodataTest(raster.nodata, raster.bitsPerSample, raster.sampleKind === 'float');
  const bounds = rasterBoundsDeg(projector, raster.transform, raster.width, raster.height);
  if (!bounds.every(Number.isFinite)) throw new CimError('tiles.outside_globe', { file: name });
  const cell = cellSizeM(projector, raster.transform, raster.width, raster.height);
  const maxLevel = options.maxLevel ?? levelForResolution(cell, INTERVALS);
  const outsideHeightM = await borderMeanM(raster, isNodata);
  const ranges = Array.from({ length: maxLevel + 1 }, (_, z) => tileRange(z, bounds));
  const total = ranges.reduce((s, r) => s + tileCount(r), 0);
  let done = 0;
  let bytes = 0;
  let minH = Infinity;
  let maxH = -Infinity;
  for (let level = maxLevel; level >= 0; level--) {
    const range = ranges[level] as TileRange;
    for (const { x, y } of tilesIn(range)) {
      checkCancelled(control, name);
      const heights =
        level === maxLevel
          ? await deepTile(raster, projector, isNodata, level, x, y, outsideHeightM)
          : parentTile(outDir, level, x, y, outsideHeightM);
      for (const h of heights) {
        minH = Math.min(minH, h);
        maxH = Math.max(maxH, h);
      }
      bytes += writeTile(tilePath(outDir, level, x, y), heights);
      done += 1;
      if (done % 16 === 0) {
        control.progress(done / total, 'jobs.tiles.terrain');
        await yieldToLoop();
      }
    }
  }
  const layerJson: TerrainLayerJson = {
    format: 'cim-heightmap-1',
    tilingScheme: 'geographic',
    tileSize: TERRAIN_TILE_SIZE,
    minLevel: 0,
    maxLevel,
    bounds,
    levels: ranges,
    encoding: 'f32le',
    outsideHeightM: Math.fround(outsideHeightM),
    heightRangeM: [Math.fround(minH), Math.fround(maxH)],
    source: { file: name, crs: raster.crs.name, cellSizeM: Number(cell.toFixed(3)) },
  };
  const json = JSON.stringify(layerJson, null, 1);
  fs.writeFileSync(path.join(outDir, 'layer.json'), json);
  return { layerJson, tilesWritten: done, bytes: bytes + Buffer.byteLength(json) };
}
