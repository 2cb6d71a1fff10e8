/**
 * The case statistics as a PDF page set (the shared report document, main/report): the
 * window and the as-of time; the two rates against the 97 % target with their counts and
 * definitions; counts by status, 大类, month and street; the top communities. Made from the
 * statistics `readCaseStats` answers, so the PDF says what `cim cases stats --json` says.
 * Environment: node.
 */
import type { CaseStats } from '../../common/contract/cases.js';
import { CASE_MAJORS, CASE_STATUS_COLOURS, CASE_STATUSES } from '../../layers/cases.js';
import type { ReportDoc, ReportLang } from '../report/document.js';
import { writeReportPdf } from '../report/write-pdf.js';
import type { Db } from '../store/connection.js';
import { readCaseStats } from './stats.js';

/** The two rates of the cases reported in one month (null when nothing to divide by). */
export interface MonthRates {
  month: string;
  onTimeRate: number | null;
  closureRate: number | null;
}

const nextMonth = (m: string): string => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${String(y + 1)}-01` : `${String(y)}-${String(mo + 1).padStart(2, '0')}`;
};

/** The rates month by month (by report time) over the months the statistics hold. */
export function monthlyRates(db: Db, s: CaseStats, asOfMs: number): MonthRates[] {
  return Object.keys(s.byMonth).map((month) => {
    const m = readCaseStats(db, { from: month, to: nextMonth(month) }, asOfMs);
    return { month, onTimeRate: m.onTimeRate, closureRate: m.closureRate };
  });
}

export interface CaseReportOptions {
  now: Date;
  lang: ReportLang;
  workspace: string;
  from?: string | undefined;
  to?: string | undefined;
  /** Month-by-month rates, drawn against the target line (months with both rates). */
  monthly?: readonly MonthRates[];
}

const ZH = {
  title: '城市管理案件统计报告',
  subtitle: '数字城管 按时核查率 / 结案率',
  workspace: '工作空间',
  date: '生成时间',
  window: '统计时段（按上报时间）',
  all: '全部',
  asOf: '超期判定时点',
  summary: '概况',
  total: '案件数',
  onTime: '按时核查率',
  closure: '结案率',
  overdue: '当前超期',
  target: '目标',
  rates: '逐月考核指标与目标线（按上报月份）',
  rateChart: '比率 (%)',
  targetLine: '目标 {{target}}',
  definitions:
    '按时核查率 = 在处置时限内完成首次核查的案件 / 已核查案件；结案率 = 已结案 / 已立案。处置时限为派遣时起按小类规定的小时数；超期指截至判定时点仍在派遣或处置且已过时限的案件。',
  byStatus: '按状态',
  byCategory: '按大类',
  byMonth: '按月份（上报）',
  byStreet: '按街道',
  hotspots: '高发社区（前 {{n}} 名）',
  community: '社区',
  street: '街道',
  status: '状态',
  category: '大类',
  month: '月份',
  count: '案件数',
  share: '占比',
  cases: '件',
  none: '（无）',
  footer: 'CIM 工作站 · 城管案件统计',
};
type Key = keyof typeof ZH;
const EN: Record<Key, string> = {
  title: 'Urban-management case statistics',
  subtitle: 'On-time check rate and closure rate',
  workspace: 'Workspace',
  date: 'Made',
  window: 'Window (report time)',
  all: 'all',
  asOf: 'Overdue judged at',
  summary: 'Summary',
  total: 'Cases',
  onTime: 'On-time check rate (按时核查率)',
  closure: 'Closure rate (结案率)',
  overdue: 'Overdue now',
  target: 'Target',
  rates: 'Rates by month of report against the target',
  rateChart: 'Rate (%)',
  targetLine: 'target {{target}}',
  definitions:
    'On-time check rate = cases first checked within their deadline / cases checked; closure rate = cases closed / cases registered (立案). The deadline runs from dispatch, in the hours set per category (小类); overdue = still dispatched or being handled past the deadline at the as-of time.',
  byStatus: 'By status',
  byCategory: 'By category (大类)',
  byMonth: 'By month (reported)',
  byStreet: 'By street',
  hotspots: 'Top {{n}} communities',
  community: 'Community',
  street: 'Street',
  status: 'Status',
  category: 'Category',
  month: 'Month',
  count: 'Cases',
  share: 'Share',
  cases: 'cases',
  none: '(none)',
  footer: 'CIM Workstation · case statistics',
};

const TOP = 15;

function words(lang: ReportLang): (k: Key, vars?: Record<string, string | number>) => string {
  const table = lang === 'en' ? EN : ZH;
  return (k, vars = {}) => table[k].replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v] ?? ''));
}

export const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

const majorName = (key: string): string => {
  const m = CASE_MAJORS.find((c) => `${c.kind}${c.code}` === key);
  return m ? `${m.kind} ${m.code} ${m.name}` : key;
};

/** The report document of a set of case statistics. */
export function caseStatsReport(s: CaseStats, o: CaseReportOptions): ReportDoc {
  const t = words(o.lang);
  const share = (n: number): string => (s.total ? `${((n / s.total) * 100).toFixed(1)} %` : '—');
  const statuses = [
    ...CASE_STATUSES.filter((k) => k in s.byStatus),
    ...Object.keys(s.byStatus).filter((k) => !(CASE_STATUSES as readonly string[]).includes(k)),
  ];
  const categories = Object.entries(s.byCategory).sort(([a], [b]) => a.localeCompare(b));
  const months = Object.entries(s.byMonth);
  const streets = Object.entries(s.byStreet).sort(([, a], [, b]) => b - a);
  const target = pct(s.target);
  const monthly = (o.monthly ?? []).filter((m) => m.onTimeRate !== null && m.closureRate !== null);
  return {
    lang: o.lang,
    cover: {
      title: t('title'),
      subtitle: t('subtitle'),
      facts: [
        [t('workspace'), o.workspace],
        [t('date'), o.now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
        [t('window'), o.from || o.to ? `${o.from ?? '…'} — ${o.to ?? '…'}` : t('all')],
        [t('asOf'), s.asOf],
      ],
    },
    footer: t('footer'),
    sections: [
      { kind: 'heading', text: t('summary') },
      {
        kind: 'facts',
        rows: [
          [t('total'), String(s.total)],
          [t('onTime'), `${pct(s.onTimeRate)}  (${String(s.checkedOnTime)} / ${String(s.checked)})`],
          [t('closure'), `${pct(s.closureRate)}  (${String(s.closed)} / ${String(s.registered)})`],
          [t('overdue'), String(s.overdue)],
          [t('target'), target],
        ],
      },
      { kind: 'note', text: t('definitions') },
      ...(monthly.length > 0
        ? [
            {
              kind: 'chart' as const,
              chart: 'line' as const,
              title: t('rates'),
              labels: monthly.map((m) => m.month),
              series: [
                { name: t('onTime'), values: monthly.map((m) => (m.onTimeRate ?? 0) * 100), colour: '#1d39c4' },
                { name: t('closure'), values: monthly.map((m) => (m.closureRate ?? 0) * 100), colour: '#389e0d' },
              ],
              unit: '%',
              target: { value: s.target * 100, label: t('targetLine', { target }) },
            },
          ]
        : []),
      {
        kind: 'chart',
        chart: 'bar',
        title: t('byStatus'),
        labels: statuses,
        series: [
          {
            name: t('count'),
            values: statuses.map((k) => s.byStatus[k] ?? 0),
            colours: statuses.map((k) =>
              k in CASE_STATUS_COLOURS ? CASE_STATUS_COLOURS[k as keyof typeof CASE_STATUS_COLOURS] : '#616161',
            ),
          },
        ],
        unit: t('cases'),
      },
      {
        kind: 'table',
        columns: [
          { title: t('status'), width: 3 },
          { title: t('count'), width: 1, align: 'right' },
          { title: t('share'), width: 1, align: 'right' },
        ],
        rows: statuses.map((k) => [k, s.byStatus[k] ?? 0, share(s.byStatus[k] ?? 0)]),
      },
      { kind: 'pageBreak' },
      {
        kind: 'chart',
        chart: 'bar',
        title: t('byCategory'),
        labels: categories.map(([k]) => majorName(k)),
        series: [{ name: t('count'), values: categories.map(([, n]) => n) }],
        unit: t('cases'),
      },
      {
        kind: 'chart',
        chart: 'line',
        title: t('byMonth'),
        labels: months.map(([k]) => k),
        series: [{ name: t('count'), values: months.map(([, n]) => n), colour: '#1d39c4' }],
        unit: t('cases'),
      },
      { kind: 'pageBreak' },
      { kind: 'heading', text: t('byStreet') },
      {
        kind: 'table',
        columns: [
          { title: t('street'), width: 3 },
          { title: t('count'), width: 1, align: 'right' },
          { title: t('share'), width: 1, align: 'right' },
        ],
        rows: streets.length ? streets.map(([k, n]) => [k || t('none'), n, share(n)]) : [[t('none'), null, null]],
      },
      { kind: 'heading', text: t('hotspots', { n: TOP }) },
      {
        kind: 'table',
        columns: [
          { title: '#', width: 0.5, align: 'right' },
          { title: t('community'), width: 3 },
          { title: t('street'), width: 3 },
          { title: t('count'), width: 1, align: 'right' },
        ],
        rows: s.hotspots.slice(0, TOP).map((h, i) => [i + 1, h.community, h.street, h.count]),
      },
    ],
  };
}

/** Writes the statistics report to `out`; returns its path and page count. */
export function writeCaseStatsReport(
  s: CaseStats,
  out: string,
  o: CaseReportOptions,
): Promise<{ path: string; pages: number }> {
  return writeReportPdf(caseStatsReport(s, o), out);
}
