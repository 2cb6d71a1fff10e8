import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classBreaks,
  equalIntervalBreaks,
  jenksBreaks,
  quantileBreaks,
  rampColourAt,
  rampColours,
  rangeLabel,
  statedBreaks,
  type ClassMode,
} from '../../../layers/classify.js';

/** Written by QGIS 3.22.16 (tests/fixtures/qml/make-reference.py): QgsClassification*.classes(). */
interface Reference {
  qgis: string;
  values: number[];
  skewed: number[];
  cases: { method: ClassMode; data: 'values' | 'skewed'; classes: number; ranges: [number, number][] }[];
}
const ref = JSON.parse(
  readFileSync(new URL('../../fixtures/qml/breaks-qgis.json', import.meta.url), 'utf8'),
) as Reference;

describe('class breaks against QGIS 3.22', () => {
  it('the reference comes from QGIS 3.22', () => {
    expect(ref.qgis).toMatch(/^3\.22\./);
    expect(ref.cases).toHaveLength(18);
  });
  for (const c of ref.cases) {
    it(`${c.method} on ${c.data} in ${String(c.classes)} classes`, () => {
      const edges = classBreaks(c.method, ref[c.data], c.classes);
      const expected = [c.ranges[0]?.[0] ?? Number.NaN, ...c.ranges.map((r) => r[1])];
      expect(edges).toHaveLength(expected.length);
      edges.forEach((e, i) => expect(e).toBeCloseTo(expected[i] ?? Number.NaN, 9));
    });
  }
});

describe('class breaks by hand', () => {
  it('equal interval of 0..10 in 4 classes', () => {
    expect(equalIntervalBreaks([10, 0, 5], 4)).toEqual([0, 2.5, 5, 7.5, 10]);
  });
  it('quantile of 1..5 in 2 classes takes the median', () => {
    expect(quantileBreaks([5, 4, 3, 2, 1], 2)).toEqual([1, 3, 5]);
  });
  it('jenks splits two clear clusters at their gap', () => {
    expect(jenksBreaks([1, 2, 3, 100, 101, 102], 2)).toEqual([1, 3, 102]);
  });
  it('jenks with fewer values than classes closes a class on each value', () => {
    expect(jenksBreaks([4, 2, 2], 5)).toEqual([2, 2, 4]);
  });
  it('ignores NaN and empty input', () => {
    expect(equalIntervalBreaks([Number.NaN, 1, 3], 2)).toEqual([1, 2, 3]);
    expect(quantileBreaks([], 3)).toEqual([]);
  });
  it('stated edges are sorted and deduplicated; fewer than two is no class', () => {
    expect(statedBreaks([30, 0, 10, 10])).toEqual([0, 10, 30]);
    expect(statedBreaks([5])).toEqual([]);
  });
});

describe('colour ramps', () => {
  it('takes the ends and interpolates in RGB', () => {
    expect(rampColourAt('Blues', 0)).toBe('#eff3ff');
    expect(rampColourAt('Blues', 1)).toBe('#08519c');
    // halfway between stop 1 (#bdd7e7) and 2 (#6baed6) at t = 0.375
    expect(rampColourAt('Blues', 0.375)).toBe('#94c3df');
    expect(rampColours('YlOrRd', 5)).toEqual(['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']);
  });
  it('qualitative ramps hand out colours in turn', () => {
    expect(rampColours('Set2', 9)[8]).toBe('#66c2a5');
  });
  it('labels ranges as QGIS does', () => {
    expect(rangeLabel(3, 27.5)).toBe('3 - 27.5');
    expect(rangeLabel(26.579999999, 50.16)).toBe('26.58 - 50.16');
  });
});
