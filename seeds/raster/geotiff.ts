/**
 * A small GeoTIFF writer: tiled, DEFLATE-compressed (zlib through node:zlib), with a
 * horizontal predictor, internal overviews and the GeoTIFF 1.1 (OGC 19-008r4) keys for a
 * projected EPSG CRS. geotiff.js's writer can neither tile nor compress, hence this one.
 * Written for two rasters: a Float32 DEM with a nodata value and an 8-bit RGB orthophoto.
 */
import zlib from 'node:zlib';
import { assembleTiff, TAG, TIFF_TYPE, type ImageDirectory, type TagEntry } from './tiff-layout.js';

export interface GeoTiffRaster {
  widthPx: number;
  heightPx: number;
  /** 1 (DEM) or 3 (RGB). */
  samplesPerPixel: 1 | 3;
  /** Pixel-interleaved, row-major, top row first. */
  data: Float32Array | Uint8Array;
  /** Map coordinates of the top-left corner of the top-left pixel (GeoTIFF PixelIsArea). */
  originX: number;
  originY: number;
  cellSizeM: number;
  /** Projected CRS (ProjectedCSTypeGeoKey). */
  epsg: number;
  citation: string;
  /** GDAL_NODATA; Float32 rasters only. */
  nodata?: number;
}

export interface GeoTiffOptions {
  tileSize?: number;
  deflateLevel?: number;
  /** Internal overviews (2x reductions) until the image fits one tile. */
  overviews?: boolean;
}

// GeoTIFF 1.1 key ids and codes (OGC 19-008r4 §7.1, Annex B).
const GT_MODEL_TYPE = 1024;
const GT_RASTER_TYPE = 1025;
const GT_CITATION = 1026;
const PROJECTED_CS_TYPE = 3072;
const PROJ_LINEAR_UNITS = 3076;
const MODEL_TYPE_PROJECTED = 1;
const RASTER_PIXEL_IS_AREA = 1;
const LINEAR_METER = 9001;

const COMPRESSION_DEFLATE = 8;
const PHOTOMETRIC_MINISBLACK = 1;
const PHOTOMETRIC_RGB = 2;
const PREDICTOR_HORIZONTAL = 2;
const PREDICTOR_FLOATINGPOINT = 3;
const SAMPLE_FORMAT_UINT = 1;
const SAMPLE_FORMAT_IEEEFP = 3;

function isFloat(r: GeoTiffRaster): boolean {
  return r.data instanceof Float32Array;
}

/** Horizontal differencing of one row of 8-bit samples (TIFF 6.0 §14). */
function predictBytes(row: Uint8Array, stride: number): void {
  for (let i = row.length - 1; i >= stride; i--) row[i] = ((row[i] as number) - (row[i - stride] as number)) & 0xff;
}

/**
 * Floating-point predictor (Adobe TIFF Technote 3, libtiff fpDiff): the row's bytes are
 * regrouped most-significant byte first, then differenced byte by byte.
 */
function predictFloatRow(row: Float32Array): Uint8Array {
  const bytes = new Uint8Array(row.buffer, row.byteOffset, row.byteLength);
  const n = row.length;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < 4; b++) out[(3 - b) * n + i] = bytes[i * 4 + b] as number;
  }
  predictBytes(out, 1);
  return out;
}

function encodeTile(r: GeoTiffRaster, tx: number, ty: number, size: number, level: number): Uint8Array {
  const spp = r.samplesPerPixel;
  const rowSamples = size * spp;
  const x0 = tx * size;
  const y0 = ty * size;
  const w = Math.min(size, r.widthPx - x0);
  if (r.data instanceof Float32Array) {
    const out = new Uint8Array(size * rowSamples * 4);
    const row = new Float32Array(rowSamples);
    for (let y = 0; y < size; y++) {
      row.fill(r.nodata ?? 0);
      const sy = y0 + y;
      if (sy < r.heightPx) row.set(r.data.subarray((sy * r.widthPx + x0) * spp, (sy * r.widthPx + x0 + w) * spp));
      out.set(predictFloatRow(row), y * rowSamples * 4);
    }
    return zlib.deflateSync(out, { level });
  }
  const out = new Uint8Array(size * rowSamples);
  for (let y = 0; y < size; y++) {
    const sy = y0 + y;
    const row = out.subarray(y * rowSamples, (y + 1) * rowSamples);
    if (sy < r.heightPx) row.set(r.data.subarray((sy * r.widthPx + x0) * spp, (sy * r.widthPx + x0 + w) * spp));
    predictBytes(row, spp);
  }
  return zlib.deflateSync(out, { level });
}

/** 2x reduction of 8-bit samples without nodata: the rounded mean of each 2x2 block. */
function halveBytes(r: GeoTiffRaster & { data: Uint8Array }): GeoTiffRaster {
  const w = Math.ceil(r.widthPx / 2);
  const h = Math.ceil(r.heightPx / 2);
  const spp = r.samplesPerPixel;
  const src = r.data;
  const sw = r.widthPx;
  const out = new Uint8Array(w * h * spp);
  for (let y = 0; y < h; y++) {
    const y0 = 2 * y;
    const y1 = Math.min(y0 + 1, r.heightPx - 1);
    for (let x = 0; x < w; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(x0 + 1, sw - 1);
      const a = (y0 * sw + x0) * spp;
      const b = (y0 * sw + x1) * spp;
      const c = (y1 * sw + x0) * spp;
      const d = (y1 * sw + x1) * spp;
      const o = (y * w + x) * spp;
      for (let s = 0; s < spp; s++) {
        out[o + s] =
          ((src[a + s] as number) + (src[b + s] as number) + (src[c + s] as number) + (src[d + s] as number) + 2) >> 2;
      }
    }
  }
  return { ...r, widthPx: w, heightPx: h, data: out, cellSizeM: r.cellSizeM * 2 };
}

