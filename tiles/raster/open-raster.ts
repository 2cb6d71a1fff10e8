/**
 * Opens a GeoTIFF / COG for windowed reads with the `geotiff` package: CRS from GeoKeys,
 * north-up geotransform, GDAL_NODATA, and the overview pyramid (reduced-resolution IFDs,
 * masks left out). Nothing reads the whole raster: callers ask for pixel windows of one
 * level, so memory follows the window, not the file. Environment: node.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { addDecoder, BaseDecoder, fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { CimError } from '../../common/errors.js';
import { crsFromGeoKeys, type RasterCrs } from './geokeys.js';
import { tiffStructureProblem } from './tiff-check.js';
import { geoTransformOf, scaledTransform, type GeoTransform } from './geotransform.js';

/**
 * Deflate blocks (TIFF compression 8 and 32946, what GDAL writes for COMPRESS=DEFLATE) through
 * Node's zlib instead of geotiff.js's pako: the same bytes, decoded natively (pako's inflate
 * was 16 % of a terrain build's CPU).
 */
class ZlibDeflateDecoder extends BaseDecoder {
  override decodeBlock(buffer: ArrayBufferLike): ArrayBufferLike {
    const out = zlib.inflateSync(new Uint8Array(buffer));
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }
}
addDecoder([8, 32946], () => Promise.resolve(ZlibDeflateDecoder), undefined, false);

type SampleKind = 'uint' | 'int' | 'float';

export interface RasterLevel {
  /** 0 = full resolution; higher = coarser overview. */
  level: number;
  width: number;
  height: number;
  transform: GeoTransform;
}

/** [col0, row0, col1, row1): a pixel window of one level, ends exclusive. */
export type PixelWindow = readonly [number, number, number, number];

export interface RasterWindow {
  window: PixelWindow;
  width: number;
  height: number;
  /** One array per band, row-major, `width * height` values. */
  bands: ArrayLike<number>[];
}

export interface Raster {
  file: string;
  width: number;
  height: number;
  bandCount: number;
  bitsPerSample: number;
  sampleKind: SampleKind;
  crs: RasterCrs;
  transform: GeoTransform;
  nodata: number | null;
  /** Full resolution first, then overviews, each coarser than the one before. */
  levels: RasterLevel[];
  /** Reads a window (clamped to the level); a window outside the level is refused. */
  readWindow(level: number, window: PixelWindow): Promise<RasterWindow>;
  close(): Promise<void>;
}

/** TIFF NewSubfileType bits (TIFF 6.0 §8): 1 reduced resolution, 4 transparency mask. */
const SUBFILE_MASK = 4;

const SAMPLE_KIND: Record<number, SampleKind> = { 1: 'uint', 2: 'int', 3: 'float' };

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function tagArray(
  image: GeoTIFFImage,
  tag: 'ModelTransformation' | 'ModelTiepoint' | 'ModelPixelScale',
): Promise<number[] | undefined> {
  if (!image.fileDirectory.hasTag(tag)) return undefined;
  const v: unknown = await image.fileDirectory.loadValue(tag);
  if (v === undefined || v === null) return undefined;
  return Array.from(v as ArrayLike<number>, Number);
}

/** TIFF limits (TIFF 6.0: LONG sizes) and what a tile build can read: a damaged tag is refused. */
const MAX_SIDE = 2 ** 31 - 1;
const MAX_SAMPLES = 64;

