import { describe, expect, it } from 'vitest';
import {
  caseIconSpec,
  clusterIconSpec,
  drawIcon,
  iconKey,
  type IconCanvas,
  MAJOR_COLOURS,
  majorColour,
} from '../../../renderer/map/cases/case-icons.js';
import { clusterCellDeg, clusterGrid } from '../../../renderer/map/cases/grid-cluster.js';
import { heatGrid, heatRgba, rampColour } from '../../../renderer/map/cases/heat-grid.js';
import { inWindow, nextStepStart, stepLabel, stepStart, timeSteps } from '../../../renderer/map/cases/time-steps.js';
import { CASE_MAJORS } from '../../../layers/cases.js';

describe('case icons', () => {
  it('give every 大类 of both kinds its own colour, and tell 部件 (square) from 事件 (circle)', () => {
    const colours = CASE_MAJORS.map((m) => majorColour(m.kind, m.code));
    expect(new Set(colours).size).toBe(12);
    expect(Object.keys(MAJOR_COLOURS.部件)).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(caseIconSpec('部件', '01')).toEqual({
      size: 28,
      shape: 'square',
      fill: '#1b9e77',
      ring: '#1f1f1f',
      ringWidth: 1.5,
      text: '01',
    });
    expect(caseIconSpec('事件', '01')).toMatchObject({ shape: 'circle', fill: '#e41a1c', text: '01' });
    // overdue: red ring; selected: white ring, whatever else
    expect(caseIconSpec('事件', '03', { overdue: true })).toMatchObject({ ring: '#f5222d', ringWidth: 3 });
    expect(caseIconSpec('事件', '03', { selected: true, overdue: true })).toMatchObject({ ring: '#ffffff' });
    // an unknown code still draws, grey, with a question mark
    expect(caseIconSpec('部件', 'x')).toMatchObject({ fill: '#595959', text: '?' });
    // one atlas entry per distinct picture
    expect(iconKey(caseIconSpec('部件', '01'))).toBe(iconKey(caseIconSpec('部件', '01')));
    expect(iconKey(caseIconSpec('部件', '01'))).not.toBe(iconKey(caseIconSpec('部件', '01', { overdue: true })));
  });

  it('label clusters with the count (thousands as k), wider with more digits', () => {
    expect(clusterIconSpec(7)).toMatchObject({ text: '7', size: 32, shape: 'circle' });
    expect(clusterIconSpec(12_345)).toMatchObject({ text: '12k', size: 44 });
  });

  it('draw the spec on a canvas context: shape, fill, ring and code', () => {
    const calls: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get:
          (_t, key: string) =>
          (...args: unknown[]) =>
            calls.push(`${key}(${args.map(String).join(',')})`),
        set: (_t, key: string, value: unknown) => {
          calls.push(`${key}=${String(value)}`);
          return true;
        },
      },
    ) as unknown as IconCanvas;
    drawIcon(ctx, caseIconSpec('部件', '02', { overdue: true }), 2);
    expect(calls).toContain('scale(2,2)');
    expect(calls).toContain('roundRect(3.5,3.5,21,21,5)');
    expect(calls).toContain('fillStyle=#d95f02');
    expect(calls).toContain('strokeStyle=#f5222d');
    expect(calls).toContain('fillText(02,14,14.5)');
    calls.length = 0;
    drawIcon(ctx, caseIconSpec('事件', '02'));
    expect(calls).toContain(`arc(14,14,11.25,0,${String(2 * Math.PI)})`);
  });
});

describe('grid clusterer', () => {
  // cells of 1°: (0.2,0.2) (0.4,0.6) (0.9,0.1) in cell 0:0; (1.5,0.5) alone in 1:0;
  // (-0.5,0.5) (-0.1,0.9) in cell -1:0
  const lon = [0.2, 0.4, 0.9, 1.5, -0.5, -0.1];
  const lat = [0.2, 0.6, 0.1, 0.5, 0.5, 0.9];

  it('groups the points of a cell at their mean and leaves small cells as singles', () => {
    const c = clusterGrid(lon, lat, 1, 2);
    expect(c.clusters).toHaveLength(2);
    const big = c.clusters.find((k) => k.count === 3);
    expect(big?.members).toEqual([0, 1, 2]);
    expect(big?.lon).toBeCloseTo(0.5, 12);
    expect(big?.lat).toBeCloseTo(0.3, 12);
    const west = c.clusters.find((k) => k.count === 2);
    expect(west?.members).toEqual([4, 5]);
    expect(west?.lon).toBeCloseTo(-0.3, 12);
    expect(west?.lat).toBeCloseTo(0.7, 12);
    expect(c.singles).toEqual([3]);
  });

  it('honours the minimum size, the shown subset and the off switch', () => {
    expect(clusterGrid(lon, lat, 1, 3).singles).toEqual([3, 4, 5]);
    const some = clusterGrid(lon, lat, 1, 2, [0, 3, 4]);
    expect(some.clusters).toEqual([]);
    expect(some.singles).toEqual([0, 3, 4]);
    expect(clusterGrid(lon, lat, 0, 2)).toEqual({ clusters: [], singles: [0, 1, 2, 3, 4, 5] });
    // every point counted once, clustered or not
    const all = clusterGrid(lon, lat, 0.5, 2);
    expect(all.clusters.reduce((n, k) => n + k.count, 0) + all.singles.length).toBe(6);
  });

  it('sizes the cell from the ground resolution, and turns off close in', () => {
    // 10 m per pixel × 64 px = 640 m = 640 / 111320 degrees
    expect(clusterCellDeg(10)).toBeCloseTo(640 / 111_320, 12);
    expect(clusterCellDeg(0.5)).toBe(0);
    expect(clusterCellDeg(null)).toBe(0);
  });
});

