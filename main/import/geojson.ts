/**
 * GeoJSON reader: RFC 7946 (lon/lat WGS 84) and the 2008 spec's legacy `crs` member
 * (`urn:ogc:def:crs:EPSG::4526`, `EPSG:4526`). A FeatureCollection is streamed twice
 * (json-scan.ts): once to learn the schema, count, extent and problems, once to write, so
 * memory holds one feature at a time. A lone Feature or geometry is parsed whole.
 */
import fs from 'node:fs';
import type { BBoxLonLat } from '../../common/contract/index.js';
import { CimError, importError } from '../../common/errors.js';
import { proj4ForEpsg } from '../../layers/crs.js';
import { crsLabel, crsWarnings, toLonLat, type CrsChoice } from './crs/source-crs.js';
import { envelopeOf, type Geometry } from '../store/gpkg-geometry.js';
import { layerNameFrom, SchemaBuilder, valueFor, type InferredSchema } from './fields.js';
import { columnType, readGeoJsonGeometry, toMulti } from './geometry.js';
import { scanFeatureCollection, type ScanEvent, type ScanOutcome } from './json-scan.js';
import type { FeatureRecord, FormatReader, OpenedSource, ReadOptions, SkippedRecord, SourceFile } from './types.js';

interface RawFeature {
  type?: unknown;
  geometry?: unknown;
  properties?: unknown;
}

const SAMPLE_ROWS = 5;

function lineColumnAt(text: string, position: number, firstLine = 1): { line: number; column: number } {
  const before = text.slice(0, position);
  const newlines = before.split('\n').length - 1;
  return { line: firstLine + newlines, column: position - before.lastIndexOf('\n') };
}

function parseJson(text: string, file: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message)?.[1];
    const at = pos ? lineColumnAt(text, Number(pos), firstLine) : { line: firstLine, column: 0 };
    throw importError('bad_json', { file, line: at.line, column: at.column, reason: message });
  }
}

/** EPSG code from a legacy `crs` member; 4326 when absent (RFC 7946). */
export function epsgOfCrsMember(crs: unknown, file: string): number {
  if (crs === undefined || crs === null) return 4326;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') throw importError('unsupported_crs', { file, crs: JSON.stringify(crs).slice(0, 80) });
  if (/CRS84$/i.test(name)) return 4326;
  const code = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(name)?.[1];
  if (!code || !proj4ForEpsg(Number(code))) throw importError('unsupported_crs', { file, crs: name });
  return Number(code);
}

function isFeature(f: unknown): f is RawFeature {
  return typeof f === 'object' && f !== null && (f as RawFeature).type === 'Feature';
}

/** A lone Feature or bare geometry as a one-feature list; anything else is not GeoJSON. */
function singleFeature(doc: unknown, file: string): RawFeature {
  if (typeof doc !== 'object' || doc === null) throw importError('not_geojson', { file, type: typeof doc });
  const d = doc as { type?: unknown };
  if (isFeature(d)) return d;
  const geometryTypes = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'];
  if (typeof d.type === 'string' && geometryTypes.includes(d.type))
    return { type: 'Feature', geometry: d, properties: {} };
  if (d.type === 'FeatureCollection') throw importError('features_not_array', { file });
  throw importError('not_geojson', { file, type: JSON.stringify(d.type ?? null).slice(0, 40) });
}

interface ParsedFeature {
  feature: RawFeature;
  record: number;
}

/** Features in file order, parsed one at a time. */
function* eachFeature(file: SourceFile): Generator<ParsedFeature> {
  const scan = scanFeatureCollection(file.path);
  // Closes the file when the caller stops early (a preview) or a feature throws.
  let step: IteratorResult<ScanEvent, ScanOutcome>;
  try {
    step = scan.next();
    while (!step.done) {
      const ev = step.value;
      if (ev.kind === 'feature') {
        const f = parseJson(ev.text, file.fileName, ev.line);
        if (!isFeature(f)) {
          throw importError('bad_feature', {
            file: file.fileName,
            record: ev.index + 1,
            reason: 'not_feature',
          });
        }
        yield { feature: f, record: ev.index + 1 };
      } else if (ev.kind === 'not_object') {
        throw importError('bad_feature', { file: file.fileName, record: ev.index + 1, reason: 'not_feature' });
      }
      step = scan.next();
    }
  } finally {
    scan.return(undefined as never);
  }
  const outcome = step.value;
  if (outcome.truncated) {
    throw importError('truncated_json', { file: file.fileName, ...outcome.truncated });
  }
  if (!outcome.sawFeatures) {
    const doc = parseJson(fs.readFileSync(file.path, 'utf8').replace(/^\uFEFF/, ''), file.fileName);
    if (outcome.firstByte !== 0x7b) throw importError('not_geojson', { file: file.fileName, type: 'array' });
    yield { feature: singleFeature(doc, file.fileName), record: 1 };
  }
}

