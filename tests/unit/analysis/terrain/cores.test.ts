/**
 * The terrain analyses' pure cores on small generated DEMs with hand-worked answers (issue
 * #16): a box on flat ground (line of sight, viewshed), a cone hill (line of sight over the
 * top, viewshed shadow, cut-and-fill against the cone's volume), a bowl with a ridge
 * (flooding with and without a seed) and a ramp (profile, cut-and-fill). Earth curvature is
 * switched off (curvCoeff 0) where the arithmetic below assumes a flat earth.
 */
import { describe, expect, it } from 'vitest';
import { CimError } from '../../../../common/errors.js';
import { cutFill } from '../../../../main/analysis/terrain/cut-fill-core.js';
import { flood } from '../../../../main/analysis/terrain/flood-core.js';
import { lineOfSight } from '../../../../main/analysis/terrain/los-core.js';
import { polygonize } from '../../../../main/analysis/terrain/polygonize.js';
import { profile, profileCsv } from '../../../../main/analysis/terrain/profile-core.js';
import { burnBuildings, makeSurface } from '../../../../main/analysis/terrain/surface.js';
import { HIDDEN, OUT_OF_RANGE, viewshed, VISIBLE } from '../../../../main/analysis/terrain/viewshed-core.js';
import { at, demOf } from './dems.js';

const flat = (n: number) => demOf(n, 1, () => 0);
const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  at(x0, y0),
  at(x1, y0),
  at(x1, y1),
  at(x0, y1),
  at(x0, y0),
];
/** Cone of height 50 m and base radius 30 m centred on local (100.5, 100.5). */
const cone = () => demOf(201, 1, (x, y) => Math.max(0, 50 * (1 - Math.hypot(x - 100.5, y - 100.5) / 30)));

function codeAt(v: ReturnType<typeof viewshed>, col: number, row: number): number {
  return v.codes[(row - v.row0) * v.width + (col - v.col0)] ?? -1;
}

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof CimError ? e.code : String(e);
  }
  return 'no error';
}

describe('line of sight', () => {
  it('a box building on flat ground blocks the line at its near face and hides the ground behind', () => {
    const box = { id: 'B1', rings: [rect(40, 40, 60, 60)], topM: 10 };
    const surface = makeSurface(flat(100), [box]);
    const [fx, fy] = at(10, 50);
    const [tx, ty] = at(90, 50);
    const r = lineOfSight(surface, { x: fx, y: fy, heightM: 2 }, { x: tx, y: ty, heightM: 2 }, { curvCoeff: 0 });
    // The sight line runs level at 2 m; the roof (10 m) starts 30 m from the eye.
    expect(r.visible).toBe(false);
    expect(r.obstruction?.kind).toBe('building');
    expect(r.obstruction?.buildingId).toBe('B1');
    expect(r.obstruction?.distanceM).toBeGreaterThanOrEqual(29.75);
    expect(r.obstruction?.distanceM).toBeLessThanOrEqual(30.25);
    expect(r.obstruction?.aboveLineM).toBeCloseTo(8, 6);
    // Seen: the ground up to the face (0–30 m) and at most the roof's front edge; the roof
    // beyond it (elevation angle 8/d falls) and the ground behind (angle < 0) are hidden.
    expect(r.segments.map((s) => s.visible)).toEqual([true, false]);
    expect(r.segments[0]?.toM).toBeGreaterThanOrEqual(29.75);
    expect(r.segments[0]?.toM).toBeLessThanOrEqual(30.5);
    expect(r.segments[1]?.toM).toBeCloseTo(80, 6);
    // From 12 m up both ends see over the 10 m roof.
    const high = lineOfSight(surface, { x: fx, y: fy, heightM: 12 }, { x: tx, y: ty, heightM: 12 }, { curvCoeff: 0 });
    expect(high.visible).toBe(true);
    expect(high.obstruction).toBeNull();
  });

  it('over a cone hill: blocked where the cone reaches the line, clear above its top', () => {
    const surface = makeSurface(cone());
    const [ax, ay] = at(40.5, 100.5);
    const [bx, by] = at(160.5, 100.5);
    // Ends 60 m from the apex stand on flat ground (0 m); eyes at 20 m: the cone's surface
    // 50·(1 − r/30) equals 20 at r = 18, i.e. 60 − 18 = 42 m from A.
    const low = lineOfSight(surface, { x: ax, y: ay, heightM: 20 }, { x: bx, y: by, heightM: 20 }, { curvCoeff: 0 });
    expect(low.visible).toBe(false);
    expect(low.obstruction?.kind).toBe('terrain');
    expect(low.obstruction?.buildingId).toBeNull();
    expect(Math.abs((low.obstruction?.distanceM ?? 0) - 42)).toBeLessThan(0.5);
    // Eyes at 60 m: the line passes 10 m over the 50 m apex.
    const high = lineOfSight(surface, { x: ax, y: ay, heightM: 60 }, { x: bx, y: by, heightM: 60 }, { curvCoeff: 0 });
    expect(high.visible).toBe(true);
  });

  it('refuses an end off the DEM', () => {
    const surface = makeSurface(flat(50));
    const [x, y] = at(10, 10);
    const [ox, oy] = at(80, 10);
    expect(errorCode(() => lineOfSight(surface, { x, y, heightM: 2 }, { x: ox, y: oy, heightM: 2 }))).toBe(
      'terrain.point_outside',
    );
  });
});

