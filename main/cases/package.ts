/**
 * Offline hand-over: a case package is a GeoPackage with the chosen cases (the same `cases`
 * layer, history and photos, so GDAL, QGIS and `cim cases --workspace P.gpkg` work on it)
 * and, per case, the version and values it left with (`cim_case_package_base`). Merging it
 * back is a three-way merge by UUID and version (./merge-core.ts) in one transaction: what
 * does not conflict is applied, each conflict waits in `cim_case_conflicts` until a person
 * decides it, and history and photos are united. Replaying a package changes nothing.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { MergeConflict, MergeSummary } from '../../common/contract/cases.js';
import { CimError } from '../../common/errors.js';
import { setWorkspaceMeta } from '../store/catalog.js';
import { openWorkspaceDb, registerGpkgFunctions, type Db } from '../store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable, quoteIdent } from '../store/feature-table.js';
import { encodeGpkg } from '../store/gpkg-geometry.js';
import { LATEST_SCHEMA_VERSION } from '../store/migrations/index.js';
import { addLayer } from '../store/catalog.js';
import { DELETED_FIELD, MERGE_FIELDS, mergeCase, type CaseValues, type MergeField } from './merge-core.js';
import { whereOf } from './query.js';
import {
  CASE_FIELDS,
  CASES_TABLE,
  CONFLICTS_TABLE,
  HISTORY_TABLE,
  PHOTO_MAP_TABLE,
  PHOTOS_TABLE,
  ensureCaseModel,
} from './schema.js';
import { appendHistory, requireCaseModel } from './store.js';
import { isoBeijing } from './time.js';

const BASE_TABLE = 'cim_case_package_base';

interface RawCase extends Record<string, unknown> {
  fid: number;
  uuid: string;
  case_id: string;
  version: number;
  _lon: number | null;
  _lat: number | null;
}

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/** The merge's canonical text of a case row. */
function valuesOf(r: RawCase): CaseValues {
  const out: Record<string, string | null> = {};
  for (const f of MERGE_FIELDS) {
    out[f] = f === 'geom' ? (r._lon === null ? null : `POINT(${String(r._lon)} ${String(r._lat)})`) : text(r[f]);
  }
  return out;
}

function readRaw(db: Db, where = '', args: unknown[] = []): RawCase[] {
  return db
    .prepare(`SELECT *, ST_MinX(geom) AS _lon, ST_MinY(geom) AS _lat FROM ${CASES_TABLE} ${where}`)
    .all(...args) as RawCase[];
}

function srsOf(db: Db): number {
  const r = db.prepare('SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?').get(CASES_TABLE) as
    { srs_id: number } | undefined;
  return r?.srs_id ?? 4326;
}

/** SQL value of a field's canonical text. */
function sqlValue(field: MergeField, v: string | null, srsId: number): unknown {
  if (v === null) return null;
  if (field === 'geom') {
    const m = /^POINT\((\S+) (\S+)\)$/.exec(v);
    if (!m) throw new CimError('cases.bad_package', { reason: `geometry ${v}` });
    return encodeGpkg({ type: 'Point', coordinates: [Number(m[1]), Number(m[2])] }, srsId);
  }
  if (field === 'overdue' || field === 'height_m') return Number(v);
  return v;
}

export interface PackageFilter {
  bbox?: [number, number, number, number] | undefined;
  street?: string | undefined;
  dept?: string | undefined;
  assignee?: string | undefined;
}

interface HistoryRow {
  case_uuid: string;
  case_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
}

interface PhotoRow {
  data: Buffer;
  content_type: string;
  case_uuid: string;
  taken_at: string | null;
  note: string | null;
}

