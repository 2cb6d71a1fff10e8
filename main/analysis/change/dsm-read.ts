/**
 * The raster method's reading (DSM 差值): two DSM GeoTIFFs opened with the `geotiff` package
 * (tiles/raster/open-raster.ts) and streamed, a strip of rows at a time, into the
 * difference core (dsm-core.ts). Memory is two strips plus the core's five rows, whatever
 * the rasters' size.
 *
 * The grid, as stated to the user: **the before DSM's grid, over the part both rasters
 * cover**; the after DSM is sampled at each cell's centre by nearest cell (no
 * interpolation: a DSM's roof edges would smear). Both must be in one CRS (a DSM pair in two
 * CRSs is refused rather than warped cell by cell). Rasters that do not overlap are refused
 * before anything is written. Nodata (GDAL_NODATA, NaN, ±Infinity) on either side is no
 * change. Environment: node.
 */
import path from 'node:path';
import { CimError } from '../../../common/errors.js';
import { openRaster, type Raster } from '../../../tiles/raster/open-raster.js';
import { DsmDiffStream, type DsmComponent, type DsmDiffOptions } from './dsm-core.js';
import { openTileRows, type TileRows } from './dsm-tiles.js';
import type { CellGrid } from './dsm-outline.js';

/** Rows read per window: a 10,000-cell-wide Float32 strip is 20 MB per raster. */
export const STRIP_ROWS = 512;

export interface DsmPairGrid extends CellGrid {
  width: number;
  height: number;
  crs: { epsg: number | null; name: string; proj4: string };
  /** Cell size of each input, metres (or CRS units). */
  cellBefore: number;
  cellAfter: number;
  sameGrid: boolean;
}

export interface DsmPairResult {
  grid: DsmPairGrid;
  components: DsmComponent[];
  nodata: { before: number | null; after: number | null };
}

interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function extentOf(r: Raster): Extent {
  const t = r.transform;
  const x1 = t.originX + r.width * t.pixelWidth;
  const y1 = t.originY + r.height * t.pixelHeight;
  return {
    minX: Math.min(t.originX, x1),
    maxX: Math.max(t.originX, x1),
    minY: Math.min(t.originY, y1),
    maxY: Math.max(t.originY, y1),
  };
}

async function open(file: string): Promise<Raster> {
  return openRaster(file);
}

/** Opens the pair and checks it: one CRS, a common part; closes both on a refusal. */
export async function openDsmPair(beforeFile: string, afterFile: string): Promise<{ a: Raster; b: Raster }> {
  const a = await open(beforeFile);
  let b: Raster;
  try {
    b = await open(afterFile);
  } catch (err) {
    await a.close();
    throw err;
  }
  const refuse = async (code: string, facts: Record<string, string | number>): Promise<never> => {
    await a.close();
    await b.close();
    throw new CimError(code, facts);
  };
  const names = { before: path.basename(beforeFile), after: path.basename(afterFile) };
  if (a.crs.proj4 !== b.crs.proj4 && (a.crs.epsg === null || a.crs.epsg !== b.crs.epsg)) {
    await refuse('change.dsm_crs_differs', { ...names, beforeCrs: a.crs.name, afterCrs: b.crs.name });
  }
  const ea = extentOf(a);
  const eb = extentOf(b);
  if (
    Math.min(ea.maxX, eb.maxX) <= Math.max(ea.minX, eb.minX) ||
    Math.min(ea.maxY, eb.maxY) <= Math.max(ea.minY, eb.minY)
  ) {
    await refuse('change.dsm_no_overlap', {
      ...names,
      beforeExtent: [ea.minX, ea.minY, ea.maxX, ea.maxY].map((v) => v.toFixed(1)).join(','),
      afterExtent: [eb.minX, eb.minY, eb.maxX, eb.maxY].map((v) => v.toFixed(1)).join(','),
    });
  }
  return { a, b };
}

/**
 * Streams the pair through the difference core on the before DSM's grid, over the common
 * part. `progress(f)` is called after each strip.
 */