describe('viewshed', () => {
  it('a wall across flat ground hides every cell behind it (exact)', () => {
    // 101 × 101 cells of 1 m; observer on cell (50, 50) at 1.7 m; a 5 m wall fills row 20.
    const dem = demOf(101, 1, (_x, y) => (y > 20 && y < 21 ? 5 : 0));
    const [x, y] = at(50.5, 50.5);
    const v = viewshed(dem, { x, y, heightM: 1.7, targetHeightM: 0, radiusM: 0, curvCoeff: 0 });
    // Rows 0–19 (20 × 101 cells) lie behind a wall higher than the eye: hidden; rows 20–100 seen.
    expect(v.hiddenCells).toBe(20 * 101);
    expect(v.visibleCells).toBe(81 * 101);
    expect(codeAt(v, 50, 20)).toBe(VISIBLE);
    expect(codeAt(v, 50, 19)).toBe(HIDDEN);
  });

  it('a box on flat ground casts a wedge of hidden ground, the area subtended by its near face (rays: exact; Wang: wider)', () => {
    // Box: columns 120–129, rows 95–105 (10 × 11 m), 10 m high, east of the observer on
    // cell (100, 100) at 1.7 m, range 80 m. Relative to the eye the near face is at x = 19.5,
    // y = ±5.5, so the shadow is the sector of half-angle θ = atan(5.5 / 19.5) = 0.27468 rad:
    // θ·R² = 0.27468 · 6400 = 1757.97 m², minus the triangle in front of the face
    // (19.5 · 5.5 = 107.25 m²) = 1650.7 m², minus the face column itself (11 cells, seen)
    // = 1639.7 hidden cells.
    const base = flat(201);
    const box = { id: 'B', rings: [rect(120, 95, 130, 106)], topM: 10 };
    const dem = burnBuildings(base, [box]);
    const [x, y] = at(100.5, 100.5);
    const v = viewshed(dem, { x, y, heightM: 1.7, targetHeightM: 0, radiusM: 80, curvCoeff: 0, method: 'rays' });
    expect(Math.abs(v.hiddenCells - 1639.7) / 1639.7).toBeLessThan(0.03);
    // Wang's interpolation (GDAL's) hides all of the wedge and spreads it sideways.
    const wang = viewshed(dem, { x, y, heightM: 1.7, targetHeightM: 0, radiusM: 80, curvCoeff: 0 });
    expect(wang.hiddenCells).toBeGreaterThan(1639.7);
    expect(codeAt(wang, 150, 100)).toBe(HIDDEN);
    expect(codeAt(v, 120, 100)).toBe(VISIBLE); // the face
    expect(codeAt(v, 150, 100)).toBe(HIDDEN); // behind it
    expect(codeAt(v, 150, 80)).toBe(VISIBLE); // beside the wedge
    expect(codeAt(v, 100, 10)).toBe(-1); // 90 m north: outside the window of the 80 m range
    expect(codeAt(v, 160, 160)).toBe(OUT_OF_RANGE); // 85 m away diagonally
    // Everything in range on flat ground without the box would be seen: π·80² ≈ 20106 cells.
    expect(Math.abs(v.inRangeCells - Math.PI * 6400) / (Math.PI * 6400)).toBeLessThan(0.01);
  });

  it('behind a cone hill the ground is in shadow; beside it, seen', () => {
    const dem = cone();
    const [x, y] = at(40.5, 100.5);
    const v = viewshed(dem, { x, y, heightM: 1.7, targetHeightM: 0, radiusM: 0, curvCoeff: 0 });
    expect(codeAt(v, 100, 100)).toBe(VISIBLE); // the apex
    expect(codeAt(v, 140, 100)).toBe(HIDDEN); // behind the apex on the far side
    expect(codeAt(v, 115, 100)).toBe(HIDDEN); // the far slope
    expect(codeAt(v, 85, 100)).toBe(VISIBLE); // the near slope
    expect(codeAt(v, 100, 170)).toBe(VISIBLE); // well off the axis
  });

  it('a field of view keeps only the cells within half its width of the heading', () => {
    const [x, y] = at(50.5, 50.5);
    const all = viewshed(flat(101), { x, y, heightM: 1.7, targetHeightM: 0, radiusM: 40, curvCoeff: 0 });
    const east = viewshed(flat(101), {
      x,
      y,
      heightM: 1.7,
      targetHeightM: 0,
      radiusM: 40,
      curvCoeff: 0,
      headingDeg: 90,
      fovDeg: 90,
    });
    // A quarter of the disc (plus the boundary cells on the two diagonals).
    expect(Math.abs(east.visibleCells / all.visibleCells - 0.25)).toBeLessThan(0.02);
    expect(codeAt(east, 80, 50)).toBe(VISIBLE);
    expect(codeAt(east, 20, 50)).toBe(OUT_OF_RANGE);
  });

  it('refuses an observer outside the DEM', () => {
    const [x, y] = at(-5, 10);
    expect(errorCode(() => viewshed(flat(20), { x, y, heightM: 2, targetHeightM: 0, radiusM: 0 }))).toBe(
      'terrain.observer_outside',
    );
  });
});

