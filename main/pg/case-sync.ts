/**
 * `cim cases sync`: the workspace's cases against a PostGIS server's case tables, so many
 * workstations work one city and no edit is lost. The model is the case packages' (
 * main/cases/package.ts): a three-way merge by UUID and version (main/cases/merge-core.ts)
 * where the base is what this workspace and the server last agreed on (`cim_case_sync`),
 * "ours" the workspace and "theirs" the server. A field changed on one side only goes to
 * the other; changed on both to different values it is a conflict kept pending for a person
 * (the server keeps its value, the workspace its own; neither is pushed until decided).
 *
 * One sync is one server transaction, serialised with every other sync of that schema by an
 * advisory lock, and every server row is written only at the version read (row versions):
 * two syncs at once cannot interleave into a lost update. The workspace is written after
 * the server committed, in one transaction; a sync that dies before the server's commit
 * leaves both sides as they were, one that dies between the two commits leaves the server
 * with what it pushed and the next sync finds it there (ours equal theirs: no conflict).
 *
 * Server tables, in the profile's schema: `cim_cases` (one row per case: the desk's fields,
 * a Point geometry in EPSG:4326 with a GiST index so QGIS reads it, `version`, a change
 * number `rev` and a `deleted` tombstone) and `cim_case_history` (united by its entries).
 * Environment: node.
 */
import type { CaseSyncState, CaseSyncSummary, MergeConflict } from '../../common/contract/cases.js';
import { CimError } from '../../common/errors.js';
import { DELETED_FIELD, MERGE_FIELDS, mergeCase, type CaseValues, type MergeField } from '../cases/merge-core.js';
import {
  insertCase,
  readRaw,
  rowForInsert,
  sqlValue,
  srsOf,
  uniteHistory,
  valuesOf,
  type HistoryRow,
  type RawCase,
} from '../cases/package.js';
import { CASE_FIELDS, CASES_TABLE, CONFLICTS_TABLE, HISTORY_TABLE, PHOTO_MAP_TABLE } from '../cases/schema.js';
import { appendHistory, requireCaseModel } from '../cases/store.js';
import { isoBeijing } from '../cases/time.js';
import { getWorkspaceMeta, setWorkspaceMeta } from '../store/catalog.js';
import type { Db } from '../store/connection.js';
import { quoteIdent } from '../store/feature-table.js';
import { pgError, profileUrl, quotePgIdent, type PgSession } from './connection.js';

/** Per case, what this workspace and the server last agreed on. */
export const SYNC_BASE_TABLE = 'cim_case_sync';
const META_TARGET = 'case_sync_target';
const META_REV = 'case_sync_rev';
const META_HISTORY_PUSHED = 'case_sync_history_pushed';
const META_HISTORY_PULLED = 'case_sync_history_pulled';
const META_LAST = 'case_sync_last_at';

const SERVER_SRID = 4326;
const BATCH = 400;
/** Text columns of the server's case table, besides geometry, overdue and height. */
const TEXT_FIELDS = CASE_FIELDS.map((f) => f.name).filter(
  (n) => !['uuid', 'version', 'overdue', 'height_m'].includes(n),
);

export interface SyncOptions {
  /** Who syncs (the history's actor of a deletion taken from the server). */
  by?: string;
  /** After each stage on the server, before its commit: progress for the UI. */
  progress?: (stage: 'locked' | 'cases' | 'history') => void | Promise<void>;
}

interface Base {
  serverVersion: number;
  localVersion: number | null;
  values: CaseValues;
}

interface ServerCase {
  raw: RawCase;
  version: number;
  deleted: boolean;
}

