/**
 * The change detection's hand-worked fixtures (issue #13): footprints in metres, with the
 * arithmetic of each expected figure in the comments. The rules are in match-core.ts and
 * suspect-core.ts (links at 50 % of the smaller footprint, 0.5 m re-digitising noise, 5 m²
 * extension, 2.0 m raise, 0.5 m permit tolerance, 0.5 m height tolerance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footprintOf, type Footprint } from '../../../../main/analysis/change/footprint.js';
import { GeosFootprintOps } from '../../../../main/analysis/change/geos-ops.js';
import { matchEpochs, type EpochBuilding } from '../../../../main/analysis/change/match-core.js';
import { findSuspects, type PermitInput, type ZoneInput } from '../../../../main/analysis/change/suspect-core.js';

let ops: GeosFootprintOps;
beforeAll(async () => {
  ops = await GeosFootprintOps.create();
});
afterAll(() => {
  ops.dispose();
});

function rect(x0: number, y0: number, x1: number, y1: number): Footprint {
  return footprintOf([
    [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  ]);
}

const b = (footprint: Footprint, heightM: number | null = 9, floors: number | null = null): EpochBuilding => ({
  footprint,
  heightM,
  floors,
});

describe('matching and classes', () => {
  it('a building split in two is one 1:n group, unchanged (IoU 1)', () => {
    // before 20 × 10 = 200 m²; after two 10 × 10 halves: each lies wholly on the before one
    const groups = matchEpochs(ops, [b(rect(0, 0, 20, 10))], [b(rect(0, 0, 10, 10)), b(rect(10, 0, 20, 10))]);
    expect(groups).toHaveLength(1);
    const g = groups[0];
    expect(g?.relation).toBe('1:n');
    expect(g?.classes).toEqual([]);
    expect(g?.iou).toBeCloseTo(1, 9); // (100 + 100) / (200 + 200 − 200)
    expect(g?.afters.every((a) => !a.changed)).toBe(true);
  });

  it('two buildings merged into one across a 0.5 m gap are one n:1 group, unchanged', () => {
    // before 10 × 10 twice with a 0.5 m gap; after one 20.5 × 10 = 205 m²: the gap strip
    // (5 m²) lies within 0.5 m of the old outlines, so nothing is gained beyond the noise
    const groups = matchEpochs(ops, [b(rect(0, 0, 10, 10)), b(rect(10.5, 0, 20.5, 10))], [b(rect(0, 0, 20.5, 10))]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.relation).toBe('n:1');
    expect(groups[0]?.classes).toEqual([]);
    expect(groups[0]?.iou).toBeCloseTo(200 / 205, 9);
    expect(groups[0]?.gainedM2).toBeCloseTo(0, 6);
  });

  it('two buildings merged over a 3 m gap are extended by the built gap', () => {
    // gap 3 × 10 = 30 m²; beyond 0.5 m of either old outline: (3 − 2 × 0.5) × 10 = 20 m² ≥ 5
    const groups = matchEpochs(ops, [b(rect(0, 0, 10, 10)), b(rect(13, 0, 23, 10))], [b(rect(0, 0, 23, 10))]);
    expect(groups[0]?.relation).toBe('n:1');
    expect(groups[0]?.classes).toEqual(['extended']);
    expect(groups[0]?.gainedM2).toBeCloseTo(20, 6);
    expect(groups[0]?.afters[0]?.gainedM2).toBeCloseTo(30, 6); // the plain difference
    expect(groups[0]?.afters[0]?.changed).toBe(true);
  });

  it('a raise of exactly the threshold (2.0 m) is raised; 1.9 m is not', () => {
    const exact = matchEpochs(ops, [b(rect(0, 0, 10, 10), 9.0)], [b(rect(0, 0, 10, 10), 11.0)]);
    expect(exact[0]?.classes).toEqual(['raised']);
    expect(exact[0]?.afters[0]?.heightGainM).toBeCloseTo(2.0, 9);
    const under = matchEpochs(ops, [b(rect(0, 0, 10, 10), 9.0)], [b(rect(0, 0, 10, 10), 10.9)]);
    expect(under[0]?.classes).toEqual([]);
    // one storey more counts whatever the height says
    const storey = matchEpochs(ops, [b(rect(0, 0, 10, 10), 9.0, 3)], [b(rect(0, 0, 10, 10), 9.0, 4)]);
    expect(storey[0]?.classes).toEqual(['raised']);
  });

  it('re-digitised buildings with 0.4 m vertex noise stay unchanged', () => {
    // 30 buildings of 6-20 m sides; every vertex of the after outline moved by 0.4 m in a
    // pseudo-random direction (fixed sequence): within the 0.5 m noise tolerance
    const before: EpochBuilding[] = [];
    const after: EpochBuilding[] = [];
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 30; i++) {
      const x0 = (i % 6) * 40;
      const y0 = Math.floor(i / 6) * 40;
      const w = 6 + rnd() * 14;
      const h = 6 + rnd() * 14;
      const corners: [number, number][] = [
        [x0, y0],
        [x0 + w, y0],
        [x0 + w, y0 + h],
        [x0, y0 + h],
      ];
      const moved = corners.map(([x, y]): [number, number] => {
        const t = rnd() * 2 * Math.PI;
        return [x + 0.4 * Math.cos(t), y + 0.4 * Math.sin(t)];
      });
      before.push(b(footprintOf([[[...corners, corners[0] ?? [0, 0]]]])));
      after.push(b(footprintOf([[[...moved, moved[0] ?? [0, 0]]]])));
    }
    const groups = matchEpochs(ops, before, after);
    expect(groups).toHaveLength(30);
    for (const g of groups) {
      expect(g.relation).toBe('1:1');
      expect(g.classes).toEqual([]);
      expect(g.gainedM2).toBeCloseTo(0, 6);
      expect(g.lostM2).toBeCloseTo(0, 6);
      expect(g.iou ?? 0).toBeGreaterThan(0.8);
    }
  });

  it('new, demolished, extended and replaced', () => {
    const groups = matchEpochs(
      ops,
      [b(rect(0, 0, 10, 10)), b(rect(100, 0, 110, 10)), b(rect(200, 0, 210, 10))],
      [b(rect(0, 0, 13, 10)), b(rect(300, 0, 310, 10)), b(rect(205, 0, 225, 10))],
    );
    const by = (r: string) => groups.filter((g) => g.relation === r).map((g) => g.classes);
    // extension 3 m on a 10 m side: (3 − 0.5) × 10 = 25 m² beyond the noise band ≥ 5
    expect(groups.find((g) => g.before[0] === 0)?.classes).toEqual(['extended']);
    expect(by('1:0')).toEqual([['demolished']]);
    expect(by('0:1')).toEqual([['new']]);
    // 10 × 10 before, 20 × 10 after, 5 × 10 shared: IoU 50 / 250 = 0.2 < 0.5; lost
    // (5 − 0.5) × 10 = 45 m², gained (15 − 0.5) × 10 = 145 m²
    const replaced = groups.find((g) => g.before[0] === 2);
    expect(replaced?.classes).toEqual(['replaced']);
    expect(replaced?.iou).toBeCloseTo(0.2, 9);
  });
});

describe('permits and zones', () => {
  const permits: PermitInput[] = [
    { footprint: rect(0, 0, 10, 10), heightM: 12 },
    { footprint: rect(100, 0, 110, 10), heightM: 12 },
    { footprint: rect(200, 0, 210, 10), heightM: 12 },
    { footprint: rect(300, 0, 313, 10), heightM: null },
  ];
  const farmland: ZoneInput[] = [
    { footprint: rect(400, -50, 500, 50), category: 'basic_farmland', name: '永久基本农田' },
  ];

  function suspectsOf(after: EpochBuilding[], before: EpochBuilding[] = []) {
    return findSuspects(ops, matchEpochs(ops, before, after), after, permits, farmland);
  }

  it('a footprint 0.4 m beyond its permit with 0.5 m tolerance complies; 1.0 m beyond does not', () => {
    expect(suspectsOf([b(rect(0, 0, 10.4, 10), 12)])).toEqual([]);
    const s = suspectsOf([b(rect(100, 0, 111, 10), 12)]);
    expect(s.map((x) => x.kind)).toEqual(['beyond_footprint']);
    // 1 × 10 m outside the permit
    expect(s[0]?.excessAreaM2).toBeCloseTo(10, 6);
  });

  it('over the permitted height by more than 0.5 m is beyond_height', () => {
    expect(suspectsOf([b(rect(200, 0, 210, 10), 12.5)])).toEqual([]);
    const s = suspectsOf([b(rect(200, 0, 210, 10), 15.2)]);
    expect(s.map((x) => x.kind)).toEqual(['beyond_height']);
    expect(s[0]?.excessHeightM).toBeCloseTo(3.2, 9);
    // score: 50 + min(15, 0 / 20) + min(15, 3.2 × 1.5) = 54.8
    expect(s[0]?.score).toBeCloseTo(54.8, 9);
  });

  it('a permit without a height is checked for its footprint only', () => {
    // extension of a 10 m house by 3 m, permitted: inside the permit, any height
    const s = suspectsOf([b(rect(300, 0, 313, 10), 30)], [b(rect(300, 0, 310, 10), 9)]);
    expect(s).toEqual([]);
  });

  it('legal changes are not suspects; unpermitted ones are', () => {
    // demolition only
    expect(suspectsOf([], [b(rect(600, 0, 610, 10))])).toEqual([]);
    // raise without a permit: 9 → 15.4 m
    const raised = suspectsOf([b(rect(700, 0, 710, 10), 15.4)], [b(rect(700, 0, 710, 10), 9)]);
    expect(raised.map((x) => [x.kind, x.excessAreaM2])).toEqual([['no_permit', 0]]);
    expect(raised[0]?.excessHeightM).toBeCloseTo(6.4, 9);
  });

  it('a building in basic farmland is a suspect even with a permit', () => {
    const withPermit: PermitInput[] = [{ footprint: rect(420, 0, 440, 20), heightM: 6 }];
    const after = [b(rect(420, 0, 440, 20), 5)];
    const s = findSuspects(ops, matchEpochs(ops, [], after), after, withPermit, farmland);
    expect(s.map((x) => x.kind)).toEqual(['in_protected_zone']);
    expect(s[0]?.excessAreaM2).toBeCloseTo(400, 6);
    expect(s[0]?.findings).toEqual([
      { kind: 'in_protected_zone', category: 'basic_farmland', zone: '永久基本农田', insideM2: 400 },
    ]);
  });
});