/** Writes the package of the cases matching `filter` into `file` (a new GeoPackage). */
export function writePackage(db: Db, file: string, filter: PackageFilter, source: string, nowMs: number): number {
  requireCaseModel(db);
  const w = whereOf(filter, nowMs);
  const rows = readRaw(db, `${w.sql} ORDER BY fid`, w.args);
  const uuids = new Set(rows.map((r) => r.uuid));
  const history = (db.prepare(`SELECT * FROM ${HISTORY_TABLE} ORDER BY case_uuid, seq`).all() as HistoryRow[]).filter(
    (h) => uuids.has(h.case_uuid),
  );
  const photos = (db.prepare(`SELECT * FROM ${PHOTOS_TABLE} ORDER BY id`).all() as PhotoRow[]).filter((p) =>
    uuids.has(p.case_uuid),
  );
  const srsId = srsOf(db);
  const pkg = openWorkspaceDb(file, { create: true });
  try {
    pkg.pragma('journal_mode = DELETE');
    pkg.transaction(() => {
      const spec = {
        name: CASES_TABLE,
        title: '城市管理案件',
        geometryType: 'POINT' as const,
        fields: CASE_FIELDS,
        srsId,
      };
      createFeatureTable(pkg, spec);
      const writer = featureWriter(pkg, spec);
      for (const r of rows) {
        const geom =
          r._lon === null ? null : { type: 'Point' as const, coordinates: [r._lon, r._lat ?? 0] as [number, number] };
        writer.write(
          geom,
          CASE_FIELDS.map((f) => r[f.name]),
        );
      }
      finishFeatureTable(pkg, CASES_TABLE, writer.extent());
      const now = new Date(nowMs).toISOString();
      addLayer(pkg, { name: CASES_TABLE, title: spec.title, sourceCrs: null, sourceFile: source, createdAt: now });
      ensureCaseModel(pkg, now);
      const h = pkg.prepare(
        `INSERT INTO ${HISTORY_TABLE} (case_uuid, case_id, seq, at, actor, action, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const e of history)
        h.run(e.case_uuid, e.case_id, e.seq, e.at, e.actor, e.action, e.from_status, e.to_status, e.note);
      const fidOf = new Map(
        (pkg.prepare(`SELECT fid, uuid FROM ${CASES_TABLE}`).all() as { fid: number; uuid: string }[]).map((r) => [
          r.uuid,
          r.fid,
        ]),
      );
      const p = pkg.prepare(
        `INSERT INTO ${PHOTOS_TABLE} (data, content_type, case_uuid, taken_at, note) VALUES (?, ?, ?, ?, ?)`,
      );
      const m = pkg.prepare(`INSERT INTO ${PHOTO_MAP_TABLE} (base_id, related_id) VALUES (?, ?)`);
      for (const ph of photos) {
        const id = p.run(ph.data, ph.content_type, ph.case_uuid, ph.taken_at, ph.note).lastInsertRowid;
        m.run(fidOf.get(ph.case_uuid), id);
      }
      pkg.exec(
        `CREATE TABLE ${BASE_TABLE} (case_uuid TEXT PRIMARY KEY, case_id TEXT NOT NULL, base_version INTEGER NOT NULL, base TEXT NOT NULL)`,
      );
      const b = pkg.prepare(`INSERT INTO ${BASE_TABLE} (case_uuid, case_id, base_version, base) VALUES (?, ?, ?, ?)`);
      for (const r of rows) b.run(r.uuid, r.case_id, r.version, JSON.stringify(valuesOf(r)));
      setWorkspaceMeta(pkg, 'case_package_source', source);
      setWorkspaceMeta(pkg, 'case_package_exported_at', isoBeijing(nowMs));
    })();
  } finally {
    pkg.close();
  }
  return rows.length;
}

interface PackageContents {
  name: string;
  rows: Map<string, RawCase>;
  base: Map<string, { caseId: string; version: number; values: CaseValues }>;
  history: HistoryRow[];
  photos: PhotoRow[];
}

/** Reads a package without changing it; refuses one that is damaged or of another schema. */
export function readPackage(file: string): PackageContents {
  let pkg: Database.Database;
  try {
    pkg = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CimError('cases.bad_package', { file, reason: err instanceof Error ? err.message : String(err) });
  }
  try {
    registerGpkgFunctions(pkg);
    let check: string;
    try {
      check = (pkg.prepare('PRAGMA quick_check').get() as { quick_check: string }).quick_check;
    } catch (err) {
      throw new CimError('cases.bad_package', { file, reason: err instanceof Error ? err.message : String(err) });
    }
    if (check !== 'ok') throw new CimError('cases.bad_package', { file, reason: check });
    const has = (t: string): boolean => pkg.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(t) !== undefined;
    if (!has(BASE_TABLE) || !has('cim_meta')) throw new CimError('cases.not_a_package', { file });
    const version = Number(
      (pkg.prepare("SELECT value FROM cim_meta WHERE key = 'schema_version'").get() as { value: string } | undefined)
        ?.value,
    );
    if (version !== LATEST_SCHEMA_VERSION) {
      throw new CimError('cases.package_schema', { file, package: version, workspace: LATEST_SCHEMA_VERSION });
    }
    const rows = new Map(readRaw(pkg).map((r) => [r.uuid, r]));
    const base = new Map(
      (
        pkg.prepare(`SELECT * FROM ${BASE_TABLE}`).all() as {
          case_uuid: string;
          case_id: string;
          base_version: number;
          base: string;
        }[]
      ).map((b) => [
        b.case_uuid,
        { caseId: b.case_id, version: b.base_version, values: JSON.parse(b.base) as CaseValues },
      ]),
    );
    const history = pkg.prepare(`SELECT * FROM ${HISTORY_TABLE} ORDER BY case_uuid, seq`).all() as HistoryRow[];
    const photos = pkg.prepare(`SELECT * FROM ${PHOTOS_TABLE} ORDER BY id`).all() as PhotoRow[];
    return { name: file, rows, base, history, photos };
  } catch (err) {
    if (err instanceof CimError) throw err;
    throw new CimError('cases.bad_package', { file, reason: err instanceof Error ? err.message : String(err) });
  } finally {
    pkg.close();
  }
}

const historyKey = (h: { at: string; actor: string; action: string; note: string | null }): string =>
  `${h.at}\u0000${h.actor}\u0000${h.action}\u0000${h.note ?? ''}`;
const photoKey = (p: PhotoRow): string => createHash('sha1').update(p.data).digest('hex');

/** Merges a package into the workspace; runs inside the caller's transaction. */
export function mergePackage(db: Db, pkg: PackageContents, packageName: string, nowMs: number): MergeSummary {
  requireCaseModel(db);
  const srsId = srsOf(db);
  const at = isoBeijing(nowMs);
  const summary: MergeSummary = { applied: 0, added: 0, unchanged: 0, conflicts: [] };
  const uuids = new Set([...pkg.rows.keys(), ...pkg.base.keys()]);
  const oursOf = db.prepare(
    `SELECT *, ST_MinX(geom) AS _lon, ST_MinY(geom) AS _lat FROM ${CASES_TABLE} WHERE uuid = ?`,
  );
  const knownConflict = db.prepare(
    `SELECT resolved_at FROM ${CONFLICTS_TABLE} WHERE case_uuid = ? AND field = ? AND theirs IS ? ORDER BY id DESC LIMIT 1`,
  );
  const insertConflict = db.prepare(
    `INSERT INTO ${CONFLICTS_TABLE} (case_uuid, case_id, field, base, ours, theirs, theirs_version, package, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const historyByCase = new Map<string, HistoryRow[]>();
  for (const h of pkg.history) historyByCase.set(h.case_uuid, [...(historyByCase.get(h.case_uuid) ?? []), h]);
  for (const uuid of [...uuids].sort()) {
    const theirsRow = pkg.rows.get(uuid) ?? null;
    const base = pkg.base.get(uuid) ?? null;
    const oursRow = (oursOf.get(uuid) as RawCase | undefined) ?? null;
    const caseId = theirsRow?.case_id ?? oursRow?.case_id ?? base?.caseId ?? uuid;
    const m = mergeCase(
      base?.values ?? null,
      oursRow ? valuesOf(oursRow) : null,
      theirsRow ? valuesOf(theirsRow) : null,
      {
        ours: oursRow !== null && base !== null && oursRow.version !== base.version,
        theirs: theirsRow !== null && base !== null && theirsRow.version !== base.version,
      },
    );
    let changed = false;
    let conflicted = false;
    if (m.kind === 'add' && theirsRow) {
      insertCase(db, theirsRow, srsId);
      summary.added++;
      changed = true;
    } else if (m.kind === 'delete' && oursRow) {
      db.prepare(`DELETE FROM ${PHOTO_MAP_TABLE} WHERE base_id = ?`).run(oursRow.fid);
      db.prepare(`DELETE FROM ${CASES_TABLE} WHERE fid = ?`).run(oursRow.fid);
      appendHistory(
        db,
        { uuid, case_id: caseId },
        { at, actor: packageName, action: '删除', from: String(oursRow.status), to: null, note: null },
      );
      changed = true;
    } else if (m.kind === 'fields') {
      const fields = Object.entries(m.take) as [MergeField, string | null][];
      if (fields.length > 0 && oursRow) {
        const sets = fields.map(([f]) => `${quoteIdent(f)} = ?`).join(', ');
        db.prepare(
          `UPDATE ${CASES_TABLE} SET ${sets}, version = max(version, ?) + 1, updated_at = ? WHERE fid = ?`,
        ).run(...fields.map(([f, v]) => sqlValue(f, v, srsId)), theirsRow?.version ?? 0, at, oursRow.fid);
        changed = true;
      }
      for (const c of m.conflicts) {
        const known = knownConflict.get(uuid, c.field, c.theirs) as { resolved_at: string | null } | undefined;
        if (known?.resolved_at) continue; // decided before: a replay does not ask again
        // a case they kept and we deleted: the conflict keeps their row, to restore it if so decided
        const kept = c.field === DELETED_FIELD && c.theirs === 'kept' && theirsRow;
        if (!known) {
          insertConflict.run(
            uuid,
            caseId,
            c.field,
            kept ? JSON.stringify(rowForInsert(theirsRow)) : c.base,
            c.ours,
            c.theirs,
            theirsRow?.version ?? 0,
            packageName,
            at,
          );
        }
        summary.conflicts.push({ case: caseId, uuid, field: c.field, base: c.base, ours: c.ours, theirs: c.theirs });
        conflicted = true;
      }
    }
    // history and photos are united whatever the fields did (a deleted case keeps its history)
    if (uniteHistory(db, uuid, caseId, historyByCase.get(uuid) ?? [])) changed = true;
    if (unitePhotos(db, uuid, pkg.photos)) changed = true;
    if (changed && m.kind !== 'add') summary.applied++;
    else if (!changed && !conflicted) summary.unchanged++;
  }
  return summary;
}

function rowForInsert(r: RawCase): Record<string, unknown> {
  const out: Record<string, unknown> = { _lon: r._lon, _lat: r._lat };
  for (const f of CASE_FIELDS) out[f.name] = r[f.name];
  return out;
}

function insertCase(db: Db, r: Record<string, unknown>, srsId: number): void {
  const names = ['geom', ...CASE_FIELDS.map((f) => f.name)];
  const lon = r._lon as number | null;
  const geom = lon === null ? null : encodeGpkg({ type: 'Point', coordinates: [lon, r._lat as number] }, srsId);
  db.prepare(
    `INSERT INTO ${CASES_TABLE} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
  ).run(geom, ...CASE_FIELDS.map((f) => (r[f.name] ?? null) as unknown));
}

function uniteHistory(db: Db, uuid: string, caseId: string, theirs: readonly HistoryRow[]): boolean {
  if (theirs.length === 0) return false;
  const ours = new Set(
    (
      db.prepare(`SELECT at, actor, action, note FROM ${HISTORY_TABLE} WHERE case_uuid = ?`).all(uuid) as HistoryRow[]
    ).map(historyKey),
  );
  let added = false;
  for (const h of theirs) {
    if (ours.has(historyKey(h))) continue;
    appendHistory(
      db,
      { uuid, case_id: caseId },
      { at: h.at, actor: h.actor, action: h.action, from: h.from_status, to: h.to_status, note: h.note },
    );
    ours.add(historyKey(h));
    added = true;
  }
  return added;
}

function unitePhotos(db: Db, uuid: string, all: readonly PhotoRow[]): boolean {
  const theirs = all.filter((p) => p.case_uuid === uuid);
  if (theirs.length === 0) return false;
  const fid = (db.prepare(`SELECT fid FROM ${CASES_TABLE} WHERE uuid = ?`).get(uuid) as { fid: number } | undefined)
    ?.fid;
  const ours = new Set(
    (db.prepare(`SELECT data FROM ${PHOTOS_TABLE} WHERE case_uuid = ?`).all(uuid) as PhotoRow[]).map(photoKey),
  );
  let added = false;
  for (const p of theirs) {
    if (ours.has(photoKey(p))) continue;
    const id = db
      .prepare(`INSERT INTO ${PHOTOS_TABLE} (data, content_type, case_uuid, taken_at, note) VALUES (?, ?, ?, ?, ?)`)
      .run(p.data, p.content_type, uuid, p.taken_at, p.note).lastInsertRowid;
    if (fid !== undefined)
      db.prepare(`INSERT INTO ${PHOTO_MAP_TABLE} (base_id, related_id) VALUES (?, ?)`).run(fid, id);
    ours.add(photoKey(p));
    added = true;
  }
  return added;
}

interface ConflictRow {
  id: number;
  case_uuid: string;
  case_id: string;
  field: string;
  base: string | null;
  ours: string | null;
  theirs: string | null;
  theirs_version: number;
}

const toConflict = (c: ConflictRow): MergeConflict => ({
  case: c.case_id,
  uuid: c.case_uuid,
  field: c.field,
  base: c.field === DELETED_FIELD ? 'kept' : c.base,
  ours: c.ours,
  theirs: c.theirs,
});

export function pendingConflicts(db: Db): MergeConflict[] {
  return (
    db
      .prepare(`SELECT * FROM ${CONFLICTS_TABLE} WHERE resolved_at IS NULL ORDER BY case_id, field`)
      .all() as ConflictRow[]
  ).map(toConflict);
}

/** Decides a pending conflict: `ours` keeps the workspace's value, `theirs` takes the package's. */
export function resolveConflict(
  db: Db,
  caseRef: string,
  field: string,
  take: 'ours' | 'theirs',
  by: string,
  nowMs: number,
): { resolved: MergeConflict; remaining: number } {
  const c = db
    .prepare(
      `SELECT * FROM ${CONFLICTS_TABLE} WHERE (case_id = ? OR case_uuid = ?) AND field = ? AND resolved_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get(caseRef, caseRef, field) as ConflictRow | undefined;
  if (!c) throw new CimError('cases.no_conflict', { case: caseRef, field });
  const at = isoBeijing(nowMs);
  const srsId = srsOf(db);
  const ours = db.prepare(`SELECT fid, status FROM ${CASES_TABLE} WHERE uuid = ?`).get(c.case_uuid) as
    { fid: number; status: string } | undefined;
  if (take === 'theirs') {
    if (c.field === DELETED_FIELD) {
      if (c.theirs === 'deleted' && ours) {
        db.prepare(`DELETE FROM ${PHOTO_MAP_TABLE} WHERE base_id = ?`).run(ours.fid);
        db.prepare(`DELETE FROM ${CASES_TABLE} WHERE fid = ?`).run(ours.fid);
      } else if (c.theirs === 'kept' && !ours && c.base) {
        insertCase(db, JSON.parse(c.base) as Record<string, unknown>, srsId);
      }
    } else if (ours) {
      if (!(MERGE_FIELDS as readonly string[]).includes(c.field))
        throw new CimError('cases.no_conflict', { case: caseRef, field });
      db.prepare(
        `UPDATE ${CASES_TABLE} SET ${quoteIdent(c.field)} = ?, version = max(version, ?) + 1, updated_at = ? WHERE fid = ?`,
      ).run(sqlValue(c.field as MergeField, c.theirs, srsId), c.theirs_version, at, ours.fid);
    }
  }
  db.prepare(`UPDATE ${CONFLICTS_TABLE} SET resolved_at = ?, take = ? WHERE id = ?`).run(at, take, c.id);
  appendHistory(
    db,
    { uuid: c.case_uuid, case_id: c.case_id },
    {
      at,
      actor: by,
      action: '合并',
      from: ours?.status ?? null,
      to: ours?.status ?? null,
      note: `${c.field}: ${take === 'ours' ? '保留本地' : '采用外业包'}`,
    },
  );
  const remaining = (
    db.prepare(`SELECT count(*) AS n FROM ${CONFLICTS_TABLE} WHERE resolved_at IS NULL`).get() as { n: number }
  ).n;
  return { resolved: toConflict(c), remaining };
}
