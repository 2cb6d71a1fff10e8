/**
 * A case's status history along GB/T 30428.1's workflow 上报 -> 立案 -> 派遣 -> 处置 -> 核查 -> 结案:
 * most cases are handled within their category's deadline, some run late, a few fail the
 * check and are reworked (返工). Steps after the survey's end are not yet taken.
 */
import { CASE_RETURN_STEP, type CaseCategory, type CaseSource, type CaseStatus } from '../../layers/cases.js';
import type { XY } from '../geo/frame.js';
import type { Rng } from '../rng.js';
import { CASES_TO_MS, HOUR_MS } from './case-time.js';

interface CaseEvent {
  step: CaseStatus | typeof CASE_RETURN_STEP | '作废';
  atMs: number;
  actor: string;
}

export interface CaseRecord {
  caseId: string;
  at: XY;
  category: CaseCategory;
  source: CaseSource;
  reportedMs: number;
  status: CaseStatus | '作废';
  deadlineMs: number | null;
  closedMs: number | null;
  overdue: boolean;
  dept: string;
  street: string;
  community: string;
  address: string;
  description: string;
  events: CaseEvent[];
}

const MONITOR_IDS = 48;
const DAY_MS = 24 * HOUR_MS;
/** The survey's last six weeks are still being worked: the desk has open cases at every stage. */
const BACKLOG_DAYS = 42;

/**
 * A case reported in the last weeks may still be open at the survey's end: the newer, the
 * likelier (95 % of the last days' cases, 25 % of those six weeks old), stopped at a
 * stage after 上报; a few reports are voided (作废) as not a case (duplicates, outside the
 * city's remit). Older cases keep their whole history.
 */
function backlog(events: CaseEvent[], reportedMs: number, r: Rng): CaseEvent[] {
  const ageDays = (CASES_TO_MS - reportedMs) / DAY_MS;
  if (ageDays > BACKLOG_DAYS) return events;
  const open = 0.95 - 0.7 * (ageDays / BACKLOG_DAYS);
  if (!r.chance(open)) return events;
  if (r.chance(0.05)) {
    const at = (events[0] as CaseEvent).atMs + Math.floor(r.range(10, 120) * 60_000);
    return [events[0] as CaseEvent, { step: '作废', atMs: at, actor: `受理员${String(r.int(1, 6))}` }];
  }
  // stop after 上报 (a few, the newest), 立案, 派遣, 处置 or 核查
  const stop = r.weighted<number>([
    [1, ageDays < 2 ? 0.3 : 0.03],
    [2, 0.15],
    [3, 0.35],
    [4, 0.3],
    [5, 0.17],
  ]);
  return events.slice(0, stop);
}
const REPORTER: Record<CaseSource, string> = {
  监督员: '监督员',
  公众举报: '市民',
  '12345': '12345热线',
  视频AI: '视频AI识别平台',
};

export function workflow(
  d: { category: CaseCategory; source: CaseSource; reportedMs: number; dept: string },
  r: Rng,
): Pick<CaseRecord, 'events' | 'status' | 'closedMs' | 'overdue' | 'deadlineMs'> {
  const minutes = (lo: number, hi: number): number => Math.floor(r.range(lo, hi) * 60_000);
  const reporter =
    d.source === '监督员' ? `监督员${String(r.int(1, MONITOR_IDS)).padStart(3, '0')}` : REPORTER[d.source];
  const events: CaseEvent[] = [{ step: '上报', atMs: d.reportedMs, actor: reporter }];
  let t = d.reportedMs + minutes(3, d.source === '监督员' ? 40 : 120);
  events.push({ step: '立案', atMs: t, actor: `受理员${String(r.int(1, 6))}` });
  t += minutes(2, 60);
  events.push({ step: '派遣', atMs: t, actor: `派遣员${String(r.int(1, 4))}` });
  const deadlineMs = t + d.category.deadlineH * HOUR_MS;
  const late = r.chance(0.11);
  const handled = (from: number): number =>
    from + Math.floor(d.category.deadlineH * HOUR_MS * (late ? r.range(1.05, 3.5) : r.range(0.08, 0.92)));
  t = handled(t);
  events.push({ step: '处置', atMs: t, actor: d.dept });
  t += minutes(20, 360);
  events.push({ step: '核查', atMs: t, actor: `监督员${String(r.int(1, MONITOR_IDS)).padStart(3, '0')}` });
  if (r.chance(0.035)) {
    // the check failed: back to the department, handled again, checked again
    events.push({ step: CASE_RETURN_STEP, atMs: t + minutes(1, 30), actor: `值班长${String(r.int(1, 3))}` });
    t = handled(t + minutes(30, 90));
    events.push({ step: '处置', atMs: t, actor: d.dept });
    t += minutes(20, 360);
    events.push({ step: '核查', atMs: t, actor: `监督员${String(r.int(1, MONITOR_IDS)).padStart(3, '0')}` });
  }
  t += minutes(5, 600);
  events.push({ step: '结案', atMs: t, actor: `值班长${String(r.int(1, 3))}` });
  const kept = backlog(events, d.reportedMs, r).filter((e) => e.atMs < CASES_TO_MS);
  const last = kept[kept.length - 1] as CaseEvent;
  const status: CaseStatus | '作废' = last.step === CASE_RETURN_STEP ? '处置' : last.step;
  const firstHandled = kept.find((e) => e.step === '处置');
  // the deadline runs from 派遣: a case not yet dispatched has none
  const dispatched = kept.some((e) => e.step === '派遣');
  const overdue = firstHandled ? firstHandled.atMs > deadlineMs : dispatched && CASES_TO_MS > deadlineMs;
  return {
    events: kept,
    status,
    closedMs: status === '结案' ? last.atMs : null,
    overdue,
    deadlineMs: dispatched ? deadlineMs : null,
  };
}
