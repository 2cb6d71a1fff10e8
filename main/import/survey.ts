/**
 * The two passes every streaming reader makes: a survey (validate and reproject each
 * geometry, learn the column type, count, extent and first rows, note what was skipped or
 * repaired, keep nothing per feature) and the write pass that reads the source again.
 * A reader supplies its raw records in source coordinates. Environment: node.
 */
import type { BBoxLonLat, FieldDef } from '../../common/contract/index.js';
import { importError } from '../../common/errors.js';
import { envelopeOf, type Geometry, type Position } from '../store/gpkg-geometry.js';
import { crsLabel, crsWarnings, toLonLat, type CrsChoice } from './crs/source-crs.js';
import { columnType, toMulti, type Transform } from './geometry.js';
import type { CoordinateColumns, FeatureRecord, SkippedRecord, SourceLayer } from './types.js';

export interface RawFeature {
  /** 1-based record number in the source. */
  record: number;
  /** In source coordinates; null for a record without geometry. */
  geometry: Geometry | null;
  /** Aligned with the fields; may be empty when the survey did not ask for them. */
  values: unknown[];
  /** Why the record is left out (a key under `errors:skipped`). */
  skipped?: string | undefined;
  /** What was repaired (a key under `errors:skipped`). */
  repaired?: string | undefined;
}

export interface LayerMeta {
  sourceLayer: string;
  suggestedName: string;
  fields: FieldDef[];
  /** null: unknown; the layer is surveyed but cannot be written until a CRS is chosen. */
  crs: CrsChoice | null;
  /** Shown when the CRS is unknown: the name the file gives it. */
  unknownCrsName?: string | undefined;
  suggestedCrs?: string | null | undefined;
  encoding: string | null;
  warnings?: string[] | undefined;
  columns?: CoordinateColumns | undefined;
}

const SAMPLE_ROWS = 5;

/** The import waits for a CRS: one the file names but we cannot match, or none at all. */
export function unknownCrs(file: string, name: string): Error {
  return name ? importError('crs_unknown', { file, crs: name }) : importError('crs_missing', { file });
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'LineString':
    case 'MultiPoint':
      return { type: g.type, coordinates: g.coordinates.map(f) };
    case 'Polygon':
    case 'MultiLineString':
      return { type: g.type, coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
  }
}

/** Source coordinates -> lon/lat, each checked to be on the globe. */
function reproject(g: Geometry, transform: Transform, file: string, record: number): Geometry {
  return mapPositions(g, (p) => {
    const [lon, lat] = transform ? transform(p) : p;
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw importError('out_of_range', { file, record, x: p[0], y: p[1] });
    }
    return [lon, lat];
  });
}

function grow(bbox: BBoxLonLat | null, g: Geometry): BBoxLonLat | null {
  const e = envelopeOf(g);
  if (!e) return bbox;
  return bbox
    ? [Math.min(bbox[0], e[0]), Math.min(bbox[1], e[2]), Math.max(bbox[2], e[1]), Math.max(bbox[3], e[3])]
    : [e[0], e[2], e[1], e[3]];
}

/**
 * Reads a source's records; `wantValues()` says whether the attribute values are needed
 * for the next record (the survey needs them only for its first rows, and decoding text
 * is much of a reader's work).
 */
export type RecordReader = (wantValues: () => boolean) => Iterable<RawFeature>;

/** Surveys `read()` once and returns the layer; `features()` reads it again for the write. */
export function surveyedLayer(file: string, meta: LayerMeta, read: RecordReader): SourceLayer {
  const transform = meta.crs ? toLonLat(meta.crs) : null;
  const types = new Set<Geometry['type']>();
  const skipped: SkippedRecord[] = [];
  const skippedRecords = new Set<number>();
  const sample: Record<string, unknown>[] = [];
  let bbox: BBoxLonLat | null = null;
  let count = 0;
  for (const raw of read(() => sample.length < SAMPLE_ROWS)) {
    if (raw.skipped) {
      skipped.push({ record: raw.record, reason: raw.skipped });
      skippedRecords.add(raw.record);
      continue;
    }
    if (raw.repaired) skipped.push({ record: raw.record, reason: raw.repaired });
    if (raw.geometry) {
      types.add(raw.geometry.type);
      if (meta.crs) bbox = grow(bbox, reproject(raw.geometry, transform, file, raw.record));
    }
    if (sample.length < SAMPLE_ROWS) {
      sample.push(Object.fromEntries(meta.fields.map((f, i) => [f.name, raw.values[i] ?? null])));
    }
    count++;
  }
  const column = columnType(types);
  const crs = meta.crs;

  function* features(): Generator<FeatureRecord> {
    if (!crs) throw unknownCrs(file, meta.unknownCrsName ?? '');
    for (const raw of read(() => true)) {
      if (skippedRecords.has(raw.record)) continue;
      const g = raw.geometry ? reproject(raw.geometry, transform, file, raw.record) : null;
      yield { geometry: g && column.promote ? toMulti(g) : g, values: raw.values };
    }
  }

  return {
    sourceLayer: meta.sourceLayer,
    suggestedName: meta.suggestedName,
    geometryType: column.type,
    fields: meta.fields,
    featureCount: count,
    bbox,
    crs: crs ? crsLabel(crs) : (meta.unknownCrsName ?? ''),
    crsKnown: crs !== null,
    suggestedCrs: meta.suggestedCrs ?? null,
    encoding: meta.encoding,
    warnings: [...(meta.warnings ?? []), ...(crs ? crsWarnings(crs) : [])],
    columns: meta.columns,
    sample,
    skipped,
    features,
  };
}
