/**
 * The seam to the case desk (城市管理案件, issue #12): a confirmed suspect becomes the input of
 * a new case: where, which category (GB/T 30428 事件 0101 私搭乱建), what the inspector reads
 * (kind, measures, both epochs' heights, the permit number) and which run it came from. The
 * case desk creates the case and attaches the screenshot; this module only says what to
 * create. Pure apart from `confirmedCaseInputs`, which reads a run. Environment: node.
 */
import type { ReportLang } from '../../../common/contract/index.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import { readRun } from '../result.js';
import { latestDecisions, listReviews } from './reviews.js';

/** GB/T 30428.2 事件 大类 01 (市容环境) 小类 01 私搭乱建: where illegal building is filed. */
export const ILLEGAL_BUILD_CATEGORY = { kind: '事件', code: '0101', name: '私搭乱建' } as const;

export interface CaseInput {
  lon: number;
  lat: number;
  category: typeof ILLEGAL_BUILD_CATEGORY;
  title: string;
  description: string;
  source: { analysis: 'change'; resultLayer: string; fid: number };
  evidence: {
    kind: string;
    kinds: string[];
    score: number;
    changeClass: string;
    reasons: string;
    excessAreaM2: number;
    excessHeightM: number;
    beforeHeightM: number | null;
    beforeIds: string;
    permit: string | null;
    permitHeightM: number | null;
    zone: string | null;
    /** The after building's own attributes, as surveyed. */
    after: Record<string, unknown>;
    /** The before buildings' attributes (the earlier survey), when read from the workspace. */
    before: Record<string, unknown>[];
    reviewedAt: string;
    reviewNote: string;
  };
}

interface SuspectFeature {
  fid: number;
  lon: number;
  lat: number;
  properties: Record<string, unknown>;
}

const KIND_WORDS: Record<ReportLang, Record<string, string>> = {
  'zh-CN': {
    in_protected_zone: '占用禁建区',
    no_permit: '未取得规划许可',
    beyond_height: '超出许可高度',
    beyond_footprint: '超出许可范围',
  },
  en: {
    in_protected_zone: 'in a prohibited zone',
    no_permit: 'without a permit',
    beyond_height: 'above the permitted height',
    beyond_footprint: 'beyond the permitted footprint',
  },
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const COMPUTED = new Set([
  'kind',
  'kinds',
  'score',
  'change_class',
  'reasons',
  'excess_area_m2',
  'excess_height_m',
  'before_height_m',
  'before_ids',
  'permit_xkzh',
  'permit_height_m',
  'zone',
  'after_fid',
  // the raster method's measures (run-dsm.ts)
  'method',
  'area_m2',
  'gain_mean_m',
  'gain_max_m',
  'height_after_m',
]);

/** One confirmed suspect as the input of a new case. */
export function caseInputOf(
  resultLayer: string,
  f: SuspectFeature,
  review: { at: string; reason: string },
  lang: ReportLang = 'zh-CN',
  before: Record<string, unknown>[] = [],
): CaseInput {
  const p = f.properties;
  const kind = text(p.kind) ?? 'no_permit';
  const id = text(p.bldg_id) ?? String(f.fid);
  const area = num(p.excess_area_m2) ?? 0;
  const height = num(p.excess_height_m) ?? 0;
  const permit = text(p.permit_xkzh);
  const words = KIND_WORDS[lang];
  const title =
    lang === 'zh-CN'
      ? `疑似违法建设：${id}（${words[kind] ?? kind}）`
      : `Suspected illegal build ${id} (${words[kind] ?? kind})`;
  const description =
    lang === 'zh-CN'
      ? `建筑 ${id} ${words[kind] ?? kind}；超出面积 ${area.toFixed(1)} m²，超出高度 ${height.toFixed(1)} m` +
        (permit ? `；规划许可 ${permit}` : '') +
        `。来源：违法建设识别 ${resultLayer}`
      : `Building ${id} ${words[kind] ?? kind}; excess area ${area.toFixed(1)} m², excess height ${height.toFixed(1)} m` +
        (permit ? `; permit ${permit}` : '') +
        `. Source: illegal-build detection ${resultLayer}`;
  return {
    lon: f.lon,
    lat: f.lat,
    category: ILLEGAL_BUILD_CATEGORY,
    title,
    description,
    source: { analysis: 'change', resultLayer, fid: f.fid },
    evidence: {
      kind,
      kinds: (text(p.kinds) ?? kind).split(','),
      score: num(p.score) ?? 0,
      changeClass: text(p.change_class) ?? '',
      reasons: text(p.reasons) ?? '',
      excessAreaM2: area,
      excessHeightM: height,
      beforeHeightM: num(p.before_height_m),
      beforeIds: text(p.before_ids) ?? '',
      permit,
      permitHeightM: num(p.permit_height_m),
      zone: text(p.zone),
      after: Object.fromEntries(Object.entries(p).filter(([k]) => !COMPUTED.has(k))),
      before,
      reviewedAt: review.at,
      reviewNote: review.reason,
    },
  };
}

/** The suspects of a run as features with a point on each (the mean of the outer ring's vertices). */
export function* suspectFeatures(db: Db, resultLayer: string): Generator<SuspectFeature> {
  for (const f of iterateFeatures(db, describeFeatureTable(db, resultLayer))) {
    const ring =
      f.geometry?.type === 'Polygon'
        ? f.geometry.coordinates[0]
        : f.geometry?.type === 'MultiPolygon'
          ? f.geometry.coordinates[0]?.[0]
          : undefined;
    const pts = (ring ?? []).slice(0, -1);
    const lon = pts.reduce((s, q) => s + q[0], 0) / Math.max(1, pts.length);
    const lat = pts.reduce((s, q) => s + q[1], 0) / Math.max(1, pts.length);
    yield { fid: f.fid, lon, lat, properties: f.properties };
  }
}

/** The case inputs of every suspect of a run whose latest decision is `confirmed`. */
export function confirmedCaseInputs(db: Db, resultLayer: string, lang: ReportLang = 'zh-CN'): CaseInput[] {
  readRun(db, resultLayer, 'change');
  const latest = latestDecisions(listReviews(db, resultLayer));
  const out: CaseInput[] = [];
  for (const f of suspectFeatures(db, resultLayer)) {
    const r = latest.get(f.fid);
    if (r?.decision !== 'confirmed') continue;
    out.push(caseInputOf(resultLayer, f, { at: r.at, reason: r.reason }, lang));
  }
  return out;
}
