/**
 * The acceptance's hand-worked sunlight cases (issue #15), each against the analytic box
 * reference of fixture.ts, within 1 minute.
 */
import { describe, expect, it } from 'vitest';
import { makeTerrainGrid } from '../../../../main/analysis/obstacles/terrain-grid.js';
import { analyticIntervals, clockMin, point, run, sunAt, WINDOW, type Box } from './fixture.js';

function expectIntervals(got: { startTrueSolar: string; endTrueSolar: string }[], want: [number, number][]): void {
  expect(got.map((i) => [clockMin(i.startTrueSolar), clockMin(i.endTrueSolar)])).toHaveLength(want.length);
  got.forEach((i, k) => {
    const [a, b] = want[k] ?? [NaN, NaN];
    expect(Math.abs(clockMin(i.startTrueSolar) - a), `start of interval ${String(k)}`).toBeLessThanOrEqual(1);
    expect(Math.abs(clockMin(i.endTrueSolar) - b), `end of interval ${String(k)}`).toBeLessThanOrEqual(1);
  });
}

/** True-solar minute at which the Sun's azimuth reaches `az` (bisection). */
function whenAzimuth(az: number): number {
  let lo = WINDOW.startMin;
  let hi = WINDOW.endMin;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (sunAt(mid).az < az) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('hand-worked sunlight cases (南阳, 大寒日 2025-01-20, 08:00-16:00 true solar time)', () => {
  it('a facade point with no obstruction gets the whole window, in both times', async () => {
    const r = await run([], [point('p', 0, 0, 0.9, 180)]);
    const p = r.points[0];
    expect(p?.sunlitMinutes).toBe(480);
    expect(p?.intervals).toHaveLength(1);
    expect(p?.intervals[0]?.startTrueSolar).toBe('08:00:00');
    expect(p?.intervals[0]?.endTrueSolar).toBe('16:00:00');
    // 南阳 is 7.47° west of 120°E (+29.88 min) and E is −10.98 min on the day: 08:00 TST = 08:40:51 BJT.
    expect(p?.intervals[0]?.startBeijing).toBe('08:40:51');
    expect(r.window.startBeijing).toBe('08:40:51');
    expect(r.window.endBeijing).toBe('16:40:51');
    expect(r.calculationDay).toBe('dahan');
    expect(r.notes.map((n) => n.code)).toEqual(['no_buildings']);
    expect(r.failing).toEqual([]);
  });

  it('a point behind a single slab: shadow start and end match the analytic times within 1 minute', async () => {
    const slab: Box = { x0: -30, y0: -32, x1: 30, y1: -30, topM: 30 };
    const p = { x: 0, y: 0, z: 0.9, facingDeg: 180 };
    const want = analyticIntervals([slab], p);
    // Lit in the morning until the Sun passes the slab's east end, lit again after its west end.
    expect(want).toHaveLength(2);
    const r = await run([slab], [point('p', p.x, p.y, p.z, p.facingDeg)]);
    const got = r.points[0]?.intervals ?? [];
    expectIntervals(got, want);
    const shadowStart = clockMin(got[0]?.endTrueSolar ?? '');
    const shadowEnd = clockMin(got[1]?.startTrueSolar ?? '');
    expect(shadowStart).toBeGreaterThan(9 * 60);
    expect(shadowEnd).toBeLessThan(15 * 60);
    expect(r.points[0]?.sunlitMinutes).toBe(480 - Math.round(shadowEnd - shadowStart));
  });

  it('a point between two towers gets two lit intervals', async () => {
    const east: Box = { x0: 20, y0: -40, x1: 40, y1: -20, topM: 60 };
    const west: Box = { x0: -25, y0: -50, x1: -5, y1: -30, topM: 60 };
    const p = { x: 0, y: 0, z: 0.9, facingDeg: 180 };
    const want = analyticIntervals([east, west], p);
    expect(want).toHaveLength(2);
    const r = await run([east, west], [point('p', p.x, p.y, p.z, p.facingDeg)]);
    expectIntervals(r.points[0]?.intervals ?? [], want);
  });

  it('a south-east facade self-shades in the afternoon (when the Sun passes azimuth 225°)', async () => {
    const r = await run([], [point('se', 0, 0, 0.9, 135)]);
    const intervals = r.points[0]?.intervals ?? [];
    expect(intervals).toHaveLength(1);
    expect(intervals[0]?.startTrueSolar).toBe('08:00:00');
    const end = clockMin(intervals[0]?.endTrueSolar ?? '');
    expect(Math.abs(end - whenAzimuth(225))).toBeLessThanOrEqual(1);
    expect(end).toBeLessThan(16 * 60);
    // and a north-west facade is lit only after that, to the end of the window
    const nw = (await run([], [point('nw', 0, 0, 0.9, 315)])).points[0];
    expect(nw?.intervals).toHaveLength(1);
    expect(Math.abs(clockMin(nw?.intervals[0]?.startTrueSolar ?? '') - end)).toBeLessThanOrEqual(1);
    expect(nw?.intervals[0]?.endTrueSolar).toBe('16:00:00');
  });

  it('the sweep-angle rule narrows the facade’s sector and is stated', async () => {
    const r = await run([], [point('se', 0, 0, 0.9, 135)], { rules: { minSweepDeg: 30 } });
    const end = clockMin(r.points[0]?.intervals[0]?.endTrueSolar ?? '');
    expect(Math.abs(end - whenAzimuth(195))).toBeLessThanOrEqual(1);
    expect(r.rules.applied).toEqual(['sweep_angle']);
  });

  it('the minimum counted segment drops short intervals from the count but lists them', async () => {
    // A slab reaching further east than west: a shorter lit interval in the morning than in the afternoon.
    const slab: Box = { x0: -30, y0: -32, x1: 40, y1: -30, topM: 30 };
    const base = await run([slab], [point('p', 0, 0, 0.9, 180)]);
    const first = base.points[0]?.intervals[0]?.minutes ?? 0;
    const r = await run([slab], [point('p', 0, 0, 0.9, 180)], { rules: { minSegmentMin: first + 1 } });
    expect(r.points[0]?.intervals[0]?.counted).toBe(false);
    expect(base.points[0]?.intervals).toHaveLength(2);
    expect(r.points[0]?.intervals[1]?.counted).toBe(true);
    expect(r.points[0]?.sunlitMinutes).toBe((base.points[0]?.sunlitMinutes ?? 0) - first);
    expect(r.points[0]?.litMinutes).toBe(base.points[0]?.sunlitMinutes);
    expect(r.rules.applied).toEqual(['min_segment']);
  });

  it('terrain: a ridge to the south shades a point below it all day, not one above it', async () => {
    // 200 × 200 m at 10 m, a 40 m ridge from y = -60 to -40 across the whole width.
    const nx = 21;
    const heights = new Float32Array(nx * nx);
    for (let j = 0; j < nx; j++) for (let i = 0; i < nx; i++) heights[j * nx + i] = j >= 4 && j <= 6 ? 40 : 0;
    const terrain = makeTerrainGrid(-100, -100, 10, nx, nx, heights, 0);
    const r = await run([], [point('low', 0, 0, 0.9, 180), point('high', 0, 0, 45, 180)], { terrain });
    expect(r.points[0]?.sunlitMinutes).toBe(0);
    expect(r.points[1]?.sunlitMinutes).toBe(480);
  });
});
