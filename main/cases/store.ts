/**
 * Reading and writing cases: rows of the `cases` layer as the desk's `CaseRow`, their history
 * and photos, and the workflow actions. A write runs inside the caller's transaction, so an
 * action refused by the workflow (layers/case-workflow.ts) changes nothing.
 */
import type { CaseCreate, CaseHistoryEntry, CasePhoto, CaseRow } from '../../common/contract/cases.js';
import { CimError } from '../../common/errors.js';
import { caseCategory } from '../../layers/cases.js';
import { decide, type CaseAction, type CaseState, type CheckResult } from '../../layers/case-workflow.js';
import type { Db } from '../store/connection.js';
import { encodeGpkg } from '../store/gpkg-geometry.js';
import { CASES_TABLE, HISTORY_TABLE, PHOTO_MAP_TABLE, PHOTOS_TABLE, ensureCaseModel, hasCaseModel } from './schema.js';
import { caseMs, isoBeijing } from './time.js';

export interface StoredCase {
  fid: number;
  uuid: string;
  version: number;
  case_id: string;
  type: string;
  dl_code: string;
  dl_name: string;
  xl_code: string;
  xl_name: string;
  description: string | null;
  address: string | null;
  reported_at: string;
  status: string;
  source: string | null;
  street: string | null;
  community: string | null;
  dept: string | null;
  assignee: string | null;
  deadline_at: string | null;
  closed_at: string | null;
  overdue: number | null;
  height_m: number | null;
  check_result: string | null;
  updated_at: string | null;
  lon: number;
  lat: number;
}

export const CASE_SELECT = `SELECT fid, uuid, version, case_id, type, dl_code, dl_name, xl_code, xl_name, description,
  address, reported_at, status, source, street, community, dept, assignee, deadline_at, closed_at, overdue, height_m,
  check_result, updated_at, ST_MinX(geom) AS lon, ST_MinY(geom) AS lat FROM ${CASES_TABLE}`;

export function toCaseRow(r: StoredCase): CaseRow {
  return {
    fid: r.fid,
    uuid: r.uuid,
    version: r.version,
    caseId: r.case_id,
    kind: r.type,
    majorCode: r.dl_code,
    majorName: r.dl_name,
    categoryCode: r.xl_code,
    categoryName: r.xl_name,
    description: r.description ?? '',
    address: r.address ?? '',
    reportedAt: r.reported_at,
    status: r.status,
    source: r.source ?? '',
    street: r.street ?? '',
    community: r.community ?? '',
    dept: r.dept ?? '',
    assignee: r.assignee,
    deadlineAt: r.deadline_at,
    closedAt: r.closed_at,
    overdue: r.overdue === 1,
    heightM: r.height_m,
    checkResult: r.check_result,
    updatedAt: r.updated_at,
    lon: r.lon,
    lat: r.lat,
  };
}

/** Refuses work on a workspace without a case layer the desk can use. */
export function requireCaseModel(db: Db): void {
  if (!hasCaseModel(db)) throw new CimError('cases.no_cases', {});
}

export function findCase(db: Db, caseId: string): StoredCase | undefined {
  return db.prepare(`${CASE_SELECT} WHERE case_id = ? OR uuid = ?`).get(caseId, caseId) as StoredCase | undefined;
}

export function getCase(db: Db, caseId: string): StoredCase {
  requireCaseModel(db);
  const c = findCase(db, caseId);
  if (!c) throw new CimError('cases.not_found', { case: caseId });
  return c;
}

export function historyOf(db: Db, uuid: string): CaseHistoryEntry[] {
  return (
    db
      .prepare(
        `SELECT seq, at, actor, action, from_status, to_status, note FROM ${HISTORY_TABLE} WHERE case_uuid = ? ORDER BY seq`,
      )
      .all(uuid) as {
      seq: number;
      at: string;
      actor: string;
      action: string;
      from_status: string | null;
      to_status: string | null;
      note: string | null;
    }[]
  ).map((h) => ({
    seq: h.seq,
    at: h.at,
    actor: h.actor,
    action: h.action,
    from: h.from_status,
    to: h.to_status,
    note: h.note,
  }));
}

function photosOf(db: Db, fid: number): CasePhoto[] {
  return (
    db
      .prepare(
        `SELECT p.id, p.content_type, p.taken_at, p.note FROM ${PHOTOS_TABLE} p JOIN ${PHOTO_MAP_TABLE} m ON m.related_id = p.id WHERE m.base_id = ? ORDER BY p.id`,
      )
      .all(fid) as { id: number; content_type: string; taken_at: string | null; note: string | null }[]
  ).map((p) => ({ id: p.id, contentType: p.content_type, takenAt: p.taken_at, note: p.note }));
}

