/**
 * One unit of an imagery pyramid (tiles/pyramid/plan.ts): the tiles under one root tile,
 * from the deepest level up to the root. The deepest tiles share one source window per
 * overview level they read (a window per tile when the union would pass the budget), so each
 * compressed source block is decoded about once; every coarser level is averaged from the
 * one below in memory. Runs in a pyramid worker or inline; the same bytes either way.
 * Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CimError } from '../../common/errors.js';
import type { TileRange } from '../geo/tiling.js';
import { tilesUnder, tileKey } from '../pyramid/plan.js';
import { projectorFor } from '../raster/footprint.js';
import type { RasterCrs } from '../raster/geokeys.js';
import type { PixelWindow, Raster, RasterWindow } from '../raster/open-raster.js';
import { nodataTest } from '../raster/sampler.js';
import { averageChildren, isTransparent } from './downsample.js';
import { validMask, type BandLayout, type Stretch } from './pixels.js';
import { encodeRgbaPng } from './png.js';
import { bestLevel, IMAGERY_TILE_SIZE, renderTile, sourcePixelsOfTile, windowFor } from './render-tile.js';

export interface ImageryUnit {
  kind: 'imagery';
  source: { file: string; crs: RasterCrs };
  outDir: string;
  rootLevel: number;
  x: number;
  y: number;
  maxLevel: number;
  /** Tile range of every level, index = level. */
  ranges: TileRange[];
  layout: BandLayout;
  stretch: Stretch;
  /** Largest window one deepest tile may read. */
  maxTileWindowPx: number;
  /** Largest window the unit reads at once. */
  maxUnitWindowPx: number;
}

export interface ImageryUnitResult {
  /** The root tile's pixels; null when it is transparent. */
  root: Uint8Array | null;
  tilesWritten: number;
  bytes: number;
}

const N = IMAGERY_TILE_SIZE;
/** What a tile without a visible pixel is written as (every tile in range exists: no 404s). */
const EMPTY_PNG = encodeRgbaPng(new Uint8Array(N * N * 4), N, N);

/** Writes tiles under `outDir/<z>/<x>/<y>.png`, making each column folder once. */
export class PngWriter {
  private readonly made = new Set<string>();
  tilesWritten = 0;
  bytes = 0;
  constructor(private readonly outDir: string) {}

  write(level: number, x: number, y: number, rgba: Uint8Array | null): void {
    const dir = path.join(this.outDir, String(level), String(x));
    if (!this.made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    const png = rgba ? encodeRgbaPng(rgba, N, N) : EMPTY_PNG;
    fs.writeFileSync(path.join(dir, `${String(y)}.png`), png);
    this.tilesWritten += 1;
    this.bytes += png.length;
  }
}

/** The parent of four tiles held in `below` (by tileKey), null when it shows nothing. */
export function parentFromChildren(
  below: ReadonlyMap<string, Uint8Array | null>,
  x: number,
  y: number,
): Uint8Array | null {
  const children = [0, 1, 2, 3].map((q) => below.get(tileKey(2 * x + (q & 1), 2 * y + (q >> 1))) ?? null);
  if (children.every((c) => c === null)) return null;
  const rgba = averageChildren(children);
  return isTransparent(rgba) ? null : rgba;
}

interface DeepPlan {
  x: number;
  y: number;
  /** Overview level read, and the tile's own window of it; null: off the raster. */
  level: number;
  window: PixelWindow | null;
}

function union(windows: readonly PixelWindow[]): PixelWindow {
  return [
    Math.min(...windows.map((w) => w[0])),
    Math.min(...windows.map((w) => w[1])),
    Math.max(...windows.map((w) => w[2])),
    Math.max(...windows.map((w) => w[3])),
  ];
}

export async function runImageryUnit(
  raster: Raster,
  u: ImageryUnit,
  isCancelled: () => boolean = () => false,
): Promise<ImageryUnitResult> {
  const name = path.basename(u.source.file);
  const projector = projectorFor(raster.crs);
  const isNodata = nodataTest(raster.nodata, raster.bitsPerSample, raster.sampleKind === 'float');
  const deepRange = u.ranges[u.maxLevel] as TileRange;
  const plans: DeepPlan[] = [];
  for (const t of tilesUnder(deepRange, u.rootLevel, u.x, u.y)) {
    const px = sourcePixelsOfTile(raster, projector, u.maxLevel, t.x, t.y);
    const src = bestLevel(raster, px.scale);
    const window = windowFor(px, raster, src);
    if (window && (window[2] - window[0] > u.maxTileWindowPx || window[3] - window[1] > u.maxTileWindowPx)) {
      throw new CimError('tiles.window_too_large', { file: name, level: u.maxLevel });
    }
    plans.push({ ...t, level: src.level, window });
  }
  // One read per overview level for the whole unit, unless that read would pass the budget.
  const shared = new Map<number, { win: RasterWindow; mask: Uint8Array }>();
  for (const level of new Set(plans.map((p) => p.level))) {
    const windows = plans.filter((p) => p.level === level && p.window).map((p) => p.window as PixelWindow);
    if (windows.length === 0) continue;
    const all = union(windows);
    if (all[2] - all[0] > u.maxUnitWindowPx || all[3] - all[1] > u.maxUnitWindowPx) continue;
    const win = await raster.readWindow(level, all);
    shared.set(level, { win, mask: validMask(win, u.layout, isNodata) });
  }
  const out = new PngWriter(u.outDir);
  let below = new Map<string, Uint8Array | null>();
  for (const p of plans) {
    if (isCancelled()) throw new CimError('jobs.cancelled', { file: name });
    let rgba: Uint8Array | null = null;
    if (p.window) {
      const level = raster.levels[p.level] ?? raster.levels[0];
      if (!level) throw new CimError('tiles.read_failed', { file: name, reason: 'no level 0' });
      const px = sourcePixelsOfTile(raster, projector, u.maxLevel, p.x, p.y);
      const read = shared.get(p.level);
      const drawn = read
        ? renderTile(px, raster, level, read.win, u.layout, u.stretch, isNodata, read.mask)
        : renderTile(px, raster, level, await raster.readWindow(p.level, p.window), u.layout, u.stretch, isNodata);
      rgba = isTransparent(drawn) ? null : drawn;
    }
    out.write(u.maxLevel, p.x, p.y, rgba);
    below.set(tileKey(p.x, p.y), rgba);
  }
  shared.clear();
  for (let level = u.maxLevel - 1; level >= u.rootLevel; level--) {
    if (isCancelled()) throw new CimError('jobs.cancelled', { file: name });
    const here = new Map<string, Uint8Array | null>();
    for (const t of tilesUnder(u.ranges[level] as TileRange, u.rootLevel, u.x, u.y)) {
      const rgba = parentFromChildren(below, t.x, t.y);
      out.write(level, t.x, t.y, rgba);
      here.set(tileKey(t.x, t.y), rgba);
    }
    below = here;
  }
  return { root: below.get(tileKey(u.x, u.y)) ?? null, tilesWritten: out.tilesWritten, bytes: out.bytes };
}
