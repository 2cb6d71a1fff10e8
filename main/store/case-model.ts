/**
 * The case model's tables (main/cases works them). The `cases` point layer stays a plain GeoPackage feature table
 * (GDAL and QGIS read it as before) with columns added for the case desk: a UUID and a
 * version (the three-way merge of case packages keys on them), the assignee, the check
 * result and the height above ground. Beside it: the history (who, when, from, to, note),
 * the merge conflicts waiting for a person, and the photos as an OGC GeoPackage Related
 * Tables media table (OGC 18-000: `gpkgext_relations`, a media table and a mapping table),
 * so QGIS shows a case's photos too. Every function runs inside the caller's transaction.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { FieldDef } from '../../common/contract/index.js';

// this module imports nothing of the store: migration 005 uses it (no import cycle)
type Db = Database;
const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
function tableExists(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM sqlite_master WHERE lower(name) = lower(?)').get(name) !== undefined;
}

export const CASES_TABLE = 'cases';
export const HISTORY_TABLE = 'cim_case_history';
export const CONFLICTS_TABLE = 'cim_case_conflicts';
export const PHOTOS_TABLE = 'case_photos';
export const PHOTO_MAP_TABLE = 'cases_case_photos';

const T = (name: string): FieldDef => ({ name, type: 'TEXT' });

/** The fields the demo city's `cases` layer has (seeds/write/layers-infra.ts). */
export const BASE_CASE_FIELDS: readonly FieldDef[] = [
  T('case_id'),
  T('type'),
  T('dl_code'),
  T('dl_name'),
  T('xl_code'),
  T('xl_name'),
  T('description'),
  T('address'),
  T('reported_at'),
  T('status'),
  T('source'),
  T('street'),
  T('community'),
  T('dept'),
  T('deadline_at'),
  T('closed_at'),
  { name: 'overdue', type: 'BOOLEAN' },
];

/** The case desk's columns, added to a `cases` layer that lacks them. */
const DESK_CASE_FIELDS: readonly FieldDef[] = [
  T('uuid'),
  { name: 'version', type: 'INTEGER' },
  T('assignee'),
  { name: 'height_m', type: 'REAL' },
  T('check_result'),
  T('updated_at'),
];

export const CASE_FIELDS: readonly FieldDef[] = [...BASE_CASE_FIELDS, ...DESK_CASE_FIELDS];

/** A stable UUID for a case that came without one: name-based (RFC 9562 v5 layout) from its number. */
export function uuidForCaseId(caseId: string): string {
  const h = createHash('sha1').update('cim-workstation/cases/').update(caseId).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function registerAttributes(db: Db, table: string, description: string): void {
  db.prepare(
    "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
  ).run(table, table, description);
}

/** History and conflict tables (registered for GDAL once the workspace has cases). */
export function createCaseSideTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
      fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
      case_uuid TEXT NOT NULL,
      case_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      from_status TEXT,
      to_status TEXT,
      note TEXT,
      UNIQUE (case_uuid, seq));
    CREATE TABLE IF NOT EXISTS ${CONFLICTS_TABLE} (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      case_uuid TEXT NOT NULL,
      case_id TEXT NOT NULL,
      field TEXT NOT NULL,
      base TEXT,
      ours TEXT,
      theirs TEXT,
      theirs_version INTEGER NOT NULL,
      package TEXT NOT NULL,
      created_at TEXT NOT NULL,
      resolved_at TEXT,
      take TEXT CHECK (take IN ('ours', 'theirs')));
  `);
}

/** The OGC Related Tables media table of case photos and its mapping from `cases`. */
function createPhotoTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS gpkgext_relations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      base_table_name TEXT NOT NULL,
      base_primary_column TEXT NOT NULL DEFAULT 'id',
      related_table_name TEXT NOT NULL,
      related_primary_column TEXT NOT NULL DEFAULT 'id',
      relation_name TEXT NOT NULL,
      mapping_table_name TEXT NOT NULL UNIQUE);
    CREATE TABLE IF NOT EXISTS ${PHOTOS_TABLE} (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      data BLOB NOT NULL,
      content_type TEXT NOT NULL,
      case_uuid TEXT NOT NULL,
      taken_at TEXT,
      note TEXT);
    CREATE TABLE IF NOT EXISTS ${PHOTO_MAP_TABLE} (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      base_id INTEGER NOT NULL,
      related_id INTEGER NOT NULL);
  `);
  registerAttributes(db, PHOTOS_TABLE, '城市管理案件照片');
  registerAttributes(db, PHOTO_MAP_TABLE, '案件与照片的关联');
  const ext = db.prepare(
    "INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES (?, NULL, 'related_tables', 'http://docs.opengeospatial.org/is/18-000/18-000.html', 'read-write')",
  );
  ext.run('gpkgext_relations');
  ext.run(PHOTO_MAP_TABLE);
  const has = db.prepare('SELECT 1 FROM gpkgext_relations WHERE mapping_table_name = ?').get(PHOTO_MAP_TABLE);
  if (!has) {
    db.prepare(
      "INSERT INTO gpkgext_relations (base_table_name, base_primary_column, related_table_name, related_primary_column, relation_name, mapping_table_name) VALUES (?, 'fid', ?, 'id', 'media', ?)",
    ).run(CASES_TABLE, PHOTOS_TABLE, PHOTO_MAP_TABLE);
  }
}