function plausibleSize(image: GeoTIFFImage): boolean {
  const ok = (v: unknown, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= max;
  let bits: unknown;
  try {
    bits = image.getBitsPerSample();
  } catch {
    return false;
  }
  return (
    ok(image.getWidth(), MAX_SIDE) &&
    ok(image.getHeight(), MAX_SIDE) &&
    ok(image.getSamplesPerPixel(), MAX_SAMPLES) &&
    ok(bits, 64)
  );
}

async function overviewsOf(tiff: GeoTIFF, main: GeoTIFFImage): Promise<GeoTIFFImage[]> {
  const count = await tiff.getImageCount();
  const found: GeoTIFFImage[] = [];
  for (let i = 1; i < count; i++) {
    const image = await tiff.getImage(i);
    const subfile = Number(
      image.fileDirectory.hasTag('NewSubfileType') ? image.fileDirectory.getValue('NewSubfileType') : 0,
    );
    if ((subfile & SUBFILE_MASK) !== 0) continue;
    if (!plausibleSize(image)) continue;
    if (image.getSamplesPerPixel() !== main.getSamplesPerPixel()) continue;
    if (image.getWidth() >= main.getWidth()) continue;
    found.push(image);
  }
  return found.sort((a, b) => b.getWidth() - a.getWidth());
}

export interface OpenRasterOptions {
  /** The CRS the user chose: used instead of the GeoKeys (a file without any, or a wrong one). */
  crs?: RasterCrs | undefined;
}

interface Header {
  transform: GeoTransform;
  crs: RasterCrs;
  width: number;
  height: number;
  images: GeoTIFFImage[];
  levels: RasterLevel[];
  nodata: number | null;
}

async function readHeader(
  name: string,
  tiff: GeoTIFF,
  main: GeoTIFFImage,
  options: OpenRasterOptions,
): Promise<Header> {
  if (!plausibleSize(main)) throw new CimError('tiles.not_geotiff', { file: name, reason: 'damaged image size tags' });
  const keys = main.getGeoKeys();
  // The transform first: a rotated raster is refused as rotated even when it has no CRS either.
  const transform = geoTransformOf(name, {
    modelTransformation: await tagArray(main, 'ModelTransformation'),
    tiepoint: await tagArray(main, 'ModelTiepoint'),
    pixelScale: await tagArray(main, 'ModelPixelScale'),
    pixelIsPoint: keys?.GTRasterTypeGeoKey === 2,
  });
  const crs = options.crs ?? crsFromGeoKeys(name, keys);
  const width = main.getWidth();
  const height = main.getHeight();
  const images = [main, ...(await overviewsOf(tiff, main))];
  const levels = images.map((image, level) => ({
    level,
    width: image.getWidth(),
    height: image.getHeight(),
    transform: scaledTransform(transform, width, height, image.getWidth(), image.getHeight()),
  }));
  const nodata = main.getGDALNoData();

  return { transform, crs, width, height, images, levels, nodata };
}

export async function openRaster(file: string, options: OpenRasterOptions = {}): Promise<Raster> {
  const name = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CimError('tiles.file_not_found', { file: name });
  }
  if (!stat.isFile() || stat.size === 0) throw new CimError('tiles.not_geotiff', { file: name, reason: 'empty file' });
  const problem = tiffStructureProblem(file);
  if (problem) throw new CimError('tiles.not_geotiff', { file: name, reason: problem });
  let tiff: GeoTIFF;
  let main: GeoTIFFImage;
  try {
    tiff = await fromFile(file);
    main = await tiff.getImage(0);
  } catch (err) {
    throw new CimError('tiles.not_geotiff', { file: name, reason: reason(err) });
  }
  let header: Header;
  try {
    header = await readHeader(name, tiff, main, options);
  } catch (err) {
    await tiff.close();
    if (err instanceof CimError) throw err;
    // A damaged tag that geotiff.js trips over is a damaged file, not a crash.
    throw new CimError('tiles.not_geotiff', { file: name, reason: reason(err) });
  }
  const { transform, crs, width, height, images, levels, nodata } = header;

  return {
    file,
    width,
    height,
    bandCount: main.getSamplesPerPixel(),
    bitsPerSample: main.getBitsPerSample(),
    sampleKind: SAMPLE_KIND[main.getSampleFormat()] ?? 'uint',
    crs,
    transform,
    nodata: nodata !== null && Number.isFinite(nodata) ? nodata : null,
    levels,
    async readWindow(level, window) {
      const image = images[level];
      const info = levels[level];
      if (!image || !info) throw new CimError('tiles.read_failed', { file: name, reason: `no level ${String(level)}` });
      const col0 = Math.max(0, Math.floor(window[0]));
      const row0 = Math.max(0, Math.floor(window[1]));
      const col1 = Math.min(info.width, Math.ceil(window[2]));
      const row1 = Math.min(info.height, Math.ceil(window[3]));
      if (col1 <= col0 || row1 <= row0) {
        throw new CimError('tiles.read_failed', { file: name, reason: 'window outside the raster' });
      }
      try {
        const data = await image.readRasters({ window: [col0, row0, col1, row1], interleave: false });
        return {
          window: [col0, row0, col1, row1],
          width: col1 - col0,
          height: row1 - row0,
          bands: Array.from(data),
        };
      } catch (err) {
        throw new CimError('tiles.read_failed', { file: name, reason: reason(err) });
      }
    },
    async close() {
      await tiff.close();
    },
  };
}
