/**
 * One unit of a terrain pyramid (tiles/pyramid/plan.ts): the heightmap tiles under one root
 * tile, from the deepest level up to the root. The deepest tiles share one DEM window (a
 * window per tile when the union would pass the budget); every coarser tile takes every
 * other sample of its four children, held in memory as the float32 values written. Samples
 * are computed from their global grid index and edges filled along the edge alone, so tiles
 * sharing an edge share its samples bit for bit, whichever unit made them.
 * Environment: node.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import { gridLat, gridLon, type TileRange } from '../geo/tiling.js';
import { tilesUnder, tileKey } from '../pyramid/plan.js';
import { projectorFor } from '../raster/footprint.js';
import type { RasterCrs } from '../raster/geokeys.js';
import { crsToPixel } from '../raster/geotransform.js';
import type { PixelWindow, Raster, RasterWindow } from '../raster/open-raster.js';
import { bilinearAt, nodataTest } from '../raster/sampler.js';
import { fillTile } from './fill.js';

export const TERRAIN_TILE_SIZE = 65;
const INTERVALS = TERRAIN_TILE_SIZE - 1;
const N = TERRAIN_TILE_SIZE;

export interface TerrainUnit {
  kind: 'terrain';
  source: { file: string; crs: RasterCrs };
  outDir: string;
  rootLevel: number;
  x: number;
  y: number;
  maxLevel: number;
  /** Tile range of every level, index = level. */
  ranges: TileRange[];
  outsideHeightM: number;
  /** Largest window the unit reads at once. */
  maxUnitWindowPx: number;
}

export interface TerrainUnitResult {
  /** The root tile's heights as written. */
  root: Float32Array;
  tilesWritten: number;
  bytes: number;
  minH: number;
  maxH: number;
}

/** Writes tiles under `outDir/<z>/<x>/<y>.f32` (float32 little-endian), each column folder made once. */
export class HeightTileWriter {
  private readonly made = new Set<string>();
  tilesWritten = 0;
  bytes = 0;
  minH = Infinity;
  maxH = -Infinity;
  constructor(private readonly outDir: string) {}

