/**
 * Case statistics for the supervisor (监督考核), over the cases reported in a time window:
 *  - counts by status, category (大类: kind + code, e.g. `部件01`), street and month reported;
 *  - 按时核查率 = cases whose first 核查 came no later than their deadline / cases checked;
 *  - 结案率 = cases closed (结案) / cases registered (立案);
 *  - overdue = cases waiting for 处置 (派遣) or being handled (处置) past their deadline at `asOf`;
 *  - hotspots: the communities (社区) with most cases.
 * Both rates are judged against the 97 % the city targets (驻马店智慧城管, 南阳 §4, 三门峡 §(三)).
 * The deadline is the category's 处置 time from 派遣 (layers/cases.ts). Pure core + a reader.
 */
import type { CaseStats } from '../../common/contract/cases.js';
import type { Db } from '../store/connection.js';
import { CASES_TABLE, HISTORY_TABLE } from './schema.js';
import { requireCaseModel } from './store.js';
import { boundText, caseMs, isoBeijing } from './time.js';

const RATE_TARGET = 0.97;

interface StatsInput {
  status: string;
  kind: string;
  majorCode: string;
  street: string;
  community: string;
  reportedAt: string;
  deadlineAt: string | null;
  /** First 核查 in the history, null when never checked. */
  firstCheckAt: string | null;
  /** Whether the history has a 立案. */
  registered: boolean;
}

const bump = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1;
};

function caseStats(rows: readonly StatsInput[], asOfMs: number): CaseStats {
  const byStatus: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  const byStreet: Record<string, number> = {};
  const byMonth: Record<string, number> = {};
  const byCommunity = new Map<string, { community: string; street: string; count: number }>();
  let checked = 0;
  let checkedOnTime = 0;
  let registered = 0;
  let closed = 0;
  let overdue = 0;
  for (const r of rows) {
    bump(byStatus, r.status);
    bump(byCategory, `${r.kind}${r.majorCode}`);
    bump(byStreet, r.street);
    bump(byMonth, r.reportedAt.slice(0, 7));
    const key = `${r.street}/${r.community}`;
    const h = byCommunity.get(key) ?? { community: r.community, street: r.street, count: 0 };
    h.count += 1;
    byCommunity.set(key, h);
    const deadline = caseMs(r.deadlineAt);
    const check = caseMs(r.firstCheckAt);
    if (check !== null) {
      checked++;
      if (deadline !== null && check <= deadline) checkedOnTime++;
    }
    if (r.registered) {
      registered++;
      if (r.status === '结案') closed++;
    }
    if ((r.status === '派遣' || r.status === '处置') && deadline !== null && deadline < asOfMs) overdue++;
  }
  const hotspots = [...byCommunity.values()]
    .sort((a, b) => b.count - a.count || a.community.localeCompare(b.community))
    .slice(0, 10);
  return {
    total: rows.length,
    byStatus,
    byCategory,
    byStreet,
    byMonth: Object.fromEntries(Object.entries(byMonth).sort(([a], [b]) => a.localeCompare(b))),
    onTimeRate: checked > 0 ? checkedOnTime / checked : null,
    checked,
    checkedOnTime,
    closureRate: registered > 0 ? closed / registered : null,
    registered,
    closed,
    overdue,
    target: RATE_TARGET,
    asOf: isoBeijing(asOfMs),
    hotspots,
  };
}

/** The statistics of the cases reported in [from, to). */
export function readCaseStats(
  db: Db,
  window: { from?: string | undefined; to?: string | undefined },
  asOfMs: number,
): CaseStats {
  requireCaseModel(db);
  const parts: string[] = [];
  const args: string[] = [];
  if (window.from) {
    parts.push('c.reported_at >= ?');
    args.push(boundText(window.from, '--from'));
  }
  if (window.to) {
    parts.push('c.reported_at < ?');
    args.push(boundText(window.to, '--to'));
  }
  const rows = db
    .prepare(
      `WITH h AS (
         SELECT case_uuid, min(CASE WHEN action = '核查' THEN at END) AS first_check,
                max(action = '立案') AS registered
         FROM ${HISTORY_TABLE} GROUP BY case_uuid)
       SELECT c.status, c.type AS kind, c.dl_code AS majorCode, coalesce(c.street, '') AS street,
              coalesce(c.community, '') AS community, c.reported_at AS reportedAt, c.deadline_at AS deadlineAt,
              h.first_check AS firstCheckAt, coalesce(h.registered, 0) AS registered
       FROM ${CASES_TABLE} c LEFT JOIN h ON h.case_uuid = c.uuid
       ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''}`,
    )
    .all(...args) as (Omit<StatsInput, 'registered'> & { registered: number })[];
  return caseStats(
    rows.map((r) => ({ ...r, registered: r.registered === 1 })),
    asOfMs,
  );
}