describe('heat grid', () => {
  it('sums the quartic kernel by hand-worked values', () => {
    // a 4×4 grid over [0,0,4,4]: one case at (1.5, 2.5) sits at the centre of cell x=1, y=1
    // (rows from the north); radius 2 cells: the cell itself 1, its four neighbours
    // (d=1) (1-1/4)² = 0.5625, the diagonals (d²=2) (1-2/4)² = 0.25, d=2 gives 0
    const g = heatGrid([1.5], [2.5], [0], [0, 0, 4, 4], 4, 4, 2);
    const at = (x: number, y: number): number => g.values[y * 4 + x] as number;
    expect(at(1, 1)).toBeCloseTo(1, 6);
    expect(at(0, 1)).toBeCloseTo(0.5625, 6);
    expect(at(1, 2)).toBeCloseTo(0.5625, 6);
    expect(at(2, 2)).toBeCloseTo(0.25, 6);
    expect(at(3, 1)).toBe(0);
    expect(g.max).toBeCloseTo(1, 6);
    // two cases on the same spot double it
    expect(heatGrid([1.5, 1.5], [2.5, 2.5], [0, 1], [0, 0, 4, 4], 4, 4, 2).max).toBeCloseTo(2, 6);
  });

  it('gives the overdue share where there are cases, NaN elsewhere', () => {
    // three cases on one spot, one overdue: share 1/3 wherever they reach
    const g = heatGrid([1.5, 1.5, 1.5], [2.5, 2.5, 2.5], [0, 1, 2], [0, 0, 4, 4], 4, 4, 2, 'overdue', [0, 1, 0]);
    expect(g.values[1 * 4 + 1]).toBeCloseTo(1 / 3, 6);
    expect(g.values[1 * 4 + 0]).toBeCloseTo(1 / 3, 6);
    expect(Number.isNaN(g.values[3 * 4 + 3] as number)).toBe(true);
    // a diagonal neighbour holds 3 × 0.25 = 0.75 < 1 of support: not drawn
    expect(Number.isNaN(g.values[2 * 4 + 2] as number)).toBe(true);
  });

  it('colours through the ramp: empty is transparent, the peak red', () => {
    expect(rampColour(0)[3]).toBe(0);
    expect(rampColour(1)).toEqual([215, 25, 28, 230]);
    expect(rampColour(0.65)).toEqual([254, 215, 144, 208]);
    const g = heatGrid([1.5], [2.5], [0], [0, 0, 4, 4], 4, 4, 2);
    const px = heatRgba(g);
    expect([...px.subarray((1 * 4 + 1) * 4, (1 * 4 + 1) * 4 + 4)]).toEqual([215, 25, 28, 230]);
    expect([...px.subarray((3 * 4 + 3) * 4, (3 * 4 + 3) * 4 + 4)]).toEqual([0, 0, 0, 0]);
  });
});

describe('time steps (北京时间)', () => {
  const bj = (s: string): number => Date.parse(`${s}+08:00`);

  it('start days, weeks (Monday) and months at 北京 midnight', () => {
    const t = bj('2024-12-04T01:30:00'); // a Wednesday, still 12-03 in UTC
    expect(stepStart(t, 'day')).toBe(bj('2024-12-04T00:00:00'));
    expect(stepStart(t, 'week')).toBe(bj('2024-12-02T00:00:00'));
    expect(stepStart(t, 'month')).toBe(bj('2024-12-01T00:00:00'));
    expect(nextStepStart(bj('2024-12-01T00:00:00'), 'month')).toBe(bj('2025-01-01T00:00:00'));
    expect(nextStepStart(bj('2024-02-01T00:00:00'), 'month')).toBe(bj('2024-03-01T00:00:00'));
    // a Sunday belongs to the week of the Monday before
    expect(stepStart(bj('2024-12-08T23:59:00'), 'week')).toBe(bj('2024-12-02T00:00:00'));
  });

  it('cover the span with half-open windows and label them', () => {
    const months = timeSteps(bj('2024-10-15T08:00:00'), bj('2024-12-31T23:00:00'), 'month');
    expect(months.map((w) => stepLabel(w, 'month'))).toEqual(['2024-10', '2024-11', '2024-12']);
    const weeks = timeSteps(bj('2024-12-04T00:00:00'), bj('2024-12-10T00:00:00'), 'week');
    expect(weeks.map((w) => stepLabel(w, 'week'))).toEqual(['2024-12-02 – 12-08', '2024-12-09 – 12-15']);
    expect(timeSteps(5, 1, 'day')).toEqual([]);
    const times = [
      bj('2024-11-30T23:59:59'),
      bj('2024-12-01T00:00:00'),
      bj('2024-12-31T12:00:00'),
      bj('2025-01-01T00:00:00'),
    ];
    const dec = months[2];
    expect(dec && inWindow(times, dec)).toEqual([1, 2]);
    expect(dec && inWindow(times, dec, [0, 2, 3])).toEqual([2]);
  });
});
