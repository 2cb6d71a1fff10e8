/**
 * The raster method's core on hand-made 12 × 12 DSMs (1 cell = 1 m²): a 4 × 4 building raised
 * by 6 m is one component of 16 cells; a one-cell speck and a one-cell-wide line are removed by
 * the opening (anything narrower than 3 cells); a raster edge with nodata (−9999 fill in the earlier DSM) gains nothing there, and
 * a building half over it keeps only its half with data.
 */
import { describe, expect, it } from 'vitest';
import { dsmChanges, type DsmRows } from '../../../../main/analysis/change/dsm-core.js';

const N = 12;

function grid(fill: number, nodata: number | null = null): { rows: Float32Array[]; dsm: DsmRows } {
  const rows = Array.from({ length: N }, () => new Float32Array(N).fill(fill));
  return { rows, dsm: { width: N, height: N, nodata, row: (y) => rows[y] ?? new Float32Array(N) } };
}

function set(rows: Float32Array[], r0: number, r1: number, c0: number, c1: number, v: number): void {
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) (rows[r] as Float32Array)[c] = v;
}

describe('DSM difference components', () => {
  it('finds a raised building and drops a speck and a thin line', () => {
    const a = grid(50);
    const b = grid(50);
    set(b.rows, 2, 5, 2, 5, 56); // +6 m over 4 × 4
    set(b.rows, 9, 9, 9, 9, 60); // a one-cell speck, +10 m
    set(b.rows, 11, 11, 0, 8, 55); // a one-cell-wide line, +5 m
    const c = dsmChanges(a.dsm, b.dsm, { minGainM: 2.5, minCells: 4 });
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ cells: 16, box: [2, 2, 5, 5] });
    expect(c[0]?.meanGainM).toBeCloseTo(6, 5);
    expect(c[0]?.maxGainM).toBeCloseTo(6, 5);
    expect(c[0]?.runs).toEqual([
      [2, 2, 5],
      [3, 2, 5],
      [4, 2, 5],
      [5, 2, 5],
    ]);
  });

  it('honours nodata at a raster edge: no gain against the fill, half a building kept', () => {
    const a = grid(50, -9999);
    const b = grid(50, -9999);
    set(a.rows, 0, 11, 0, 1, -9999); // the earlier DSM has no data in its two left columns
    set(b.rows, 0, 3, 0, 1, 70); // … where the later one is high: not a change
    set(b.rows, 6, 9, 0, 5, 58); // a building from column 0 to 5, +8 m: columns 2-5 have both
    set(b.rows, 0, 2, 8, 11, 59); // a building cut by the top and right edges, 3 × 4 cells
    const c = dsmChanges(a.dsm, b.dsm, { minGainM: 2.5, minCells: 4 });
    expect(c.map((x) => [x.cells, x.box])).toEqual([
      [12, [8, 0, 11, 2]],
      [16, [2, 6, 5, 9]],
    ]);
    expect(c[1]?.maxGainM).toBeCloseTo(8, 5);
  });

  it('joins an L-shaped change into one component and drops components under the minimum', () => {
    const a = grid(0);
    const b = grid(0);
    set(b.rows, 1, 7, 1, 3, 3); // vertical bar, 7 × 3 = 21 cells
    set(b.rows, 5, 7, 4, 9, 3); // foot, 3 × 6 = 18 cells, joined to the bar: 39
    set(b.rows, 9, 11, 9, 11, 3); // a 3 × 3 block in the corner: 9 cells
    set(b.rows, 9, 10, 0, 5, 3); // a 2-cell-wide strip: narrower than the opening, removed
    expect(dsmChanges(a.dsm, b.dsm, { minGainM: 2.5, minCells: 10 }).map((x) => x.cells)).toEqual([39]);
    expect(dsmChanges(a.dsm, b.dsm, { minGainM: 2.5, minCells: 9 }).map((x) => x.cells)).toEqual([39, 9]);
  });
});