export function ensureSyncTable(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${SYNC_BASE_TABLE} (
    case_uuid TEXT PRIMARY KEY NOT NULL,
    server_version INTEGER NOT NULL,
    local_version INTEGER,
    base TEXT NOT NULL)`);
}

/** The server and schema a workspace syncs with, as it is recorded (no password). */
export function syncTarget(session: PgSession): string {
  return profileUrl(session.profile);
}

function readBases(db: Db): Map<string, Base> {
  const rows = db.prepare(`SELECT * FROM ${SYNC_BASE_TABLE}`).all() as {
    case_uuid: string;
    server_version: number;
    local_version: number | null;
    base: string;
  }[];
  return new Map(
    rows.map((r) => [
      r.case_uuid,
      { serverVersion: r.server_version, localVersion: r.local_version, values: JSON.parse(r.base) as CaseValues },
    ]),
  );
}

const sameValues = (a: CaseValues, b: CaseValues): boolean =>
  MERGE_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));

/** Cases of this workspace changed since its last sync with `target` (what a sync would push). */
export function syncState(db: Db): CaseSyncState {
  requireCaseModel(db);
  const target = getWorkspaceMeta(db, META_TARGET);
  const synced = db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(SYNC_BASE_TABLE) !== undefined;
  const bases = target && synced ? readBases(db) : new Map<string, Base>();
  const rows = readRaw(db);
  let unsynced = 0;
  const seen = new Set<string>();
  for (const r of rows) {
    seen.add(r.uuid);
    const b = bases.get(r.uuid);
    if (!b || b.localVersion !== r.version || !sameValues(b.values, valuesOf(r))) unsynced++;
  }
  for (const uuid of bases.keys()) if (!seen.has(uuid)) unsynced++;
  const pending = (
    db.prepare(`SELECT count(*) AS n FROM ${CONFLICTS_TABLE} WHERE resolved_at IS NULL`).get() as { n: number }
  ).n;
  return { target, lastSyncAt: getWorkspaceMeta(db, META_LAST), unsynced, pendingConflicts: pending };
}

async function ensureServerTables(session: PgSession, schema: string): Promise<void> {
  const s = quotePgIdent(schema);
  const cols = TEXT_FIELDS.map((n) => `${quotePgIdent(n)} text`).join(', ');
  const { client } = session;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${s}.cim_cases (
    uuid text PRIMARY KEY,
    version bigint NOT NULL,
    rev bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    ${cols},
    overdue boolean,
    height_m double precision,
    geom geometry(Point, ${String(SERVER_SRID)}))`);
  await client.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.cim_cases_rev_seq`);
  await client.query(`CREATE INDEX IF NOT EXISTS cim_cases_rev ON ${s}.cim_cases (rev)`);
  await client.query(`CREATE INDEX IF NOT EXISTS cim_cases_geom_gist ON ${s}.cim_cases USING GIST (geom)`);
  // the desk's time windows (reported_at is ISO 8601 text in Beijing time: it sorts as time)
  await client.query(`CREATE INDEX IF NOT EXISTS cim_cases_reported ON ${s}.cim_cases (reported_at)`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${s}.cim_case_history (
    id bigserial PRIMARY KEY,
    case_uuid text NOT NULL,
    case_id text NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    from_status text,
    to_status text,
    note text)`);
  await client.query(
    `CREATE UNIQUE INDEX IF NOT EXISTS cim_case_history_entry ON ${s}.cim_case_history (case_uuid, at, actor, action, coalesce(note, ''))`,
  );
}

const SERVER_SELECT = (schema: string): string =>
  `SELECT uuid, version::float8 AS version, rev::float8 AS rev, deleted, ${TEXT_FIELDS.map(quotePgIdent).join(', ')},
     overdue, height_m, ST_X(geom) AS _lon, ST_Y(geom) AS _lat FROM ${quotePgIdent(schema)}.cim_cases`;

function toServerCase(r: Record<string, unknown>): ServerCase {
  const raw: Record<string, unknown> = { ...r };
  // the workspace keeps booleans as 0/1: the merge's canonical text must match
  raw.overdue = typeof r.overdue === 'boolean' ? Number(r.overdue) : null;
  raw.version = Number(r.version);
  return { raw: raw as RawCase, version: Number(r.version), deleted: r.deleted === true };
}

