/**
 * Which fields of the regulatory parcels and the buildings the planning-condition check
 * (规划条件核验) reads: the first of each list the layer has. The regulatory plan's limits:
 * 容积率上限 (FAR), 建筑密度上限 (%), 绿地率下限 (%), 建筑限高 (m), 建筑退线 (m). The
 * buildings: height (m), floors, and gross floor area (m²) when the data has it.
 * Environment: common.
 */
import type { FieldDef } from '../../../common/contract/index.js';

export const LIMIT_FIELDS = {
  farMax: ['rjl_max', '容积率上限', 'rjl'],
  densityMaxPct: ['jzmd_max', '建筑密度上限', 'jzmd'],
  greenMinPct: ['ldl_min', '绿地率下限', 'ldl'],
  heightMaxM: ['xg_max', '建筑限高', '限高', 'xg'],
  setbackMinM: ['tj_min', '退线距离', '退界', 'tj'],
} as const;

export const BUILDING_FIELDS = {
  heightM: ['height_m', 'height', 'jzgd', '建筑高度', '高度'],
  floors: ['floors', 'cs', 'jzcs', '层数'],
  gfaM2: ['gfa_m2', 'gfa', 'jzmj', '建筑面积'],
} as const;

export type FieldMap<K extends string> = Record<K, number | null>;

/** Index (in `fields`) of the first candidate each key has, or null. */
export function resolveFields<K extends string>(
  fields: readonly FieldDef[],
  candidates: Record<K, readonly string[]>,
): FieldMap<K> {
  const out = {} as FieldMap<K>;
  for (const key of Object.keys(candidates) as K[]) {
    const index = candidates[key].map((name) => fields.findIndex((f) => f.name === name)).find((i) => i >= 0);
    out[key] = index ?? null;
  }
  return out;
}

/** A stored value as a finite number, or null (blank, text that is not a number). */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
