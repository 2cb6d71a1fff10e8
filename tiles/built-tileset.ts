/**
 * What every tile builder returns: a reference to the tile set it wrote into the output
 * folder it was given (the root document in that folder, the extent, counts and size, the
 * feature properties its tiles carry, warnings). Builders know nothing of the workspace:
 * the caller (a job in main/tiles-jobs, an import in main/import) picks the folder, moves it
 * into place and catalogues the layer. Environment: common.
 */
import type { FieldDef } from '../common/contract/index.js';

export type TilesetKind = 'terrain' | 'imagery' | 'tiles3d';

/** A fact worth telling the user that did not stop the build (`tiles.height_from_floors`…). */
export interface TilesWarning {
  code: string;
  facts: Record<string, string | number>;
}

export interface BuiltTileset {
  kind: TilesetKind;
  /** The root document, relative to the output folder. */
  root: 'layer.json' | 'tileset.json';
  /** [west, south, east, north], degrees. */
  bbox: [number, number, number, number];
  /** Features for 3D Tiles, tiles written for terrain and imagery. */
  count: number;
  tilesWritten: number;
  /** Every file written, root document included. */
  bytes: number;
  /** Features carried in the tiles (0 for rasters). */
  featureCount: number;
  geometryType: 'GEOMETRY' | 'MULTIPOLYGON';
  /** The feature properties the tiles carry (3D Tiles metadata); none for rasters. */
  fields: FieldDef[];
  warnings: TilesWarning[];
  /** The source's CRS name and file name, where the builder read one. */
  sourceCrs: string | null;
  sourceFile: string | null;
}
