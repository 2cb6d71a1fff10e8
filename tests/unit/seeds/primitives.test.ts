import { describe, expect, it } from 'vitest';
import { createRng, hashLabels } from '../../../seeds/rng.js';
import { area, clipConvex, clipHalfPlane, offsetPolyline, rect, signedArea } from '../../../seeds/geo/polygon.js';
import { createFrame, ORIGIN_GK } from '../../../seeds/geo/frame.js';
import { fillPolygon } from '../../../seeds/raster/fill.js';
import { isoBeijing } from '../../../seeds/city/cases.js';

describe('seeded random numbers', () => {
  it('repeat for a seed, differ between seeds and between labelled streams', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(createRng(43).next()).not.toBe(xs[0]);
    // mulberry32(42): the first output is a fixed number
    expect(xs[0]).toBeCloseTo(0.6011037519201636, 15);
    const f1 = createRng(7).fork('block', 'C34-1').next();
    expect(createRng(7).fork('block', 'C34-1').next()).toBe(f1);
    expect(createRng(7).fork('block', 'C34-2').next()).not.toBe(f1);
    expect(hashLabels(1, ['a', 1])).not.toBe(hashLabels(1, ['a1']));
  });

  it('picks by weight in proportion', () => {
    const r = createRng(1);
    let heads = 0;
    for (let i = 0; i < 20000; i++)
      if (
        r.weighted([
          ['h', 3],
          ['t', 1],
        ] as const) === 'h'
      )
        heads++;
    expect(heads / 20000).toBeGreaterThan(0.73);
    expect(heads / 20000).toBeLessThan(0.77);
  });
});

describe('polygon primitives', () => {
  it('clips by a convex ring and keeps axis-aligned cut coordinates exact', () => {
    const tri = [
      [0, 0],
      [100, 0],
      [0, 100],
    ] as [number, number][];
    const left = clipConvex(tri, rect(-10, -10, 30, 200));
    const right = clipConvex(tri, rect(30, -10, 200, 200));
    expect(area(left) + area(right)).toBeCloseTo(5000, 9);
    // the shared cut x = 30 appears with the same y in both pieces (exact shared edge)
    const cutYs = (r: [number, number][]) =>
      r
        .filter((p) => p[0] === 30)
        .map((p) => p[1])
        .sort((a, b) => a - b);
    expect(cutYs(left)).toEqual(cutYs(right));
    expect(cutYs(left)).toEqual([0, 70]);
    expect(clipHalfPlane(tri, { nx: 1, ny: 0, c: -5 })).toEqual([]);
  });

  it('offsets a bent polyline with mitred joins at the offset distance', () => {
    const line = [
      [0, 0],
      [100, 0],
      [100, 100],
    ] as [number, number][];
    expect(offsetPolyline(line, 10)).toEqual([
      [0, 10],
      [90, 10],
      [90, 100],
    ]);
    expect(signedArea(rect(0, 0, 2, 3))).toBe(6);
  });

  it('rasterises by pixel centres', () => {
    const grid = { widthPx: 10, heightPx: 10, originX: 0, originY: 10, cellM: 1 };
    const buf = new Uint8Array(100);
    fillPolygon(grid, buf, [rect(2, 2, 5, 7)], 1);
    expect(buf.reduce((s, v) => s + v, 0)).toBe(15);
    expect(buf[3 * 10 + 2]).toBe(1); // row 3 (y 6.5), column 2 (x 2.5)
    expect(buf[2 * 10 + 2]).toBe(0); // row 2 is y 7.5: outside
  });
});

describe('the city frame', () => {
  it('puts the origin in CGCS2000 GK zone 38 near 112.56E 33.00N and round-trips', () => {
    const frame = createFrame();
    const [lon, lat] = frame.toLonLat([0, 0]);
    // echo "38365400 3653700" | gdaltransform -s_srs EPSG:4526 -t_srs EPSG:4490 (GDAL 3.6.2)
    expect(lon).toBeCloseTo(112.559764844212, 8);
    expect(lat).toBeCloseTo(33.0002746604532, 8);
    expect(frame.toGk([10, -20])).toEqual([ORIGIN_GK[0] + 10, ORIGIN_GK[1] - 20]);
    const back = frame.fromLonLat(frame.toLonLat([1234.5, -987.25]));
    expect(back[0]).toBeCloseTo(1234.5, 6);
    expect(back[1]).toBeCloseTo(-987.25, 6);
  });
});

describe('case times', () => {
  it('are ISO 8601 in 北京时间 with the offset, as Date would print them', () => {
    expect(isoBeijing(Date.UTC(2022, 11, 31, 16))).toBe('2023-01-01T00:00:00+08:00');
    expect(isoBeijing(Date.UTC(2024, 1, 28, 20, 5, 9))).toBe('2024-02-29T04:05:09+08:00');
    for (let ms = Date.UTC(2022, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 7_777_777) {
      expect(isoBeijing(ms)).toBe(`${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`);
    }
  });
});
