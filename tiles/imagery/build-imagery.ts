/**
 * Orthophoto -> PNG pyramid in Cesium's geographic tiling scheme (format `cim-imagery-1`,
 * see README "Tiles"). Deep levels read one source window per tile from the best overview;
 * once the best overview has more than two source pixels per output pixel (no overview
 * fine enough: reading would decode far more than it shows) or a tile's window would pass
 * `maxWindowPx`, that level and the ones above are built by 2x2 averaging of their
 * children instead, so time and memory stay bounded. Every tile inside each level's range is written (transparent where there is
 * no data): a missing tile is a 404 and a console error in the browser. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decode, encode } from 'fast-png';
import { CimError } from '../../common/errors.js';
import { checkCancelled, yieldToLoop, type BuildControl } from '../jobs/control.js';
import {
  inRange,
  levelForResolution,
  tileCount,
  tileRange,
  tilesIn,
  type BoundsDeg,
  type TileRange,
} from '../geo/tiling.js';
import { cellSizeM, projectorFor, rasterBoundsDeg, type Projector } from '../raster/footprint.js';
import type { Raster } from '../raster/open-raster.js';
import { nodataTest } from '../raster/sampler.js';
import { bandLayout, identityStretch, percentileStretch, type BandLayout, type Stretch } from './pixels.js';
import { bestLevel, IMAGERY_TILE_SIZE, renderTile, sourcePixelsOfTile, windowFor } from './render-tile.js';

export interface ImageryLayerJson {
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
}

export interface ImageryBuildOptions {
  maxLevel?: number;
  /** Largest source window side a tile may read (default 2048 px). */
  maxWindowPx?: number;
}

const DEFAULT_MAX_WINDOW_PX = 2048;
/** Source pixels per output pixel beyond which a level is averaged from its children. */
const MAX_SOURCE_PER_OUTPUT_PX = 2;

interface Ctx {
  raster: Raster;
  projector: Projector;
  layout: BandLayout;
  stretch: Stretch;
  isNodata: (v: number) => boolean;
  outDir: string;
  maxWindowPx: number;
  emptyPng: Uint8Array;
}

function tilePath(outDir: string, level: number, x: number, y: number): string {
  return path.join(outDir, String(level), String(x), `${String(y)}.png`);
}

function writePng(file: string, png: Uint8Array): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, png);
  return png.length;
}

function encodeRgba(rgba: Uint8Array): Uint8Array {
  if (rgba.every((v, k) => k % 4 !== 3 || v === 0)) return new Uint8Array(0);
  return encode({ width: IMAGERY_TILE_SIZE, height: IMAGERY_TILE_SIZE, data: rgba, channels: 4, depth: 8 });
}

/**
 * A tile from the source; 'too-big' when its window passes the budget or, below the deepest
 * level, when even the best overview is more than twice as fine as the tile.
 */
async function sourceTile(
  ctx: Ctx,
  level: number,
  x: number,
  y: number,
  deepest: boolean,
): Promise<Uint8Array | 'too-big'> {
  const px = sourcePixelsOfTile(ctx.raster, ctx.projector, level, x, y);
  const src = bestLevel(ctx.raster, px.scale);
  const window = windowFor(px, ctx.raster, src);
  if (!window) return new Uint8Array(IMAGERY_TILE_SIZE * IMAGERY_TILE_SIZE * 4);
  if (window[2] - window[0] > ctx.maxWindowPx || window[3] - window[1] > ctx.maxWindowPx) return 'too-big';
  if (!deepest && px.scale / (ctx.raster.width / src.width) > MAX_SOURCE_PER_OUTPUT_PX) return 'too-big';
  const win = await ctx.raster.readWindow(src.level, window);
  return renderTile(px, ctx.raster, src, win, ctx.layout, ctx.stretch, ctx.isNodata);
}

