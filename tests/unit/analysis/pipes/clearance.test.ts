/**
 * One pair just under and one just over each kind of clearance minimum (ground at 100 m):
 * - horizontal 给水 DN300 / 污水 DN400, GB 50289 表 4.1.9 给水 d>200 / 污水 1.5 m: centrelines
 *   1.84 m apart → 1.84 − 0.15 − 0.20 = 1.49 m (under); 1.86 m → 1.51 m (over);
 * - vertical 燃气 DN200 (cover 1.0: top 99.0, bottom 98.8) over 给水 DN300, 表 4.1.14 0.15 m:
 *   water cover 1.34 → top 98.66, gap 0.14 m (under); cover 1.36 → gap 0.16 m (over);
 * - pipe to building, 燃气 低压 DN110, 表 4.1.9 建筑物 0.7 m: centreline 0.70 m from the wall
 *   → 0.70 − 0.055 = 0.645 m (under); 0.80 m → 0.745 m (over).
 */
import { describe, expect, it } from 'vitest';
import { checkClearances } from '../../../../main/analysis/pipes/clearance-core.js';
import { buildNetwork } from '../../../../main/pipes/network.js';
import type { SegmentRecord } from '../../../../main/pipes/model.js';
import { horizontalClearance, verticalClearance } from '../../../../layers/pipe-clearances.js';
import { seg } from './fixture.js';

const line = (x0: number, y0: number, x1: number, y1: number) =>
  [
    [x0, y0],
    [x1, y1],
  ] as const;

function network(segments: SegmentRecord[]) {
  return buildNetwork([], segments);
}

describe('clearance check', () => {
  it('horizontal: 1.49 m against 1.5 m is a violation, 1.51 m is not', () => {
    const water = { diameterMm: 300 };
    const sewer = { diameterMm: 400, startDepthM: 2.5, endDepthM: 2.5 };
    const r = checkClearances(
      network([
        seg('JS1', '给水', null, null, line(0, 0, 100, 0), water),
        seg('WS1', '污水', null, null, line(0, 1.84, 100, 1.84), sewer),
        seg('JS2', '给水', null, null, line(1000, 0, 1100, 0), water),
        seg('WS2', '污水', null, null, line(1000, 1.86, 1100, 1.86), sewer),
      ]),
    );
    expect(r.violations.map(({ a, b, kind, measuredM, requiredM }) => ({ a, b, kind, measuredM, requiredM }))).toEqual([
      { a: 'JS1', b: 'WS1', kind: 'horizontal', measuredM: 1.49, requiredM: 1.5 },
    ]);
    expect(r.violations[0]?.source).toContain('表 4.1.9');
    expect(r.pairsChecked).toBe(2);
  });

  it('vertical: a 0.14 m gap at a crossing against 0.15 m is a violation, 0.16 m is not', () => {
    const gas = { diameterMm: 200, pressure: '中压', startDepthM: 1.0, endDepthM: 1.0 };
    const r = checkClearances(
      network([
        seg('RQ1', '燃气', null, null, line(0, -50, 0, 50), gas),
        seg('JS1', '给水', null, null, line(-50, 0, 50, 0), { diameterMm: 300, startDepthM: 1.34, endDepthM: 1.34 }),
        seg('RQ2', '燃气', null, null, line(1000, -50, 1000, 50), gas),
        seg('JS2', '给水', null, null, line(950, 0, 1050, 0), { diameterMm: 300, startDepthM: 1.36, endDepthM: 1.36 }),
      ]),
    );
    expect(r.violations).toEqual([
      {
        a: 'RQ1',
        b: 'JS1',
        bKind: 'pipe',
        kind: 'vertical',
        measuredM: 0.14,
        requiredM: 0.15,
        source: 'GB 50289-2016 表 4.1.14 gas/water',
        xy: [0, 0],
      },
    ]);
  });

  it('to a building: 0.645 m against 0.7 m is a violation, 0.745 m is not; no depth is flagged', () => {
    const gas = { diameterMm: 110, pressure: '低压', startDepthM: null, endDepthM: null };
    const wall = (x: number) => ({
      id: `B${String(x)}`,
      rings: [
        [
          [x, 0],
          [x + 10, 0],
          [x + 10, 10],
          [x, 10],
          [x, 0],
        ] as const,
      ],
    });
    const r = checkClearances(
      network([
        seg('RQ1', '燃气', null, null, line(0, -0.7, 10, -0.7), gas),
        seg('RQ2', '燃气', null, null, line(1000, -0.8, 1010, -0.8), gas),
      ]),
      [wall(0), wall(1000)],
    );
    expect(
      r.violations.map(({ a, b, bKind, measuredM, requiredM }) => ({ a, b, bKind, measuredM, requiredM })),
    ).toEqual([{ a: 'RQ1', b: 'B0', bKind: 'building', measuredM: 0.645, requiredM: 0.7 }]);
    expect(r.depthDefaulted).toEqual(['RQ1', 'RQ2']);
  });

  it('table notes pick the value: gas pressure class, gas size, direct-buried against conduit', () => {
    const gas = (pressure: string, dn = 200) => ({ system: '燃气' as const, diameterMm: dn, pressure, laying: null });
    expect(horizontalClearance(gas('低压'), 'building')?.requiredM).toBe(0.7);
    expect(horizontalClearance(gas('中压B'), 'building')?.requiredM).toBe(1.0);
    expect(horizontalClearance(gas('中压'), 'building')?.requiredM).toBe(1.5);
    expect(horizontalClearance(gas('次高压A'), 'building')?.requiredM).toBe(13.5);
    expect(horizontalClearance(gas('低压', 300), gas('中压', 300))?.requiredM).toBe(0.4);
    expect(horizontalClearance(gas('低压', 400), gas('中压', 300))?.requiredM).toBe(0.5);
    const power = (laying: '直埋' | '排管') => ({ system: '电力' as const, diameterMm: null, pressure: null, laying });
    expect(horizontalClearance(gas('中压'), power('直埋'))?.requiredM).toBe(0.5);
    expect(horizontalClearance(gas('中压'), power('排管'))?.requiredM).toBe(1.0);
    const water = { system: '给水' as const, diameterMm: 200, pressure: null, laying: null };
    expect(verticalClearance(power('直埋'), water)?.requiredM).toBe(0.5);
    expect(verticalClearance(power('排管'), water)?.requiredM).toBe(0.25);
    expect(horizontalClearance(water, water)).toBeNull();
  });
});
