/** GeoPackage reader: every feature table of a .gpkg written by GDAL, QGIS or us. */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CimError, importError } from '../api/errors.js';
import { proj4ForEpsg } from '../../layers/crs.js';
import { crsLabel, crsWarnings, toLonLat, type CrsChoice } from './crs/source-crs.js';
import { registerGpkgFunctions } from '../store/connection.js';
import { envelopeOf } from '../store/gpkg-geometry.js';
import { describeFeatureTable, iterateFeatures, quoteIdent, type FeatureTableInfo } from '../store/feature-table.js';
import { layerNameFrom } from './fields.js';
import { readGeoJsonGeometry, type Transform } from './geometry.js';
import type { FeatureRecord, FormatReader, OpenedSource, ReadOptions, SourceFile, SourceLayer } from './types.js';

type Db = Database.Database;

function epsgOfSrs(db: Db, srsId: number, file: string, layer: string): number {
  if (srsId === 4326 || srsId === 0) return 4326;
  const row = db
    .prepare('SELECT organization, organization_coordsys_id AS code FROM gpkg_spatial_ref_sys WHERE srs_id = ?')
    .get(srsId) as { organization: string; code: number } | undefined;
  const code = row && row.organization.toUpperCase() === 'EPSG' ? row.code : srsId;
  if (!proj4ForEpsg(code)) throw importError('unsupported_crs', { file, layer, crs: `srs_id ${String(srsId)}` });
  return code;
}

function openDb(file: SourceFile): Db {
  const stat = fs.statSync(file.path);
  if (stat.size === 0) throw importError('empty_file', { file: file.fileName });
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file.path, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.toString('latin1') !== 'SQLite format 3\0') {
    throw importError('not_gpkg', { file: file.fileName, reason: 'not an SQLite file' });
  }
  try {
    const db = new Database(file.path, { readonly: true, fileMustExist: true });
    registerGpkgFunctions(db);
    return db;
  } catch (err) {
    throw importError('not_gpkg', { file: file.fileName, reason: err instanceof Error ? err.message : String(err) });
  }
}

/** Pass 1 validates and measures without keeping rows; `features()` reads the table again. */
function layerOf(db: Db, file: SourceFile, info: FeatureTableInfo, options: ReadOptions): SourceLayer {
  const crs: CrsChoice = options.crs ?? { kind: 'epsg', epsg: epsgOfSrs(db, info.srsId, file.fileName, info.name) };
  const transform: Transform = toLonLat(crs);
  const count = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(info.name)}`).get() as { n: number }).n;
  let bbox: SourceLayer['bbox'] = null;
  const skipped: SourceLayer['skipped'] = [];
  const skippedRecords = new Set<number>();
  const sample: Record<string, unknown>[] = [];
  let record = 0;
  for (const f of iterateFeatures(db, info)) {
    record += 1;
    const outcome = readGeoJsonGeometry(f.geometry, file.fileName, record, transform);
    if (outcome.skipped) {
      skipped.push({ record, reason: outcome.skipped });
      skippedRecords.add(record);
      continue;
    }
    const e = outcome.geometry ? envelopeOf(outcome.geometry) : null;
    if (e) {
      bbox = bbox
        ? [Math.min(bbox[0], e[0]), Math.min(bbox[1], e[2]), Math.max(bbox[2], e[1]), Math.max(bbox[3], e[3])]
        : [e[0], e[2], e[1], e[3]];
    }
    if (sample.length < 5) sample.push({ ...f.properties });
  }
  function* features(): Generator<FeatureRecord> {
    let n = 0;
    for (const f of iterateFeatures(db, info)) {
      n += 1;
      if (skippedRecords.has(n)) continue;
      const g = readGeoJsonGeometry(f.geometry, file.fileName, n, transform).geometry;
      yield { geometry: g, values: info.fields.map((fd) => f.properties[fd.name] ?? null) };
    }
  }
  return {
    sourceLayer: info.name,
    suggestedName: layerNameFrom(info.name),
    geometryType: info.geometryType,
    fields: info.fields,
    featureCount: count - skipped.length,
    bbox,
    crs: crsLabel(crs),
    crsKnown: true,
    suggestedCrs: null,
    encoding: null,
    warnings: crsWarnings(crs),
    sample,
    skipped,
    features,
  };
}

async function open(file: SourceFile, options: ReadOptions): Promise<OpenedSource> {
  const db = openDb(file);
  try {
    const hasContents = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_contents'").get();
    if (!hasContents) throw importError('not_gpkg', { file: file.fileName, reason: 'no gpkg_contents table' });
    const tables = db
      .prepare(
        "SELECT c.table_name AS name FROM gpkg_contents c JOIN gpkg_geometry_columns g USING (table_name) WHERE c.data_type = 'features' ORDER BY c.table_name",
      )
      .all() as { name: string }[];
    if (tables.length === 0) throw importError('no_layers', { file: file.fileName });
    const layers = tables.map((t) => layerOf(db, file, describeFeatureTable(db, t.name), options));
    return await Promise.resolve({ format: 'gpkg' as const, layers, close: () => db.close() });
  } catch (err) {
    db.close();
    if (err instanceof CimError) throw err;
    throw importError('not_gpkg', { file: file.fileName, reason: err instanceof Error ? err.message : String(err) });
  }
}

export const geopackageReader: FormatReader = { format: 'gpkg', extensions: ['.gpkg'], open };
