import { describe, expect, it } from 'vitest';
import {
  BlockClipper,
  META_AREA_M2,
  META_CANDIDATE,
  META_STRIDE,
  OP_INTERSECT,
} from '../../../../main/analysis/clip/clip-block.js';
import { clipConvex, convexRingOf, ringMeasures } from '../../../../main/analysis/clip/convex.js';
import { Clipper, loadGeos } from '../../../../main/analysis/clip/geos.js';
import { ByteSink, copyPolygonal, type XYTransform } from '../../../../main/analysis/clip/wkb.js';
import { mulberry32 } from '../../../../bench/gen/polygons.js';

const identity: XYTransform = (x, y, out) => {
  out[0] = x;
  out[1] = y;
};

function wkbOf(ring: [number, number][]): Uint8Array {
  const sink = new ByteSink();
  sink.u8(1);
  sink.u32(3);
  sink.u32(1);
  sink.u32(ring.length + 1);
  for (const [x, y] of [...ring, ring[0]!]) {
    sink.f64(x);
    sink.f64(y);
  }
  const out = new ByteSink();
  copyPolygonal(sink.take(), 0, identity, out);
  return out.take();
}

/** A convex polygon: points on an ellipse at sorted random angles, around (cx, cy) in GK-sized metres. */
function convexPolygon(rand: () => number, cx: number, cy: number): [number, number][] {
  const n = 3 + Math.floor(rand() * 6);
  const angles = Array.from({ length: n }, () => rand() * 2 * Math.PI).sort((a, b) => a - b);
  const rx = 5 + rand() * 20;
  const ry = 5 + rand() * 20;
  return angles.map((a) => [cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
}

/** A bench-style parcel (star-shaped, often concave): 5-8 vertices at sorted angles, random radii. */
function starPolygon(rand: () => number, cx: number, cy: number): [number, number][] {
  const n = 5 + Math.floor(rand() * 4);
  return Array.from({ length: n }, (_, i) => {
    const a = ((i + 0.2 + rand() * 0.6) / n) * 2 * Math.PI;
    const r = 10 + rand() * 12;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as [number, number];
  });
}

interface PairRun {
  areas: Map<number, number>;
  parts: Map<number, number>;
  clip: Clipper;
  wkbs: Uint8Array[];
}

/** Runs pairs (2i, 2i+1) through one block; the area and polygon count of each pair's result. */
async function runPairs(rings: [number, number][][]): Promise<PairRun> {
  const clip = new Clipper(await loadGeos());
  const wkbs = rings.map(wkbOf);
  const offsets = new Uint32Array(wkbs.length + 1);
  wkbs.forEach((w, i) => (offsets[i + 1] = offsets[i]! + w.length));
  const bytes = new Uint8Array(offsets[wkbs.length]!);
  wkbs.forEach((w, i) => bytes.set(w, offsets[i]));
  const blocks = new BlockClipper(clip, [{ wkb: bytes, offsets }], identity, identity, {
    minAreaM2: 1,
    minWidthM: 0.1,
    srsId: 4326,
    insidePoints: false,
  });
  const groups: number[] = [];
  for (let i = 0; i < rings.length / 2; i++) groups.push(OP_INTERSECT, 0, 2 * i, 0, 1, 2 * i + 1);
  const result = blocks.run({ index: 0, groups: Int32Array.from(groups) });
  const areas = new Map<number, number>();
  const parts = new Map<number, number>();
  for (let k = 0; k < result.count; k++) {
    const pair = result.meta[k * META_STRIDE]! / 6;
    areas.set(pair, result.meta[k * META_STRIDE + META_AREA_M2]!);
    const blob = result.blobs.subarray(result.blobOffsets[k], result.blobOffsets[k + 1]);
    parts.set(pair, new DataView(blob.buffer, blob.byteOffset).getUint32(40 + 5, true));
  }
  return { areas, parts, clip, wkbs };
}

/** GEOS's area and part count of pair i, with the sliver rule. */
function geosPair(run: PairRun, i: number): { areaM2: number; parts: number } {
  const { clip } = run;
  const a = clip.read(run.wkbs[2 * i]!)!;
  const b = clip.read(run.wkbs[2 * i + 1]!)!;
  const ab = clip.intersection(a, b)!;
  const kept = clip.polygons(ab).filter((p) => clip.area(p) >= 1 && (2 * clip.area(p)) / clip.length(p) >= 0.1);
  const areaM2 = kept.reduce((sum, p) => sum + clip.area(p), 0);
  for (const g of [a, b, ab]) clip.destroy(g);
  return { areaM2, parts: kept.length };
}

describe('the convex fast path', () => {
  it('sends a concave parcel cut in two by a convex one to GEOS: two parts, 200 m²', async () => {
    const u: [number, number][] = [
      [0, 0],
      [30, 0],
      [30, 30],
      [20, 30],
      [20, 10],
      [10, 10],
      [10, 30],
      [0, 30],
    ];
    const bar: [number, number][] = [
      [-5, 15],
      [35, 15],
      [35, 25],
      [-5, 25],
    ];
    const run = await runPairs([u, bar, bar, u]);
    expect([run.areas.get(0), run.parts.get(0), run.areas.get(1), run.parts.get(1)]).toEqual([200, 2, 200, 2]);
    run.clip.dispose();
  });

  it('gives GEOS areas and part counts on 2000 concave x convex pairs', async () => {
    const rand = mulberry32(9);
    const rings: [number, number][][] = [];
    for (let i = 0; i < 2000; i++) {
      const cx = 38_400_000 + rand() * 1000;
      const cy = 3_650_000 + rand() * 1000;
      const star = starPolygon(rand, cx, cy);
      const convex = convexPolygon(rand, cx + (rand() - 0.5) * 40, cy + (rand() - 0.5) * 40);
      rings.push(...(i % 2 === 0 ? [star, convex] : [convex, star]));
    }
    const run = await runPairs(rings);
    let kept = 0;
    for (let i = 0; i < 2000; i++) {
      const want = geosPair(run, i);
      expect(run.parts.get(i) ?? 0, `pair ${String(i)}`).toBe(want.parts);
      if (want.parts > 0) {
        kept++;
        expect(Math.abs((run.areas.get(i) ?? 0) - want.areaM2) / want.areaM2).toBeLessThan(1e-9);
      }
    }
    expect(kept).toBeGreaterThan(1000);
    run.clip.dispose();
  });

  it('knows convex rings, reverses clockwise ones, and refuses a concave one', () => {
    const square = convexRingOf(
      wkbOf([
        [0, 0],
        [0, 10],
        [10, 10],
        [10, 0],
      ]),
    );
    expect(Array.from(square ?? [])).toEqual([10, 0, 10, 10, 0, 10, 0, 0]);
    expect(
      convexRingOf(
        wkbOf([
          [0, 0],
          [10, 0],
          [5, 2],
          [10, 10],
          [0, 10],
        ]),
      ),
    ).toBeNull();
    expect(
      ringMeasures(
        clipConvex(
          square!,
          convexRingOf(
            wkbOf([
              [5, 5],
              [15, 5],
              [15, 15],
              [5, 15],
            ]),
          )!,
        ),
      ),
    ).toEqual({ areaM2: 25, perimeterM: 20 });
    expect(
      clipConvex(
        square!,
        convexRingOf(
          wkbOf([
            [20, 0],
            [30, 0],
            [30, 10],
          ]),
        )!,
      ),
    ).toHaveLength(0);
  });

  it('gives GEOS areas and part counts on 2000 random convex pairs (GK-sized coordinates)', async () => {
    const clip = new Clipper(await loadGeos());
    const rand = mulberry32(5);
    const rings: [number, number][][] = [];
    for (let i = 0; i < 2000; i++) {
      const cx = 38_400_000 + rand() * 1000;
      const cy = 3_650_000 + rand() * 1000;
      rings.push(convexPolygon(rand, cx, cy), convexPolygon(rand, cx + (rand() - 0.5) * 40, cy + (rand() - 0.5) * 40));
    }
    const wkbs = rings.map(wkbOf);
    const offsets = new Uint32Array(wkbs.length + 1);
    wkbs.forEach((w, i) => (offsets[i + 1] = offsets[i]! + w.length));
    const bytes = new Uint8Array(offsets[wkbs.length]!);
    wkbs.forEach((w, i) => bytes.set(w, offsets[i]));
    const blocks = new BlockClipper(clip, [{ wkb: bytes, offsets }], identity, identity, {
      minAreaM2: 1,
      minWidthM: 0.1,
      srsId: 4326,
      insidePoints: false,
    });
    const groups: number[] = [];
    for (let i = 0; i < 2000; i++) groups.push(OP_INTERSECT, 0, 2 * i, 0, 1, 2 * i + 1);
    const result = blocks.run({ index: 0, groups: Int32Array.from(groups) });
    const ours = new Map<number, number>();
    for (let k = 0; k < result.count; k++) {
      expect(result.meta[k * META_STRIDE + META_CANDIDATE]).toBe(0);
      ours.set(result.meta[k * META_STRIDE]! / 6, result.meta[k * META_STRIDE + META_AREA_M2]!);
    }
    let kept = 0;
    for (let i = 0; i < 2000; i++) {
      const a = clip.read(wkbs[2 * i]!)!;
      const b = clip.read(wkbs[2 * i + 1]!)!;
      const ab = clip.intersection(a, b)!;
      const parts = clip.polygons(ab).filter((p) => {
        const area = clip.area(p);
        return area >= 1 && (2 * area) / clip.length(p) >= 0.1;
      });
      const want = parts.reduce((s, p) => s + clip.area(p), 0);
      expect(ours.has(i), `pair ${String(i)}`).toBe(parts.length > 0);
      if (parts.length > 0) {
        kept++;
        expect(Math.abs((ours.get(i) ?? 0) - want) / want).toBeLessThan(1e-9);
      }
      for (const g of [a, b, ab]) clip.destroy(g);
    }
    expect(kept).toBeGreaterThan(1000);
    clip.dispose();
  });
});