export async function diffDsmPair(
  a: Raster,
  b: Raster,
  o: DsmDiffOptions,
  progress: (fraction: number) => void = () => undefined,
): Promise<DsmPairResult> {
  const ta = a.transform;
  const tb = b.transform;
  const ea = extentOf(a);
  const eb = extentOf(b);
  const common = {
    minX: Math.max(ea.minX, eb.minX),
    maxX: Math.min(ea.maxX, eb.maxX),
    minY: Math.max(ea.minY, eb.minY),
    maxY: Math.min(ea.maxY, eb.maxY),
  };
  // the before cells whose centres lie in the common part
  const colOf = (x: number): number => (x - ta.originX) / ta.pixelWidth;
  const rowOf = (y: number): number => (y - ta.originY) / ta.pixelHeight;
  const cols = [colOf(common.minX), colOf(common.maxX)].sort((p, q) => p - q) as [number, number];
  const rows = [rowOf(common.minY), rowOf(common.maxY)].sort((p, q) => p - q) as [number, number];
  const c0 = Math.max(0, Math.ceil(cols[0] - 0.5));
  const c1 = Math.min(a.width, Math.floor(cols[1] - 0.5) + 1);
  const r0 = Math.max(0, Math.ceil(rows[0] - 0.5));
  const r1 = Math.min(a.height, Math.floor(rows[1] - 0.5) + 1);
  const width = c1 - c0;
  const height = r1 - r0;
  if (width <= 0 || height <= 0) {
    throw new CimError('change.dsm_no_overlap', {
      before: path.basename(a.file),
      after: path.basename(b.file),
      beforeExtent: [ea.minX, ea.minY, ea.maxX, ea.maxY].map((v) => v.toFixed(1)).join(','),
      afterExtent: [eb.minX, eb.minY, eb.maxX, eb.maxY].map((v) => v.toFixed(1)).join(','),
    });
  }
  const sameGrid =
    ta.originX === tb.originX &&
    ta.originY === tb.originY &&
    ta.pixelWidth === tb.pixelWidth &&
    ta.pixelHeight === tb.pixelHeight;
  // nearest after cell of each before column and row (by cell centre)
  const bCol = new Int32Array(width);
  for (let c = 0; c < width; c++) {
    const x = ta.originX + (c0 + c + 0.5) * ta.pixelWidth;
    bCol[c] = Math.min(b.width - 1, Math.max(0, Math.floor((x - tb.originX) / tb.pixelWidth)));
  }
  const bRowOf = (r: number): number => {
    const y = ta.originY + (r + 0.5) * ta.pixelHeight;
    return Math.min(b.height - 1, Math.max(0, Math.floor((y - tb.originY) / tb.pixelHeight)));
  };
  const bc0 = bCol[0] ?? 0;
  const bc1 = (bCol[width - 1] ?? 0) + 1;
  const stream = new DsmDiffStream(width, height, { a: a.nodata, b: b.nodata }, o);
  const rowB = new Float32Array(width);
  // tiled Float32 inputs are read tile by tile (dsm-tiles.ts), others through the general reader
  const fastA = await openTileRows(a.file);
  const fastB = await openTileRows(b.file);
  const read = async (
    r: Raster,
    fast: TileRows | null,
    win: [number, number, number, number],
  ): Promise<{ width: number; values: ArrayLike<number> }> => {
    if (fast) return { width: win[2] - win[0], values: await fast.read(...win) };
    const w = await r.readWindow(0, win);
    return { width: w.width, values: w.bands[0] ?? [] };
  };
  const strip = fastA?.tileHeight ?? STRIP_ROWS;
  try {
    for (let s0 = r0; s0 < r1; s0 += strip) {
      const s1 = Math.min(r1, s0 + strip);
      const { values: va } = await read(a, fastA, [c0, s0, c1, s1]);
      const br0 = Math.min(bRowOf(s0), bRowOf(s1 - 1));
      const br1 = Math.max(bRowOf(s0), bRowOf(s1 - 1)) + 1;
      const wb = await read(b, fastB, [bc0, br0, bc1, br1]);
      const vb = wb.values;
      for (let r = s0; r < s1; r++) {
        const off = (r - s0) * width;
        const rowA = subarray(va, off, width);
        if (sameGrid) {
          stream.push(rowA, subarray(vb, (r - s0) * width, width));
        } else {
          const boff = (bRowOf(r) - br0) * wb.width - bc0;
          for (let c = 0; c < width; c++) rowB[c] = vb[boff + (bCol[c] ?? 0)] ?? Number.NaN;
          stream.push(rowA, rowB);
        }
      }
      progress((s1 - r0) / height);
    }
  } finally {
    await fastA?.close();
    await fastB?.close();
  }
  return {
    grid: {
      originX: ta.originX + c0 * ta.pixelWidth,
      originY: ta.originY + r0 * ta.pixelHeight,
      pixelWidth: ta.pixelWidth,
      pixelHeight: ta.pixelHeight,
      width,
      height,
      crs: { epsg: a.crs.epsg, name: a.crs.name, proj4: a.crs.proj4 },
      cellBefore: Math.abs(ta.pixelWidth),
      cellAfter: Math.abs(tb.pixelWidth),
      sameGrid,
    },
    components: stream.finish(),
    nodata: { before: a.nodata, after: b.nodata },
  };
}

