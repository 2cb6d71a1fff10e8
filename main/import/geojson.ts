/**
 * GeoJSON reader: RFC 7946 (lon/lat WGS 84) and the 2008 spec's legacy `crs` member
 * (`urn:ogc:def:crs:EPSG::4526`, `EPSG:4526`). Parses the whole file; #4 brings streaming.
 */
import fs from 'node:fs/promises';
import type { GeometryType } from '../api/contract.js';
import { importError } from '../api/errors.js';
import { converter, isWgs84Compatible, proj4ForEpsg } from '../../layers/crs.js';
import { envelopeOf, type Geometry } from '../store/gpkg-geometry.js';
import { inferSchema, layerNameFrom, valueFor } from './fields.js';
import { readGeoJsonGeometry, toMulti, type Transform } from './geometry.js';
import type { FeatureRecord, FormatReader, OpenedSource, SkippedRecord, SourceFile } from './types.js';

interface RawFeature {
  type?: unknown;
  geometry?: unknown;
  properties?: unknown;
}

function lineColumnAt(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message)?.[1];
    const at = pos ? lineColumnAt(text, Number(pos)) : { line: 0, column: 0 };
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

function featuresOf(doc: unknown, file: string): RawFeature[] {
  if (typeof doc !== 'object' || doc === null) throw importError('not_geojson', { file, reason: 'not an object' });
  const d = doc as { type?: unknown; features?: unknown; geometry?: unknown };
  if (d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features)) throw importError('not_geojson', { file, reason: 'features is not an array' });
    return d.features as RawFeature[];
  }
  if (d.type === 'Feature') return [d];
  const geometryTypes = ['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon'];
  if (typeof d.type === 'string' && geometryTypes.includes(d.type)) return [{ type: 'Feature', geometry: d, properties: {} }];
  throw importError('not_geojson', { file, reason: `type is ${JSON.stringify(d.type)}` });
}

/** One column type for all features; mixed single/multi of one family are promoted to multi. */
export function columnType(types: ReadonlySet<Geometry['type']>): { type: GeometryType; promote: boolean } {
  if (types.size === 0) return { type: 'GEOMETRY', promote: false };
  if (types.size === 1) {
    const only = [...types][0] ?? 'Point';
    return { type: only.toUpperCase() as GeometryType, promote: false };
  }
  for (const family of ['Point', 'LineString', 'Polygon'] as const) {
    if (types.size === 2 && types.has(family) && types.has(`Multi${family}`)) {
      return { type: `MULTI${family.toUpperCase()}` as GeometryType, promote: true };
    }
  }
  return { type: 'GEOMETRY', promote: false };
}

async function open(file: SourceFile): Promise<OpenedSource> {
  const buf = await fs.readFile(file.path);
  if (buf.length === 0) throw importError('empty_file', { file: file.fileName });
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const doc = parseJson(text, file.fileName);
  const raw = featuresOf(doc, file.fileName);
  const epsg = epsgOfCrsMember((doc as { crs?: unknown }).crs, file.fileName);
  const transform: Transform = isWgs84Compatible(epsg) ? null : converter(epsg, 4326);

  const skipped: SkippedRecord[] = [];
  const geometries: (Geometry | null)[] = [];
  const props: (Record<string, unknown> | null)[] = [];
  const types = new Set<Geometry['type']>();
  raw.forEach((f: unknown, i) => {
    const record = i + 1;
    if (!isFeature(f)) {
      throw importError('bad_feature', { file: file.fileName, record, reason: 'not a Feature object' });
    }
    const outcome = readGeoJsonGeometry(f.geometry, file.fileName, record, transform);
    if (outcome.skipped) {
      skipped.push({ record, reason: outcome.skipped });
      return;
    }
    if (outcome.repaired) skipped.push({ record, reason: `repaired: ${outcome.repaired}` });
    if (outcome.geometry) types.add(outcome.geometry.type);
    geometries.push(outcome.geometry);
    const p = f.properties;
    props.push(typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : null);
  });

  const schema = inferSchema(props);
  const column = columnType(types);
  const valuesOf = (p: Record<string, unknown> | null): unknown[] =>
    schema.fields.map((fd, k) => valueFor(p?.[schema.sourceKeys[k] ?? ''], fd.type));
  const bbox = geometries.reduce<[number, number, number, number] | null>((acc, g) => {
    const e = g ? envelopeOf(g) : null;
    if (!e) return acc;
    if (!acc) return [e[0], e[2], e[1], e[3]];
    return [Math.min(acc[0], e[0]), Math.min(acc[1], e[2]), Math.max(acc[2], e[1]), Math.max(acc[3], e[3])];
  }, null);

  function* features(): Generator<FeatureRecord> {
    for (let i = 0; i < geometries.length; i++) {
      const g = geometries[i] ?? null;
      yield { geometry: g && column.promote ? toMulti(g) : g, values: valuesOf(props[i] ?? null) };
    }
  }

  return {
    format: 'geojson',
    layers: [
      {
        sourceLayer: layerNameFrom(file.fileName),
        suggestedName: layerNameFrom(file.fileName),
        geometryType: column.type,
        fields: schema.fields,
        featureCount: geometries.length,
        bbox,
        crs: `EPSG:${String(epsg)}`,
        sample: props.slice(0, 5).map((p) => ({ ...p })),
        skipped,
        features,
      },
    ],
    close: () => undefined,
  };
}

export const geojsonReader: FormatReader = { format: 'geojson', extensions: ['.geojson', '.json'], open };
