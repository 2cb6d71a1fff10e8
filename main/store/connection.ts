/**
 * Opening a workspace file: GeoPackage checks, pragmas, SQL functions the R-tree triggers
 * call, and migrations. One writer connection per process plus readers; a write job in a
 * worker thread opens its own writer while holding the job lock (see main/jobs). The file is
 * only ever opened by SQLite, never by `fs` (./files.ts says why).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CimError, storeError } from '../../common/errors.js';
import { ensureFolder } from './files.js';
import { gpkgEnvelope, readGpkgHeader } from './gpkg-geometry.js';
import { journalModeFor, type JournalEnv, type JournalMode } from './journal-mode.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.js';
import { fromSqliteError, MAIN_BUSY_TIMEOUT_MS } from './sqlite-errors.js';

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

function applyPragmas(db: Db, file: string, readonly: boolean, env: JournalEnv | undefined): void {
  if (!readonly) setJournalMode(db, file, journalModeFor(file, env).mode);
  db.pragma('foreign_keys = ON');
}

/**
 * Switches the journal when the file has another one. Switching needs the file to ourselves:
 * when another connection holds it, it keeps its journal (the workspace info says which).
 */
function setJournalMode(db: Db, file: string, mode: JournalMode): void {
  if (journalModeOf(db) === mode) return;
  try {
    db.pragma(`journal_mode = ${mode}`);
  } catch (err) {
    const mapped = fromSqliteError(err, file);
    if (!(mapped instanceof CimError && mapped.code === 'store.busy')) throw mapped;
  }
}

/** The journal the connection uses now: `wal`, or `delete` (rollback journal) on network drives. */
export function journalModeOf(db: Db): JournalMode {
  return String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal' ? 'wal' : 'delete';
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

interface Probe {
  appId: number;
  hasCore: boolean;
  isEmpty: boolean;
}

/**
 * Reads what makes a file a GeoPackage through SQLite itself, on a read-only connection that
 * changes nothing (no journal switch, no migration). Never with `fs`: see ./files.ts.
 */
function probe(file: string, timeout: number): Probe {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout });
    return {
      appId: db.pragma('application_id', { simple: true }) as number,
      hasCore: db.prepare("SELECT 1 FROM sqlite_master WHERE name='gpkg_contents'").get() !== undefined,
      isEmpty: (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0,
    };
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_NOTADB') {
      throw storeError('not_gpkg', { file, reason: 'not SQLite' });
    }
    throw storeError('open_failed', { file, reason: err instanceof Error ? err.message : String(err) });
  } finally {
    db?.close();
  }
}

export interface OpenOptions {
  /** Create the file (and its folder) when missing. */
  create?: boolean;
  readonly?: boolean;
  /** How long to wait for another connection's lock (SQLite's busy handler retries meanwhile). */
  busyTimeoutMs?: number;
  /** Tests: the platform, `CIM_JOURNAL_MODE` and statfs the journal choice sees. */
  journalEnv?: JournalEnv;
}

/**
 * Opens a workspace. A missing file is created only with `create`; an existing file must be
 * a GeoPackage (SQLite with application_id 'GPKG' or GeoPackage core tables). A GeoPackage
 * written by another tool is adopted: our own tables are added by migration. WAL on a local
 * disk, a rollback journal on a network file system (./journal-mode.ts).
 */
export function openWorkspaceDb(file: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  const timeout = options.busyTimeoutMs ?? MAIN_BUSY_TIMEOUT_MS;
  const stat = statOf(file);
  if (!stat && !options.create) throw storeError('not_found', { file });
  if (stat) {
    if (stat.isDirectory()) throw storeError('not_gpkg', { file, reason: 'directory' });
    if (stat.size === 0 && !options.create) throw storeError('not_gpkg', { file, reason: 'empty file' });
    if (stat.size > 0) {
      const p = probe(file, timeout);
      if (!p.isEmpty && p.appId !== GPKG_APPLICATION_ID && !p.hasCore) {
        throw storeError('not_gpkg', { file, reason: 'no GeoPackage tables' });
      }
    }
  } else {
    ensureFolder(path.dirname(path.resolve(file)), file);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly, fileMustExist: !options.create, timeout });
  } catch (err) {
    throw storeError('open_failed', { file, reason: err instanceof Error ? err.message : String(err) });
  }
  try {
    applyPragmas(db, file, readonly, options.journalEnv);
    registerGpkgFunctions(db);
    if (!readonly) {
      const hasCore = db.prepare("SELECT 1 FROM sqlite_master WHERE name='gpkg_contents'").get() !== undefined;
      if (hasCore && schemaVersion(db) === 0) adoptForeignGpkg(db);
      const before = schemaVersion(db);
      migrate(db);
      // Tools that read the file header directly (application_id, user_version) must see
      // a GeoPackage even while we hold the file open in WAL mode.
      if (schemaVersion(db) !== before && journalModeOf(db) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return db;
  } catch (err) {
    db.close();
    throw fromSqliteError(err, file, timeout);
  }
}

/** stat (no descriptor is opened); null when there is nothing at `file`. */
function statOf(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : null;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
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