/** The server's columns of a case's merged values. */
function serverParams(uuid: string, caseId: string, v: CaseValues, updatedAt: string | null): unknown[] {
  const text = (f: string): unknown => {
    if (f === 'case_id') return caseId;
    if (f === 'updated_at') return updatedAt;
    return v[f] ?? null;
  };
  const m = v.geom ? /^POINT\((\S+) (\S+)\)$/.exec(v.geom) : null;
  if (v.geom && !m) throw new CimError('cases.bad_package', { reason: `geometry ${v.geom}` });
  const overdue = v.overdue === null || v.overdue === undefined ? null : Number(v.overdue) !== 0;
  const height = v.height_m === null || v.height_m === undefined ? null : Number(v.height_m);
  return [uuid, ...TEXT_FIELDS.map(text), overdue, height, m ? Number(m[1]) : null, m ? Number(m[2]) : null];
}

interface Plan {
  uuid: string;
  caseId: string;
  ours: RawCase | null;
  /** Server row to write: values, and the version it must still have (null: insert). */
  push: { values: CaseValues; expect: number | null; deleted: boolean } | null;
  /** Workspace changes. */
  take: Partial<Record<MergeField, string | null>>;
  add: ServerCase | null;
  deleteHere: boolean;
  conflicts: (MergeConflict & { keptRow: string | null })[];
  theirsVersion: number;
  /** The agreed state after the sync (null: forget the base). */
  base: CaseValues | null;
  deletedOnServer: boolean;
}

/**
 * Syncs the workspace's cases with the server. Pushes what changed here, pulls what changed
 * there, keeps conflicts pending in `cim_case_conflicts`. Every fault before the server's
 * commit leaves both the server and the workspace as they were.
 */
