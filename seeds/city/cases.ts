/**
 * Urban-management cases (城市管理案件) over 2023-2024, located where such problems arise:
 * street problems on sidewalks, manhole covers at the pipe network's manholes, 私搭乱建 and
 * refuse in villages and old quarters, hawkers by markets and school gates, construction
 * problems at the building sites of the 2024 survey. Each case has a status history along
 * GB/T 30428.1's workflow; most close within their category's deadline, some run late,
 * a few fail the check and are reworked (返工). Times are 北京时间 (UTC+8) ISO 8601.
 */
import {
  CASE_CATEGORIES,
  CASE_RETURN_STEP,
  type CaseCategory,
  type CaseKind,
  type CaseSource,
  type CaseStatus,
} from '../../layers/cases.js';
import type { XY } from '../geo/frame.js';
import { boxOf, centroid, pointInRing, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import { STREETS } from './layout.js';
import type { RoadEdge } from './network.js';
import type { Parcel } from './parcels.js';
import type { PipeNode } from './pipes.js';

export interface CaseEvent {
  step: CaseStatus | typeof CASE_RETURN_STEP;
  atMs: number;
  actor: string;
}

export interface CaseRecord {
  caseId: string;
  at: XY;
  category: CaseCategory;
  source: CaseSource;
  reportedMs: number;
  status: CaseStatus;
  deadlineMs: number;
  closedMs: number | null;
  overdue: boolean;
  dept: string;
  street: string;
  community: string;
  address: string;
  description: string;
  events: CaseEvent[];
}

/** 2023-01-01T00:00+08:00 and the survey's end 2025-01-01T00:00+08:00, as UTC ms. */
export const CASES_FROM_MS = Date.UTC(2022, 11, 31, 16);
export const CASES_TO_MS = Date.UTC(2024, 11, 31, 16);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const two = (n: number): string => (n < 10 ? `0${String(n)}` : String(n));

/** ISO 8601 in 北京时间 with its offset, e.g. `2023-05-04T09:12:30+08:00`. */
export function isoBeijing(ms: number): string {
  const t = Math.floor((ms + 8 * HOUR_MS) / 1000);
  const days = Math.floor(t / 86_400);
  const secs = t - days * 86_400;
  // civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  return `${String(y)}-${two(m)}-${two(d)}T${two(hh)}:${two(mm)}:${two(secs % 60)}+08:00`;
}

type Context = 'street' | 'manhole' | 'parcel' | 'hotspot' | 'site' | 'green';

const CONTEXT_WEIGHTS: readonly (readonly [Context, number])[] = [
  ['street', 0.34],
  ['manhole', 0.12],
  ['parcel', 0.26],
  ['hotspot', 0.12],
  ['site', 0.09],
  ['green', 0.07],
];

/** Which 小类 arise where: [kind, code, weight]. */
const CATEGORY_MIX: Record<Context, readonly (readonly [CaseKind, string, number])[]> = {
  street: [
    ['事件', '0505', 14],
    ['事件', '0506', 10],
    ['事件', '0504', 8],
    ['事件', '0102', 8],
    ['事件', '0104', 6],
    ['事件', '0201', 8],
    ['事件', '0204', 3],
    ['事件', '0203', 2],
    ['事件', '0306', 3],
    ['事件', '0401', 0.6],
    ['部件', '0118', 4],
    ['部件', '0117', 1.5],
    ['部件', '0209', 2],
    ['部件', '0211', 2],
    ['部件', '0213', 1],
    ['部件', '0214', 1],
    ['部件', '0212', 1],
    ['部件', '0203', 1],
    ['部件', '0402', 3],
    ['部件', '0403', 1.5],
    ['部件', '0305', 3],
    ['部件', '0121', 0.5],
    ['事件', '0107', 1],
    ['事件', '0109', 0.8],
    ['事件', '0601', 1],
  ],
  manhole: [],
  parcel: [
    ['事件', '0102', 10],
    ['事件', '0103', 6],
    ['事件', '0101', 5],
    ['事件', '0507', 6],
    ['事件', '0108', 3],
    ['事件', '0202', 2],
    ['事件', '0510', 1.5],
    ['事件', '0503', 1.5],
    ['部件', '0305', 2],
    ['部件', '0304', 1.5],
    ['部件', '0301', 1],
    ['部件', '0501', 0.5],
    ['部件', '0502', 0.3],
    ['事件', '0406', 1],
    ['事件', '0411', 0.1],
    ['事件', '0601', 1],
  ],
  hotspot: [
    ['事件', '0501', 12],
    ['事件', '0504', 8],
    ['事件', '0503', 2],
    ['事件', '0502', 1],
    ['事件', '0102', 3],
    ['事件', '0506', 4],
    ['事件', '0510', 2],
  ],
  site: [
    ['事件', '0302', 6],
    ['事件', '0301', 4],
    ['事件', '0304', 5],
    ['事件', '0305', 3],
    ['事件', '0307', 2],
    ['部件', '0602', 1],
    ['事件', '0103', 2],
  ],
  green: [
    ['事件', '0106', 6],
    ['事件', '0105', 4],
    ['部件', '0405', 2],
    ['部件', '0407', 1],
    ['部件', '0126', 1],
    ['事件', '0102', 2],
  ],
};

/** Manhole cover 小类 by pipe system; hydrants are 消防设施. */
const COVER_OF: Record<string, string> = {
  给水: '0101',
  污水: '0102',
  雨水: '0103',
  电力: '0105',
  通信: '0107',
  热力: '0110',
  燃气: '0111',
};

const DEPT_OF: Record<string, string> = {
  '事件-01': '城市管理局环卫处',
  '事件-02': '城市管理执法大队',
  '事件-03': '住房和城乡建设局',
  '事件-05': '城市管理执法大队',
  '事件-06': '街道办事处',
  '部件-02': '交警支队',
  '部件-03': '城市管理局环卫处',
  '部件-04': '园林绿化中心',
  '部件-05': '街道办事处',
  '部件-06': '住房和城乡建设局',
};

function deptOf(c: CaseCategory, rng: Rng): string {
  if (c.kind === '部件' && c.majorCode === '01') {
    if (['0101', '0113'].includes(c.code)) return '南阳市供水总公司';
    if (['0102', '0103'].includes(c.code)) return '市政工程管理处';
    if (c.code === '0111') return '南阳市燃气公司';
    if (['0105', '0117'].includes(c.code)) return '国网南阳供电公司';
    if (c.code === '0107') return rng.pick(['中国电信南阳分公司', '中国移动南阳分公司', '中国联通南阳分公司']);
    return '市政工程管理处';
  }
  if (c.kind === '事件' && c.majorCode === '04') {
    return (
      { '0402': '南阳市供水总公司', '0403': '南阳市燃气公司', '0404': '市政工程管理处', '0411': '消防救援支队' }[
        c.code
      ] ?? '应急管理局'
    );
  }
  return DEPT_OF[`${c.kind}-${c.majorCode}`] ?? '街道办事处';
}

class Sampler<T> {
  private readonly cumulative: number[] = [];
  private total = 0;
  constructor(
    private readonly items: readonly T[],
    weight: (t: T) => number,
  ) {
    for (const it of items) {
      this.total += Math.max(0, weight(it));
      this.cumulative.push(this.total);
    }
  }
  get empty(): boolean {
    return this.total <= 0;
  }
  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

function pointIn(ring: Ring, rng: Rng): XY {
  const b = boxOf(ring);
  for (let i = 0; i < 50; i++) {
    const p: XY = [rng.range(b.minX, b.maxX), rng.range(b.minY, b.maxY)];
    if (pointInRing(p, ring)) return p;
  }
  return centroid(ring);
}

export interface CaseInputs {
  edges: readonly RoadEdge[];
  parcels: readonly Parcel[];
  pipeNodes: readonly PipeNode[];
  floodplain: Ring;
  count: number;
}

/** Share of a day's cases by hour for each source (monitors work office hours). */
function hourOf(source: CaseSource, rng: Rng): number {
  if (source === '监督员') return Math.max(7.5, Math.min(18, 8 + rng.range(0, 10)));
  if (source === '视频AI') return rng.range(0, 24);
  return rng.chance(0.9) ? rng.range(7, 22) : rng.range(0, 24);
}

/** Seasonal weight: more cases in summer, fewer in the Spring Festival weeks. */
function dayWeight(day: number): number {
  const festival = [21, 405].some((d) => day >= d && day < d + 8);
  return (1 + 0.25 * Math.sin((2 * Math.PI * (day - 105)) / 365)) * (festival ? 0.45 : 1);
}

export function buildCases(inputs: CaseInputs, rng: Rng): CaseRecord[] {
  const cityEdges = inputs.edges.filter((e) => e.bank === 'city' && !e.bridge);
  const gradeW = { 主干路: 3, 次干路: 2, 支路: 1.4 } as const;
  const edgeLen = (e: RoadEdge): number =>
    e.line.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - (e.line[i] as XY)[0], p[1] - (e.line[i] as XY)[1]), 0);
  const streets = new Sampler(cityEdges, (e) => edgeLen(e) * gradeW[e.road.grade]);
  const useW: Partial<Record<Parcel['typology'], number>> = {
    village: 5,
    oldTownHouses: 4,
    market: 8,
    mall: 2,
    shops: 3,
    oldTown: 2,
    residential: 1,
    school: 1.5,
    industrial: 0.6,
    warehouse: 0.6,
    hospital: 2,
    office: 1,
  };
  const cityParcels = inputs.parcels.filter((p) => p.block.cell.bank === 'city');
  const parcels = new Sampler(cityParcels, (p) => p.areaM2 * (useW[p.typology] ?? 0.3));
  const hotspots = new Sampler(
    cityParcels.filter((p) => p.typology === 'market' || p.typology === 'school' || p.typology === 'hospital'),
    (p) => (p.typology === 'market' ? 3 : 1),
  );
  const sites = new Sampler(
    cityParcels.filter((p) => p.status === 'new' || p.status === 'construction' || p.status === 'redevelop'),
    (p) => p.areaM2,
  );
  const greens = new Sampler(
    cityParcels.filter((p) => p.typology === 'park'),
    (p) => p.areaM2,
  );
  const covers = new Sampler(
    inputs.pipeNodes.filter((n) => n.kind !== '出水口'),
    (n) => (n.system === '雨水' || n.system === '污水' ? 1 : 1.5),
  );
  const categoryMix = new Map(
    (Object.keys(CATEGORY_MIX) as Context[]).map((k) => [k, new Sampler(CATEGORY_MIX[k], ([, , w]) => w)] as const),
  );
  const find = (kind: CaseKind, code: string): CaseCategory => {
    const c = CASE_CATEGORIES.find((x) => x.kind === kind && x.code === code);
    if (!c) throw new RangeError(`no category ${kind} ${code}`);
    return c;
  };
  const days = Math.round((CASES_TO_MS - CASES_FROM_MS) / DAY_MS);
  const drafts: Omit<CaseRecord, 'caseId' | 'events' | 'status' | 'closedMs' | 'overdue' | 'deadlineMs'>[] = [];
  for (let i = 0; i < inputs.count; i++) {
    const r = rng.fork('case', i);
    let context = r.weighted(CONTEXT_WEIGHTS);
    if (
      (context === 'hotspot' && hotspots.empty) ||
      (context === 'site' && sites.empty) ||
      (context === 'green' && greens.empty) ||
      (context === 'manhole' && covers.empty)
    ) {
      context = 'street';
    }
    let at: XY;
    let address: string;
    let category: CaseCategory;
    let day = r.int(0, days - 1);
    while (r.next() * 1.26 > dayWeight(day)) day = r.int(0, days - 1);
    if (context === 'street') {
      const e = streets.pick(r);
      const k = r.int(1, e.line.length - 1);
      const a = e.line[k - 1] as XY;
      const b = e.line[k] as XY;
      const t = r.next();
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      const side = (r.chance(0.5) ? 1 : -1) * (e.road.widthM / 2 - r.range(0.5, 4));
      at = [
        a[0] + t * (b[0] - a[0]) - ((b[1] - a[1]) / len) * side,
        a[1] + t * (b[1] - a[1]) + ((b[0] - a[0]) / len) * side,
      ];
      address = `${e.road.name}${r.pick(['东侧', '西侧', '南侧', '北侧'])}人行道`;
      const [kind, code] = (categoryMix.get('street') as Sampler<readonly [CaseKind, string, number]>).pick(r);
      category = find(kind, code);
    } else if (context === 'manhole') {
      const n = covers.pick(r);
      at = [n.at[0] + r.range(-0.3, 0.3), n.at[1] + r.range(-0.3, 0.3)];
      address = `${n.road}${n.nodeId}`;
      const code = n.kind === '消火栓' ? '0113' : r.chance(0.08) ? '0104' : (COVER_OF[n.system] ?? '0101');
      category =
        r.chance(0.06) && (n.system === '给水' || n.system === '燃气' || n.system === '污水')
          ? find('事件', n.system === '给水' ? '0402' : n.system === '燃气' ? '0403' : '0404')
          : find('部件', code);
    } else {
      const pool =
        context === 'parcel' ? parcels : context === 'hotspot' ? hotspots : context === 'site' ? sites : greens;
      const p = pool.pick(r);
      if (context === 'hotspot') {
        const c = centroid(p.ring);
        at = [c[0] + r.normal() * 30, c[1] + r.normal() * 30];
      } else if (context === 'green' && r.chance(0.3)) {
        at = pointIn(inputs.floodplain, r);
      } else {
        at = pointIn(p.ring, r);
      }
      address = p.name || p.dkbm;
      const [kind, code] = (categoryMix.get(context) as Sampler<readonly [CaseKind, string, number]>).pick(r);
      category = find(kind, code);
      // building sites are busy while they are built (the 2024 survey's new buildings)
      if (context === 'site') day = Math.min(days - 1, Math.floor(day * 0.85));
    }
    const source: CaseSource = r.weighted<CaseSource>([
      ['监督员', 0.55],
      ['12345', 0.2],
      ['公众举报', 0.1],
      ['视频AI', context === 'street' || context === 'hotspot' ? 0.3 : 0.02],
    ]);
    const reportedMs = CASES_FROM_MS + day * DAY_MS + Math.floor(hourOf(source, r) * HOUR_MS);
    const street = nearestStreet(at);
    drafts.push({
      at,
      category,
      source,
      reportedMs,
      dept: deptOf(category, r),
      street: street.name,
      community: communityOf(street, at),
      address,
      description: `${address}${category.name}`,
    });
  }
  drafts.sort((a, b) => a.reportedMs - b.reportedMs || a.at[0] - b.at[0]);
  const perDay = new Map<string, number>();
  return drafts.map((d, i) => {
    const date = isoBeijing(d.reportedMs).slice(0, 10).replaceAll('-', '');
    const n = (perDay.get(date) ?? 0) + 1;
    perDay.set(date, n);
    const w = workflow(d, rng.fork('workflow', i));
    return {
      caseId: `NY${date}${String(n).padStart(4, '0')}`,
      at: d.at,
      category: d.category,
      source: d.source,
      reportedMs: d.reportedMs,
      status: w.status,
      deadlineMs: w.deadlineMs,
      closedMs: w.closedMs,
      overdue: w.overdue,
      dept: d.dept,
      street: d.street,
      community: d.community,
      address: d.address,
      description: d.description,
      events: w.events,
    };
  });
}

