/**
 * The one contract between the renderer and the workstation back end (`WorkstationApi`).
 * Every call is declared once here with zod schemas; the Electron IPC transport and the
 * browser host's HTTP transport are both generated from this table and call the same
 * handlers. Environment: common (no Node, DOM, Electron or React). The renderer imports
 * only types from this file.
 */
import { z } from 'zod';
import type { SerializedError } from './errors.js';

// ---------- shared shapes ----------

/** [minLon, minLat, maxLon, maxLat] in EPSG:4326 degrees. */
export const BBoxLonLat = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBoxLonLat = z.infer<typeof BBoxLonLat>;

export const FieldType = z.enum(['INTEGER', 'REAL', 'TEXT', 'BOOLEAN']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldDef = z.object({ name: z.string().min(1), type: FieldType });
export type FieldDef = z.infer<typeof FieldDef>;

export const GeometryType = z.enum([
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRY',
]);
export type GeometryType = z.infer<typeof GeometryType>;

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/**
 * Colour by a field instead of one colour: `landuse` maps 用地用海分类 codes to the
 * standard's colours (layers/landuse), `categories` gives each distinct value a palette
 * colour, `ramp` colours a number from low (cool) to high (warm) between `min` and `max`.
 */
export const ThematicStyle = z.object({
  field: z.string().min(1),
  method: z.enum(['landuse', 'categories', 'ramp']),
  /** `ramp`: the value range; taken from the data when missing. */
  min: z.number().optional(),
  max: z.number().optional(),
  /** `categories` only: fixed colours for some values (CJJ 61 pipe colours, 三线 colours); others get palette colours. */
  colours: z.record(z.string(), HexColor).optional(),
  /**
   * Polygons hatched in their category colour instead of filled (conflict layers: by
   * `severity`, high/medium/low in red/orange/yellow).
   */
  hatch: z.boolean().optional(),
});
export type ThematicStyle = z.infer<typeof ThematicStyle>;

/**
 * Which features a layer shows (QGIS's layer filter): `in` / `notIn` a list of values, or
 * `gte` / `lte` the first value (numbers, or ISO 8601 text such as `2024-12-01`).
 */
export const LayerFilter = z.object({
  field: z.string().min(1),
  op: z.enum(['in', 'notIn', 'gte', 'lte']),
  values: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(200),
});
export type LayerFilter = z.infer<typeof LayerFilter>;

export const LayerStyle = z.object({
  fillColor: HexColor,
  fillOpacity: z.number().min(0).max(1),
  strokeColor: HexColor,
  strokeWidthPx: z.number().min(0).max(20),
  pointSizePx: z.number().min(1).max(40),
  thematic: ThematicStyle.nullable().optional(),
  filter: LayerFilter.nullable().optional(),
});
export type LayerStyle = z.infer<typeof LayerStyle>;

/** Workspace table name: what `cim` sub-commands and the layer tree call a layer. */
export const LayerName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'layer names are letters, digits and _');

/**
 * `vector`: a GeoPackage feature table, streamed as GeoJSON. The others are tile sets the
 * tile server serves from the workspace's tiles folder: `tiles3d` a 3D Tiles 1.1 tileset,
 * `terrain` heightmap tiles, `imagery` an image pyramid.
 */
export const LayerKind = z.enum(['vector', 'tiles3d', 'terrain', 'imagery']);
export type LayerKind = z.infer<typeof LayerKind>;

export const TilesetRef = z.object({
  /** Path under the tile server of the tileset root (`tileset.json` or `layer.json`). */
  root: z.string().min(1),
  /** Workspace layers it was built from. */
  sourceLayers: z.array(z.string()),
  /**
   * Survey epochs of a 3D Tiles layer built from several epoch layers, oldest first. Each
   * feature carries `in_<epoch>` = 1 when it exists in that epoch.
   */
  epochs: z.array(z.string()),
  /**
   * An existing tileset registered in place: the folder it lives in. Its files are served
   * under `ext/<layer>/` (realpath kept inside this folder), never copied.
   */
  externalDir: z.string().optional(),
});
export type TilesetRef = z.infer<typeof TilesetRef>;

export const LayerEntry = z.object({
  name: LayerName,
  title: z.string(),
  kind: LayerKind,
  /** Set for every kind but `vector`. */
  tiles: TilesetRef.nullable(),
  geometryType: GeometryType,
  featureCount: z.number().int().nonnegative(),
  bbox: BBoxLonLat.nullable(),
  fields: z.array(FieldDef),
  visible: z.boolean(),
  opacity: z.number().min(0).max(1),
  /** 0 is drawn first (bottom of the layer tree). */
  order: z.number().int(),
  style: LayerStyle,
  /** CRS the data came in (e.g. `EPSG:4526`); the store holds EPSG:4326. */
  sourceCrs: z.string().nullable(),
  sourceFile: z.string().nullable(),
  createdAt: z.string(),
});
export type LayerEntry = z.infer<typeof LayerEntry>;

