import { describe, expect, it } from 'vitest';
import { openObstacles, packObstacles } from '../../../../main/analysis/obstacles/prisms.js';
import { facadePoints, groundGridPoints } from '../../../../main/analysis/sunlight/points.js';
import { boxPrism, point, run, type Box } from './fixture.js';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

describe('sample points', () => {
  it('puts facade points every spacing on every storey of the east, south and west facades', () => {
    // 30 m × 10 m, 6 storeys of 3 m; clockwise ring, so orientation does not matter.
    const ring = rect(0, 0, 30, 10).reverse();
    const pts = facadePoints([{ id: 'B1', rings: [ring], baseM: 0, heightM: 18, floors: 6 }], { spacingM: 3 });
    const byFacing = new Map<number, number>();
    for (const p of pts)
      byFacing.set(Math.round(p.facingDeg ?? -1), (byFacing.get(Math.round(p.facingDeg ?? -1)) ?? 0) + 1);
    // south 30 m → 10 points, east and west 10 m → 3 each; × 6 storeys; north (0°) not sampled.
    expect(Object.fromEntries(byFacing)).toEqual({ 180: 60, 90: 18, 270: 18 });
    const first = pts.find((p) => p.facingDeg === 180 && p.floor === 1);
    expect(first?.z).toBeCloseTo(0.9, 9);
    expect(first?.y).toBeCloseTo(-0.05, 9); // 5 cm out from the south wall
    expect(pts.find((p) => p.floor === 6)?.heightAboveGroundM).toBeCloseTo(15.9, 9);
  });

  it('spreads a window’s sill positions along the wall for 满窗日照', () => {
    const pts = facadePoints([{ id: 'B', rings: [rect(0, 0, 12, 10)], baseM: 0, heightM: 3, floors: 1 }], {
      spacingM: 6,
      windowWidthM: 2,
      sillSamples: 5,
      facingFromDeg: 180,
      facingToDeg: 180,
    });
    expect(pts).toHaveLength(2);
    expect(Array.from(pts[0]?.xs ?? [])).toEqual([2, 2.5, 3, 3.5, 4]);
  });

  it('lays a ground grid inside the area and outside buildings', () => {
    const obstacles = openObstacles(packObstacles([boxPrism({ x0: 0, y0: 0, x1: 10, y1: 10, topM: 10 })]));
    const pts = groundGridPoints([rect(0, 0, 20, 20)], 5, obstacles, null);
    expect(pts).toHaveLength(16 - 4);
    expect(pts.every((p) => !(p.x < 10 && p.y < 10))).toBe(true);
  });
});

describe('window-level sunlight and self-shading by the own building', () => {
  it('a window is lit only while its whole sill is: never longer than its middle point', async () => {
    // A thin pole 10 m south-east of the window's east end.
    const pole: Box = { x0: 9, y0: -11, x1: 10, y1: -10, topM: 40 };
    const centre = point('c', 0, 0, 0.9, 180);
    const window = { ...point('w', 0, 0, 0.9, 180), xs: [-1, -0.5, 0, 0.5, 1], ys: [0, 0, 0, 0, 0] };
    const r = await run([pole], [centre, window]);
    const c = r.points[0]?.sunlitMinutes ?? 0;
    const w = r.points[1]?.sunlitMinutes ?? 0;
    expect(w).toBeLessThan(c);
    expect(c - w).toBeGreaterThan(2);
  });

  it('an L-shaped building’s wing shades its own south facade in the morning', async () => {
    // Main bar 0..40 × 0..12, a wing 30..40 × -20..0 sticking out south at the east end.
    const l = [
      [0, 0],
      [30, 0],
      [30, -20],
      [40, -20],
      [40, 12],
      [0, 12],
    ] as [number, number][];
    const pts = facadePoints([{ id: 'L', rings: [l], baseM: 0, heightM: 30, floors: 10 }], {
      spacingM: 30,
      allFloors: false,
      facingFromDeg: 180,
      facingToDeg: 180,
    });
    const south = pts.find((p) => Math.abs(p.y) < 0.1 && p.x < 30);
    expect(south).toBeDefined();
    if (!south) return;
    const r = await run([], [south], { prisms: [{ rings: [l], baseM: 0, topM: 30 }] });
    const first = r.points[0]?.intervals[0];
    expect(first?.startTrueSolar).not.toBe('08:00:00');
  });
});

describe('bad inputs and stated results', () => {
  it('a date outside the calculation days is computed, with a note naming the days', async () => {
    const r = await run([], [point('p', 0, 0, 0.9, 180)], { date: '2025-03-01' });
    expect(r.calculationDay).toBeNull();
    expect(r.notes).toContainEqual({
      code: 'not_calculation_day',
      facts: { date: '2025-03-01', dahan: '2025-01-20', dongzhi: '2025-12-21' },
    });
    expect(r.points[0]?.sunlitMinutes).toBe(480);
  });

  it('a polar-night latitude gives every point 0 minutes, a failing list and a note', async () => {
    const r = await run([], [point('p', 0, 0, 0.9, 180)], { latDeg: 75 });
    expect(r.sunAboveHorizonMin).toBe(0);
    expect(r.notes.map((n) => n.code)).toContain('polar_night');
    expect(r.points[0]?.sunlitMinutes).toBe(0);
    expect(r.failing).toEqual(['p']);
  });

  it('no buildings in range: every point is unobstructed, and the result says why', async () => {
    const r = await run([], [point('a', 0, 0, 0.9, 180), point('b', 500, 0, 0.9, 180)]);
    expect(r.notes.map((n) => n.code)).toContain('no_buildings');
    expect(r.points.map((p) => p.sunlitMinutes)).toEqual([480, 480]);
  });
});

describe('worker threads', () => {
  it('two workers give exactly the in-process result', async () => {
    const boxes: Box[] = [];
    for (let i = 0; i < 20; i++) boxes.push({ x0: i * 15, y0: -40, x1: i * 15 + 10, y1: -30, topM: 20 + (i % 5) * 10 });
    const pts = Array.from({ length: 300 }, (_, i) =>
      point(`p${String(i)}`, (i % 30) * 10, -Math.floor(i / 30) * 3, 0.9, 180),
    );
    const a = await run(boxes, pts, { workers: 0 });
    const b = await run(boxes, pts, { workers: 2 });
    expect(b.points).toEqual(a.points);
    expect(a.points.some((p) => p.sunlitMinutes < 480 && p.sunlitMinutes > 0)).toBe(true);
  }, 60_000);
});
