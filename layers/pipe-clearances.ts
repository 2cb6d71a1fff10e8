/**
 * Minimum clearances between underground utilities, GB 50289-2016《城市工程管线综合规划规范》:
 * 表 4.1.9 工程管线之间及其与建(构)筑物之间的最小水平净距 and 表 4.1.14 工程管线交叉时的最小垂直
 * 净距 (m). Clearances are between outer walls (净距), not centrelines. Transcribed by hand from the
 * published tables for the classes the workstation's data carries; each value names its table
 * and the note or column that selects it. Pairs the table leaves blank (same-system pairs
 * such as 给水-给水 horizontally) are not checked. Environment: common.
 *
 * Table notes applied: gas pressure class (低压 / 中压 B, A / 次高压 B, A; a bare 中压 or 次高压
 * takes the stricter A column), gas-to-gas by size (DN ≤ 300 / > 300), water by size
 * (d ≤ 200 / > 200), power and telecom direct-buried against conduit or duct bank.
 * Not transcribed (kept out rather than guessed): the notes for PE gas against heat
 * (CJJ 63) and for power cables above 35 kV.
 */
import type { Laying, PipeSystem } from './pipelines.js';

type ClearanceClass =
  | 'building'
  | 'water_small'
  | 'water_large'
  | 'drain'
  | 'gas_low'
  | 'gas_mid_b'
  | 'gas_mid_a'
  | 'gas_high_b'
  | 'gas_high_a'
  | 'heat'
  | 'power_direct'
  | 'power_conduit'
  | 'telecom_direct'
  | 'telecom_duct';

export interface ClearanceRule {
  requiredM: number;
  /** Table, column and note the value comes from. */
  source: string;
}

export interface PipeClass {
  system: PipeSystem;
  diameterMm: number | null;
  pressure: string | null;
  laying: Laying | null;
}

function gasClass(pressure: string | null): ClearanceClass {
  const p = (pressure ?? '').replace(/\s/g, '').toUpperCase();
  if (p.startsWith('次高压')) return p.endsWith('B') ? 'gas_high_b' : 'gas_high_a';
  if (p.startsWith('中压')) return p.endsWith('B') ? 'gas_mid_b' : 'gas_mid_a';
  if (p.startsWith('高压')) return 'gas_high_a';
  return 'gas_low';
}

/** The table column a pipe falls in (laying: 直埋 is direct-buried, 排管/管沟 conduit or duct). */
function clearanceClass(p: PipeClass): ClearanceClass {
  switch (p.system) {
    case '给水':
      return p.diameterMm !== null && p.diameterMm > 200 ? 'water_large' : 'water_small';
    case '雨水':
    case '污水':
      return 'drain';
    case '燃气':
      return gasClass(p.pressure);
    case '热力':
      return 'heat';
    case '电力':
      return p.laying === '直埋' ? 'power_direct' : 'power_conduit';
    case '通信':
      return p.laying === '直埋' ? 'telecom_direct' : 'telecom_duct';
  }
}

const GAS = ['gas_low', 'gas_mid_b', 'gas_mid_a', 'gas_high_b', 'gas_high_a'] as const;
const WATER = ['water_small', 'water_large'] as const;
const T9 = 'GB 50289-2016 表 4.1.9';
const T14 = 'GB 50289-2016 表 4.1.14';

type Row = readonly [ClearanceClass, ClearanceClass, number, string];

function gasRow(other: ClearanceClass, values: readonly number[], col: string): Row[] {
  return GAS.map((g, i) => [other, g, values[i] as number, `${T9} ${col}/${g}`] as const);
}

const HORIZONTAL: readonly Row[] = [
  ['building', 'water_small', 1.0, `${T9} 建筑物/给水 d≤200`],
  ['building', 'water_large', 3.0, `${T9} 建筑物/给水 d>200`],
  ['building', 'drain', 2.5, `${T9} 建筑物/污水、雨水`],
  ...gasRow('building', [0.7, 1.0, 1.5, 5.0, 13.5], '建筑物'),
  ['building', 'heat', 3.0, `${T9} 建筑物/直埋热力`],
  ['building', 'power_direct', 0.6, `${T9} 建筑物/电力直埋`],
  ['building', 'power_conduit', 0.6, `${T9} 建筑物/电力保护管`],
  ['building', 'telecom_direct', 1.0, `${T9} 建筑物/通信直埋`],
  ['building', 'telecom_duct', 1.5, `${T9} 建筑物/通信管道`],
  ['water_small', 'drain', 1.0, `${T9} 给水 d≤200/污水、雨水`],
  ['water_large', 'drain', 1.5, `${T9} 给水 d>200/污水、雨水`],
  ...WATER.flatMap((w) => gasRow(w, [0.5, 0.5, 0.5, 1.0, 1.5], '给水')),
  ...WATER.map((w) => [w, 'heat', 1.5, `${T9} 给水/直埋热力`] as const),
  ...WATER.flatMap((w) =>
    (['power_direct', 'power_conduit'] as const).map((p) => [w, p, 0.5, `${T9} 给水/电力`] as const),
  ),
  ...WATER.flatMap((w) =>
    (['telecom_direct', 'telecom_duct'] as const).map((t) => [w, t, 1.0, `${T9} 给水/通信`] as const),
  ),
  ...gasRow('drain', [1.0, 1.2, 1.2, 1.5, 2.0], '污水、雨水'),
  ['drain', 'heat', 1.5, `${T9} 污水、雨水/直埋热力`],
  ['drain', 'power_direct', 0.5, `${T9} 污水、雨水/电力`],
  ['drain', 'power_conduit', 0.5, `${T9} 污水、雨水/电力`],
  ['drain', 'telecom_direct', 1.0, `${T9} 污水、雨水/通信`],
  ['drain', 'telecom_duct', 1.0, `${T9} 污水、雨水/通信`],
  ...gasRow('heat', [1.0, 1.0, 1.0, 1.5, 2.0], '直埋热力'),
  ...gasRow('power_direct', [0.5, 0.5, 0.5, 1.0, 1.0], '电力直埋'),
  ...gasRow('power_conduit', [1.0, 1.0, 1.0, 1.5, 1.5], '电力保护管'),
  ...gasRow('telecom_direct', [0.5, 0.5, 0.5, 1.0, 1.0], '通信直埋'),
  ...gasRow('telecom_duct', [1.0, 1.0, 1.0, 1.5, 1.5], '通信管道'),
  ['heat', 'power_direct', 2.0, `${T9} 直埋热力/电力`],
  ['heat', 'power_conduit', 2.0, `${T9} 直埋热力/电力`],
  ['heat', 'telecom_direct', 1.0, `${T9} 直埋热力/通信`],
  ['heat', 'telecom_duct', 1.0, `${T9} 直埋热力/通信`],
  ['power_direct', 'telecom_direct', 0.5, `${T9} 电力/通信`],
  ['power_direct', 'telecom_duct', 0.5, `${T9} 电力/通信`],
  ['power_conduit', 'telecom_direct', 0.5, `${T9} 电力/通信`],
  ['power_conduit', 'telecom_duct', 0.5, `${T9} 电力/通信`],
];