  /** Writes `heights` rounded to float32 and returns what was written. */
  write(level: number, x: number, y: number, heights: Float64Array | Float32Array): Float32Array {
    for (const h of heights) {
      if (h < this.minH) this.minH = h;
      if (h > this.maxH) this.maxH = h;
    }
    const f32 = heights instanceof Float32Array ? heights : Float32Array.from(heights);
    const bytes = Buffer.alloc(f32.length * 4);
    if (os.endianness() === 'LE') bytes.set(new Uint8Array(f32.buffer, f32.byteOffset, f32.byteLength));
    else f32.forEach((h, k) => bytes.writeFloatLE(h, k * 4));
    const dir = path.join(this.outDir, String(level), String(x));
    if (!this.made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    fs.writeFileSync(path.join(dir, `${String(y)}.f32`), bytes);
    this.tilesWritten += 1;
    this.bytes += bytes.length;
    return f32;
  }
}

/**
 * A coarser tile from every other sample of its four children (in `below`, by tileKey);
 * a sample whose child is missing is `outsideHeightM`.
 */
export function parentHeights(
  below: ReadonlyMap<string, Float32Array>,
  x: number,
  y: number,
  outsideHeightM: number,
): Float64Array {
  const heights = new Float64Array(N * N);
  for (let j = 0; j < N; j++) {
    // Global sample index at the level below, and the child (of this tile's four) holding it.
    const gj = 2 * (y * INTERVALS + j);
    const cy = Math.min(Math.floor(gj / INTERVALS), 2 * y + 1);
    for (let i = 0; i < N; i++) {
      const gi = 2 * (x * INTERVALS + i);
      const cx = Math.min(Math.floor(gi / INTERVALS), 2 * x + 1);
      const tile = below.get(tileKey(cx, cy));
      heights[j * N + i] = tile ? (tile[(gj - cy * INTERVALS) * N + (gi - cx * INTERVALS)] as number) : outsideHeightM;
    }
  }
  return heights;
}

interface DeepPlan {
  x: number;
  y: number;
  cols: Float64Array;
  rows: Float64Array;
  /** The tile's own window of the DEM, null when it lies off the raster. */
  window: PixelWindow | null;
}

function planDeep(
  raster: Raster,
  toRaster: (lon: number, lat: number) => [number, number],
  level: number,
  x: number,
  y: number,
): DeepPlan {
  const cols = new Float64Array(N * N);
  const rows = new Float64Array(N * N);
  let c0 = Infinity;
  let r0 = Infinity;
  let c1 = -Infinity;
  let r1 = -Infinity;
  for (let j = 0; j < N; j++) {
    const lat = gridLat(level, INTERVALS, y * INTERVALS + j);
    for (let i = 0; i < N; i++) {
      const lon = gridLon(level, INTERVALS, x * INTERVALS + i);
      const [sx, sy] = toRaster(lon, lat);
      const [c, r] = crsToPixel(raster.transform, sx, sy);
      cols[j * N + i] = c;
      rows[j * N + i] = r;
      if (!Number.isFinite(c) || !Number.isFinite(r)) continue;
      c0 = Math.min(c0, c);
      r0 = Math.min(r0, r);
      c1 = Math.max(c1, c);
      r1 = Math.max(r1, r);
    }
  }
  const window = [Math.floor(c0) - 1, Math.floor(r0) - 1, Math.ceil(c1) + 2, Math.ceil(r1) + 2] as const;
  const inside = window[2] > 0 && window[3] > 0 && window[0] < raster.width && window[1] < raster.height;
  return { x, y, cols, rows, window: inside ? window : null };
}

function sampleDeep(
  raster: Raster,
  plan: DeepPlan,
  win: RasterWindow | null,
  isNodata: (v: number) => boolean,
  outsideHeightM: number,
): Float64Array {
  const heights = new Float64Array(N * N);
  const valid = new Uint8Array(N * N);
  if (win) {
    for (let k = 0; k < N * N; k++) {
      const h = bilinearAt(
        win,
        0,
        plan.cols[k] as number,
        plan.rows[k] as number,
        isNodata,
        raster.width,
        raster.height,
      );
      if (Number.isNaN(h)) continue;
      heights[k] = h;
      valid[k] = 1;
    }
  }
  fillTile(heights, valid, N, outsideHeightM);
  return heights;
}

export async function runTerrainUnit(
  raster: Raster,
  u: TerrainUnit,
  isCancelled: () => boolean = () => false,
): Promise<TerrainUnitResult> {
  const name = path.basename(u.source.file);
  const projector = projectorFor(raster.crs);
  const isNodata = nodataTest(raster.nodata, raster.bitsPerSample, raster.sampleKind === 'float');
  const plans = [...tilesUnder(u.ranges[u.maxLevel] as TileRange, u.rootLevel, u.x, u.y)].map((t) =>
    planDeep(raster, (lon, lat) => projector.toRaster(lon, lat), u.maxLevel, t.x, t.y),
  );
  const windows = plans.flatMap((p) => (p.window ? [p.window] : []));
  let shared: RasterWindow | null = null;
  if (windows.length > 0) {
    const all: PixelWindow = [
      Math.max(0, Math.min(...windows.map((w) => w[0]))),
      Math.max(0, Math.min(...windows.map((w) => w[1]))),
      Math.min(raster.width, Math.max(...windows.map((w) => w[2]))),
      Math.min(raster.height, Math.max(...windows.map((w) => w[3]))),
    ];
    if (all[2] - all[0] <= u.maxUnitWindowPx && all[3] - all[1] <= u.maxUnitWindowPx) {
      shared = await raster.readWindow(0, all);
    }
  }
  const out = new HeightTileWriter(u.outDir);
  let below = new Map<string, Float32Array>();
  for (const p of plans) {
    if (isCancelled()) throw new CimError('jobs.cancelled', { file: name });
    const win = p.window ? (shared ?? (await raster.readWindow(0, p.window))) : null;
    below.set(
      tileKey(p.x, p.y),
      out.write(u.maxLevel, p.x, p.y, sampleDeep(raster, p, win, isNodata, u.outsideHeightM)),
    );
  }
  for (let level = u.maxLevel - 1; level >= u.rootLevel; level--) {
    if (isCancelled()) throw new CimError('jobs.cancelled', { file: name });
    const here = new Map<string, Float32Array>();
    for (const t of tilesUnder(u.ranges[level] as TileRange, u.rootLevel, u.x, u.y)) {
      here.set(tileKey(t.x, t.y), out.write(level, t.x, t.y, parentHeights(below, t.x, t.y, u.outsideHeightM)));
    }
    below = here;
  }
  const root = below.get(tileKey(u.x, u.y));
  if (!root)
    throw new CimError(
      'internal',
      { message: `terrain unit ${String(u.rootLevel)}/${String(u.x)}/${String(u.y)} made no root` },
      'internal',
    );
  return { root, tilesWritten: out.tilesWritten, bytes: out.bytes, minH: out.minH, maxH: out.maxH };
}
