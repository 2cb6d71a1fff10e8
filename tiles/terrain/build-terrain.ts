/**
 * DEM -> heightmap tiles for Cesium's CustomHeightmapTerrainProvider (format
 * `cim-heightmap-1`, see README "Tile formats"). The DEM is read only at the deepest level;
 * coarser levels take every other sample of their four children, once. The work is cut into
 * units (tiles/pyramid/plan.ts: the subtree under one tile of a root level) that run on
 * worker threads, one per core, each reading one DEM window for all its deepest tiles; the
 * few levels above the roots are made here. Samples are computed from their global grid
 * index, so tiles sharing an edge share its samples bit for bit. Heights are the DEM's values
 * taken as heights above the ellipsoid: no geoid model is shipped. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkCancelled, type BuildControl } from '../jobs/control.js';
import {
  levelForResolution,
  M_PER_DEG_LAT,
  tileRange,
  tilesIn,
  tileCount,
  type BoundsDeg,
  type TileRange,
} from '../geo/tiling.js';
import { rootLevelFor, tileKey } from '../pyramid/plan.js';
import { defaultPyramidWorkers, runUnits } from '../pyramid/pool.js';
import { cellSizeM, projectorFor, rasterBoundsDeg } from '../raster/footprint.js';
import type { Raster } from '../raster/open-raster.js';
import { nodataTest } from '../raster/sampler.js';
import { CimError } from '../../common/errors.js';
import {
  HeightTileWriter,
  parentHeights,
  runTerrainUnit,
  TERRAIN_TILE_SIZE,
  type TerrainUnit,
  type TerrainUnitResult,
} from './unit.js';

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
  /** Level of the units' root tiles, and the worker threads they ran on (0: this thread). */
  rootLevel: number;
  workers: number;
}

export interface TerrainBuildOptions {
  /** Deepest level; default: the first whose sample spacing is no coarser than the DEM's cells. */
  maxLevel?: number;
  /** Worker threads; 0 builds in this thread. Default: one per core (two at most) for 64 deepest tiles or more. */
  workers?: number;
}

/** What one unit may read at once and hold (16 x 16 deepest tiles). */
const UNIT_LIMITS = { maxWindowPx: 4096, maxSpan: 16 };
/** Units per worker, so that no worker waits long for the last one. */
const UNITS_PER_WORKER = 4;
/** Below this many deepest tiles a build is over before workers have started. */
const POOL_MIN_TILES = 64;

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
  const deepRange = ranges[maxLevel] as TileRange;
  const workers = options.workers ?? (tileCount(deepRange) >= POOL_MIN_TILES ? defaultPyramidWorkers() : 0);
  // A unit's window side: its deepest tiles across x the DEM cells one tile spans (at least one).
  const tileCells = Math.max(1, (tileSpanM(maxLevel) / cell) * 1.5);
  const rootLevel = rootLevelFor(ranges, maxLevel, (span) => span * tileCells, {
    ...UNIT_LIMITS,
    minUnits: workers > 0 ? workers * UNITS_PER_WORKER : 1,
  });
  const base = {
    kind: 'terrain' as const,
    source: { file: raster.file, crs: raster.crs },
    outDir,
    rootLevel,
    maxLevel,
    ranges,
    outsideHeightM,
    maxUnitWindowPx: UNIT_LIMITS.maxWindowPx,
  };
  const units: TerrainUnit[] = [...tilesIn(ranges[rootLevel] as TileRange)].map((t) => ({ ...base, ...t }));
  let below = new Map<string, Float32Array>();
  let done = 0;
  let bytes = 0;
  let minH = Infinity;
  let maxH = -Infinity;
  checkCancelled(control, name);
  await runUnits<TerrainUnitResult>(units, {
    workers,
    control,
    file: name,
    inline: (unit, isCancelled) => runTerrainUnit(raster, unit as TerrainUnit, isCancelled),
    onResult: (i, r) => {
      const unit = units[i] as TerrainUnit;
      below.set(tileKey(unit.x, unit.y), r.root);
      done += r.tilesWritten;
      bytes += r.bytes;
      minH = Math.min(minH, r.minH);
      maxH = Math.max(maxH, r.maxH);
      control.progress(done / total, 'jobs.tiles.terrain');
    },
  });
  const out = new HeightTileWriter(outDir);
  for (let level = rootLevel - 1; level >= 0; level--) {
    checkCancelled(control, name);
    const here = new Map<string, Float32Array>();
    for (const { x, y } of tilesIn(ranges[level] as TileRange)) {
      here.set(tileKey(x, y), out.write(level, x, y, parentHeights(below, x, y, outsideHeightM)));
    }
    below = here;
  }
  done += out.tilesWritten;
  bytes += out.bytes;
  minH = Math.min(minH, out.minH);
  maxH = Math.max(maxH, out.maxH);
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
  return { layerJson, tilesWritten: done, bytes: bytes + Buffer.byteLength(json), rootLevel, workers };
}

/** North-south size of a tile of `level`, metres. */
function tileSpanM(level: number): number {
  return (180 / 2 ** level) * M_PER_DEG_LAT;
}