export function caseDetail(
  db: Db,
  caseId: string,
): { case: CaseRow; history: CaseHistoryEntry[]; photos: CasePhoto[] } {
  const c = getCase(db, caseId);
  return { case: toCaseRow(c), history: historyOf(db, c.uuid), photos: photosOf(db, c.fid) };
}

export function appendHistory(
  db: Db,
  c: Pick<StoredCase, 'uuid' | 'case_id'>,
  e: { at: string; actor: string; action: string; from: string | null; to: string | null; note: string | null },
): void {
  const next = (
    db.prepare(`SELECT coalesce(max(seq), 0) + 1 AS n FROM ${HISTORY_TABLE} WHERE case_uuid = ?`).get(c.uuid) as {
      n: number;
    }
  ).n;
  db.prepare(
    `INSERT INTO ${HISTORY_TABLE} (case_uuid, case_id, seq, at, actor, action, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.uuid, c.case_id, next, e.at, e.actor, e.action, e.from, e.to, e.note);
}

export interface AdvanceInput {
  caseId: string;
  to: CaseAction;
  by: string;
  note?: string | undefined;
  assignee?: string | undefined;
  result?: CheckResult | undefined;
  version?: number | undefined;
}

/**
 * Moves a case one step along the workflow, or refuses with the workflow's reason. The case
 * row (status, assignee, deadline, check result, version) and its history change together.
 */
export function advanceCase(db: Db, input: AdvanceInput, nowMs: number): StoredCase {
  const c = getCase(db, input.caseId);
  if (input.version !== undefined && input.version !== c.version) {
    throw new CimError('cases.stale', { case: c.case_id, seen: input.version, current: c.version });
  }
  const d = decide(
    {
      state: c.status as CaseState,
      kind: c.type === '部件' ? '部件' : '事件',
      categoryCode: c.xl_code,
      dept: c.dept,
      assignee: c.assignee,
      checkResult: c.check_result === 'pass' || c.check_result === 'fail' ? c.check_result : null,
    },
    { action: input.to, by: input.by, note: input.note, assignee: input.assignee, result: input.result, atMs: nowMs },
  );
  if (!d.ok) throw new CimError(d.refusal.code, { case: c.case_id, ...d.refusal.facts });
  const p = d.patch;
  const at = isoBeijing(nowMs);
  const deadline = p.deadlineMs !== undefined ? isoBeijing(p.deadlineMs) : c.deadline_at;
  // 处置 after the deadline makes the case overdue for good (GB/T 30428.1 按期处置)
  const deadlineMs = caseMs(deadline);
  const overdue = input.to === '处置' && deadlineMs !== null && nowMs > deadlineMs ? 1 : (c.overdue ?? 0);
  db.prepare(
    `UPDATE ${CASES_TABLE} SET status = ?, assignee = ?, deadline_at = ?, check_result = ?, closed_at = ?, overdue = ?,
       version = version + 1, updated_at = ? WHERE fid = ?`,
  ).run(
    p.status,
    p.assignee ?? c.assignee,
    deadline,
    p.checkResult !== undefined ? p.checkResult : c.check_result,
    p.closedMs !== undefined ? isoBeijing(p.closedMs) : c.closed_at,
    overdue,
    at,
    c.fid,
  );
  const note = [
    input.note?.trim(),
    input.result ? `核查结果: ${input.result === 'pass' ? '通过' : '不通过'}` : undefined,
  ]
    .filter((s): s is string => !!s)
    .join('；');
  appendHistory(db, c, { at, actor: input.by, action: input.to, from: c.status, to: p.status, note: note || null });
  return getCase(db, c.case_id);
}

/** A note on a case (no step): kept in the history, and the case's version moves on. */
export function addNote(db: Db, caseId: string, by: string, note: string, nowMs: number): StoredCase {
  const c = getCase(db, caseId);
  const at = isoBeijing(nowMs);
  db.prepare(`UPDATE ${CASES_TABLE} SET version = version + 1, updated_at = ? WHERE fid = ?`).run(at, c.fid);
  appendHistory(db, c, { at, actor: by, action: '备注', from: c.status, to: c.status, note: note.trim() });
  return getCase(db, c.case_id);
}

export function addPhoto(
  db: Db,
  caseId: string,
  photo: { data: Uint8Array; contentType: string; note?: string | undefined; by: string },
  nowMs: number,
): StoredCase {
  const c = getCase(db, caseId);
  const at = isoBeijing(nowMs);
  const id = Number(
    db
      .prepare(`INSERT INTO ${PHOTOS_TABLE} (data, content_type, case_uuid, taken_at, note) VALUES (?, ?, ?, ?, ?)`)
      .run(photo.data, photo.contentType, c.uuid, at, photo.note ?? null).lastInsertRowid,
  );
  db.prepare(`INSERT INTO ${PHOTO_MAP_TABLE} (base_id, related_id) VALUES (?, ?)`).run(c.fid, id);
  db.prepare(`UPDATE ${CASES_TABLE} SET version = version + 1, updated_at = ? WHERE fid = ?`).run(at, c.fid);
  appendHistory(db, c, { at, actor: photo.by, action: '照片', from: c.status, to: c.status, note: photo.note ?? null });
  return getCase(db, c.case_id);
}

export function readPhoto(db: Db, id: number): { contentType: string; data: Buffer } {
  const r = db.prepare(`SELECT data, content_type FROM ${PHOTOS_TABLE} WHERE id = ?`).get(id) as
    { data: Buffer; content_type: string } | undefined;
  if (!r) throw new CimError('cases.photo_not_found', { id });
  return { contentType: r.content_type, data: r.data };
}

/** A new case at 上报, numbered `<prefix><YYYYMMDD><nnnn>` like the city system's. */
export function createCase(db: Db, input: CaseCreate, nowMs: number, uuid: string): StoredCase {
  ensureCaseModel(db, new Date(nowMs).toISOString());
  const category = caseCategory(input.kind, input.categoryCode);
  if (!category) throw new CimError('cases.bad_category', { kind: input.kind, code: input.categoryCode });
  const at = isoBeijing(nowMs);
  const day = at.slice(0, 10).replaceAll('-', '');
  const last = db
    .prepare(`SELECT case_id FROM ${CASES_TABLE} WHERE case_id LIKE ? ORDER BY case_id DESC LIMIT 1`)
    .get(`__${day}%`) as { case_id: string } | undefined;
  const serial = last ? Number(last.case_id.slice(-4)) + 1 : 1;
  const prefix = last?.case_id.slice(0, 2) ?? 'NY';
  const caseId = `${prefix}${day}${String(serial).padStart(4, '0')}`;
  const place = nearestPlace(db, input.lon, input.lat);
  const address = input.address?.trim() || place.address;
  const blob = encodeGpkg({ type: 'Point', coordinates: [input.lon, input.lat] }, srsOf(db));
  db.prepare(
    `INSERT INTO ${CASES_TABLE} (geom, case_id, type, dl_code, dl_name, xl_code, xl_name, description, address,
       reported_at, status, source, street, community, dept, deadline_at, closed_at, overdue, uuid, version, assignee,
       height_m, check_result, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '上报', ?, ?, ?, NULL, NULL, NULL, 0, ?, 1, NULL, ?, NULL, ?)`,
  ).run(
    blob,
    caseId,
    category.kind,
    category.majorCode,
    category.majorName,
    category.code,
    category.name,
    input.description,
    address,
    at,
    input.source ?? '监督员',
    place.street,
    place.community,
    uuid,
    input.heightM ?? null,
    at,
  );
  const c = getCase(db, caseId);
  appendHistory(db, c, { at, actor: input.by, action: '上报', from: null, to: '上报', note: input.description });
  return c;
}

function srsOf(db: Db): number {
  const r = db.prepare('SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?').get(CASES_TABLE) as
    { srs_id: number } | undefined;
  return r?.srs_id ?? 4326;
}

/**
 * Street, community and an address for a point from the workspace: the nearest case's
 * 街道/社区 (they tile the city) and the nearest road's name when a `roads` layer has one.
 */
function nearestPlace(db: Db, lon: number, lat: number): { street: string; community: string; address: string } {
  const d = 0.004;
  const near = db
    .prepare(
      `SELECT street, community FROM ${CASES_TABLE} c JOIN rtree_${CASES_TABLE}_geom r ON r.id = c.fid
       WHERE r.minx BETWEEN ? AND ? AND r.miny BETWEEN ? AND ?
       ORDER BY (r.minx - ?) * (r.minx - ?) + (r.miny - ?) * (r.miny - ?) LIMIT 1`,
    )
    .get(lon - d, lon + d, lat - d, lat + d, lon, lon, lat, lat) as
    { street: string | null; community: string | null } | undefined;
  let road = '';
  const roads = db.prepare("SELECT 1 FROM gpkg_geometry_columns WHERE table_name = 'roads'").get();
  const hasName = roads
    ? (db.prepare('PRAGMA table_info(roads)').all() as { name: string }[]).some((c) => c.name === 'name')
    : false;
  if (hasName) {
    const r = db
      .prepare(
        `SELECT name FROM roads c JOIN rtree_roads_geom r ON r.id = c.fid
         WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? AND name IS NOT NULL
         ORDER BY abs((r.minx + r.maxx) / 2 - ?) + abs((r.miny + r.maxy) / 2 - ?) LIMIT 1`,
      )
      .get(lon - 0.002, lon + 0.002, lat - 0.002, lat + 0.002, lon, lat) as { name: string } | undefined;
    road = r?.name ?? '';
  }
  const street = near?.street ?? '';
  const community = near?.community ?? '';
  return { street, community, address: road ? `${road}附近` : `${street}${community}` };
}