describe('profile', () => {
  it('along a ramp the ground rises 0.1 m per metre, exactly', () => {
    const dem = demOf(100, 1, (x) => 0.1 * x);
    const surface = makeSurface(dem);
    const p = profile(surface, [at(10.5, 50.5), at(90.5, 50.5), at(90.5, 20.5)], 1);
    // 80 m east (81 samples) then 30 m north (30 more): ground 1.05 + 0.1·d, then level at 9.05.
    expect(p.samples).toHaveLength(111);
    expect(p.lengthM).toBeCloseTo(110, 9);
    for (const s of p.samples.slice(0, 81)) expect(s.groundM).toBeCloseTo(1.05 + 0.1 * s.distanceM, 4);
    for (const s of p.samples.slice(81)) expect(s.groundM).toBeCloseTo(9.05, 4);
    expect(p.ascentM).toBeCloseTo(8, 4);
    expect(p.descentM).toBeCloseTo(0, 4);
    const csv = profileCsv(p.samples).split('\n');
    expect(csv[0]).toBe('distance_m,x,y,ground_m,roof_m,building_id');
    expect(csv[1]).toBe(`0.00,${at(10.5, 50.5)[0].toFixed(3)},${at(10.5, 50.5)[1].toFixed(3)},1.050,,`);
  });

  it('cuts a building: its roof on the samples inside the footprint', () => {
    const surface = makeSurface(flat(100), [{ id: 'H7', rings: [rect(40, 40, 60, 60)], topM: 24 }]);
    const p = profile(surface, [at(10.5, 50), at(90.5, 50)], 1);
    const inside = p.samples.filter((s) => s.buildingId === 'H7');
    // Samples at x = 40.5 … 59.5: 20 of them.
    expect(inside).toHaveLength(20);
    expect(inside.every((s) => s.roofM === 24 && s.groundM === 0)).toBe(true);
    expect(p.buildingsCut).toEqual(['H7']);
  });
});

