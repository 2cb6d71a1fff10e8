/**
 * GeoPackage reader: every feature table of a .gpkg written by GDAL, QGIS or us, in the
 * CRS each declares (EPSG code, else its WKT matched; unknown: the user is asked).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CimError, importError } from '../../common/errors.js';
import { proj4ForEpsg } from '../../layers/crs.js';
import { matchWkt } from './crs/prj-match.js';
import type { CrsChoice } from './crs/source-crs.js';
import { registerGpkgFunctions } from '../store/connection.js';
import { describeFeatureTable, iterateFeatures, type FeatureTableInfo } from '../store/feature-table.js';
import { layerNameFrom } from './fields.js';
import { readGeoJsonGeometry } from './geometry.js';
import { surveyedLayer, type RawFeature } from './survey.js';
import type { FormatReader, OpenedSource, ReadOptions, SourceFile, SourceLayer } from './types.js';

type Db = Database.Database;

interface SrsCrs {
  crs: CrsChoice | null;
  /** The srs_name when it matched nothing we support: the user is asked. */
  name: string;
}

/**
 * The CRS a feature table declares: its EPSG code when we support it, else its WKT
 * definition matched by name or parameters (crs/prj-match.ts), else unknown (asked).
 */
function crsOfSrs(db: Db, srsId: number, file: string): SrsCrs {
  if (srsId === 4326 || srsId === 0) return { crs: { kind: 'epsg', epsg: 4326 }, name: '' };
  const row = db
    .prepare(
      'SELECT srs_name AS name, organization, organization_coordsys_id AS code, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    )
    .get(srsId) as { name: string; organization: string; code: number; definition: string } | undefined;
  if (row && row.organization.toUpperCase() === 'EPSG' && proj4ForEpsg(row.code)) {
    return { crs: { kind: 'epsg', epsg: row.code }, name: '' };
  }
  const name = row?.name ?? `srs_id ${String(srsId)}`;
  if (!row || !row.definition || row.definition === 'undefined') {
    // No definition to go by: writers commonly number srs_id by EPSG code.
    return proj4ForEpsg(srsId) ? { crs: { kind: 'epsg', epsg: srsId }, name: '' } : { crs: null, name };
  }
  try {
    const m = matchWkt(row.definition, file);
    return m.known ? { crs: { kind: 'epsg', epsg: m.epsg }, name: '' } : { crs: null, name };
  } catch (err) {
    if (err instanceof CimError) return { crs: null, name };
    throw err;
  }
}

/**
 * Opens the source read-only through SQLite, which also says whether it is a database at all.
 * Never a header check with `fs`: the source may be a workspace this process holds open (an
 * import from the open workspace, or one a job is writing), and closing an `fs` descriptor
 * of it would drop SQLite's locks (main/store/files.ts).
 */
function openDb(file: SourceFile): Db {
  const stat = fs.statSync(file.path);
  if (stat.size === 0) throw importError('empty_file', { file: file.fileName });
  let db: Db | undefined;
  try {
    db = new Database(file.path, { readonly: true, fileMustExist: true });
    db.pragma('application_id');
    registerGpkgFunctions(db);
    return db;
  } catch (err) {
    db?.close();
    const notSqlite = err instanceof Error && 'code' in err && err.code === 'SQLITE_NOTADB';
    const reason = notSqlite ? 'not an SQLite file' : err instanceof Error ? err.message : String(err);
    throw importError('not_gpkg', { file: file.fileName, reason });
  }
}

/** Surveyed like every streaming reader: validated and measured first, read again to write. */
function layerOf(db: Db, file: SourceFile, info: FeatureTableInfo, options: ReadOptions): SourceLayer {
  const declared = options.crs ? { crs: options.crs, name: '' } : crsOfSrs(db, info.srsId, file.fileName);
  function* read(wantValues: () => boolean): Generator<RawFeature> {
    let record = 0;
    for (const f of iterateFeatures(db, info)) {
      record += 1;
      const outcome = readGeoJsonGeometry(f.geometry, file.fileName, record, undefined);
      yield {
        record,
        geometry: outcome.geometry,
        values: wantValues() ? info.fields.map((fd) => f.properties[fd.name] ?? null) : [],
        skipped: outcome.skipped,
        repaired: outcome.repaired,
      };
    }
  }
  return surveyedLayer(
    file.fileName,
    {
      sourceLayer: info.name,
      suggestedName: layerNameFrom(info.name),
      fields: info.fields,
      crs: declared.crs,
      unknownCrsName: declared.name,
      encoding: null,
    },
    read,
  );
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
