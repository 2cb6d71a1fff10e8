/**
 * Feature tables: creation with registration in gpkg_contents / gpkg_geometry_columns and
 * the gpkg_rtree_index extension (GeoPackage 1.3 §F.3), row writing and streaming reads.
 * Every function here runs inside the caller's transaction.
 */
import type { FieldDef, GeometryType } from '../../common/contract/index.js';
import { storeError } from '../../common/errors.js';
import type { Db } from './connection.js';
import { dropAliases, seedStandardAliases } from './field-aliases.js';
import { decodeGpkg, encodeGpkg, envelopeOf, type Envelope, type Geometry } from './gpkg-geometry.js';
import { bulkLoadRtree, rtreeBox, type RtreeEntries } from './rtree-bulk.js';
import { quoteIdent } from './sql-ident.js';

export const FID_COLUMN = 'fid';
export const GEOM_COLUMN = 'geom';
const STORE_SRS_ID = 4326;
/**
 * Geographic CRSs a feature table may be stored in: lon/lat degrees either way. CGCS2000
 * (4490) and WGS 84 (4326) agree to a few centimetres, below survey precision, so readers
 * treat the numbers alike; layers that came in CGCS2000 keep it in the file.
 */
export type StoreSrsId = 4326 | 4490;

export { quoteIdent };

const SQL_TYPE: Record<FieldDef['type'], string> = {
  INTEGER: 'INTEGER',
  REAL: 'REAL',
  TEXT: 'TEXT',
  BOOLEAN: 'BOOLEAN',
};

export interface FeatureTableSpec {
  name: string;
  title: string;
  geometryType: GeometryType;
  fields: readonly FieldDef[];
  /**
   * Default 4326. A workspace holds 4326 or 4490 (`StoreSrsId`); an export may use any
   * srs_id its gpkg_spatial_ref_sys has.
   */
  srsId?: number;
}

export function tableExists(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM sqlite_master WHERE lower(name) = lower(?)').get(name) !== undefined;
}

function rtreeName(table: string): string {
  return `rtree_${table}_${GEOM_COLUMN}`;
}

function rtreeTriggers(table: string): string {
  const t = quoteIdent(table);
  const r = quoteIdent(rtreeName(table));
  const g = GEOM_COLUMN;
  const i = FID_COLUMN;
  const tr = (suffix: string): string => quoteIdent(`${rtreeName(table)}_${suffix}`);
  const values = `(NEW.${i}, ST_MinX(NEW.${g}), ST_MaxX(NEW.${g}), ST_MinY(NEW.${g}), ST_MaxY(NEW.${g}))`;
  return `
    CREATE TRIGGER ${tr('insert')} AFTER INSERT ON ${t} WHEN (new.${g} NOT NULL AND NOT ST_IsEmpty(NEW.${g}))
      BEGIN INSERT OR REPLACE INTO ${r} VALUES ${values}; END;
    CREATE TRIGGER ${tr('update1')} AFTER UPDATE OF ${g} ON ${t} WHEN OLD.${i} = NEW.${i} AND (NEW.${g} NOTNULL AND NOT ST_IsEmpty(NEW.${g}))
      BEGIN INSERT OR REPLACE INTO ${r} VALUES ${values}; END;
    CREATE TRIGGER ${tr('update2')} AFTER UPDATE OF ${g} ON ${t} WHEN OLD.${i} = NEW.${i} AND (NEW.${g} ISNULL OR ST_IsEmpty(NEW.${g}))
      BEGIN DELETE FROM ${r} WHERE id = OLD.${i}; END;
    CREATE TRIGGER ${tr('update3')} AFTER UPDATE ON ${t} WHEN OLD.${i} != NEW.${i} AND (NEW.${g} NOTNULL AND NOT ST_IsEmpty(NEW.${g}))
      BEGIN DELETE FROM ${r} WHERE id = OLD.${i}; INSERT OR REPLACE INTO ${r} VALUES ${values}; END;
    CREATE TRIGGER ${tr('update4')} AFTER UPDATE ON ${t} WHEN OLD.${i} != NEW.${i} AND (NEW.${g} ISNULL OR ST_IsEmpty(NEW.${g}))
      BEGIN DELETE FROM ${r} WHERE id IN (OLD.${i}, NEW.${i}); END;
    CREATE TRIGGER ${tr('delete')} AFTER DELETE ON ${t} WHEN old.${g} NOT NULL
      BEGIN DELETE FROM ${r} WHERE id = OLD.${i}; END;`;
}