function columnsOf(db: Db, table: string): Set<string> {
  return new Set(
    (db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string }[]).map((c) => c.name),
  );
}

/** Whether the workspace has a `cases` layer the desk can work (its columns are there). */
export function hasCaseModel(db: Db): boolean {
  if (!tableExists(db, CASES_TABLE) || !tableExists(db, PHOTOS_TABLE)) return false;
  const cols = columnsOf(db, CASES_TABLE);
  return CASE_FIELDS.every((f) => cols.has(f.name));
}

/**
 * Brings an existing `cases` layer to the desk's model: adds the missing columns, gives each
 * case a UUID and version 1, fills the history from `case_events` (the demo city's flow
 * records) when it is empty, and adds the photo tables. Idempotent.
 */
export function upgradeCaseLayer(db: Db): void {
  createCaseSideTables(db);
  const cols = columnsOf(db, CASES_TABLE);
  for (const f of DESK_CASE_FIELDS) {
    if (!cols.has(f.name)) db.exec(`ALTER TABLE ${CASES_TABLE} ADD COLUMN ${quoteIdent(f.name)} ${f.type}`);
  }
  backfill(db);
  finishCaseModel(db);
}

/** Indexes, the history's registration and the photo tables (after the layer exists). */
export function finishCaseModel(db: Db): void {
  db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS cases_uuid ON ${CASES_TABLE} (uuid)`);
  db.exec(`CREATE INDEX IF NOT EXISTS cases_case_id ON ${CASES_TABLE} (case_id)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${HISTORY_TABLE}_case ON ${HISTORY_TABLE} (case_uuid, seq)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${CONFLICTS_TABLE}_case ON ${CONFLICTS_TABLE} (case_uuid, field)`);
  registerAttributes(db, HISTORY_TABLE, '城市管理案件处理历史');
  createPhotoTables(db);
}

function backfill(db: Db): void {
  const missing = db.prepare(`SELECT fid, case_id FROM ${CASES_TABLE} WHERE uuid IS NULL`).all() as {
    fid: number;
    case_id: string | null;
  }[];
  const set = db.prepare(
    `UPDATE ${CASES_TABLE} SET uuid = ?, version = 1, updated_at = reported_at,
       assignee = CASE WHEN status IN ('派遣', '处置', '核查', '结案') THEN coalesce(assignee, dept) ELSE assignee END,
       check_result = CASE WHEN status IN ('核查', '结案') THEN coalesce(check_result, 'pass') ELSE check_result END
     WHERE fid = ?`,
  );
  for (const m of missing) set.run(uuidForCaseId(m.case_id ?? `fid-${String(m.fid)}`), m.fid);
  db.exec(`UPDATE ${CASES_TABLE} SET version = 1 WHERE version IS NULL`);
  const empty = (db.prepare(`SELECT count(*) AS n FROM ${HISTORY_TABLE}`).get() as { n: number }).n === 0;
  if (empty && tableExists(db, 'case_events')) {
    // the flow records carry the step reached; the history also says from where
    const to = "CASE WHEN e.step = '返工' THEN '处置' ELSE e.step END";
    db.exec(
      `INSERT INTO ${HISTORY_TABLE} (case_uuid, case_id, seq, at, actor, action, from_status, to_status, note)
       SELECT c.uuid, e.case_id, e.seq, e.at, e.actor, e.step,
         lag(${to}) OVER (PARTITION BY e.case_id ORDER BY e.seq), ${to}, NULL
       FROM case_events e JOIN ${CASES_TABLE} c ON c.case_id = e.case_id`,
    );
  }
}