/** What a field holds: its most frequent values (for categories and legends) and its range. */
export const FieldSummary = z.object({
  field: z.string(),
  /** Most frequent first, at most 200. */
  values: z.array(z.object({ value: z.union([z.string(), z.number(), z.null()]), count: z.number().int() })),
  distinct: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type FieldSummary = z.infer<typeof FieldSummary>;

export const WorkspaceInfo = z.object({
  path: z.string(),
  title: z.string(),
  schemaVersion: z.number().int(),
  layerCount: z.number().int(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  workspace: WorkspaceInfo.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Camera = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  heightM: z.number().min(1).max(5e7),
  headingDeg: z.number(),
  pitchDeg: z.number().min(-90).max(90),
  rollDeg: z.number(),
});
export type Camera = z.infer<typeof Camera>;

export const Bookmark = z.object({ id: z.number().int(), title: z.string().min(1).max(200), camera: Camera });
export type Bookmark = z.infer<typeof Bookmark>;

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
export const ImportOptions = {
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

export const SkippedRecord = z.object({ record: z.number().int(), reason: z.string() });
export type SkippedRecord = z.infer<typeof SkippedRecord>;

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

export const JobState = z.enum(['running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobInfo = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: JobState,
  /** 0..1 */
  progress: z.number().min(0).max(1),
  /** i18n key + facts of what the job is doing now, e.g. `jobs.import.writing`. */
  stage: z.string(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.custom<SerializedError>().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobInfo = z.infer<typeof JobInfo>;

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

/**
 * A tile build (tiles/jobs): terrain heightmaps from a DEM, an imagery pyramid from an
 * orthophoto, or 3D Tiles from footprint layers of one or more survey epochs.
 */
const EpochLabel = z.string().regex(/^[A-Za-z0-9_]+$/);
export const TilesBuild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('terrain'), source: z.string().min(1), name: LayerName.optional() }).strict(),
  z.object({ type: z.literal('imagery'), source: z.string().min(1), name: LayerName.optional() }).strict(),
  z
    .object({
      type: z.literal('buildings'),
      layers: z.array(LayerName).min(1),
      epochs: z.array(EpochLabel).optional(),
      idField: z.string().min(1).optional(),
      heightField: z.string().min(1).optional(),
      floorsField: z.string().min(1).optional(),
      /** A terrain layer name or a DEM GeoTIFF path. */
      terrain: z.string().min(1).optional(),
      name: LayerName.optional(),
    })
    .strict(),
]);
export type TilesBuild = z.infer<typeof TilesBuild>;

/** Export formats; a shapefile is written as its parts beside `path` (.shp) or as one .zip. */
export const ExportFormat = z.enum(['geojson', 'gpkg', 'shapefile', 'kml', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

// ---------- multi-plan review (多规合一) and the planning-condition check ----------

/** A conflict rule (layers/plan-rules.ts explains kinds and class patterns). */
export const ConflictRule = z.object({
  id: z.string().min(1).max(32),
  kind: z.enum(['overlap', 'outside', 'mismatch']),
  classA: z.string().min(1),
  classB: z.string().min(1),
  severity: z.enum(['high', 'medium', 'low']),
  reasonZh: z.string().min(1),
  reasonEn: z.string(),
});
export type ConflictRule = z.infer<typeof ConflictRule>;

export const MultiplanStart = z
  .object({
    layers: z.array(LayerName).min(2).max(8),
    /** Class field per layer; others take the first class-field candidate they have. */
    classFields: z.record(z.string(), z.string().min(1)).optional(),
    allPairs: z.boolean().optional(),
    name: LayerName.optional(),
    districtLayer: LayerName.optional(),
    districtField: z.string().min(1).optional(),
    minAreaM2: z.number().min(0).optional(),
    minWidthM: z.number().min(0).optional(),
  })
  .strict();
export type MultiplanStart = z.infer<typeof MultiplanStart>;

const AreaCount = z.object({ count: z.number(), areaM2: z.number() });

/** What a review found (the job's result, kept with its result layer). */
export const MultiplanSummary = z.object({
  resultLayer: z.string(),
  count: z.number().int(),
  allPairs: z.boolean(),
  total: AreaCount,
  conflicts: AreaCount,
  bySeverity: z.object({ high: AreaCount, medium: AreaCount, low: AreaCount }),
  byRule: z.array(
    z.object({
      ruleId: z.string(),
      kind: z.enum(['overlap', 'outside', 'mismatch']),
      severity: z.enum(['high', 'medium', 'low']),
      reasonZh: z.string(),
      reasonEn: z.string(),
      count: z.number(),
      areaM2: z.number(),
    }),
  ),
  byPair: z.array(
    z.object({
      layerA: z.string(),
      classA: z.string().nullable(),
      nameA: z.string().nullable(),
      layerB: z.string(),
      classB: z.string().nullable(),
      nameB: z.string().nullable(),
      count: z.number(),
      areaM2: z.number(),
      conflictCount: z.number(),
      conflictAreaM2: z.number(),
    }),
  ),
  byDistrict: z.array(z.object({ district: z.string().nullable(), count: z.number(), areaM2: z.number() })),
  layers: z.array(
    z.object({ name: z.string(), classField: z.string(), features: z.number(), withoutGeometry: z.number() }),
  ),
  rules: z.object({ source: z.string(), count: z.number() }),
  gkZoneEpsg: z.number(),
  gkDefinition: z.string(),
  sliver: z.object({ minAreaM2: z.number(), minWidthM: z.number(), dropped: z.number(), droppedAreaM2: z.number() }),
  districtSource: z.string().nullable(),
  pairsTested: z.number(),
  problems: z.array(z.object({ layer: z.string(), fid: z.number(), code: z.string(), detail: z.string() })),
  problemCount: z.number(),
  workers: z.number(),
  durationMs: z.number(),
});
export type MultiplanSummary = z.infer<typeof MultiplanSummary>;

/** One row of a review's result layer, for the list that flies to each conflict. */
export const ConflictRow = z.object({
  fid: z.number().int(),
  ruleId: z.string().nullable(),
  severity: z.enum(['high', 'medium', 'low']).nullable(),
  reason: z.string().nullable(),
  areaM2: z.number(),
  layerA: z.string().nullable(),
  fidA: z.number().nullable(),
  classA: z.string().nullable(),
  nameA: z.string().nullable(),
  layerB: z.string().nullable(),
  fidB: z.number().nullable(),
  classB: z.string().nullable(),
  nameB: z.string().nullable(),
  district: z.string().nullable(),
  bbox: BBoxLonLat.nullable(),
  /** Every attribute of the row, as stored. */
  properties: z.record(z.string(), z.unknown()),
});
export type ConflictRow = z.infer<typeof ConflictRow>;

export const ParcelCheckStart = z
  .object({
    parcels: LayerName,
    buildings: LayerName,
    green: LayerName.optional(),
    redlines: LayerName.optional(),
    name: LayerName.optional(),
  })
  .strict();
export type ParcelCheckStart = z.infer<typeof ParcelCheckStart>;

// ---------- the call table ----------

const Empty = z.object({}).strict();

interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  /** Whether the call changes the workspace (used by the host to serialise writers). */
  writes: boolean;
}

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, writes = false): CallSpec<I, O> {
  return { input, output, writes };
}

export const contract = {
  'app.info': call(Empty, AppInfo),
  'workspace.create': call(z.object({ path: z.string().min(1) }).strict(), WorkspaceInfo, true),
  'workspace.open': call(z.object({ path: z.string().min(1) }).strict(), WorkspaceInfo),
  'workspace.info': call(Empty, WorkspaceInfo),
  'layers.list': call(Empty, z.array(LayerEntry)),
  'layers.update': call(
    z
      .object({
        name: LayerName,
        patch: z
          .object({
            title: z.string().min(1).max(200).optional(),
            visible: z.boolean().optional(),
            opacity: z.number().min(0).max(1).optional(),
            style: LayerStyle.partial().optional(),
          })
          .strict(),
      })
      .strict(),
    LayerEntry,
    true,
  ),
  /** Names from top of the tree (drawn last) to bottom. */
  'layers.reorder': call(z.object({ topToBottom: z.array(LayerName).min(1) }).strict(), z.array(LayerEntry), true),
  'layers.remove': call(z.object({ name: LayerName }).strict(), z.object({ removed: z.string() }), true),
  /** For a tile set, summarised over the layers it was built from. */
  'layers.fieldSummary': call(z.object({ name: LayerName, field: z.string().min(1) }).strict(), FieldSummary),
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
    z.object({ jobId: z.string() }),
    true,
  ),
  'tiles.build': call(TilesBuild, z.object({ jobId: z.string() }), true),
  /**
   * Opens the demo city, building it first (a `demo` job, `small` scale, ~30 s) when it is
   * not there yet. `jobId` is set while it builds (the workspace switches when the job is
   * done); otherwise `workspace` is the opened demo.
   */
  'demo.open': call(
    Empty,
    z.object({ jobId: z.string().nullable(), workspace: WorkspaceInfo.nullable(), path: z.string() }),
    true,
  ),
  'jobs.list': call(Empty, z.array(JobInfo)),
  'jobs.get': call(z.object({ jobId: z.string() }).strict(), JobInfo),
  'jobs.cancel': call(z.object({ jobId: z.string() }).strict(), JobInfo),
  'camera.get': call(Empty, Camera.nullable()),
  /**
   * Saves the view. With `workspacePath`, only into that workspace: a save the renderer queued
   * before the back end switched workspaces (the demo city arriving) is dropped, not written
   * into the new one.
   */
  'camera.set': call(z.object({ camera: Camera, workspacePath: z.string().optional() }).strict(), Camera, true),
  'bookmarks.list': call(Empty, z.array(Bookmark)),
  'bookmarks.add': call(z.object({ title: z.string().min(1).max(200), camera: Camera }).strict(), Bookmark, true),
  'bookmarks.remove': call(z.object({ id: z.number().int() }).strict(), z.object({ removed: z.number() }), true),
  'rules.list': call(Empty, z.array(ConflictRule)),
  /** Replaces the whole table (in this order, which is also the rules' priority). */
  'rules.save': call(z.object({ rules: z.array(ConflictRule).min(1) }).strict(), z.array(ConflictRule), true),
  'rules.reset': call(Empty, z.array(ConflictRule), true),
  /** A CSV file's bytes (UTF-8 or GBK), base64: `id,kind,class_a,class_b,severity,reason_zh,reason_en`. */
  'rules.importCsv': call(
    z.object({ fileName: z.string().min(1), base64: z.string().max(4_000_000) }).strict(),
    z.array(ConflictRule),
    true,
  ),
  'rules.exportCsv': call(Empty, z.object({ csv: z.string() })),
  'analysis.multiplan': call(MultiplanStart, z.object({ jobId: z.string() }), true),
  'analysis.parcelCheck': call(ParcelCheckStart, z.object({ jobId: z.string() }), true),
  /** Result layers of earlier reviews, newest first. */
  'multiplan.runs': call(Empty, z.array(z.object({ resultLayer: z.string(), createdAt: z.string() }))),
  'multiplan.summary': call(z.object({ layer: LayerName }).strict(), MultiplanSummary),
  'multiplan.conflicts': call(
    z
      .object({
        layer: LayerName,
        sort: z.enum(['area', 'severity']).default('area'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(ConflictRow) }),
  ),
  /** Writes the PDF report to a path (Electron); the browser host downloads `/export/<layer>.pdf`. */
  'report.multiplan': call(
    z.object({ layer: LayerName, path: z.string().min(1), lang: z.enum(['zh-CN', 'en']).default('zh-CN') }).strict(),
    z.object({ path: z.string(), pages: z.number().int() }),
  ),
  'export.layer': call(
    z
      .object({
        name: LayerName,
        format: ExportFormat,
        /** Where to write it; the browser host downloads from `/export/...` instead. */
        path: z.string().min(1),
        /** CRS to write in (`EPSG:4526`); default EPSG:4326. KML is always WGS 84. */
        crs: z.string().min(1).max(40).optional(),
        /** Shapefile/CSV text encoding: `UTF-8` (default) or `GBK`. */
        encoding: z.string().min(1).max(40).optional(),
      })
      .strict(),
    z.object({ path: z.string(), count: z.number().int() }),
  ),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

/** Pushed to the renderer whenever a job changes (IPC event or server-sent event). */
export type JobEvent = JobInfo;

/**
 * What the renderer sees as `window.cim`: the preload in Electron, an HTTP client in the
 * browser host. Large data never rides `invoke`: features and tiles come by URL.
 */
export interface WorkstationApi {
  readonly host: 'electron' | 'browser';
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
  /** Streams the layer as a GeoJSON FeatureCollection in EPSG:4326. */
  featuresUrl(layer: string, revision?: number): string;
  /** Base URL of the tile server (`/tiles/` or `cim://app/tiles/`), ending in `/`. */
  tilesBaseUrl(): string;
  /** Query parameters every resource URL needs (the browser host's token). */
  resourceQuery(): Record<string, string>;
  /** Turns a dropped or picked file into an import source (path in Electron, upload in a browser). */
  sourceForFile(file: File): Promise<ImportSource>;
  /**
   * One source from several files dropped together: `primary` is read (a .shp), the
   * others are its sidecars (.shx, .dbf, .prj, .cpg). The browser host uploads them all
   * into one folder; Electron finds them beside the primary file on disk.
   */
  sourceForFiles(primary: File, sidecars: readonly File[]): Promise<ImportSource>;
  /** Menu commands from Electron's application menu; a no-op in the browser host. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export const MenuCommand = z.enum([
  'workspace.new',
  'workspace.open',
  'import',
  'export',
  'view.toggle2d3d',
  'view.home',
  'view.language.zh-CN',
  'view.language.en',
  'analysis.multiplan',
  'demo.open',
  'help.welcome',
  'help.about',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

/** Wire shape of every HTTP response body and IPC reply. */
export type Reply<T> = { ok: true; result: T } | { ok: false; error: SerializedError };
