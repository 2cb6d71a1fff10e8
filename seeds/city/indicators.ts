/**
 * 控规 indicators per land-use class: 容积率上限 rjl_max (floor-area ratio), 建筑密度上限
 * jzmd_max (%), 绿地率下限 ldl_min (%), 建筑限高 xg_max (m), 建筑退线 tj_min (m). Ranges are
 * the usual values of Chinese regulatory plans (e.g. residential FAR 1.8-3.5, density 25-40 %,
 * green 30-35 %, per GB 50180-2018 表 4.0.2 for 多层-高层 residential in climate zone III/IV;
 * industrial density >= 30 % and green <= 20 % per 工业项目建设用地控制指标 2023).
 * Buildings are generated under these targets; the limits written to plan_regulatory are then
 * chosen above what was built, except for the planted violations.
 */
import type { Rng } from '../rng.js';

interface IndicatorRange {
  far: [number, number];
  densityPct: [number, number];
  greenPct: [number, number];
  heightM: [number, number];
  setbackM: [number, number];
}

export interface Indicators {
  farMax: number;
  densityMaxPct: number;
  greenMinPct: number;
  heightMaxM: number;
  setbackMinM: number;
}

const RANGES: Record<string, IndicatorRange> = {
  '0701': { far: [1.8, 3.5], densityPct: [25, 40], greenPct: [30, 35], heightM: [24, 100], setbackM: [5, 10] },
  '0702': { far: [1.0, 2.0], densityPct: [30, 45], greenPct: [25, 35], heightM: [18, 36], setbackM: [5, 8] },
  '0703': { far: [1.5, 2.5], densityPct: [50, 65], greenPct: [5, 10], heightM: [12, 18], setbackM: [1, 2] },
  '0801': { far: [1.2, 2.5], densityPct: [25, 40], greenPct: [30, 35], heightM: [24, 60], setbackM: [8, 12] },
  '0803': { far: [0.8, 2.0], densityPct: [25, 40], greenPct: [30, 35], heightM: [18, 36], setbackM: [8, 12] },
  '0804': { far: [0.8, 1.5], densityPct: [20, 30], greenPct: [35, 40], heightM: [18, 24], setbackM: [8, 12] },
  '0806': { far: [1.5, 3.0], densityPct: [25, 40], greenPct: [35, 40], heightM: [45, 80], setbackM: [8, 12] },
  '0901': { far: [2.0, 5.0], densityPct: [35, 55], greenPct: [15, 25], heightM: [24, 150], setbackM: [5, 10] },
  '0902': { far: [3.0, 6.0], densityPct: [35, 50], greenPct: [20, 25], heightM: [60, 150], setbackM: [8, 12] },
  '1001': { far: [1.0, 2.0], densityPct: [40, 60], greenPct: [10, 20], heightM: [18, 30], setbackM: [5, 10] },
  '1101': { far: [0.8, 1.5], densityPct: [40, 60], greenPct: [10, 20], heightM: [15, 24], setbackM: [5, 10] },
  '1302': { far: [0.3, 1.0], densityPct: [20, 40], greenPct: [30, 40], heightM: [12, 24], setbackM: [5, 10] },
  '1303': { far: [0.5, 1.2], densityPct: [30, 50], greenPct: [20, 30], heightM: [12, 24], setbackM: [5, 8] },
  '1401': { far: [0.02, 0.1], densityPct: [1, 5], greenPct: [65, 80], heightM: [9, 15], setbackM: [3, 5] },
};

/**
 * 老城区 residential kept as it is (历史街区 / 旧城保留区): low and dense, as 控规 for old
 * quarters set it (high density, low FAR, height 9-15 m).
 */
const OLD_QUARTER: IndicatorRange = {
  far: [1.0, 1.8],
  densityPct: [40, 55],
  greenPct: [10, 20],
  heightM: [9, 15],
  setbackM: [1, 3],
};

/** The indicator ranges of a 4-digit class, or null for classes without building (farmland, water). */
function indicatorRange(code: string | null, oldQuarter = false): IndicatorRange | null {
  if (!code) return null;
  if (oldQuarter && code === '0701') return OLD_QUARTER;
  return RANGES[code] ?? RANGES[code.slice(0, 2) === '09' ? '0901' : ''] ?? null;
}

const round = (v: number, step: number): number => Math.round(v / step) * step;

/** Generation targets for a parcel: a point inside each range. */
export function targetIndicators(code: string, rng: Rng, oldQuarter = false): Indicators | null {
  const r = indicatorRange(code, oldQuarter);
  if (!r) return null;
  const pick = ([lo, hi]: [number, number], step: number): number => round(rng.range(lo, hi), step);
  return {
    farMax: pick(r.far, 0.1),
    densityMaxPct: pick(r.densityPct, 1),
    greenMinPct: pick(r.greenPct, 1),
    heightMaxM: pick(r.heightM, 3),
    setbackMinM: pick(r.setbackM, 1),
  };
}

export interface Actuals {
  far: number;
  densityPct: number;
  greenPct: number;
  heightM: number;
  /** Smallest distance from a building corner to the parcel boundary. */
  setbackM: number;
}

/**
 * Limits for the plan: the generation target when what was built respects it with a margin,
 * else the next nice value above (or below, for the green minimum) what was built.
 */
export function limitsFor(target: Indicators, actual: Actuals): Indicators {
  const up = (v: number, step: number): number => Math.ceil(v / step - 1e-9) * step;
  const down = (v: number, step: number): number => Math.floor(v / step + 1e-9) * step;
  return {
    farMax: Number(Math.max(target.farMax, up(actual.far * 1.05 + 0.05, 0.1)).toFixed(1)),
    densityMaxPct: Math.max(target.densityMaxPct, up(actual.densityPct + 3, 1)),
    greenMinPct: Math.max(0, Math.min(target.greenMinPct, down(actual.greenPct - 3, 1))),
    heightMaxM: Math.max(target.heightMaxM, up(actual.heightM + 3, 3)),
    setbackMinM: Math.max(0, Math.min(target.setbackMinM, down(actual.setbackM - 0.5, 1))),
  };
}

export type IndicatorKey = 'rjl' | 'jzmd' | 'ldl' | 'xg';

/** Which limits a parcel's buildings break (tj is respected everywhere by construction). */
export function violations(
  limits: Indicators,
  actual: Actuals,
): { indicator: IndicatorKey; limit: number; actual: number }[] {
  const out: { indicator: IndicatorKey; limit: number; actual: number }[] = [];
  if (actual.far > limits.farMax) out.push({ indicator: 'rjl', limit: limits.farMax, actual: actual.far });
  if (actual.densityPct > limits.densityMaxPct)
    out.push({ indicator: 'jzmd', limit: limits.densityMaxPct, actual: actual.densityPct });
  if (actual.greenPct < limits.greenMinPct)
    out.push({ indicator: 'ldl', limit: limits.greenMinPct, actual: actual.greenPct });
  if (actual.heightM > limits.heightMaxM)
    out.push({ indicator: 'xg', limit: limits.heightMaxM, actual: actual.heightM });
  return out;
}