/** 2x reduction: mean of the valid pixels of each 2x2 block (nodata where none is valid). */
export function halve(r: GeoTiffRaster): GeoTiffRaster {
  if (r.data instanceof Uint8Array && r.nodata === undefined)
    return halveBytes(r as GeoTiffRaster & { data: Uint8Array });
  const w = Math.ceil(r.widthPx / 2);
  const h = Math.ceil(r.heightPx / 2);
  const spp = r.samplesPerPixel;
  const out = isFloat(r) ? new Float32Array(w * h * spp) : new Uint8Array(w * h * spp);
  const nodata = r.nodata;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let s = 0; s < spp; s++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            const sx = 2 * x + dx;
            const sy = 2 * y + dy;
            if (sx >= r.widthPx || sy >= r.heightPx) continue;
            const v = r.data[(sy * r.widthPx + sx) * spp + s] as number;
            if (nodata !== undefined && v === nodata) continue;
            sum += v;
            n++;
          }
        }
        out[(y * w + x) * spp + s] = n === 0 ? (nodata ?? 0) : isFloat(r) ? sum / n : Math.round(sum / n);
      }
    }
  }
  return { ...r, widthPx: w, heightPx: h, data: out, cellSizeM: r.cellSizeM * 2 };
}

function geoTags(r: GeoTiffRaster): TagEntry[] {
  const citation = `${r.citation}|`;
  const keys = [
    [GT_MODEL_TYPE, 0, 1, MODEL_TYPE_PROJECTED],
    [GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA],
    [GT_CITATION, TAG.GeoAsciiParams, citation.length, 0],
    [PROJECTED_CS_TYPE, 0, 1, r.epsg],
    [PROJ_LINEAR_UNITS, 0, 1, LINEAR_METER],
  ];
  return [
    { tag: TAG.ModelPixelScale, type: TIFF_TYPE.DOUBLE, values: [r.cellSizeM, r.cellSizeM, 0] },
    { tag: TAG.ModelTiepoint, type: TIFF_TYPE.DOUBLE, values: [0, 0, 0, r.originX, r.originY, 0] },
    { tag: TAG.GeoKeyDirectory, type: TIFF_TYPE.SHORT, values: [1, 1, 0, keys.length, ...keys.flat()] },
    { tag: TAG.GeoAsciiParams, type: TIFF_TYPE.ASCII, values: citation },
  ];
}

function directory(r: GeoTiffRaster, size: number, level: number, overview: boolean): ImageDirectory {
  const float = isFloat(r);
  const spp = r.samplesPerPixel;
  const tilesX = Math.ceil(r.widthPx / size);
  const tilesY = Math.ceil(r.heightPx / size);
  const tiles: Uint8Array[] = [];
  for (let ty = 0; ty < tilesY; ty++)
    for (let tx = 0; tx < tilesX; tx++) tiles.push(encodeTile(r, tx, ty, size, level));
  const shorts = (v: number): number[] => Array.from({ length: spp }, () => v);
  const tags: TagEntry[] = [
    { tag: TAG.NewSubfileType, type: TIFF_TYPE.LONG, values: [overview ? 1 : 0] },
    { tag: TAG.ImageWidth, type: TIFF_TYPE.LONG, values: [r.widthPx] },
    { tag: TAG.ImageLength, type: TIFF_TYPE.LONG, values: [r.heightPx] },
    { tag: TAG.BitsPerSample, type: TIFF_TYPE.SHORT, values: shorts(float ? 32 : 8) },
    { tag: TAG.Compression, type: TIFF_TYPE.SHORT, values: [COMPRESSION_DEFLATE] },
    { tag: TAG.Photometric, type: TIFF_TYPE.SHORT, values: [spp === 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK] },
    { tag: TAG.SamplesPerPixel, type: TIFF_TYPE.SHORT, values: [spp] },
    { tag: TAG.PlanarConfiguration, type: TIFF_TYPE.SHORT, values: [1] },
    { tag: TAG.Predictor, type: TIFF_TYPE.SHORT, values: [float ? PREDICTOR_FLOATINGPOINT : PREDICTOR_HORIZONTAL] },
    { tag: TAG.TileWidth, type: TIFF_TYPE.LONG, values: [size] },
    { tag: TAG.TileLength, type: TIFF_TYPE.LONG, values: [size] },
    { tag: TAG.SampleFormat, type: TIFF_TYPE.SHORT, values: shorts(float ? SAMPLE_FORMAT_IEEEFP : SAMPLE_FORMAT_UINT) },
  ];
  if (!overview) tags.push(...geoTags(r));
  if (r.nodata !== undefined) tags.push({ tag: TAG.GdalNodata, type: TIFF_TYPE.ASCII, values: String(r.nodata) });
  return { tags, tiles };
}

/** Encodes the raster as a tiled, compressed GeoTIFF with internal overviews. */
export function encodeGeoTiff(raster: GeoTiffRaster, options: GeoTiffOptions = {}): Buffer {
  const size = options.tileSize ?? 256;
  const level = options.deflateLevel ?? 6;
  const dirs: ImageDirectory[] = [directory(raster, size, level, false)];
  if (options.overviews ?? true) {
    let r = raster;
    while (Math.max(r.widthPx, r.heightPx) > size) {
      r = halve(r);
      dirs.push(directory(r, size, level, true));
    }
  }
  return assembleTiff(dirs);
}
