/**
 * Orthophoto -> PNG pyramid in Cesium's geographic tiling scheme (format `cim-imagery-1`,
 * see README "Tiles"). Only the deepest level reads the source (from the best overview for
 * its resolution); each coarser level is averaged from the one below, once. The work is cut
 * into units (tiles/pyramid/plan.ts: the subtree under one tile of a root level) that run on
 * worker threads, one per core, each reading one source window for all its deepest tiles;
 * the few levels above the roots are made here from the roots. Every tile inside each
 * level's range is written (transparent where there is no data): a missing tile is a 404
 * and a console error in the browser. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import { checkCancelled, type BuildControl } from '../jobs/control.js';
import { levelForResolution, tileCount, tileRange, tilesIn, type BoundsDeg, type TileRange } from '../geo/tiling.js';
import { rootLevelFor, tileKey } from '../pyramid/plan.js';
import { defaultPyramidWorkers, runUnits } from '../pyramid/pool.js';
import { cellSizeM, projectorFor, rasterBoundsDeg } from '../raster/footprint.js';
import type { Raster } from '../raster/open-raster.js';
import { nodataTest } from '../raster/sampler.js';
import { bandLayout, identityStretch, percentileStretch, type Stretch } from './pixels.js';
import { bestLevel, IMAGERY_TILE_SIZE, sourcePixelsOfTile } from './render-tile.js';
import { parentFromChildren, PngWriter, runImageryUnit, type ImageryUnit, type ImageryUnitResult } from './unit.js';

interface ImageryLayerJson {
  format: 'cim-imagery-1';
  tilingScheme: 'geographic';
  tileSize: 256;
  minLevel: number;
  maxLevel: number;
  bounds: BoundsDeg;
  levels: TileRange[];
  imageFormat: 'png';
  source: { file: string; crs: string; cellSizeM: number; bands: number; bitsPerSample: number };
}

export interface ImageryBuildResult {
  layerJson: ImageryLayerJson;
  tilesWritten: number;
  bytes: number;
  /** Levels read from the source (the rest were averaged from their children). */
  sourceLevels: number[];
  /** Level of the units' root tiles, and the worker threads they ran on (0: this thread). */
  rootLevel: number;
  workers: number;
}

export interface ImageryBuildOptions {
  maxLevel?: number;
  /** Largest source window side one deepest-level tile may read (default 2048 px). */
  maxWindowPx?: number;
  /** Worker threads; 0 builds in this thread. Default: one per core (two at most) for 64 deepest tiles or more. */
  workers?: number;
}

const DEFAULT_MAX_WINDOW_PX = 2048;
/** What one unit may read at once and hold (16 x 16 deepest tiles: 64 MiB of pixels). */
const UNIT_LIMITS = { maxWindowPx: 4096, maxSpan: 16 };
/** Units per worker, so that no worker waits long for the last one. */
const UNITS_PER_WORKER = 4;
/** Below this many deepest tiles a build is over before workers have started. */
const POOL_MIN_TILES = 64;

async function stretchFor(raster: Raster, isNodata: (v: number) => boolean): Promise<Stretch> {
  if (raster.bitsPerSample === 8 && raster.sampleKind === 'uint') return identityStretch(raster.bandCount);
  const coarsest = raster.levels[raster.levels.length - 1] ?? raster.levels[0];
  if (!coarsest) return identityStretch(raster.bandCount);
  // Statistics from at most 1024 x 1024 pixels of the coarsest level, centred.
  const w = Math.min(coarsest.width, 1024);
  const h = Math.min(coarsest.height, 1024);
  const c0 = Math.floor((coarsest.width - w) / 2);
  const r0 = Math.floor((coarsest.height - h) / 2);
  return percentileStretch(await raster.readWindow(coarsest.level, [c0, r0, c0 + w, r0 + h]), isNodata);
}

