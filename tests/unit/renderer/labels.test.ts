import { describe, expect, it } from 'vitest';
import { labelRuleFor, labelText, ruleActiveAt } from '../../../layers/label-rules.js';
import {
  featureAnchor,
  insideRing,
  lineMidpoint,
  ringAnchor,
  ringCentroid,
} from '../../../renderer/map/labels/anchor.js';
import { declutter, type LabelCandidate } from '../../../renderer/map/labels/declutter.js';
import { parseFeatures } from '../../../renderer/map/vector/features.js';

const T = (name: string) => ({ name });

describe('label rules from the demo schema (seeds/write/layers-*.ts)', () => {
  it('labels each layer by its standard field', () => {
    const kind = (geometryType: string, fields: string[]) => {
      const r = labelRuleFor({ geometryType, fields: fields.map(T) });
      return r ? `${r.kind}:${r.field}` : null;
    };
    // 控制性详细规划 and 地块: the parcel code
    expect(kind('POLYGON', ['dkbm', 'yddm', 'ydmc', 'rjl_max'])).toBe('parcel:dkbm');
    expect(kind('POLYGON', ['dkbm', 'yddm', 'ydmc', 'dkmc', 'jqbm', 'area_m2'])).toBe('parcel:dkbm');
    // 街区 has a code and a name: the name is a place name
    expect(kind('POLYGON', ['dkbm', 'yddm', 'ydmc', 'name', 'area_m2'])).toBe('place:name');
    expect(kind('POLYGON', ['kzxlx', 'name', 'area_m2'])).toBe('place:name');
    // 道路中心线 carries the road's name; 道路红线 (a road's surface) none, or it would say it twice
    expect(kind('LINESTRING', ['road_id', 'name', 'grade', 'width_m'])).toBe('road:name');
    expect(kind('MULTILINESTRING', ['name'])).toBe('road:name');
    expect(kind('POLYGON', ['name', 'grade', 'width_m', 'area_m2'])).toBeNull();
    // 建筑: the building number, before its parcel code
    expect(kind('MULTIPOLYGON', ['bldg_id', 'height_m', 'dkbm'])).toBe('building:bldg_id');
    // 总规 (dlbm) and pipes have nothing to label
    expect(kind('POLYGON', ['dlbm', 'dlmc', 'area_m2'])).toBeNull();
    expect(kind('LINESTRING', ['pipe_id', 'kind'])).toBeNull();
    expect(kind('POINT', ['name'])).toBeNull();
  });

  it('shows closer kinds only nearer the ground', () => {
    const parcel = labelRuleFor({ geometryType: 'POLYGON', fields: [T('dkbm')] });
    const building = labelRuleFor({ geometryType: 'POLYGON', fields: [T('bldg_id')] });
    const place = labelRuleFor({ geometryType: 'POLYGON', fields: [T('name')] });
    if (!parcel || !building || !place) throw new Error('rules expected');
    expect([ruleActiveAt(parcel, 2_000), ruleActiveAt(parcel, 3_500)]).toEqual([true, false]);
    expect([ruleActiveAt(building, 600), ruleActiveAt(building, 1_200)]).toEqual([true, false]);
    expect(ruleActiveAt(place, 15_000)).toBe(true);
    expect(place.priority).toBeGreaterThan(parcel.priority);
    expect(parcel.priority).toBeGreaterThan(building.priority);
  });

  it('reads label text from a value', () => {
    expect(labelText('  DK-01 ')).toBe('DK-01');
    expect(labelText(12)).toBe('12');
    expect([labelText(null), labelText(undefined), labelText(NaN), labelText({})]).toEqual(['', '', '', '']);
  });
});

