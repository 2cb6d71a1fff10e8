/**
 * Urban-management cases (城市管理案件) over 2023-2024, located where such problems arise:
 * street problems on sidewalks, manhole covers at the pipe network's manholes, 私搭乱建 and
 * refuse in villages and old quarters, hawkers by markets and school gates, construction
 * problems at the building sites of the 2024 survey. Each case has a status history along
 * GB/T 30428.1's workflow; most close within their category's deadline, some run late,
 * a few fail the check and are reworked (返工). Times are 北京时间 (UTC+8) ISO 8601.
 */
import { CASE_CATEGORIES, type CaseCategory, type CaseKind, type CaseSource } from '../../layers/cases.js';
import type { XY } from '../geo/frame.js';
import { boxOf, centroid, pointInRing, type Ring } from '../geo/polygon.js';
import type { Rng } from '../rng.js';
import { STREETS } from './layout.js';
import type { RoadEdge } from './network.js';
import type { Parcel } from './parcels.js';
import type { PipeNode } from './pipes.js';

import { CASES_FROM_MS, CASES_TO_MS, DAY_MS, HOUR_MS, isoBeijing } from './case-time.js';
import { workflow, type CaseRecord } from './case-workflow.js';

export { isoBeijing } from './case-time.js';
export type { CaseRecord } from './case-workflow.js';

import { CATEGORY_MIX, CONTEXT_WEIGHTS, COVER_OF, deptOf, type Context } from './case-mix.js';

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
      address = `${n.road} ${n.nodeId}号${n.system}井附近`;
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