export async function buildImageryTiles(
  raster: Raster,
  outDir: string,
  options: ImageryBuildOptions,
  control: BuildControl,
): Promise<ImageryBuildResult> {
  const name = path.basename(raster.file);
  const projector = projectorFor(raster.crs);
  const isNodata = nodataTest(raster.nodata, raster.bitsPerSample, raster.sampleKind === 'float');
  const bounds = rasterBoundsDeg(projector, raster.transform, raster.width, raster.height);
  if (!bounds.every(Number.isFinite)) throw new CimError('tiles.outside_globe', { file: name });
  const cell = cellSizeM(projector, raster.transform, raster.width, raster.height);
  const maxLevel = options.maxLevel ?? levelForResolution(cell, IMAGERY_TILE_SIZE);
  const ranges = Array.from({ length: maxLevel + 1 }, (_, z) => tileRange(z, bounds));
  const total = ranges.reduce((s, r) => s + tileCount(r), 0);
  const deepRange = ranges[maxLevel] as TileRange;
  const workers = options.workers ?? (tileCount(deepRange) >= POOL_MIN_TILES ? defaultPyramidWorkers() : 0);
  // A unit's window side: its deepest tiles across x their source pixels, at the overview they read.
  const centre = sourcePixelsOfTile(
    raster,
    projector,
    maxLevel,
    Math.floor((deepRange.minX + deepRange.maxX) / 2),
    Math.floor((deepRange.minY + deepRange.maxY) / 2),
  );
  const src = bestLevel(raster, centre.scale);
  const rootLevel = rootLevelFor(
    ranges,
    maxLevel,
    (span) => span * IMAGERY_TILE_SIZE * centre.scale * (src.width / raster.width),
    { ...UNIT_LIMITS, minUnits: workers > 0 ? workers * UNITS_PER_WORKER : 1 },
  );
  const base = {
    kind: 'imagery' as const,
    source: { file: raster.file, crs: raster.crs },
    outDir,
    rootLevel,
    maxLevel,
    ranges,
    layout: bandLayout(name, raster.bandCount),
    stretch: await stretchFor(raster, isNodata),
    maxTileWindowPx: options.maxWindowPx ?? DEFAULT_MAX_WINDOW_PX,
    maxUnitWindowPx: UNIT_LIMITS.maxWindowPx,
  };
  const units: ImageryUnit[] = [...tilesIn(ranges[rootLevel] as TileRange)].map((t) => ({ ...base, ...t }));
  let below = new Map<string, Uint8Array | null>();
  let done = 0;
  let bytes = 0;
  checkCancelled(control, name);
  await runUnits<ImageryUnitResult>(units, {
    workers,
    control,
    file: name,
    inline: (unit, isCancelled) => runImageryUnit(raster, unit as ImageryUnit, isCancelled),
    onResult: (i, r) => {
      const unit = units[i] as ImageryUnit;
      below.set(tileKey(unit.x, unit.y), r.root);
      done += r.tilesWritten;
      bytes += r.bytes;
      control.progress(Math.min(1, done / total), 'jobs.tiles.imagery');
    },
  });
  const out = new PngWriter(outDir);
  for (let level = rootLevel - 1; level >= 0; level--) {
    checkCancelled(control, name);
    const here = new Map<string, Uint8Array | null>();
    for (const { x, y } of tilesIn(ranges[level] as TileRange)) {
      const rgba = parentFromChildren(below, x, y);
      out.write(level, x, y, rgba);
      here.set(tileKey(x, y), rgba);
    }
    below = here;
  }
  done += out.tilesWritten;
  bytes += out.bytes;
  const layerJson: ImageryLayerJson = {
    format: 'cim-imagery-1',
    tilingScheme: 'geographic',
    tileSize: IMAGERY_TILE_SIZE,
    minLevel: 0,
    maxLevel,
    bounds,
    levels: ranges,
    imageFormat: 'png',
    source: {
      file: name,
      crs: raster.crs.name,
      cellSizeM: Number(cell.toFixed(3)),
      bands: raster.bandCount,
      bitsPerSample: raster.bitsPerSample,
    },
  };
  const json = JSON.stringify(layerJson, null, 1);
  fs.writeFileSync(path.join(outDir, 'layer.json'), json);
  return {
    layerJson,
    tilesWritten: done,
    bytes: bytes + Buffer.byteLength(json),
    sourceLevels: [maxLevel],
    rootLevel,
    workers,
  };
}
