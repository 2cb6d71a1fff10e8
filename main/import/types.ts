/** The shape every format adapter in the import registry implements. Environment: node. */
import type {
  BBoxLonLat,
  FieldDef,
  GeometryType,
  ImportFormat,
  ImportResult,
  TiledPreview,
} from '../../common/contract/index.js';
import type { Db } from '../store/connection.js';
import type { BuildControl } from '../../tiles/jobs/control.js';
import type { StagedTileset } from '../tiles-jobs/build-jobs.js';
import type { Geometry } from '../store/gpkg-geometry.js';
import type { CrsChoice } from './crs/source-crs.js';

/** What the user chose in the preview; each reader uses what applies to its format. */
export interface ReadOptions {
  /** Overrides the CRS the file declares (or supplies one where it declares none). */
  crs?: CrsChoice | undefined;
  /** Overrides the detected attribute encoding (iconv-lite name or code page: `GBK`, `936`). */
  encoding?: string | undefined;
  /** CSV coordinate columns, by header name. */
  xColumn?: string | undefined;
  yColumn?: string | undefined;
  /** Where a model or a tileset in local coordinates is placed (the preview shows it there). */
  placement?: TiledOptions['placement'];
  /** CityJSON: the level of detail to build. */
  lod?: string | undefined;
}

/** CSV coordinate columns: the ones in use and all the file has. */
export interface CoordinateColumns {
  x: string | null;
  y: string | null;
  all: string[];
}

export interface SourceFile {
  /** Where the bytes are on disk (an upload is saved to a temp file first). */
  path: string;
  /** The name the user knows the file by; error messages and layer names use it. */
  fileName: string;
}

/** A feature already in EPSG:4326, validated, ready for the store. */
export interface FeatureRecord {
  geometry: Geometry | null;
  values: unknown[];
}

export interface SkippedRecord {
  /** 1-based record number in the source. */
  record: number;
  reason: string;
}

export interface SourceLayer {
  sourceLayer: string;
  suggestedName: string;
  geometryType: GeometryType;
  fields: FieldDef[];
  featureCount: number;
  bbox: BBoxLonLat | null;
  /** e.g. `EPSG:4326`, `EPSG:4526`, `GCJ02`; when unknown, the name the file gives (or ''). */
  crs: string;
  /** False when the file's CRS could not be matched (or it has none): the import waits for a choice. */
  crsKnown: boolean;
  /** A CRS to offer when unknown (CSV with zone-prefixed GK eastings: EPSG:4526…). */
  suggestedCrs: string | null;
  /** Attribute encoding used (`UTF-8`, `GBK`…), null for formats that fix it (GeoJSON, GeoPackage). */
  encoding: string | null;
  /** Keys under `ui:import.warnings` (no_datum_shift, web_map_offset, missing_shx…). */
  warnings: string[];
  columns?: CoordinateColumns | undefined;
  sample: Record<string, unknown>[];
  /** Records repaired or left out, with reasons, known at open time. */
  skipped: SkippedRecord[];
  /** Features in source order, in EPSG:4326, values aligned with `fields`; throws when the CRS is unknown. */
  features(): Iterable<FeatureRecord>;
}

/** What a tile-set source is asked to build (serialisable: it crosses into the job's worker). */
export interface TiledOptions {
  target?: 'terrain' | 'imagery' | undefined;
  lod?: string | undefined;
  placement?: { lon: number; lat: number; heightM: number; headingDeg: number; scale: number } | undefined;
}

export interface TiledBuildContext {
  db: Db;
  /** The workspace tiles folder. */
  tilesDir: string;
  /** The layer name the tile set gets (already free). */
  name: string;
  options: TiledOptions;
  control: BuildControl;
}

/**
 * A source that becomes a tile set (GeoTIFF, CityJSON, glTF, an existing tileset): the
 * preview facts and the build (main/import/tiled/tiled.ts runs it).
 */
export interface TiledImport {
  kindFor(options: TiledOptions): TiledPreview['kind'];
  /** `EPSG:32618`…, as the layer's `sourceCrs`. */
  sourceCrs: string;
  preview: TiledPreview;
  /** Builds into `dir` (a staging folder) and says what it wrote; throws a CimError. */
  build(dir: string, ctx: TiledBuildContext): Promise<StagedTileset>;
  /** A tileset registered in place writes nothing: it catalogues itself in one transaction. */
  register?(ctx: TiledBuildContext): ImportResult;
}

export interface OpenedSource {
  format: ImportFormat;
  layers: SourceLayer[];
  /** Set when the source becomes a tile set; `layers` then holds one footprint layer. */
  tiled?: TiledImport | undefined;
  close(): void;
}

export interface FormatReader {
  format: ImportFormat;
  /** Extensions this reader claims (lower case, with dot). */
  extensions: readonly string[];
  open(file: SourceFile, options: ReadOptions): Promise<OpenedSource>;
}