/** A tile as the premultiplied 2x2 average of its four children (missing ones transparent). */
function childrenTile(ctx: Ctx, childRange: TileRange, level: number, x: number, y: number): Uint8Array {
  const n = IMAGERY_TILE_SIZE;
  const half = n / 2;
  const out = new Uint8Array(n * n * 4);
  for (let q = 0; q < 4; q++) {
    const cx = 2 * x + (q & 1);
    const cy = 2 * y + (q >> 1);
    if (!inRange(childRange, cx, cy)) continue;
    const bytes = fs.readFileSync(tilePath(ctx.outDir, level + 1, cx, cy));
    if (bytes.length === 0 || bytes.equals(ctx.emptyPng)) continue;
    const child = decode(bytes).data;
    const ox = (q & 1) * half;
    const oy = (q >> 1) * half;
    for (let j = 0; j < half; j++) {
      for (let i = 0; i < half; i++) {
        let a = 0;
        const rgb = [0, 0, 0];
        for (let s = 0; s < 4; s++) {
          const k = ((2 * j + (s >> 1)) * n + 2 * i + (s & 1)) * 4;
          const alpha = child[k + 3] as number;
          a += alpha;
          for (let c = 0; c < 3; c++) rgb[c] = (rgb[c] as number) + (child[k + c] as number) * alpha;
        }
        if (a === 0) continue;
        const o = ((oy + j) * n + ox + i) * 4;
        for (let c = 0; c < 3; c++) out[o + c] = Math.round((rgb[c] as number) / a);
        out[o + 3] = Math.round(a / 4);
      }
    }
  }
  return out;
}

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
  const emptyPng = encode({
    width: IMAGERY_TILE_SIZE,
    height: IMAGERY_TILE_SIZE,
    data: new Uint8Array(IMAGERY_TILE_SIZE * IMAGERY_TILE_SIZE * 4),
    channels: 4,
    depth: 8,
  });
  const ctx: Ctx = {
    raster,
    projector,
    layout: bandLayout(name, raster.bandCount),
    stretch: await stretchFor(raster, isNodata),
    isNodata,
    outDir,
    maxWindowPx: options.maxWindowPx ?? DEFAULT_MAX_WINDOW_PX,
    emptyPng,
  };
  const ranges = Array.from({ length: maxLevel + 1 }, (_, z) => tileRange(z, bounds));
  const total = ranges.reduce((s, r) => s + tileCount(r), 0);
  const sourceLevels: number[] = [];
  let fromChildren = false;
  let done = 0;
  let bytes = 0;
  /** Writes one level; 'too-big' (and nothing kept) when a tile's source window passes the budget. */
  const buildLevel = async (level: number): Promise<'ok' | 'too-big'> => {
    const range = ranges[level] as TileRange;
    const written: string[] = [];
    let levelBytes = 0;
    for (const { x, y } of tilesIn(range)) {
      checkCancelled(control, name);
      let rgba = fromChildren ? null : await sourceTile(ctx, level, x, y, level === maxLevel);
      if (rgba === 'too-big') {
        for (const file of written) fs.rmSync(file, { force: true });
        return 'too-big';
      }
      rgba ??= childrenTile(ctx, ranges[level + 1] as TileRange, level, x, y);
      const png = encodeRgba(rgba);
      const file = tilePath(outDir, level, x, y);
      levelBytes += writePng(file, png.length === 0 ? emptyPng : png);
      written.push(file);
      if ((done + written.length) % 8 === 0) {
        control.progress(Math.min(1, (done + written.length) / total), 'jobs.tiles.imagery');
        await yieldToLoop();
      }
    }
    done += written.length;
    bytes += levelBytes;
    return 'ok';
  };
  for (let level = maxLevel; level >= 0; level--) {
    if (!fromChildren && (await buildLevel(level)) === 'ok') {
      sourceLevels.push(level);
      continue;
    }
    // This level and every one above it come from their children.
    if (level === maxLevel) throw new CimError('tiles.window_too_large', { file: name, level });
    fromChildren = true;
    await buildLevel(level);
  }
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
    sourceLevels: sourceLevels.sort((a, b) => a - b),
  };
}
