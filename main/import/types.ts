/** The shape every format adapter in the import registry implements. Environment: node. */
import type { BBoxLonLat, FieldDef, GeometryType, ImportFormat } from '../api/contract.js';
import type { Geometry } from '../store/gpkg-geometry.js';

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
  /** e.g. `EPSG:4326`, `EPSG:4526`. */
  crs: string;
  sample: Record<string, unknown>[];
  /** Records repaired or left out, with reasons, known at open time. */
  skipped: SkippedRecord[];
  /** Features in source order, in EPSG:4326, values aligned with `fields`. */
  features(): Iterable<FeatureRecord>;
}

export interface OpenedSource {
  format: ImportFormat;
  layers: SourceLayer[];
  close(): void;
}

export interface FormatReader {
  format: ImportFormat;
  /** Extensions this reader claims (lower case, with dot). */
  extensions: readonly string[];
  open(file: SourceFile): Promise<OpenedSource>;
}