interface Survey {
  crs: CrsChoice;
  count: number;
  types: Set<Geometry['type']>;
  schema: InferredSchema;
  bbox: BBoxLonLat | null;
  skipped: SkippedRecord[];
  skippedRecords: Set<number>;
  sample: Record<string, unknown>[];
}

/**
 * The top-level `crs` member. `beforeFeatures`: stop at the first feature (writers put it
 * first); otherwise a bytes-only pass over the whole file.
 */
function crsMember(file: SourceFile, beforeFeatures: boolean): unknown {
  const scan = scanFeatureCollection(file.path, beforeFeatures);
  try {
    for (let step = scan.next(); !step.done; step = scan.next()) {
      const ev = step.value;
      if (ev.kind === 'member' && ev.key === 'crs') return parseJson(ev.text, file.fileName);
      if (ev.kind !== 'member' && beforeFeatures) return undefined;
    }
    return undefined;
  } finally {
    scan.return(undefined as never);
  }
}

const epsgChoice = (epsg: number): CrsChoice => ({ kind: 'epsg', epsg });

/**
 * Surveys under the CRS the user chose, else the header's; a `crs` member after the
 * features is looked for only when needed.
 */
function surveyWithCrs(file: SourceFile, chosen: CrsChoice | undefined): Survey {
  if (chosen) return survey(file, chosen);
  const header = crsMember(file, true);
  try {
    return survey(file, epsgChoice(epsgOfCrsMember(header, file.fileName)));
  } catch (err) {
    if (header !== undefined || !(err instanceof CimError) || err.code !== 'import.out_of_range') throw err;
    const late = crsMember(file, false);
    if (late === undefined) throw err;
    return survey(file, epsgChoice(epsgOfCrsMember(late, file.fileName)));
  }
}

/** Pass 1: validate every geometry, learn schema, types, extent; keep nothing per feature. */
function survey(file: SourceFile, crs: CrsChoice): Survey {
  const transform = toLonLat(crs);
  const schema = new SchemaBuilder();
  const s: Survey = {
    crs,
    count: 0,
    types: new Set(),
    schema: { fields: [], sourceKeys: [] },
    bbox: null,
    skipped: [],
    skippedRecords: new Set(),
    sample: [],
  };
  for (const { feature: f, record } of eachFeature(file)) {
    const outcome = readGeoJsonGeometry(f.geometry, file.fileName, record, transform);
    if (outcome.skipped) {
      s.skipped.push({ record, reason: outcome.skipped });
      s.skippedRecords.add(record);
      continue;
    }
    if (outcome.repaired) s.skipped.push({ record, reason: outcome.repaired });
    const g = outcome.geometry;
    if (g) {
      s.types.add(g.type);
      const e = envelopeOf(g);
      if (e) {
        s.bbox = s.bbox
          ? [Math.min(s.bbox[0], e[0]), Math.min(s.bbox[1], e[2]), Math.max(s.bbox[2], e[1]), Math.max(s.bbox[3], e[3])]
          : [e[0], e[2], e[1], e[3]];
      }
    }
    const p = propertiesOf(f);
    schema.add(p);
    if (s.sample.length < SAMPLE_ROWS) s.sample.push({ ...p });
    s.count += 1;
  }
  s.schema = schema.build();
  return s;
}

function propertiesOf(f: RawFeature): Record<string, unknown> | null {
  const p = f.properties;
  return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
}

async function open(file: SourceFile, options: ReadOptions): Promise<OpenedSource> {
  if (fs.statSync(file.path).size === 0) throw importError('empty_file', { file: file.fileName });
  const s = surveyWithCrs(file, options.crs);
  const { schema, skippedRecords } = s;
  const column = columnType(s.types);
  const transform = toLonLat(s.crs);

  function* features(): Generator<FeatureRecord> {
    for (const { feature: f, record } of eachFeature(file)) {
      if (skippedRecords.has(record)) continue;
      const g = readGeoJsonGeometry(f.geometry, file.fileName, record, transform).geometry;
      const p = propertiesOf(f);
      yield {
        geometry: g && column.promote ? toMulti(g) : g,
        values: schema.fields.map((fd, k) => valueFor(p?.[schema.sourceKeys[k] ?? ''], fd.type)),
      };
    }
  }

  return Promise.resolve({
    format: 'geojson' as const,
    layers: [
      {
        sourceLayer: layerNameFrom(file.fileName),
        suggestedName: layerNameFrom(file.fileName),
        geometryType: column.type,
        fields: schema.fields,
        featureCount: s.count,
        bbox: s.bbox,
        crs: crsLabel(s.crs),
        crsKnown: true,
        suggestedCrs: null,
        encoding: null,
        warnings: crsWarnings(s.crs),
        sample: s.sample,
        skipped: s.skipped,
        features,
      },
    ],
    close: () => undefined,
  });
}

export const geojsonReader: FormatReader = { format: 'geojson', extensions: ['.geojson', '.json'], open };