function nearestStreet(p: XY): (typeof STREETS)[number] {
  let best = STREETS[0] as (typeof STREETS)[number];
  let bestD = Infinity;
  for (const s of STREETS) {
    const d = Math.hypot(p[0] - s.at[0], p[1] - s.at[1]);
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return best;
}

function communityOf(street: (typeof STREETS)[number], p: XY): string {
  // three 社区 per 街道, by the sector around the 街道's centre
  const angle = Math.atan2(p[1] - street.at[1], p[0] - street.at[0]) + Math.PI;
  const k = Math.min(street.communities.length - 1, Math.floor((angle / (2 * Math.PI)) * street.communities.length));
  return street.communities[k] ?? street.name;
}

const MONITOR_IDS = 48;
const REPORTER: Record<CaseSource, string> = {
  监督员: '监督员',
  公众举报: '市民',
  '12345': '12345热线',
  视频AI: '视频AI识别平台',
};

function workflow(
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
  const kept = events.filter((e) => e.atMs < CASES_TO_MS);
  const last = kept[kept.length - 1] as CaseEvent;
  const status: CaseStatus = last.step === CASE_RETURN_STEP ? '处置' : last.step;
  const firstHandled = kept.find((e) => e.step === '处置');
  const overdue = firstHandled ? firstHandled.atMs > deadlineMs : CASES_TO_MS > deadlineMs;
  return { events: kept, status, closedMs: status === '结案' ? last.atMs : null, overdue, deadlineMs };
}