export async function syncCases(
  db: Db,
  session: PgSession,
  nowMs: number,
  options: SyncOptions = {},
): Promise<CaseSyncSummary> {
  requireCaseModel(db);
  const srsId = srsOf(db);
  if (srsId !== SERVER_SRID) throw new CimError('cases.sync_crs', { srs: srsId, expected: SERVER_SRID });
  db.transaction(() => ensureSyncTable(db)).immediate();
  const target = syncTarget(session);
  const schema = session.profile.schema;
  const qs = quotePgIdent(schema);
  const at = isoBeijing(nowMs);
  const sameTarget = getWorkspaceMeta(db, META_TARGET) === target;
  const lastRev = sameTarget ? Number(getWorkspaceMeta(db, META_REV) ?? 0) : 0;
  const historyPushedMark = sameTarget ? Number(getWorkspaceMeta(db, META_HISTORY_PUSHED) ?? 0) : 0;
  const historyPulledMark = sameTarget ? Number(getWorkspaceMeta(db, META_HISTORY_PULLED) ?? 0) : 0;
  const { client } = session;
  const packageName = `PostGIS ${session.profile.host}:${String(session.profile.port)}/${session.profile.database}/${schema}`;

  const plans: Plan[] = [];
  let pulledHistory: (HistoryRow & { id: number })[] = [];
  let historyPushed = 0;
  let newRev = lastRev;
  let newHistoryPulled = historyPulledMark;
  let localHistoryMax = historyPushedMark;
  let readVersions = new Map<string, number>();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cim_case_sync/${schema}`]);
    await ensureServerTables(session, schema);
    await options.progress?.('locked');

    // the workspace as it is now (read after the lock: what we merge is what we push)
    const bases = sameTarget ? readBases(db) : new Map<string, Base>();
    const local = new Map(readRaw(db).map((r) => [r.uuid, r]));
    readVersions = new Map([...local].map(([u, r]) => [u, r.version]));
    const pending = new Set(
      (
        db.prepare(`SELECT case_uuid, field FROM ${CONFLICTS_TABLE} WHERE resolved_at IS NULL`).all() as {
          case_uuid: string;
          field: string;
        }[]
      ).map((c) => `${c.case_uuid}\u0000${c.field}`),
    );
    const changedHere = new Set<string>();
    for (const [uuid, r] of local) {
      const b = bases.get(uuid);
      if (!b || b.localVersion !== r.version || !sameValues(b.values, valuesOf(r))) changedHere.add(uuid);
    }
    for (const uuid of bases.keys()) if (!local.has(uuid)) changedHere.add(uuid);

    // the server: every case changed since our last sync, and those we changed
    const server = new Map<string, ServerCase>();
    for (const r of (await client.query(`${SERVER_SELECT(schema)} WHERE rev > $1`, [lastRev])).rows) {
      const s = toServerCase(r as Record<string, unknown>);
      server.set(s.raw.uuid, s);
    }
    const ask = [...changedHere].filter((u) => !server.has(u));
    for (let i = 0; i < ask.length; i += 5000) {
      const some = ask.slice(i, i + 5000);
      for (const r of (await client.query(`${SERVER_SELECT(schema)} WHERE uuid = ANY($1)`, [some])).rows) {
        const s = toServerCase(r as Record<string, unknown>);
        server.set(s.raw.uuid, s);
      }
    }

    for (const uuid of [...new Set([...changedHere, ...server.keys()])].sort()) {
      plans.push(planCase(uuid, bases.get(uuid) ?? null, local.get(uuid) ?? null, server.get(uuid) ?? null, pending));
    }

    // write the server: each row only at the version we read
    const toWrite = plans.filter((p) => p.push);
    for (let i = 0; i < toWrite.length; i += BATCH) {
      for (const p of toWrite.slice(i, i + BATCH)) {
        const push = p.push as NonNullable<Plan['push']>;
        const version = Math.max(p.ours?.version ?? 0, p.theirsVersion) + 1;
        const params = serverParams(p.uuid, p.caseId, push.values, p.ours ? (p.ours.updated_at as string | null) : at);
        if (push.expect === null) {
          const cols = ['uuid', ...TEXT_FIELDS, 'overdue', 'height_m'];
          const ph = params.slice(0, cols.length).map((_, k) => `$${String(k + 1)}`);
          const n = cols.length;
          const r = await client.query(
            `INSERT INTO ${qs}.cim_cases (${cols.map(quotePgIdent).join(', ')}, geom, version, rev, deleted)
             VALUES (${ph.join(', ')}, CASE WHEN $${String(n + 1)}::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($${String(n + 1)}, $${String(n + 2)}), ${String(SERVER_SRID)}) END,
                     $${String(n + 3)}, nextval('${qs.replace(/'/g, "''")}.cim_cases_rev_seq'), $${String(n + 4)})
             ON CONFLICT (uuid) DO NOTHING`,
            [...params, version, push.deleted],
          );
          if (r.rowCount !== 1) throw new CimError('cases.sync_stale', { case: p.caseId });
        } else {
          const cols = [...TEXT_FIELDS, 'overdue', 'height_m'];
          const sets = cols.map((c, k) => `${quotePgIdent(c)} = $${String(k + 2)}`);
          const n = cols.length + 1;
          const r = await client.query(
            `UPDATE ${qs}.cim_cases SET ${sets.join(', ')},
               geom = CASE WHEN $${String(n + 1)}::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($${String(n + 1)}, $${String(n + 2)}), ${String(SERVER_SRID)}) END,
               version = $${String(n + 3)}, deleted = $${String(n + 4)}, rev = nextval('${qs.replace(/'/g, "''")}.cim_cases_rev_seq')
             WHERE uuid = $1 AND version = $${String(n + 5)}`,
            [...params, version, push.deleted, push.expect],
          );
          if (r.rowCount !== 1) throw new CimError('cases.sync_stale', { case: p.caseId });
        }
      }
    }
    await options.progress?.('cases');

    // the history: ours that the server lacks, theirs that we lack (united by entry)
    const ourHistory = db
      .prepare(
        `SELECT fid, case_uuid, case_id, seq, at, actor, action, from_status, to_status, note FROM ${HISTORY_TABLE} WHERE fid > ? ORDER BY fid`,
      )
      .all(historyPushedMark) as (HistoryRow & { fid: number })[];
    for (const h of ourHistory) localHistoryMax = Math.max(localHistoryMax, h.fid);
    for (let i = 0; i < ourHistory.length; i += BATCH) {
      const some = ourHistory.slice(i, i + BATCH);
      const params: unknown[] = [];
      const rows = some.map((h) => {
        const b = params.length;
        params.push(h.case_uuid, h.case_id, h.at, h.actor, h.action, h.from_status, h.to_status, h.note);
        return `(${Array.from({ length: 8 }, (_, k) => `$${String(b + k + 1)}`).join(', ')})`;
      });
      const r = await client.query(
        `INSERT INTO ${qs}.cim_case_history (case_uuid, case_id, at, actor, action, from_status, to_status, note)
         VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`,
        params,
      );
      historyPushed += r.rowCount ?? 0;
    }
    pulledHistory = (
      await client.query(
        `SELECT id::float8 AS id, case_uuid, case_id, 0 AS seq, at, actor, action, from_status, to_status, note
         FROM ${qs}.cim_case_history WHERE id > $1 ORDER BY id`,
        [historyPulledMark],
      )
    ).rows as (HistoryRow & { id: number })[];
    for (const h of pulledHistory) newHistoryPulled = Math.max(newHistoryPulled, h.id);
    await options.progress?.('history');

    const rev = await client.query<{ r: number | null }>(`SELECT max(rev)::float8 AS r FROM ${qs}.cim_cases`);
    newRev = rev.rows[0]?.r ?? 0;
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw pgError(err, session.profile);
  }

  // the server has committed: now the workspace, in one transaction
  const summary = db
    .transaction((): CaseSyncSummary => {
      let pushed = 0;
      let pulled = 0;
      let added = 0;
      const conflicts: MergeConflict[] = [];
      const setBase = db.prepare(
        `INSERT OR REPLACE INTO ${SYNC_BASE_TABLE} (case_uuid, server_version, local_version, base) VALUES (?, ?, ?, ?)`,
      );
      const dropBase = db.prepare(`DELETE FROM ${SYNC_BASE_TABLE} WHERE case_uuid = ?`);
      if (!sameTarget) db.exec(`DELETE FROM ${SYNC_BASE_TABLE}`);
      const current = db.prepare(`SELECT fid, version, status FROM ${CASES_TABLE} WHERE uuid = ?`);
      const knownConflict = db.prepare(
        `SELECT resolved_at FROM ${CONFLICTS_TABLE} WHERE case_uuid = ? AND field = ? AND theirs IS ? ORDER BY id DESC LIMIT 1`,
      );
      const supersede = db.prepare(
        `UPDATE ${CONFLICTS_TABLE} SET resolved_at = ? WHERE case_uuid = ? AND field = ? AND resolved_at IS NULL`,
      );
      const insertConflict = db.prepare(
        `INSERT INTO ${CONFLICTS_TABLE} (case_uuid, case_id, field, base, ours, theirs, theirs_version, package, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of plans) {
        if (p.push) pushed++;
        const now = current.get(p.uuid) as { fid: number; version: number; status: string } | undefined;
        // changed here while the server was written: leave it (and its base) to the next sync
        if (now && now.version !== readVersions.get(p.uuid)) continue;
        if (!now && readVersions.has(p.uuid)) continue;
        const moved = p.push !== null || Object.keys(p.take).length > 0;
        // pushed: both sides at the version written; taken only: the server's when it is ahead
        const version = p.push
          ? Math.max(p.ours?.version ?? 0, p.theirsVersion) + 1
          : moved
            ? Math.max((p.ours?.version ?? 0) + 1, p.theirsVersion)
            : (p.ours?.version ?? null);
        let localVersion: number | null = now ? now.version : null;
        if (p.add && !now) {
          insertCase(db, { ...p.add.raw, version: p.add.version }, SERVER_SRID);
          added++;
          localVersion = p.add.version;
        } else if (p.deleteHere && now) {
          db.prepare(`DELETE FROM ${PHOTO_MAP_TABLE} WHERE base_id = ?`).run(now.fid);
          db.prepare(`DELETE FROM ${CASES_TABLE} WHERE fid = ?`).run(now.fid);
          appendHistory(
            db,
            { uuid: p.uuid, case_id: p.caseId },
            { at, actor: options.by ?? packageName, action: '删除', from: now.status, to: null, note: null },
          );
          pulled++;
          localVersion = null;
        } else if (now && moved && version !== null) {
          const fields = Object.entries(p.take) as [MergeField, string | null][];
          const sets = fields.map(([f]) => `${quoteIdent(f)} = ?, `).join('');
          db.prepare(
            `UPDATE ${CASES_TABLE} SET ${sets}version = ?${fields.length ? ', updated_at = ?' : ''} WHERE fid = ?`,
          ).run(
            ...fields.map(([f, v]) => sqlValue(f, v, SERVER_SRID)),
            version,
            ...(fields.length ? [at] : []),
            now.fid,
          );
          if (fields.length) pulled++;
          localVersion = version;
        }
        for (const c of p.conflicts) {
          const known = knownConflict.get(p.uuid, c.field, c.theirs) as { resolved_at: string | null } | undefined;
          if (known?.resolved_at) continue;
          if (!known) {
            supersede.run(at, p.uuid, c.field);
            insertConflict.run(
              p.uuid,
              p.caseId,
              c.field,
              c.keptRow ?? c.base,
              c.ours,
              c.theirs,
              p.theirsVersion,
              packageName,
              at,
            );
          }
          conflicts.push({ case: c.case, uuid: c.uuid, field: c.field, base: c.base, ours: c.ours, theirs: c.theirs });
        }
        if (p.base === null) dropBase.run(p.uuid);
        else {
          const serverVersion = p.push ? Math.max(p.ours?.version ?? 0, p.theirsVersion) + 1 : p.theirsVersion;
          setBase.run(p.uuid, serverVersion, localVersion, JSON.stringify(p.base));
        }
      }
      let historyPulled = 0;
      const byCase = new Map<string, HistoryRow[]>();
      for (const h of pulledHistory) byCase.set(h.case_uuid, [...(byCase.get(h.case_uuid) ?? []), h]);
      for (const [uuid, list] of byCase) {
        const before = countHistory(db, uuid);
        uniteHistory(db, uuid, list[0]?.case_id ?? uuid, list);
        historyPulled += countHistory(db, uuid) - before;
      }
      setWorkspaceMeta(db, META_TARGET, target);
      setWorkspaceMeta(db, META_REV, String(newRev));
      setWorkspaceMeta(db, META_HISTORY_PUSHED, String(localHistoryMax));
      setWorkspaceMeta(db, META_HISTORY_PULLED, String(newHistoryPulled));
      setWorkspaceMeta(db, META_LAST, at);
      const pendingCount = (
        db.prepare(`SELECT count(*) AS n FROM ${CONFLICTS_TABLE} WHERE resolved_at IS NULL`).get() as { n: number }
      ).n;
      return {
        target,
        pushed,
        pulled,
        added,
        historyPushed,
        historyPulled,
        conflicts,
        pending: pendingCount,
        syncedAt: at,
      };
    })
    .immediate();
  return summary;
}

