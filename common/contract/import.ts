/**
 * Imports: sources, options, previews (vector and tiled) and results.
 * Environment: common.
 */
import { z } from 'zod';
import { call, JobStarted } from './call.js';
import { BBoxLonLat, FieldDef, GeometryType, LayerName } from './shared.js';
import { LayerKind } from './layers.js';

/**
 * Where an import reads from. `path`: a file on this machine (Electron's dialog, the CLI,
 * or a path typed in the browser host). `upload`: bytes the browser host received
 * through `POST /upload` (a dragged file in a plain browser has no path).
 */
export const ImportSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1) }),
  z.object({ kind: z.literal('upload'), id: z.string().regex(/^[a-f0-9]{32}$/), fileName: z.string().min(1) }),
]);
export type ImportSource = z.infer<typeof ImportSource>;

export const ImportFormat = z.enum([
  'geojson',
  'gpkg',
  'shapefile',
  'kml',
  'csv',
  'dxf',
  'geotiff',
  'cityjson',
  'gltf',
  'tiles3d',
]);
export type ImportFormat = z.infer<typeof ImportFormat>;

/**
 * What the user can override when the file does not say (or says wrongly): the source CRS
 * (`EPSG:4526`, or `GCJ02`/`BD09` for data digitised from Chinese web maps), the attribute
 * encoding (`GBK`, `UTF-8`, `936`…), and a CSV's coordinate columns.
 */
const ImportOptions = {
  crs: z.string().min(1).max(40).optional(),
  encoding: z.string().min(1).max(40).optional(),
  xColumn: z.string().min(1).max(200).optional(),
  yColumn: z.string().min(1).max(200).optional(),
  /** A GeoTIFF becomes `terrain` (one band of heights) or `imagery` (1/3/4 byte bands). */
  target: z.enum(['terrain', 'imagery']).optional(),
  /** CityJSON: the level of detail to build (`1.2`, `2.2`); default the highest per object. */
  lod: z.string().min(1).max(8).optional(),
  /** glTF/GLB: where the model stands (its origin), which way it faces, and its scale. */
  placement: z
    .object({
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      heightM: z.number().min(-12000).max(100000),
      headingDeg: z.number().min(-360).max(360),
      scale: z.number().positive().max(1e6),
    })
    .strict()
    .optional(),
};

/** A corner of a raster in its own CRS (x, y) and in lon/lat degrees. */
export const RasterCorner = z.object({ x: z.number(), y: z.number(), lon: z.number(), lat: z.number() });
export type RasterCorner = z.infer<typeof RasterCorner>;

/** What a GeoTIFF holds, as `gdalinfo` would list it. */
export const RasterInfo = z.object({
  width: z.number().int(),
  height: z.number().int(),
  bands: z.number().int(),
  /** GDAL's names: `Byte`, `UInt16`, `Int16`, `Float32`… */
  dataType: z.string(),
  nodata: z.number().nullable(),
  /** Null until the CRS is known (lon/lat of each corner needs it). */
  corners: z
    .object({
      upperLeft: RasterCorner,
      lowerLeft: RasterCorner,
      upperRight: RasterCorner,
      lowerRight: RasterCorner,
      center: RasterCorner,
    })
    .nullable(),
  /** What the file can become, and what we would pick. */
  targets: z.array(z.enum(['terrain', 'imagery'])),
  defaultTarget: z.enum(['terrain', 'imagery']),
});
export type RasterInfo = z.infer<typeof RasterInfo>;

/** A source that becomes a tile set rather than a feature table. */
export const TiledPreview = z.object({
  kind: z.enum(['tiles3d', 'terrain', 'imagery']),
  /** The CRS's name (`WGS 84 / UTM zone 18N`) beside its code in `crs`. */
  crsName: z.string().nullable(),
  raster: RasterInfo.optional(),
  /** CityJSON: the levels of detail present, e.g. [`1.2`, `2.2`]. */
  lods: z.array(z.string()).optional(),
  /** glTF/GLB: the model has no place of its own; the user gives one. */
  needsPlacement: z.boolean().optional(),
});
export type TiledPreview = z.infer<typeof TiledPreview>;

const SkippedRecord = z.object({ record: z.number().int(), reason: z.string() });
type SkippedRecord = z.infer<typeof SkippedRecord>;

export const PreviewLayer = z.object({
  /** Table or layer name inside the source (a GeoPackage holds several). */
  sourceLayer: z.string(),
  suggestedName: z.string(),
  geometryType: GeometryType,
  featureCount: z.number().int(),
  fields: z.array(FieldDef),
  bbox: BBoxLonLat.nullable(),
  /** `EPSG:4526`, `GCJ02`…; when `crsKnown` is false, the name the file gives (may be ''). */
  crs: z.string(),
  /** False: the CRS is unknown, nothing can be placed or imported until one is chosen. */
  crsKnown: z.boolean(),
  /** A CRS to offer when unknown (e.g. EPSG:4526 for 38xxxxxx eastings). */
  suggestedCrs: z.string().nullable(),
  /** Attribute encoding in use (`GBK`, `UTF-8`), null where the format fixes it. */
  encoding: z.string().nullable(),
  /** Keys under `ui:import.warnings` (no_datum_shift, web_map_offset, missing_shx…). */
  warnings: z.array(z.string()),
  /** CSV: the coordinate columns in use and all columns. */
  columns: z.object({ x: z.string().nullable(), y: z.string().nullable(), all: z.array(z.string()) }).optional(),
  /** Records that will be repaired or left out, with reasons (keys under `errors:skipped`). */
  skipped: z.array(SkippedRecord),
  sample: z.array(z.record(z.string(), z.unknown())),
  /** A small GeoJSON FeatureCollection (EPSG:4326) for showing the extent on the globe. */
  previewGeoJson: z.unknown(),
  /** Set for rasters, CityJSON, glTF and tilesets: what the tile set will be. */
  tiled: TiledPreview.optional(),
});
export type PreviewLayer = z.infer<typeof PreviewLayer>;

export const ImportPreview = z.object({
  format: ImportFormat,
  fileName: z.string(),
  layers: z.array(PreviewLayer),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportResult = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  skipped: z.array(SkippedRecord),
  durationMs: z.number(),
  /** The CRS the data was read in, and what the user should know about it (`ui:import.warnings`). */
  sourceCrs: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  /** The layer's kind; absent means `vector`. */
  kind: LayerKind.optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const importCalls = {
  'import.preview': call(z.object({ source: ImportSource, ...ImportOptions }).strict(), ImportPreview),
  'import.start': call(
    z
      .object({
        source: ImportSource,
        /** Which layer of a multi-layer source; default: all of them (one job each). */
        sourceLayer: z.string().optional(),
        name: LayerName.optional(),
        ...ImportOptions,
      })
      .strict(),
    JobStarted,
    true,
  ),
} as const;