describe('cut and fill', () => {
  it('a cone graded to 0 m: the cut is the cone volume π·r²·h/3', () => {
    // π · 30² · 50 / 3 = 47 123.9 m³; the cell-centre sum is within 0.5 %.
    const r = cutFill(cone(), [rect(60, 60, 141, 141)], { elevationM: 0 });
    expect(Math.abs(r.cutM3 - 47123.9) / 47123.9).toBeLessThan(0.005);
    expect(r.fillM3).toBe(0);
    expect(r.areaM2).toBe(81 * 81);
  });

  it('a cone graded to 25 m: cut = the cone above 25 m, fill = the rest of the square up to 25 m', () => {
    // Above 25 m: a cone of radius 15, height 25: π·15²·25/3 = 5890.5 m³.
    // Fill over the 81 × 81 m square: 25·(6561 − π·15²) − ∫(ground under 25 m)
    // where ∫ = cone volume − (top cone + 25·π·15² cylinder) = 47123.9 − 5890.5 − 17671.5 = 23561.9:
    // 25 · (6561 − 706.86) − 23561.9 = 122791.6 m³.
    const r = cutFill(cone(), [rect(60, 60, 141, 141)], { elevationM: 25 });
    expect(Math.abs(r.cutM3 - 5890.5) / 5890.5).toBeLessThan(0.01);
    expect(Math.abs(r.fillM3 - 122791.6) / 122791.6).toBeLessThan(0.005);
  });

  it('a ramp graded level at its middle height: cut and fill both 12 500 m³; to its own slope: nothing', () => {
    // ground 0.1·x over 100 × 100 m; design 5 m: Σ over x = 50.5…99.5 of (0.1·x − 5) = 125 per row, × 100 rows.
    const dem = demOf(100, 1, (x) => 0.1 * x);
    const square = [rect(0, 0, 100, 100)];
    const level = cutFill(dem, square, { elevationM: 5 });
    expect(level.cutM3).toBeCloseTo(12500, 3);
    expect(level.fillM3).toBeCloseTo(12500, 3);
    const [cx, cy] = at(50, 50);
    const sloped = cutFill(dem, square, { elevationM: 5, refX: cx, refY: cy, gradient: 0.1, azimuthDeg: 90 });
    expect(sloped.cutM3 + sloped.fillM3).toBeLessThan(0.01); // Float32 rounding of the heights
  });

  it('refuses a polygon outside the DEM', () => {
    expect(errorCode(() => cutFill(flat(50), [rect(200, 200, 260, 260)], { elevationM: 0 }))).toBe(
      'terrain.polygon_outside',
    );
  });
});