/**
 * Creates the table, its R-tree and registrations. The R-tree is filled and its triggers
 * installed last (`finishFeatureTable`): a writer keeps each row's envelope, and the tree is
 * bulk-loaded from them in one go (rtree-bulk.ts) instead of growing row by row.
 */
export function createFeatureTable(db: Db, spec: FeatureTableSpec): void {
  if (tableExists(db, spec.name)) throw storeError('layer_exists', { layer: spec.name });
  const cols = spec.fields.map((f) => `${quoteIdent(f.name)} ${SQL_TYPE[f.type]}`);
  db.exec(
    `CREATE TABLE ${quoteIdent(spec.name)} (${FID_COLUMN} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, ` +
      `${GEOM_COLUMN} ${spec.geometryType}${cols.length ? ', ' + cols.join(', ') : ''})`,
  );
  db.prepare(
    'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, ?, ?, ?, ?)',
  ).run(spec.name, 'features', spec.name, spec.title, spec.srsId ?? STORE_SRS_ID);
  db.prepare(
    'INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)',
  ).run(spec.name, GEOM_COLUMN, spec.geometryType, spec.srsId ?? STORE_SRS_ID);
  db.exec(`CREATE VIRTUAL TABLE ${quoteIdent(rtreeName(spec.name))} USING rtree(id, minx, maxx, miny, maxy)`);
  db.prepare(
    "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
  ).run(spec.name, GEOM_COLUMN);
  seedStandardAliases(
    db,
    spec.name,
    spec.fields.map((f) => f.name),
  );
}

export interface FeatureWriter {
  /** Writes one feature; returns its fid. */
  write(geometry: Geometry | null, values: readonly unknown[]): number;
  /** Writes one feature whose GeoPackage blob the caller encoded (bulk results); returns its fid. */
  writeBlob(blob: Uint8Array, envelope: Envelope, values: readonly unknown[]): number;
  /** Extent of what was written, [minX, maxX, minY, maxY]. */
  extent(): Envelope | null;
  count(): number;
}

/** R-tree entries written but not yet in the tree, per connection and table (finishFeatureTable loads them). */
const pendingRtrees = new WeakMap<Db, Map<string, RtreeEntries>>();

function pendingFor(db: Db, table: string): RtreeEntries {
  let tables = pendingRtrees.get(db);
  if (!tables) {
    tables = new Map();
    pendingRtrees.set(db, tables);
  }
  const entries: RtreeEntries = { ids: new Float64Array(1024), boxes: new Float32Array(4096), count: 0 };
  tables.set(table, entries);
  return entries;
}

function pushEntry(e: RtreeEntries, fid: number, env: Envelope): void {
  if (e.count === e.ids.length) {
    const ids = new Float64Array(e.ids.length * 2);
    ids.set(e.ids);
    const boxes = new Float32Array(e.boxes.length * 2);
    boxes.set(e.boxes);
    e.ids = ids;
    e.boxes = boxes;
  }
  e.ids[e.count] = fid;
  rtreeBox(env, e.boxes, 4 * e.count);
  e.count += 1;
}

