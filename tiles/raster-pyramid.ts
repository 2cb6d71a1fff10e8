/**
 * One raster file to a terrain or imagery pyramid in an output folder: what the `tiles`
 * job's terrain and imagery builds and the GeoTIFF import share. Environment: node.
 */
import type { BuiltTileset } from './built-tileset.js';
import { buildImageryTiles } from './imagery/build-imagery.js';
import type { BuildControl } from './jobs/control.js';
import { openRaster, type OpenRasterOptions } from './raster/open-raster.js';
import { buildTerrainTiles } from './terrain/build-terrain.js';

export interface RasterSource {
  /** The GeoTIFF to read. */
  path: string;
  /** How the user knows it (messages, the catalog's source file). */
  fileName: string;
}

export interface RasterPyramidOptions {
  maxLevel?: number | undefined;
  /** The CRS the user chose instead of the file's GeoKeys. */
  crs?: OpenRasterOptions['crs'];
}

export async function buildRasterPyramid(
  source: RasterSource,
  target: 'terrain' | 'imagery',
  outDir: string,
  control: BuildControl,
  options: RasterPyramidOptions = {},
): Promise<BuiltTileset> {
  const raster = await openRaster(source.path, { crs: options.crs });
  try {
    const tiling = options.maxLevel === undefined ? {} : { maxLevel: options.maxLevel };
    const r =
      target === 'terrain'
        ? await buildTerrainTiles(raster, outDir, tiling, control)
        : await buildImageryTiles(raster, outDir, tiling, control);
    return {
      kind: target,
      root: 'layer.json',
      bbox: r.layerJson.bounds,
      count: r.tilesWritten,
      tilesWritten: r.tilesWritten,
      bytes: r.bytes,
      featureCount: 0,
      geometryType: 'GEOMETRY',
      fields: [],
      warnings: [],
      sourceCrs: raster.crs.name,
      sourceFile: source.fileName,
    };
  } finally {
    await raster.close();
  }
}