const VGROUP: Record<ClearanceClass, string> = {
  building: 'building',
  water_small: 'water',
  water_large: 'water',
  drain: 'drain',
  gas_low: 'gas',
  gas_mid_b: 'gas',
  gas_mid_a: 'gas',
  gas_high_b: 'gas',
  gas_high_a: 'gas',
  heat: 'heat',
  power_direct: 'power_direct',
  power_conduit: 'power_conduit',
  telecom_direct: 'telecom_direct',
  telecom_duct: 'telecom_duct',
};

/** 表 4.1.14 by group; power direct-buried 0.50 (0.25 with a separating plate, 注 1: not applied). */
const VERTICAL: readonly (readonly [string, string, number])[] = [
  ['water', 'water', 0.15],
  ['drain', 'water', 0.4],
  ['drain', 'drain', 0.15],
  ['heat', 'water', 0.15],
  ['heat', 'drain', 0.15],
  ['heat', 'heat', 0.15],
  ['gas', 'water', 0.15],
  ['gas', 'drain', 0.15],
  ['gas', 'heat', 0.15],
  ['gas', 'gas', 0.15],
  ['telecom_direct', 'water', 0.5],
  ['telecom_direct', 'drain', 0.5],
  ['telecom_direct', 'heat', 0.25],
  ['telecom_direct', 'gas', 0.5],
  ['telecom_direct', 'telecom_direct', 0.25],
  ['telecom_duct', 'water', 0.15],
  ['telecom_duct', 'drain', 0.15],
  ['telecom_duct', 'heat', 0.25],
  ['telecom_duct', 'gas', 0.15],
  ['telecom_duct', 'telecom_direct', 0.25],
  ['telecom_duct', 'telecom_duct', 0.25],
  ...['water', 'drain', 'heat', 'gas', 'telecom_direct', 'telecom_duct', 'power_direct'].map(
    (g) => ['power_direct', g, 0.5] as const,
  ),
  ...['water', 'drain', 'heat', 'gas', 'telecom_direct', 'telecom_duct', 'power_direct', 'power_conduit'].map(
    (g) => ['power_conduit', g, 0.25] as const,
  ),
];

function key(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

const H_TABLE = new Map(HORIZONTAL.map(([a, b, v, s]) => [key(a, b), { requiredM: v, source: s }]));
const V_TABLE = new Map(VERTICAL.map(([a, b, v]) => [key(a, b), { requiredM: v, source: `${T14} ${a}/${b}` }]));

/** Minimum horizontal clearance between two pipes (or a pipe and a building); null where the table has none. */
export function horizontalClearance(a: PipeClass | 'building', b: PipeClass | 'building'): ClearanceRule | null {
  const ca = a === 'building' ? 'building' : clearanceClass(a);
  const cb = b === 'building' ? 'building' : clearanceClass(b);
  if (ca.startsWith('gas') && cb.startsWith('gas') && a !== 'building' && b !== 'building') {
    // 表 4.1.9 燃气/燃气: DN ≤ 300 mm 0.4 m, DN > 300 mm 0.5 m (the larger pipe decides)
    const dn = Math.max(a.diameterMm ?? 0, b.diameterMm ?? 0);
    return dn > 300
      ? { requiredM: 0.5, source: `${T9} 燃气/燃气 DN>300` }
      : { requiredM: 0.4, source: `${T9} 燃气/燃气 DN≤300` };
  }
  return H_TABLE.get(key(ca, cb)) ?? null;
}

/** Minimum vertical clearance where two pipes cross; null where the table has none. */
export function verticalClearance(a: PipeClass, b: PipeClass): ClearanceRule | null {
  return V_TABLE.get(key(VGROUP[clearanceClass(a)], VGROUP[clearanceClass(b)])) ?? null;
}
