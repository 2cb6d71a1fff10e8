/**
 * Opening a workspace file: GeoPackage checks, pragmas, SQL functions the R-tree triggers
 * call, and migrations. One writer connection per process plus readers; a write job in a
 * worker thread opens its own writer while holding the job lock (see main/jobs).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { storeError } from '../../common/errors.js';
import { gpkgEnvelope, readGpkgHeader } from './gpkg-geometry.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';

/** 'GPKG' as a 32-bit big-endian integer (GeoPackage 1.2+ application_id). */
export const GPKG_APPLICATION_ID = 0x47504b47;
/** GeoPackage 1.3.0 */
export const GPKG_USER_VERSION = 10300;

export type Db = Database.Database;

/**
 * The ST_ functions the gpkg_rtree_index triggers use (GeoPackage §F.3). GDAL registers
 * the same ones; without them any insert into a feature table fails.
 */
export function registerGpkgFunctions(db: Db): void {
  const env = (blob: unknown, i: 0 | 1 | 2 | 3): number | null => {
    if (!(blob instanceof Uint8Array)) return null;
    const e = gpkgEnvelope(blob);
    return e ? e[i] : null;
  };
  const opts = { deterministic: true };
  db.function('ST_MinX', opts, (b: unknown) => env(b, 0));
  db.function('ST_MaxX', opts, (b: unknown) => env(b, 1));
  db.function('ST_MinY', opts, (b: unknown) => env(b, 2));
  db.function('ST_MaxY', opts, (b: unknown) => env(b, 3));
  db.function('ST_IsEmpty', opts, (b: unknown) => {
    if (!(b instanceof Uint8Array)) return 1;
    return readGpkgHeader(b).empty ? 1 : 0;
  });
}

function applyPragmas(db: Db, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function schemaVersion(db: Db): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='cim_meta'").get();
  if (!hasMeta) return 0;
  const row = db.prepare("SELECT value FROM cim_meta WHERE key='schema_version'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** Brings a workspace to the latest schema, each migration in its own transaction. */
export function migrate(db: Db, target = LATEST_SCHEMA_VERSION): number {
  let current = schemaVersion(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      if (m.version === 1) {
        db.pragma(`application_id = ${GPKG_APPLICATION_ID}`);
        db.pragma(`user_version = ${GPKG_USER_VERSION}`);
        db.exec('CREATE TABLE IF NOT EXISTS cim_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      }
      m.up(db);
      db.prepare("INSERT OR REPLACE INTO cim_meta (key, value) VALUES ('schema_version', ?)").run(String(m.version));
    })();
    current = m.version;
  }
  return current;
}

function looksLikeSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = fs.readSync(fd, head, 0, 16, 0);
    return n === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    fs.closeSync(fd);
  }
}

export interface OpenOptions {
  /** Create the file (and its folder) when missing. */
  create?: boolean;
  readonly?: boolean;
}

/**
 * Opens a workspace. A missing file is created only with `create`; an existing file must be
 * a GeoPackage (SQLite with application_id 'GPKG' or GeoPackage core tables). A GeoPackage
 * written by another tool is adopted: our own tables are added by migration.
 */
export function openWorkspaceDb(file: string, options: OpenOptions = {}): Db {
  const exists = fs.existsSync(file);
  if (!exists && !options.create) throw storeError('not_found', { file });
  if (exists) {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw storeError('not_gpkg', { file, reason: 'directory' });
    if (stat.size > 0 && !looksLikeSqlite(file)) throw storeError('not_gpkg', { file, reason: 'not SQLite' });
    if (stat.size === 0 && !options.create) throw storeError('not_gpkg', { file, reason: 'empty file' });
  } else {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: !options.create });
  } catch (err) {
    throw storeError('open_failed', { file, reason: err instanceof Error ? err.message : String(err) });
  }
  try {
    applyPragmas(db, options.readonly ?? false);
    registerGpkgFunctions(db);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const hasCore = db.prepare("SELECT 1 FROM sqlite_master WHERE name='gpkg_contents'").get() !== undefined;
    const isEmpty = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0;
    if (!isEmpty && appId !== GPKG_APPLICATION_ID && !hasCore) {
      throw storeError('not_gpkg', { file, reason: 'no GeoPackage tables' });
    }
    if (!options.readonly) {
      if (hasCore && schemaVersion(db) === 0) adoptForeignGpkg(db);
      const before = schemaVersion(db);
      migrate(db);
      // Tools that read the file header directly (application_id, user_version) must see
      // a GeoPackage even while we hold the file open in WAL mode.
      if (schemaVersion(db) !== before) db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A GeoPackage from GDAL/QGIS already has the core tables: record migration 1 as done. */
function adoptForeignGpkg(db: Db): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS cim_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    db.prepare("INSERT OR REPLACE INTO cim_meta (key, value) VALUES ('schema_version', '1')").run();
  })();
}
