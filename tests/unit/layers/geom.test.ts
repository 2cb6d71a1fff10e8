import { describe, expect, it } from 'vitest';
import { pointInFlatRing, pointInPolygon, pointInRing, ringArea, signedRingArea } from '../../../layers/geom.js';

const square = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const hole = [
  [4, 4],
  [4, 6],
  [6, 6],
  [6, 4],
];
/** An L: 10 x 10 minus the 5 x 5 top-right quarter; 75 units. */
const ell = [
  [0, 0],
  [10, 0],
  [10, 5],
  [5, 5],
  [5, 10],
  [0, 10],
];

describe('pointInRing', () => {
  it.each([
    [5, 5, true],
    [0.001, 9.999, true],
    [-1, 5, false],
    [11, 5, false],
    [5, 10.5, false],
  ])('(%d, %d) in the square: %s', (x, y, inside) => expect(pointInRing(x, y, square)).toBe(inside));
  it('reads a concave ring and ignores its closing repeat', () => {
    expect(pointInRing(7, 7, ell)).toBe(false);
    expect(pointInRing(2, 7, ell)).toBe(true);
    expect(pointInRing(7, 2, ell)).toBe(true);
    expect(pointInRing(5, 5, square.slice(0, 4))).toBe(true);
  });
  it('is false for a degenerate ring', () => {
    expect(pointInRing(0, 0, [])).toBe(false);
    expect(pointInRing(1, 1, [[1, 1]])).toBe(false);
  });
});

describe('pointInPolygon', () => {
  it('keeps points in a hole out', () => {
    expect(pointInPolygon(5, 5, [square, hole])).toBe(false);
    expect(pointInPolygon(2, 2, [square, hole])).toBe(true);
  });
});

describe('signedRingArea and ringArea', () => {
  it('is positive counter-clockwise and negative clockwise', () => {
    expect(signedRingArea(square)).toBe(100);
    expect(signedRingArea([...square].reverse())).toBe(-100);
    expect(signedRingArea(hole)).toBe(-4);
    expect(ringArea(hole)).toBe(4);
    expect(ringArea(ell)).toBe(75);
  });
  it('keeps square centimetres at Gauss-Krüger magnitudes (38 500 000 m east)', () => {
    const x0 = 38_500_000.123;
    const y0 = 3_650_000.456;
    const cm = [
      [x0, y0],
      [x0 + 0.01, y0],
      [x0 + 0.01, y0 + 0.01],
      [x0, y0 + 0.01],
    ];
    expect(ringArea(cm)).toBeCloseTo(1e-4, 9);
  });
  it('is 0 for fewer than three points', () => {
    expect(signedRingArea([])).toBe(0);
    expect(signedRingArea([[1, 2]])).toBe(0);
  });
});

describe('pointInFlatRing', () => {
  it('agrees with pointInRing on the L', () => {
    const flat = ell.flat();
    for (const [x, y] of [
      [2, 7],
      [7, 7],
      [7, 2],
      [-1, 0.5],
      [9.99, 4.99],
    ] as const) {
      expect(pointInFlatRing(x, y, flat)).toBe(pointInRing(x, y, ell));
    }
  });
});