describe('label anchors', () => {
  it('puts a square’s label at its centre', () => {
    expect(ringCentroid([0, 0, 2, 0, 2, 2, 0, 2, 0, 0])).toEqual([1, 1]);
  });

  it('keeps an L-shaped parcel’s label inside it', () => {
    // an L: 4x1 along the bottom and 1x4 up the left side; its centroid (1.357, 1.357) is outside
    const l = [0, 0, 4, 0, 4, 1, 1, 1, 1, 4, 0, 4, 0, 0];
    const c = ringCentroid(l);
    expect(c[0]).toBeCloseTo(19 / 14, 10);
    expect(c[1]).toBeCloseTo(19 / 14, 10);
    expect(insideRing(l, c[0], c[1])).toBe(false);
    // along y = 19/14 the L spans x 0..1: the middle is 0.5
    const a = ringAnchor(l);
    expect(a[0]).toBeCloseTo(0.5, 10);
    expect(a[1]).toBeCloseTo(19 / 14, 10);
    expect(insideRing(l, a[0], a[1])).toBe(true);
  });

  it('puts a road’s label halfway along it', () => {
    // 3 along, then 1 up: halfway (2 of 4) is at (2, 0) (lat 0, so the parallel's scale is 1)
    expect(lineMidpoint([0, 0, 3, 0, 3, 1])).toEqual([2, 0]);
  });

  it('anchors a feature in its largest polygon', () => {
    const [f] = parseFeatures({
      features: [
        {
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 1],
                  [0, 0],
                ],
              ],
              [
                [
                  [10, 10],
                  [14, 10],
                  [14, 14],
                  [10, 14],
                  [10, 10],
                ],
              ],
            ],
          },
          properties: {},
        },
      ],
    });
    if (!f) throw new Error('a feature');
    expect(featureAnchor(f)).toEqual([12, 12]);
  });
});

const cand = (
  key: string,
  x: number,
  y: number,
  priority = 1,
  extra: Partial<LabelCandidate> = {},
): LabelCandidate => ({
  key,
  text: key,
  x,
  y,
  width: 40,
  height: 12,
  priority,
  weight: 0,
  repeatPx: 0,
  ...extra,
});

describe('declutter (screen-space collision grid)', () => {
  const view = { viewportWidth: 400, viewportHeight: 300, paddingPx: 2 };

  it('keeps apart labels that do not touch, in order of priority', () => {
    const placed = declutter([cand('a', 100, 100), cand('b', 200, 100, 2)], view);
    expect(placed.map((p) => p.key)).toEqual(['b', 'a']);
    expect(placed[0]).toEqual({ key: 'b', text: 'b', left: 180, top: 94, right: 220, bottom: 106 });
  });

  it('drops the lower priority of two overlapping labels', () => {
    // 30 px apart, 40 px wide: they overlap by 10
    expect(declutter([cand('parcel', 100, 100, 2), cand('place', 130, 100, 4)], view).map((p) => p.key)).toEqual([
      'place',
    ]);
  });

  it('keeps twice the padding between labels', () => {
    // boxes 40 wide: centres 43 px apart leave a 3 px gap, less than 2 x 2 px
    expect(declutter([cand('a', 100, 100), cand('b', 143, 100)], view)).toHaveLength(1);
    // 44 px apart leave 4 px: both fit
    expect(declutter([cand('a', 100, 100), cand('b', 144, 100)], view)).toHaveLength(2);
  });

  it('prefers the larger feature within a priority', () => {
    const placed = declutter(
      [cand('small', 100, 100, 2, { weight: 10 }), cand('big', 110, 100, 2, { weight: 900 })],
      view,
    );
    expect(placed.map((p) => p.key)).toEqual(['big']);
  });

  it('leaves out labels partly off screen and empty texts', () => {
    const placed = declutter(
      [cand('edge', 10, 100), cand('below', 100, 296), cand('ok', 200, 150), cand('', 300, 50)],
      view,
    );
    expect(placed.map((p) => p.key)).toEqual(['ok']);
  });

  it('shows a repeated road name once within its repeat distance', () => {
    const road = (key: string, x: number) => cand(key, x, 100, 3, { text: '人民路', repeatPx: 150 });
    expect(declutter([road('r1', 50), road('r2', 150), road('r3', 300)], view).map((p) => p.key)).toEqual(['r1', 'r3']);
  });

  it('finds collisions across grid cells as a brute-force check does', () => {
    // 300 pseudo-random candidates, small cells: the grid answer has no overlaps and equals greedy brute force
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cs = Array.from({ length: 300 }, (_, i) =>
      cand(`k${String(i).padStart(3, '0')}`, 20 + rnd() * 360, 10 + rnd() * 280, Math.floor(rnd() * 4), {
        width: 10 + rnd() * 60,
      }),
    );
    const placed = declutter(cs, { ...view, cellPx: 16 });
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        const apart = a.right + 4 <= b.left || b.right + 4 <= a.left || a.bottom + 4 <= b.top || b.bottom + 4 <= a.top;
        expect(apart, `${a.key} and ${b.key}`).toBe(true);
      }
    const brute = declutter(cs, { ...view, cellPx: 10_000 });
    expect(placed.map((p) => p.key)).toEqual(brute.map((p) => p.key));
    expect(placed.length).toBeGreaterThan(20);
  });
});