describe('flood', () => {
  // A 60 × 60 m plateau at 10 m holding two 10 × 10 m basins: A at 0 m (columns 5–14) and
  // B at 2 m (columns 30–39), rows 5–14, parted by the 10 m ground between them.
  const bowls = () =>
    demOf(60, 1, (x, y) => {
      const row = Math.floor(y);
      const col = Math.floor(x);
      if (row >= 5 && row <= 14 && col >= 5 && col <= 14) return 0;
      if (row >= 5 && row <= 14 && col >= 30 && col <= 39) return 2;
      return 10;
    });

  it('with a seed in A only A floods: 100 m², 5 m deep, 500 m³', () => {
    const [x, y] = at(10, 10);
    const r = flood(bowls(), 5, { x, y });
    expect(r.floodedCells).toBe(100);
    expect(r.floodedAreaM2).toBe(100);
    expect(r.volumeM3).toBeCloseTo(500, 6);
    expect(r.maxDepthM).toBe(5);
    expect(r.seeded).toBe(true);
  });

  it('without a seed both basins flood: 200 m², 500 + 100·3 = 800 m³', () => {
    const r = flood(bowls(), 5);
    expect(r.floodedCells).toBe(200);
    expect(r.volumeM3).toBeCloseTo(800, 6);
    expect(r.seeded).toBe(false);
  });

  it('over the ridge the seed reaches everything: 3600 m² at 11 m', () => {
    const [x, y] = at(10, 10);
    const r = flood(bowls(), 11, { x, y });
    // 3400 cells 1 m deep, 100 cells 11 m, 100 cells 9 m: 3400 + 1100 + 900 = 5400 m³.
    expect(r.floodedAreaM2).toBe(3600);
    expect(r.volumeM3).toBeCloseTo(5400, 6);
  });

  it('a level below the lowest cell floods nothing and says so; a dry seed is refused', () => {
    const r = flood(bowls(), -1);
    expect(r.belowLowest).toBe(true);
    expect(r.floodedAreaM2).toBe(0);
    const [x, y] = at(25, 25);
    expect(errorCode(() => flood(bowls(), 5, { x, y }))).toBe('terrain.seed_dry');
  });
});

describe('polygonize', () => {
  it('rings with holes, corners kept apart, areas in cells', () => {
    // A 5 × 5 square ring of cells around one hole cell, plus two cells touching at a corner.
    const grid = ['#####.', '#...#.', '#.#.#.', '#...#.', '#####.', '.....#', '......'];
    // (cell (2,2) is an island inside the hole.)
    const accept = (c: number, r: number) => grid[r]?.[c] === '#';
    const polys = polygonize(6, 7, accept, (c, r) => [c, -r]);
    const byCells = polys.map((p) => p.cells).sort((a, b) => a - b);
    // The frame (16 cells) with one hole (9 cells), the island (1 cell), the lone cell at (5, 5)
    // that only touches the frame's corner (1 cell).
    expect(byCells).toEqual([1, 1, 16]);
    const frame = polys.find((p) => p.cells === 16);
    expect(frame?.rings).toHaveLength(2);
    expect(frame?.rings[0]).toHaveLength(5); // four corners, closed
  });
});

describe('skyline', () => {
  it('a cone seen from 60 m away: the apex angle due east, flat ground elsewhere; a tower raises it', async () => {
    const { skyline } = await import('../../../../main/analysis/terrain/skyline-core.js');
    const dem = cone();
    const [x, y] = at(40.5, 100.5);
    // Eye at 10 m over flat ground; the apex (50 m) 60 m east: atan(40 / 60) = 33.69°.
    const r = skyline(makeSurface(dem), { x, y, heightM: 10 }, { radiusM: 100, stepDeg: 1, curvCoeff: 0 });
    expect(r.points).toHaveLength(360);
    const east = r.points[90];
    expect(east?.elevationDeg).toBeCloseTo(33.69, 1);
    expect(east?.distanceM).toBeCloseTo(60, 0);
    // Due west the ground is flat at 0 m out to the DEM's edge 40 m away: atan(−10 / 40) = −14.04°.
    expect(r.points[270]?.elevationDeg).toBeCloseTo(-14.04, 0);
    // A 70 m tower 30 m north (10 × 10 m) rises above: atan(60 / 25) = 67.38° at its near face.
    const tower = { id: 'T', rings: [rect(35.5, 65.5, 45.5, 75.5)], topM: 70 };
    const after = skyline(makeSurface(dem, [tower]), { x, y, heightM: 10 }, { radiusM: 100, stepDeg: 1, curvCoeff: 0 });
    expect(after.points[0]?.buildingId).toBe('T');
    expect(after.points[0]?.elevationDeg).toBeCloseTo(67.38, 0);
    expect(after.points[90]?.elevationDeg).toBeCloseTo(33.69, 1);
  });
});
