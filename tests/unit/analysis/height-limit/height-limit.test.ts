/** Hand-worked height-limit cases: each expected number worked out in the comment beside it. */
import { describe, expect, it } from 'vitest';
import {
  centroidOf,
  checkHeights,
  type LimitBuilding,
} from '../../../../main/analysis/height-limit/height-limit-core.js';

const square = (cx: number, cy: number, half: number): [number, number][] => [
  [cx - half, cy - half],
  [cx + half, cy - half],
  [cx + half, cy + half],
  [cx - half, cy + half],
];

const b = (id: string, cx: number, cy: number, heightM: number, baseM = 0, half = 10): LimitBuilding => ({
  id,
  rings: [square(cx, cy, half)],
  baseM,
  heightM,
});

describe('height limits', () => {
  it('constant: on the height above the ground; equal to the limit complies', () => {
    const r = checkHeights([b('a', 0, 0, 60), b('b', 50, 0, 72.5, 30), b('c', 100, 0, 59)], {
      kind: 'constant',
      limitM: 60,
      reference: 'ground',
    });
    expect(r.buildings.map((x) => [x.id, x.excessM, x.exceeds])).toEqual([
      ['a', 0, false],
      ['b', 12.5, true],
      ['c', -1, false],
    ]);
    expect(r.exceeding).toBe(1);
    expect(r.maxExcessM).toBe(12.5);
  });

  it('constant, absolute: the top above the datum (30 m ground + 72.5 m = 102.5 m against 100 m)', () => {
    const r = checkHeights([b('b', 0, 0, 72.5, 30)], { kind: 'constant', limitM: 100, reference: 'absolute' });
    expect(r.buildings[0]?.excessM).toBeCloseTo(2.5, 9);
    expect(r.buildings[0]?.compared).toBe('top');
  });

  it('per parcel: the parcel holding the footprint centroid sets the limit; an empty limit sets none', () => {
    const parcels = [
      { id: 'P1', rings: [square(0, 0, 50)], limitM: 24 },
      { id: 'P2', rings: [square(100, 0, 50)], limitM: null },
    ];
    // 'x' straddles the P1/P2 line but its centroid (45, 0) is in P1.
    const r = checkHeights([b('in1', 0, 0, 30), b('in2', 100, 0, 99), b('x', 45, 0, 20), b('out', 500, 0, 10)], {
      kind: 'parcel',
      parcels,
    });
    expect(r.buildings.map((x) => [x.id, x.parcelId, x.limitM, x.excessM])).toEqual([
      ['in1', 'P1', 24, 6],
      ['in2', 'P2', null, null],
      ['x', 'P1', 24, -4],
      ['out', null, null, null],
    ]);
    expect(r.checked).toBe(2);
  });

  it('inclined: 1:50 rising north from y = 0 at 40 m; the lowest vertex binds', () => {
    // Building 'n' spans y 90..110: the surface there is 40 + 0.02·90 = 41.8 m; its top 45 m → +3.2 m.
    const s = {
      kind: 'inclined',
      originX: 0,
      originY: 0,
      originHeightM: 40,
      azimuthDeg: 0,
      gradient: 0.02,
      lengthM: 3000,
    } as const;
    const r = checkHeights([b('n', 0, 100, 45), b('south', 0, -100, 500), b('far', 0, 5000, 500)], s);
    expect(r.buildings[0]?.limitM).toBeCloseTo(41.8, 9);
    expect(r.buildings[0]?.excessM).toBeCloseTo(3.2, 9);
    expect(r.buildings[1]?.limitM).toBeNull(); // behind the base line
    expect(r.buildings[2]?.limitM).toBeNull(); // beyond the surface's length
  });

  it('conical: flat to 100 m, then 1:20; the footprint point nearest the apex binds', () => {
    // Apex (0,0) at 150 m; building centred (300, 0), half-side 10: nearest point at r = 290 m:
    // 150 + 0.05·(290 − 100) = 159.5 m; base 100 + height 65 = 165 → +5.5 m.
    const s = {
      kind: 'conical',
      apexX: 0,
      apexY: 0,
      apexHeightM: 150,
      innerRadiusM: 100,
      slope: 0.05,
      outerRadiusM: 2000,
    } as const;
    const r = checkHeights([b('k', 300, 0, 65, 100), b('in', 0, 0, 40, 100), b('out', 3000, 0, 500)], s);
    expect(r.buildings[0]?.limitM).toBeCloseTo(159.5, 9);
    expect(r.buildings[0]?.excessM).toBeCloseTo(5.5, 9);
    expect(r.buildings[1]?.limitM).toBe(150); // apex inside the footprint: r = 0
    expect(r.buildings[1]?.exceeds).toBe(false);
    expect(r.buildings[2]?.limitM).toBeNull();
  });

  it('centroid of a footprint with a courtyard', () => {
    // 0..30 × 0..10 minus the hole 20..30 × 0..10 would be 0..20; use a hole 22..28 × 2..8:
    // (300·(15,5) − 36·(25,5)) / 264 = (13.636…, 5).
    const c = centroidOf([
      [
        [0, 0],
        [30, 0],
        [30, 10],
        [0, 10],
      ],
      [
        [22, 2],
        [28, 2],
        [28, 8],
        [22, 8],
      ],
    ]);
    expect(c[0]).toBeCloseTo((300 * 15 - 36 * 25) / 264, 9);
    expect(c[1]).toBeCloseTo(5, 9);
  });
});
