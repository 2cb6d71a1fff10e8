/**
 * What a tile build is asked to do: the `tiles` job's parameters, shared by the CLI, the
 * job worker and the `tiles.build` call. Environment: common.
 */

export interface TerrainParams {
  type: 'terrain';
  /** DEM GeoTIFF path. */
  source: string;
  name?: string | undefined;
  maxLevel?: number | undefined;
}

export interface ImageryParams {
  type: 'imagery';
  /** Orthophoto GeoTIFF path. */
  source: string;
  name?: string | undefined;
  maxLevel?: number | undefined;
}

export interface BuildingsParams {
  type: 'buildings';
  layers: string[];
  /** One label per layer; default: the layer name's trailing year (buildings_2022 -> 2022). */
  epochs?: string[] | undefined;
  idField?: string | undefined;
  heightField?: string | undefined;
  /** Storeys field for heights of floors x 3 m where the height field is missing (default `floors`). */
  floorsField?: string | undefined;
  /** A terrain layer name or a DEM GeoTIFF path to seat buildings on. */
  terrain?: string | undefined;
  name?: string | undefined;
  maxPerTile?: number | undefined;
}

export type TilesParams = TerrainParams | ImageryParams | BuildingsParams;

export interface TilesSummary {
  resultLayer: string;
  kind: 'terrain' | 'imagery' | 'tiles3d';
  /** Path under the tile server of the layer's layer.json / tileset.json. */
  root: string;
  /** Buildings for 3D Tiles; tiles written for terrain and imagery. */
  count: number;
  tilesWritten: number;
  bytes: number;
  durationMs: number;
  warnings: { code: string; facts: Record<string, string | number> }[];
}

export const DEFAULT_NAMES = { terrain: 'terrain', imagery: 'imagery', buildings: 'buildings_3d' } as const;
