import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import {
  BlockClipper,
  META_AREA_M2,
  META_STRIDE,
  OP_INTERSECT,
  OP_OUTSIDE,
} from '../../../../main/analysis/clip/clip-block.js';
import { Clipper, loadGeos } from '../../../../main/analysis/clip/geos.js';
import { isCertainlySimpleParcel } from '../../../../main/analysis/clip/simple-ring.js';
import { ByteSink, copyPolygonal, type XYTransform } from '../../../../main/analysis/clip/wkb.js';
import { mulberry32 } from '../../../../bench/gen/polygons.js';

type Ring = [number, number][];

const identity: XYTransform = (x, y, out) => {
  out[0] = x;
  out[1] = y;
};

/** Little-endian 2D Polygon WKB of rings given as written (not closed here). */
function polygonWkb(rings: Ring[]): Uint8Array {
  const sink = new ByteSink();
  sink.u8(1);
  sink.u32(3);
  sink.u32(rings.length);
  for (const ring of rings) {
    sink.u32(ring.length);
    for (const [x, y] of ring) {
      sink.f64(x);
      sink.f64(y);
    }
  }
  return sink.take();
}

function closed(ring: Ring): Ring {
  return [...ring, ring[0]!];
}

const square = (x0: number, y0: number, s: number): Ring =>
  closed([
    [x0, y0],
    [x0 + s, y0],
    [x0 + s, y0 + s],
    [x0, y0 + s],
  ]);

/** A parcel like the bench's: 5-8 vertices at sorted angles around a centre (metres). */
function parcel(rand: () => number, cx: number, cy: number): Ring {
  const n = 5 + Math.floor(rand() * 4);
  return closed(
    Array.from({ length: n }, (_, i) => {
      const a = ((i + 0.2 + rand() * 0.6) / n) * 2 * Math.PI;
      const r = 10 + rand() * 12;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as [number, number];
    }),
  );
}

function shoelaceM2(rings: Ring[][]): number {
  let total = 0;
  for (const polygon of rings) {
    polygon.forEach((ring, i) => {
      let twice = 0;
      for (let k = 0; k + 1 < ring.length; k++) twice += ring[k]![0] * ring[k + 1]![1] - ring[k + 1]![0] * ring[k]![1];
      total += (i === 0 ? 1 : -1) * Math.abs(twice / 2);
    });
  }
  return total;
}

describe('WKB copy with repairs', () => {
  it('closes open rings, drops short holes and shells, refuses lines, reads big-endian XYZ', () => {
    const sink = new ByteSink();
    const open = polygonWkb([
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
      ],
      [
        [1, 1],
        [2, 1],
        [1, 1],
      ],
    ]);
    const copy = copyPolygonal(open, 0, identity, sink);
    expect(copy).toEqual({ polygons: 1, envelope: [0, 10, 0, 10], repairs: ['ring_closed', 'ring_dropped'] });
    sink.reset();
    expect(
      copyPolygonal(
        polygonWkb([
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ]),
        0,
        identity,
        sink,
      ),
    ).toMatchObject({ polygons: 0, repairs: ['polygon_dropped'] });
    const line = new ByteSink();
    line.u8(1);
    line.u32(2);
    line.u32(0);
    expect(copyPolygonal(line.take(), 0, identity, new ByteSink())).toBeNull();
    // Big-endian Polygon Z (ISO 1003): one closed ring of four positions.
    const be = new DataView(new ArrayBuffer(1 + 4 + 4 + 4 + 4 * 24));
    be.setUint8(0, 0);
    be.setUint32(1, 1003);
    be.setUint32(5, 1);
    be.setUint32(9, 4);
    [
      [0, 0],
      [4, 0],
      [0, 3],
      [0, 0],
    ].forEach(([x, y], i) => {
      be.setFloat64(13 + i * 24, x!);
      be.setFloat64(21 + i * 24, y!);
      be.setFloat64(29 + i * 24, 99);
    });
    const out = new ByteSink();
    expect(copyPolygonal(new Uint8Array(be.buffer), 0, identity, out)?.envelope).toEqual([0, 4, 0, 3]);
    expect(out.length).toBe(9 + 9 + 4 + 4 * 16);
  });
});