export function featureWriter(db: Db, spec: FeatureTableSpec): FeatureWriter {
  const names = [GEOM_COLUMN, ...spec.fields.map((f) => f.name)].map(quoteIdent);
  const insert = db.prepare(
    `INSERT INTO ${quoteIdent(spec.name)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  );
  const pending = pendingFor(db, spec.name);
  const srsId = spec.srsId ?? STORE_SRS_ID;
  const total: Envelope = [Infinity, -Infinity, Infinity, -Infinity];
  let n = 0;
  const insertRow = (blob: Uint8Array | null, env: Envelope | null, values: readonly unknown[]): number => {
    const fid = Number(insert.run(blob, ...values.map(toSqlValue)).lastInsertRowid);
    if (env) {
      pushEntry(pending, fid, env);
      total[0] = Math.min(total[0], env[0]);
      total[1] = Math.max(total[1], env[1]);
      total[2] = Math.min(total[2], env[2]);
      total[3] = Math.max(total[3], env[3]);
    }
    n += 1;
    return fid;
  };
  return {
    write: (geometry, values) =>
      insertRow(geometry ? encodeGpkg(geometry, srsId) : null, geometry ? envelopeOf(geometry) : null, values),
    writeBlob: (blob, envelope, values) => insertRow(blob, envelope, values),
    extent: () => (total[0] === Infinity ? null : total),
    count: () => n,
  };
}

function toSqlValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/**
 * Loads the R-tree with what the table's writer wrote, records the extent in gpkg_contents
 * and installs the R-tree maintenance triggers.
 */
export function finishFeatureTable(db: Db, name: string, extent: Envelope | null): void {
  const pending = pendingRtrees.get(db)?.get(name);
  pendingRtrees.get(db)?.delete(name);
  if (pending && pending.count > 0) bulkLoadRtree(db, rtreeName(name), pending);
  db.prepare(
    "UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ?, last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?",
  ).run(extent?.[0] ?? null, extent?.[1] ?? null, extent?.[2] ?? null, extent?.[3] ?? null, name);
  db.exec(rtreeTriggers(name));
}

export function dropFeatureTable(db: Db, name: string): void {
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  db.exec(`DROP TABLE IF EXISTS ${quoteIdent(rtreeName(name))}`);
  db.prepare('DELETE FROM gpkg_extensions WHERE table_name = ?').run(name);
  db.prepare('DELETE FROM gpkg_geometry_columns WHERE table_name = ?').run(name);
  db.prepare('DELETE FROM gpkg_contents WHERE table_name = ?').run(name);
  dropAliases(db, name);
}

export interface StoredFeature {
  fid: number;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface FeatureTableInfo {
  name: string;
  geometryColumn: string;
  geometryType: GeometryType;
  srsId: number;
  fields: FieldDef[];
  primaryKey: string;
}

/** Describes any GeoPackage feature table (ours or GDAL's) from its registrations and schema. */
export function describeFeatureTable(db: Db, name: string): FeatureTableInfo {
  const gc = db
    .prepare('SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?')
    .get(name) as { column_name: string; geometry_type_name: string; srs_id: number } | undefined;
  if (!gc) throw storeError('layer_not_found', { layer: name });
  const cols = db.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as {
    name: string;
    type: string;
    pk: number;
  }[];
  const pk = cols.find((c) => c.pk === 1)?.name ?? 'rowid';
  const fields = cols
    .filter((c) => c.name !== gc.column_name && c.name !== pk)
    .map((c) => ({ name: c.name, type: fieldTypeOfSql(c.type) }));
  const geometryType = normaliseGeometryType(gc.geometry_type_name);
  return { name, geometryColumn: gc.column_name, geometryType, srsId: gc.srs_id, fields, primaryKey: pk };
}

function fieldTypeOfSql(sqlType: string): FieldDef['type'] {
  const t = sqlType.toUpperCase();
  if (/INT/.test(t) && t !== 'POINT') return 'INTEGER';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'REAL';
  if (/BOOL/.test(t)) return 'BOOLEAN';
  return 'TEXT';
}

function normaliseGeometryType(name: string): GeometryType {
  const t = name.toUpperCase();
  const known: GeometryType[] = ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON'];
  return known.find((k) => k === t) ?? 'GEOMETRY';
}

/** Iterates the features of a table in fid order without loading the table into memory. */
export function* iterateFeatures(db: Db, info: FeatureTableInfo): Generator<StoredFeature> {
  const cols = [info.primaryKey, info.geometryColumn, ...info.fields.map((f) => f.name)].map(quoteIdent);
  const stmt = db.prepare(
    `SELECT ${cols.join(', ')} FROM ${quoteIdent(info.name)} ORDER BY ${quoteIdent(info.primaryKey)}`,
  );
  stmt.raw(true);
  for (const row of stmt.iterate() as Iterable<unknown[]>) {
    const blob = row[1];
    const properties: Record<string, unknown> = {};
    info.fields.forEach((f, i) => {
      const v = row[i + 2];
      properties[f.name] = f.type === 'BOOLEAN' && v !== null ? v === 1 : v;
    });
    yield {
      fid: Number(row[0]),
      geometry: blob instanceof Uint8Array ? decodeGpkg(blob) : null,
      properties,
    };
  }
}

export function countFeatures(db: Db, name: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(name)}`).get() as { n: number }).n;
}
