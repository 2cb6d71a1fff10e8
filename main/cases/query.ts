/**
 * The case filter (desk, globe, `cim cases query`) as one SQL WHERE: the GeoPackage R-tree
 * for the area, text comparison for 北京时间 times, codes for the category.
 */
import type { CaseFilter, CaseRow } from '../../common/contract/cases.js';
import { CimError } from '../../common/errors.js';
import type { Db } from '../store/connection.js';
import { CASES_TABLE } from './schema.js';
import { CASE_SELECT, requireCaseModel, toCaseRow, type StoredCase } from './store.js';
import { boundText, isoBeijing } from './time.js';

export interface Where {
  sql: string;
  args: unknown[];
}

/** `0101`, `01`, `事件0101` or `部件01`: the kind (when given) and the 大类 or 小类 code. */
function parseCategory(value: string): { kind: '部件' | '事件' | null; code: string } {
  const m = /^(部件|事件)?(\d{2}|\d{4})$/.exec(value.trim());
  if (!m) throw new CimError('cases.bad_category', { kind: '', code: value }, 'args');
  return { kind: (m[1] as '部件' | '事件' | undefined) ?? null, code: m[2] as string };
}

export function whereOf(f: CaseFilter, asOfMs: number): Where {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.bbox) {
    const [minLon, minLat, maxLon, maxLat] = f.bbox;
    if (minLon > maxLon || minLat > maxLat) {
      throw new CimError('cases.bad_bbox', { bbox: f.bbox.join(',') }, 'args');
    }
    parts.push(
      `fid IN (SELECT id FROM rtree_${CASES_TABLE}_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)`,
    );
    args.push(maxLon, minLon, maxLat, minLat);
  }
  if (f.from) {
    parts.push('reported_at >= ?');
    args.push(boundText(f.from, '--from'));
  }
  if (f.to) {
    parts.push('reported_at < ?');
    args.push(boundText(f.to, '--to'));
  }
  if (f.category) {
    const c = parseCategory(f.category);
    parts.push(c.code.length === 2 ? 'dl_code = ?' : 'xl_code = ?');
    args.push(c.code);
    if (c.kind) {
      parts.push('type = ?');
      args.push(c.kind);
    }
  }
  if (f.kind) {
    parts.push('type = ?');
    args.push(f.kind);
  }
  if (f.status && f.status.length > 0) {
    parts.push(`status IN (${f.status.map(() => '?').join(', ')})`);
    args.push(...f.status);
  }
  for (const [col, v] of [
    ['dept', f.dept],
    ['street', f.street],
    ['assignee', f.assignee],
  ] as const) {
    if (v) {
      parts.push(`${col} = ?`);
      args.push(v);
    }
  }
  if (f.overdueOnly) {
    parts.push(`(overdue = 1 OR (status IN ('派遣', '处置') AND deadline_at < ?))`);
    args.push(isoBeijing(asOfMs));
  }
  if (f.text?.trim()) {
    const like = `%${f.text.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(`(case_id LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')`);
    args.push(like, like, like);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

const SORT_COLUMN: Record<string, string> = {
  reportedAt: 'reported_at',
  caseId: 'case_id',
  status: 'status',
  category: 'type, xl_code',
  street: 'street',
  deadlineAt: 'deadline_at',
};

export interface QueryOptions {
  sort?: keyof typeof SORT_COLUMN | undefined;
  desc?: boolean | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

function countCases(db: Db, f: CaseFilter, asOfMs: number): number {
  requireCaseModel(db);
  const w = whereOf(f, asOfMs);
  return (db.prepare(`SELECT count(*) AS n FROM ${CASES_TABLE} ${w.sql}`).get(...w.args) as { n: number }).n;
}

export function queryCases(db: Db, f: CaseFilter, o: QueryOptions, asOfMs: number): { count: number; rows: CaseRow[] } {
  const count = countCases(db, f, asOfMs);
  const w = whereOf(f, asOfMs);
  const order = (SORT_COLUMN[o.sort ?? 'reportedAt'] ?? 'reported_at')
    .split(', ')
    .map((c) => `${c} ${o.desc === false ? 'ASC' : 'DESC'}`)
    .join(', ');
  const rows = db
    .prepare(`${CASE_SELECT} ${w.sql} ORDER BY ${order}, fid LIMIT ? OFFSET ?`)
    .all(...w.args, o.limit ?? 200, o.offset ?? 0) as StoredCase[];
  return { count, rows: rows.map(toCaseRow) };
}

/** Case numbers matching a filter, in report order. */
export function caseIds(db: Db, f: CaseFilter, asOfMs: number): string[] {
  requireCaseModel(db);
  const w = whereOf(f, asOfMs);
  return (
    db.prepare(`SELECT case_id FROM ${CASES_TABLE} ${w.sql} ORDER BY reported_at, fid`).all(...w.args) as {
      case_id: string;
    }[]
  ).map((r) => r.case_id);
}
