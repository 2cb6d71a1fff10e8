/**
 * Component outlines on a 1 m grid whose top-left corner is (1000, 2000) (north-up, rows
 * going south): a rectangle is four corners, a ring of cells keeps its hole, two cells
 * touching at a corner are two squares, and areas equal the cell counts.
 */
import { describe, expect, it } from 'vitest';
import { runsToPolygons } from '../../../../main/analysis/change/dsm-outline.js';

const GRID = { originX: 1000, originY: 2000, pixelWidth: 1, pixelHeight: -1 };

function area(ring: [number, number][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

describe('runsToPolygons', () => {
  it('traces a 3 × 2 block as one counter-clockwise rectangle', () => {
    const p = runsToPolygons(
      [
        [5, 2, 4],
        [6, 2, 4],
      ],
      GRID,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toHaveLength(1);
    const shell = p[0]![0] as [number, number][];
    expect(shell).toHaveLength(5);
    expect(area(shell)).toBe(6);
    expect(new Set(shell.map((q) => q.join(',')))).toEqual(
      new Set(['1002,1995', '1005,1995', '1005,1993', '1002,1993']),
    );
  });

  it('keeps a hole, clockwise, inside its shell (8 cells around 1)', () => {
    const p = runsToPolygons(
      [
        [0, 0, 2],
        [1, 0, 0],
        [1, 2, 2],
        [2, 0, 2],
      ],
      GRID,
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toHaveLength(2);
    expect(area(p[0]![0] as [number, number][])).toBe(9);
    expect(area(p[0]![1] as [number, number][])).toBe(-1);
  });

  it('splits cells that touch only at a corner into two squares', () => {
    const p = runsToPolygons(
      [
        [0, 0, 0],
        [1, 1, 1],
      ],
      GRID,
    );
    expect(p.map((x) => [x.length, area(x[0] as [number, number][]), x[0]!.length])).toEqual([
      [1, 1, 5],
      [1, 1, 5],
    ]);
  });

  it('traces an L of 39 cells with its six corners', () => {
    const runs: [number, number, number][] = [];
    for (let r = 1; r <= 7; r++) runs.push([r, 1, r >= 5 ? 9 : 3]);
    const p = runsToPolygons(runs, GRID);
    expect(p).toHaveLength(1);
    expect(area(p[0]![0] as [number, number][])).toBe(39);
    expect(p[0]![0]).toHaveLength(7);
  });
});
