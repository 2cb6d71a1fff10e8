/**
 * Row windows of a tiled, single-band Float32 GeoTIFF, decoded tile by tile with the
 * `geotiff` package (its decoders, predictor included) and copied into the window with typed
 * array copies. geotiff.js's readRasters copies every sample through a DataView getter,
 * which was most of the raster method's time on a 10,000 × 10,000 pair; this does the same
 * reads without it. Holds the decoded tiles of one row of tiles at a time. Other layouts
 * (strips, several bands, integers) use the general reader. Environment: node.
 */
import os from 'node:os';
import { fromFile, getDecoder, type BaseDecoder, type GeoTIFF, type GeoTIFFImage } from 'geotiff';

export interface TileRows {
  tileHeight: number;
  /** Rows [row0, row1) of columns [col0, col1), row-major. */
  read(col0: number, row0: number, col1: number, row1: number): Promise<Float32Array>;
  close(): Promise<void>;
}

export async function openTileRows(file: string): Promise<TileRows | null> {
  let tiff: GeoTIFF | null = null;
  try {
    tiff = await fromFile(file);
    const image: GeoTIFFImage = await tiff.getImage(0);
    const fd = image.fileDirectory;
    const float32 = image.getSampleFormat() === 3 && image.getBitsPerSample() === 32;
    if (!image.isTiled || image.getSamplesPerPixel() !== 1 || !float32 || !os.endianness().startsWith('LE')) {
      await tiff.close();
      return null;
    }
    const compression = fd.getValue('Compression') ?? 1;
    const tileWidth = image.getTileWidth();
    const tileHeight = image.getTileHeight();
    const decoder: BaseDecoder = await getDecoder(compression, {
      tileWidth,
      tileHeight,
      planarConfiguration: (await fd.loadValue('PlanarConfiguration')) ?? 1,
      bitsPerSample: image.getBitsPerSample(),
      predictor: (await fd.loadValue('Predictor')) ?? 1,
    });
    const width = image.getWidth();
    const tilesAcross = Math.ceil(width / tileWidth);
    let cachedRow = -1;
    let cached = new Map<number, Float32Array>();
    const tile = async (tx: number, ty: number): Promise<Float32Array> => {
      if (ty !== cachedRow) {
        cachedRow = ty;
        cached = new Map();
      }
      let t = cached.get(tx);
      if (!t) {
        const got = await image.getTileOrStrip(tx, ty, 0, decoder);
        t = new Float32Array(got.data);
        cached.set(tx, t);
      }
      return t;
    };
    const held = tiff;
    return {
      tileHeight,
      async read(col0, row0, col1, row1) {
        const w = col1 - col0;
        const out = new Float32Array(w * (row1 - row0));
        for (let ty = Math.floor(row0 / tileHeight); ty * tileHeight < row1; ty++) {
          const r0 = Math.max(row0, ty * tileHeight);
          const r1 = Math.min(row1, (ty + 1) * tileHeight);
          for (let tx = Math.floor(col0 / tileWidth); tx < tilesAcross && tx * tileWidth < col1; tx++) {
            const t = await tile(tx, ty);
            const c0 = Math.max(col0, tx * tileWidth);
            const c1 = Math.min(col1, (tx + 1) * tileWidth);
            for (let r = r0; r < r1; r++) {
              const src = (r - ty * tileHeight) * tileWidth + (c0 - tx * tileWidth);
              out.set(t.subarray(src, src + (c1 - c0)), (r - row0) * w + (c0 - col0));
            }
          }
        }
        return out;
      },
      async close() {
        await held.close();
      },
    };
  } catch {
    // a layout geotiff cannot decode here is read by the general reader, which reports it
    await tiff?.close();
    return null;
  }
}