function countHistory(db: Db, uuid: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${HISTORY_TABLE} WHERE case_uuid = ?`).get(uuid) as { n: number }).n;
}

/** What to do with one case: the three-way merge, and what of it goes to the server. */
function planCase(
  uuid: string,
  base: Base | null,
  ours: RawCase | null,
  server: ServerCase | null,
  pending: ReadonlySet<string>,
): Plan {
  const theirs = server && !server.deleted ? server.raw : null;
  const caseId = ours?.case_id ?? theirs?.case_id ?? server?.raw.case_id ?? uuid;
  const theirsVersion = server?.version ?? base?.serverVersion ?? 0;
  const oursValues = ours ? valuesOf(ours) : null;
  const theirsValues = theirs ? valuesOf(theirs) : server ? null : (base?.values ?? null);
  const plan: Plan = {
    uuid,
    caseId,
    ours,
    push: null,
    take: {},
    add: null,
    deleteHere: false,
    conflicts: [],
    theirsVersion,
    base: theirsValues,
    deletedOnServer: server?.deleted === true,
  };
  const held = (f: string): boolean => pending.has(`${uuid}\u0000${f}`);
  // not on the server changed since the last sync: it is there as we agreed (base)
  const serverUnchanged = server === null && base !== null;
  const theirsNow = serverUnchanged ? base.values : theirsValues;
  const edited = {
    ours:
      ours !== null &&
      (base === null || base.localVersion !== ours.version || !sameValues(base.values, valuesOf(ours))),
    theirs: server !== null && (base === null || server.version !== base.serverVersion),
  };
  // a case this workspace never synced, deleted on the server: a person decides
  if (ours && !base && server?.deleted) {
    plan.conflicts.push({
      case: caseId,
      uuid,
      field: DELETED_FIELD,
      base: 'kept',
      ours: 'kept',
      theirs: 'deleted',
      keptRow: null,
    });
    plan.base = null;
    return plan;
  }
  const m = mergeCase(base?.values ?? null, oursValues, theirsNow, edited);
  if (m.kind === 'add' && theirs && server) {
    plan.add = server;
    plan.base = valuesOf(theirs);
    return plan;
  }
  if (m.kind === 'delete') {
    plan.deleteHere = true;
    plan.base = null;
    return plan;
  }
  if (m.kind === 'fields') {
    plan.take = m.take;
    for (const c of m.conflicts) {
      const kept =
        c.field === DELETED_FIELD && c.theirs === 'kept' && theirs ? JSON.stringify(rowForInsert(theirs)) : null;
      plan.conflicts.push({
        case: caseId,
        uuid,
        field: c.field,
        base: c.base,
        ours: c.ours,
        theirs: c.theirs,
        keptRow: kept,
      });
    }
  }
  if (held(DELETED_FIELD) || plan.conflicts.some((c) => c.field === DELETED_FIELD)) return plan;
  // what goes to the server: fields only we changed, unless a conflict on them waits for a person
  if (ours === null) {
    // deleted here, untouched there: the server keeps a tombstone
    if (base && theirsNow && !edited.theirs) {
      plan.push = { values: theirsNow, expect: theirsVersion, deleted: true };
      plan.base = null;
    }
    return plan;
  }
  if (oursValues === null) return plan;
  if (theirsNow === null) {
    // new here (or never on this server): the whole case goes up
    if (server === null && base === null) {
      plan.push = { values: oursValues, expect: null, deleted: false };
      plan.base = oursValues;
    }
    return plan;
  }
  const conflicted = new Set(plan.conflicts.map((c) => c.field));
  const next: Record<string, string | null> = { ...theirsNow };
  let changed = false;
  for (const f of MERGE_FIELDS) {
    const o = oursValues[f] ?? null;
    const t = theirsNow[f] ?? null;
    if (o === t || f in plan.take || conflicted.has(f) || held(f)) continue;
    next[f] = o;
    changed = true;
  }
  plan.base = next;
  if (changed) plan.push = { values: next, expect: theirsVersion, deleted: false };
  return plan;
}
