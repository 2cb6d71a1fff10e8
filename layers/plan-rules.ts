/**
 * Multi-plan review (多规合一) conflict rules: which classes of two plans may not overlap, and
 * why. A rule names two class patterns and a kind; a feature's class is the value of its
 * layer's class field (a 用地用海分类 code such as `0701`, or a control-line type such as
 * `生态保护红线`). The defaults follow 三区三线 practice (自然资源部《关于在国土空间规划中
 * 统筹划定落实三条控制线的指导意见》: the three lines do not cross or overlap; construction
 * land stays out of 生态保护红线 and 永久基本农田 and inside 城镇开发边界) and the 用地用海分类
 * groups (layers/landuse). Users edit the table in the workspace or import it as CSV.
 * Environment: common.
 *
 * Pattern syntax (CSV-friendly): items joined by `|`; an item is `group:<LandUseGroup>`, a
 * code prefix ending in `*` (`07*`), or an exact value; an item starting with `-` excludes
 * (`group:construction|-0703*`). A feature matches when some positive item matches and no
 * exclusion does. `*` alone matches any class.
 */
import { z } from 'zod';
import { landUseClass, type LandUseGroup } from './landuse.js';

/**
 * `overlap`: area where a class-A feature and a class-B feature overlap.
 * `outside`: area of a class-A feature not covered by any class-B feature of the other layer
 *   (e.g. construction land outside 城镇开发边界).
 * `mismatch`: overlap of two land-use features whose first-level classes differ (both must
 *   also match their patterns), e.g. 控规 residential over 总规 industrial.
 */
export const RULE_KINDS = ['overlap', 'outside', 'mismatch'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** Most severe first: the order of legends, charts and reports. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Severity colours of the globe's hatching, the report and the review panel's charts
 * (ColorBrewer RdYlBu's warm end, the yellow darkened to read on imagery).
 */
export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  high: '#d7191c',
  medium: '#fdae61',
  low: '#e6c800',
};

/** One rule of the table (the contract's schema, common/contract/multiplan.ts, is derived from it). */
export const ConflictRuleSchema = z.object({
  id: z.string().min(1).max(32),
  kind: z.enum(RULE_KINDS),
  /** Class pattern of side A (see the pattern syntax above). */
  classA: z.string().min(1),
  classB: z.string().min(1),
  severity: z.enum(SEVERITIES),
  reasonZh: z.string().min(1),
  reasonEn: z.string(),
});
export type ConflictRule = z.infer<typeof ConflictRuleSchema>;

/** Control-line classes, as the control-line layers' type field (控制线类型) holds them. */
export const CONTROL_LINES = {
  ecoRedLine: '生态保护红线',
  basicFarmland: '永久基本农田',
  urbanBoundary: '城镇开发边界',
} as const;

const NON_CONSTRUCTION = 'group:farmland|group:agricultural|group:ecological|group:water';
/** 城镇建设用地: residential (but rural homesteads), public services, commerce, industry, storage, reserve. */
const URBAN_CONSTRUCTION = '07*|08*|09*|10*|11*|16*|-0703*|-0704*';

export const DEFAULT_RULES: readonly ConflictRule[] = [
  {
    id: 'R01',
    kind: 'overlap',
    classA: 'group:construction',
    classB: CONTROL_LINES.ecoRedLine,
    severity: 'high',
    reasonZh: '建设用地占用生态保护红线',
    reasonEn: 'Construction land inside the ecological red line',
  },
  {
    id: 'R02',
    kind: 'overlap',
    classA: 'group:construction',
    classB: CONTROL_LINES.basicFarmland,
    severity: 'high',
    reasonZh: '建设用地占用永久基本农田',
    reasonEn: 'Construction land on permanent basic farmland',
  },
  {
    id: 'R03',
    kind: 'outside',
    classA: URBAN_CONSTRUCTION,
    classB: CONTROL_LINES.urbanBoundary,
    severity: 'medium',
    reasonZh: '城镇开发边界外规划城镇建设用地',
    reasonEn: 'Urban construction land outside the urban development boundary',
  },
  {
    id: 'R04',
    kind: 'overlap',
    classA: 'group:construction',
    classB: NON_CONSTRUCTION,
    severity: 'medium',
    reasonZh: '一方规划为建设用地，另一方规划为非建设用地',
    reasonEn: 'Construction land in one plan, non-construction land in the other',
  },
  {
    id: 'R05',
    kind: 'overlap',
    classA: CONTROL_LINES.basicFarmland,
    classB: CONTROL_LINES.ecoRedLine,
    severity: 'high',
    reasonZh: '永久基本农田与生态保护红线重叠',
    reasonEn: 'Permanent basic farmland overlaps the ecological red line',
  },
  {
    id: 'R06',
    kind: 'overlap',
    classA: CONTROL_LINES.urbanBoundary,
    classB: CONTROL_LINES.basicFarmland,
    severity: 'high',
    reasonZh: '城镇开发边界与永久基本农田重叠',
    reasonEn: 'Urban development boundary overlaps permanent basic farmland',
  },
  {
    id: 'R07',
    kind: 'overlap',
    classA: CONTROL_LINES.urbanBoundary,
    classB: CONTROL_LINES.ecoRedLine,
    severity: 'high',
    reasonZh: '城镇开发边界与生态保护红线重叠',
    reasonEn: 'Urban development boundary overlaps the ecological red line',
  },
  {
    id: 'R08',
    kind: 'mismatch',
    classA: 'group:construction',
    classB: 'group:construction',
    severity: 'low',
    reasonZh: '两规用地性质不一致（一级类不同）',
    reasonEn: 'The plans give different first-level land uses',
  },
];

const GROUPS: readonly LandUseGroup[] = ['farmland', 'agricultural', 'ecological', 'construction', 'water', 'other'];

function itemMatches(item: string, value: string): boolean {
  if (item === '*') return true;
  if (item.startsWith('group:')) {
    const group = item.slice('group:'.length);
    return GROUPS.includes(group as LandUseGroup) && landUseClass(value)?.group === group;
  }
  if (item.endsWith('*')) return value.startsWith(item.slice(0, -1));
  return value === item;
}

/** Whether a feature's class value matches a rule pattern (see the file comment). */
export function classMatches(pattern: string, value: string | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  const v = value.trim();
  if (v === '') return false;
  const items = pattern
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const excludes = items.filter((s) => s.startsWith('-')).map((s) => s.slice(1));
  const includes = items.filter((s) => !s.startsWith('-'));
  return includes.some((i) => itemMatches(i, v)) && !excludes.some((e) => itemMatches(e, v));
}

/** First-level land-use class of a code (`0701` -> `07`), or null for non-land-use classes. */
export function firstLevelClass(value: string | null | undefined): string | null {
  const c = landUseClass(value);
  return c ? c.code.slice(0, 2) : null;
}

/** Field names a plan layer's class usually sits in, in the order they are tried. */
export const CLASS_FIELD_CANDIDATES: readonly string[] = [
  'yddm',
  'dlbm',
  'kzxlx',
  '用地代码',
  '地类编码',
  '用地编码',
  '控制线类型',
  'landuse',
  'code',
  'class',
];