function subarray(v: ArrayLike<number>, off: number, n: number): ArrayLike<number> {
  if (ArrayBuffer.isView(v) && 'subarray' in v) return (v as Float32Array).subarray(off, off + n);
  return Array.prototype.slice.call(v, off, off + n) as number[];
}

/** The ground is this low a share of the band round a component (a roof next door stays above it). */
export const GROUND_PERCENTILE = 0.3;

/**
 * The ground beside a component: the 10th percentile of the before DSM's valid cells within `bandCells`
 * of it (outside it), read in one window. A narrow band all round keeps a slope's bias small;
 * the low percentile keeps neighbouring roofs (row houses) from lifting it.
 */
export async function groundAround(
  r: Raster,
  runs: readonly (readonly [number, number, number])[],
  offset: { col: number; row: number },
  bandCells: number,
): Promise<number | null> {
  if (runs.length === 0) return null;
  let minR = Infinity;
  let maxR = -Infinity;
  let minC = Infinity;
  let maxC = -Infinity;
  for (const [row, c0, c1] of runs) {
    minR = Math.min(minR, row);
    maxR = Math.max(maxR, row);
    minC = Math.min(minC, c0);
    maxC = Math.max(maxC, c1);
  }
  const wc0 = Math.max(0, offset.col + minC - bandCells);
  const wr0 = Math.max(0, offset.row + minR - bandCells);
  const wc1 = Math.min(r.width, offset.col + maxC + 1 + bandCells);
  const wr1 = Math.min(r.height, offset.row + maxR + 1 + bandCells);
  const w = await r.readWindow(0, [wc0, wr0, wc1, wr1]);
  const ww = w.width;
  const wh = w.height;
  const v = w.bands[0] ?? [];
  const comp = new Uint8Array(ww * wh);
  for (const [row, c0, c1] of runs) {
    const y = offset.row + row - wr0;
    comp.fill(1, y * ww + (offset.col + c0 - wc0), y * ww + (offset.col + c1 - wc0) + 1);
  }
  // dilation by a (2 band + 1) square, separably: rows then columns
  const rowsD = new Uint8Array(ww * wh);
  for (let y = 0; y < wh; y++)
    for (let x = 0; x < ww; x++) {
      if (!comp[y * ww + x]) continue;
      rowsD.fill(1, y * ww + Math.max(0, x - bandCells), y * ww + Math.min(ww, x + bandCells + 1));
    }
  const values: number[] = [];
  for (let y = 0; y < wh; y++)
    for (let x = 0; x < ww; x++) {
      const i = y * ww + x;
      if (comp[i]) continue;
      let near = false;
      for (let dy = -bandCells; dy <= bandCells && !near; dy++) {
        const yy = y + dy;
        if (yy >= 0 && yy < wh && rowsD[yy * ww + x]) near = true;
      }
      const z = v[i] ?? NaN;
      if (near && Number.isFinite(z) && z !== r.nodata) values.push(z);
    }
  if (values.length === 0) return null;
  values.sort((p, q) => p - q);
  return values[Math.floor(values.length * GROUND_PERCENTILE)] ?? null;
}
