/**
 * Scheme review end to end through the cores: a row of four 40 m homes 40 m apart (x 0-40,
 * 80-120, 160-200, 240-280), then a proposed 100 m × 15 m slab, 80 m tall, 25 m south of the
 * first (x −30..70). The first home drops below 大寒日 2 h; the second loses minutes but still
 * meets it; the others do not change.
 */
import { describe, expect, it } from 'vitest';
import { checkHeights } from '../../../../main/analysis/height-limit/height-limit-core.js';
import { compareScheme } from '../../../../main/analysis/scheme/compare-core.js';
import { facadePoints } from '../../../../main/analysis/sunlight/points.js';
import { boxPrism, run, type Box } from '../sunlight/fixture.js';

const homes = [0, 1, 2, 3].map((i) => ({
  id: `H${String(i)}`,
  rings: [
    [
      [i * 80, 0],
      [i * 80 + 40, 0],
      [i * 80 + 40, 12],
      [i * 80, 12],
    ] as [number, number][],
  ],
  baseM: 0,
  heightM: 18,
  floors: 6,
}));

describe('scheme comparison', () => {
  it('lists the homes the scheme pushes below the requirement, worst first', async () => {
    const points = facadePoints(homes, { spacingM: 10, facingFromDeg: 180, facingToDeg: 180, allFloors: false });
    const existing = homes.map((h) => ({ rings: h.rings, baseM: 0, topM: 18 }));
    const tower: Box = { x0: -30, y0: -40, x1: 70, y1: -25, topM: 80 };
    const before = await run([], points, { prisms: existing });
    const after = await run([], points, { prisms: [...existing, boxPrism(tower)] });
    const heights = checkHeights([{ id: 'T1', rings: boxPrism(tower).rings, baseM: 0, heightM: 80 }], {
      kind: 'constant',
      limitM: 60,
      reference: 'ground',
    });
    const c = compareScheme(before.points, after.points, heights.buildings);

    expect(before.failing).toEqual([]);
    expect([...c.newlyFailing].sort()).toEqual(['H0-1F-1-1', 'H0-1F-1-2', 'H0-1F-1-3', 'H0-1F-1-4']);
    expect(c.points[0]?.change).toBe('newly_failing');
    expect(c.points[0]?.afterMin).toBe(0);
    const changeOf = (b: string) => new Set(c.points.filter((p) => p.buildingId === b).map((p) => p.change));
    expect(changeOf('H1')).toEqual(new Set(['reduced']));
    expect(changeOf('H2')).toEqual(new Set(['unchanged']));
    expect(changeOf('H3')).toEqual(new Set(['unchanged']));
    expect(c.counts.newly_failing).toBe(c.newlyFailing.length);
    expect(c.heightExceeding.map((h) => [h.id, h.excessM])).toEqual([['T1', 20]]);
    expect(c.unmatched).toEqual({ beforeOnly: [], afterOnly: [] });
  });
});