describe('GEOS clipping', () => {
  it('intersects, repairs a bow-tie with MakeValid and says why it was invalid', async () => {
    const clip = new Clipper(await loadGeos());
    const a = clip.read(polygonWkb([square(0, 0, 10)]))!;
    const b = clip.read(polygonWkb([square(5, 5, 10)]))!;
    const ab = clip.intersection(a, b)!;
    expect(clip.area(ab)).toBe(25);
    const bowtie = clip.read(
      polygonWkb([
        closed([
          [0, 0],
          [10, 10],
          [10, 0],
          [0, 10],
        ]),
      ]),
    )!;
    expect(clip.isValid(bowtie)).toBe(false);
    expect(clip.validReason(bowtie)).toMatch(/Self-intersection\[5 5\]/);
    const fixed = clip.makeValid(bowtie)!;
    expect(clip.polygons(fixed)).toHaveLength(2);
    expect(clip.area(fixed)).toBe(50);
    for (const g of [a, b, ab, bowtie, fixed]) clip.destroy(g);
    clip.dispose();
  });

  it('gives the same areas as turf.intersect on 300 random parcel pairs, and outside = area - overlap', async () => {
    const clip = new Clipper(await loadGeos());
    const rand = mulberry32(7);
    const rings: Ring[] = [];
    for (let i = 0; i < 300; i++)
      rings.push(parcel(rand, 0, 0), parcel(rand, (rand() - 0.5) * 30, (rand() - 0.5) * 30));
    const wkbs = rings.map((r) => polygonWkb([r]));
    const offsets = new Uint32Array(wkbs.length + 1);
    wkbs.forEach((w, i) => (offsets[i + 1] = offsets[i]! + w.length));
    const bytes = new Uint8Array(offsets[wkbs.length]!);
    wkbs.forEach((w, i) => bytes.set(w, offsets[i]));
    const layers = [{ wkb: bytes, offsets }];
    const settings = { minAreaM2: 0, minWidthM: 0, srsId: 4326, insidePoints: true };
    const blocks = new BlockClipper(clip, layers, identity, identity, settings);
    const groups: number[] = [];
    for (let i = 0; i < 300; i++)
      groups.push(OP_INTERSECT, 0, 2 * i, 0, 1, 2 * i + 1, OP_OUTSIDE, 0, 2 * i, 0, 1, 2 * i + 1);
    const result = blocks.run({ index: 0, groups: Int32Array.from(groups) });
    const areas = new Map<string, number>();
    for (let k = 0; k < result.count; k++) {
      const m = k * META_STRIDE;
      areas.set(`${String(result.meta[m])}:${String(result.meta[m + 1])}`, result.meta[m + META_AREA_M2]!);
    }
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const a = turf.polygon([rings[2 * i]!]);
      const b = turf.polygon([rings[2 * i + 1]!]);
      const inter = turf.intersect(turf.featureCollection([a, b]));
      const want = inter
        ? shoelaceM2(
            inter.geometry.type === 'Polygon'
              ? [inter.geometry.coordinates as Ring[]]
              : (inter.geometry.coordinates as Ring[][]),
          )
        : 0;
      const got = areas.get(`${String(i * 12)}:0`) ?? 0;
      expect(Math.abs(got - want)).toBeLessThan(1e-9 * Math.max(1, want));
      const outside = areas.get(`${String(i * 12 + 6)}:-1`) ?? 0;
      expect(Math.abs(outside + got - shoelaceM2([[rings[2 * i]!]]))).toBeLessThan(1e-8);
      if (want > 0) compared++;
    }
    expect(compared).toBeGreaterThan(200);
    clip.dispose();
  });
});

describe('the simple-parcel fast path agrees with GEOS isValid', () => {
  it('says valid only for parcels GEOS calls valid, and doubts every bow-tie, spike and touch', async () => {
    const clip = new Clipper(await loadGeos());
    const rand = mulberry32(11);
    const cases: Ring[] = [];
    for (let i = 0; i < 200; i++) cases.push(parcel(rand, 38_400_000, 3_650_000));
    cases.push(
      closed([
        [0, 0],
        [10, 10],
        [10, 0],
        [0, 10],
      ]),
    ); // bow-tie
    cases.push(
      closed([
        [0, 0],
        [10, 0],
        [10, 10],
        [10, 20],
        [10, 10],
        [0, 10],
      ]),
    ); // spike
    cases.push(
      closed([
        [0, 0],
        [10, 0],
        [5, 5],
        [10, 10],
        [0, 10],
        [5, 5],
      ]),
    ); // touches itself
    let fast = 0;
    for (const ring of cases) {
      const sink = new ByteSink();
      copyPolygonal(polygonWkb([ring]), 0, identity, sink);
      const g = clip.read(sink.view8())!;
      const simple = isCertainlySimpleParcel(sink.view8());
      if (simple) {
        fast++;
        expect(clip.isValid(g)).toBe(true);
      }
      clip.destroy(g);
    }
    expect(fast).toBe(200);
    clip.dispose();
  });
});
