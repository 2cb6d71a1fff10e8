/**
 * One spatial block of an overlay, as a clip worker runs it: for each group (one feature of
 * a layer and the candidates of another layer that its bounding box hits) either the
 * intersection with each candidate or the part of the feature no candidate covers. Inputs
 * are the stored lon/lat WKB; each feature is projected to the Gauss-Krüger zone once per
 * block and clipped in metres; results go back as GeoPackage blobs in lon/lat with their
 * area, envelope and an inside point. Pure of I/O: the worker and the tests both call it.
 * Environment: node/worker.
 */
import type { Clipper, Geom, Prepared } from './geos.js';
import { clipConvex, counterClockwise, isConvex, ringMeasures } from './convex.js';
import { isCertainlySimpleRing, parcelRing } from './simple-ring.js';
import {
  appendPolygons,
  beginMultiPolygon,
  ByteSink,
  copyPolygonal,
  emptyEnvelope,
  endMultiPolygon,
  writeGpkgHeader,
  type XYTransform,
} from './wkb.js';

/** A polygon layer as workers read it: WKB (no GeoPackage header) of feature i at wkb[offsets[i]..offsets[i+1]]. */
export interface ClipLayer {
  wkb: Uint8Array;
  offsets: Uint32Array;
}

/**
 * Slivers (碎片): a result polygon smaller than `minAreaM2` or narrower than `minWidthM` is
 * dropped. Width is the mean width 2·A/P (exact for a long thin strip, where the perimeter
 * is twice its length).
 */
export interface SliverRule {
  minAreaM2: number;
  minWidthM: number;
}

export interface ClipSettings extends SliverRule {
  /** srs_id written into the result blobs' headers (4326 or 4490). */
  srsId: number;
  /** Compute an inside point of each result (GEOS PointOnSurface); NaN otherwise. */
  insidePoints: boolean;
}

/** Group operations in a block's `groups` array. */
export const OP_INTERSECT = 0;
export const OP_OUTSIDE = 1;

/**
 * A block's work, flat so it can be transferred to a worker: groups back to back, each
 * `[op, layerA, featureA, layerB, n, featureB_1 … featureB_n]`.
 */
export interface ClipBlockTask {
  index: number;
  groups: Int32Array;
}

/** Per output polygon, META_STRIDE numbers in `meta` (see META_*). */
export const META_STRIDE = 9;
/** Offset of the group in `groups`. */
export const META_GROUP = 0;
/** Index of the candidate within the group; -1 for an `outside` result. */
export const META_CANDIDATE = 1;
export const META_AREA_M2 = 2;
/** Envelope in lon/lat: minX, maxX, minY, maxY at 3..6. */
export const META_ENVELOPE = 3;
/** A point inside the result, lon/lat, at 7..8. */
export const META_POINT = 7;

/** Something wrong with an input feature, found (and where possible repaired) on the way in. */
export interface FeatureReport {
  layer: number;
  feature: number;
  code: string;
  detail: string;
}

export interface ClipBlockResult {
  index: number;
  count: number;
  meta: Float64Array;
  blobOffsets: Uint32Array;
  blobs: Uint8Array;
  reports: FeatureReport[];
  slivers: { count: number; areaM2: number };
  pairsTested: number;
}

/** Grid (metres) of the snap-rounded retry when GEOS's exact overlay fails (1 mm). */
const RETRY_GRID_M = 0.001;

interface Output {
  meta: number[];
  blobOffsets: number[];
  blobs: ByteSink;
  wkb: ByteSink;
}

export class BlockClipper {
  private readonly cache = new Map<number, Geom | null>();
  /** Simple single-ring features (simple-ring.ts), counter-clockwise, by the same key as `cache`. */
  private readonly rings = new Map<number, { coords: Float64Array; convex: boolean }>();
  /** GK WKB of single-ring features not read into GEOS yet: most pairs never need it (convex.ts). */
  private readonly pending = new Map<number, Uint8Array>();
  private readonly loaded = new Set<number>();
  private readonly reports: FeatureReport[] = [];
  private readonly sink = new ByteSink();
  private slivers = { count: 0, areaM2: 0 };
  private pairsTested = 0;

  constructor(
    private readonly clip: Clipper,
    private readonly layers: readonly ClipLayer[],
    private readonly toGk: XYTransform,
    private readonly toLonLat: XYTransform,
    private readonly settings: ClipSettings,
  ) {}

  run(task: ClipBlockTask): ClipBlockResult {
    const out: Output = { meta: [], blobOffsets: [0], blobs: new ByteSink(), wkb: new ByteSink() };
    const g = task.groups;
    try {
      for (let at = 0; at < g.length;) {
        const op = g[at] ?? 0;
        const n = g[at + 4] ?? 0;
        if (op === OP_INTERSECT) this.intersectGroup(g, at, out);
        else this.outsideGroup(g, at, out);
        at += 5 + n;
      }
    } finally {
      for (const geom of this.cache.values()) if (geom) this.clip.destroy(geom);
      this.cache.clear();
      this.rings.clear();
      this.pending.clear();
      this.loaded.clear();
    }
    const result: ClipBlockResult = {
      index: task.index,
      count: out.blobOffsets.length - 1,
      meta: Float64Array.from(out.meta),
      blobOffsets: Uint32Array.from(out.blobOffsets),
      blobs: out.blobs.take(),
      reports: this.reports.splice(0),
      slivers: this.slivers,
      pairsTested: this.pairsTested,
    };
    this.slivers = { count: 0, areaM2: 0 };
    this.pairsTested = 0;
    return result;
  }

  private intersectGroup(g: Int32Array, at: number, out: Output): void {
    const layerA = g[at + 1] ?? 0;
    const featureA = g[at + 2] ?? 0;
    if (!this.usable(layerA, featureA)) return;
    const ringA = this.rings.get(this.key(layerA, featureA));
    let a: Geom | null = null;
    const layerB = g[at + 3] ?? 0;
    const n = g[at + 4] ?? 0;
    let prepared: Prepared | null = null;
    try {
      for (let k = 0; k < n; k++) {
        const featureB = g[at + 5 + k] ?? 0;
        if (!this.usable(layerB, featureB)) continue;
        this.pairsTested++;
        const ringB = ringA ? this.rings.get(this.key(layerB, featureB)) : undefined;
        if (ringA && ringB && (ringA.convex || ringB.convex) && this.emitClipped(ringA, ringB, at, k, out)) continue;
        a ??= this.feature(layerA, featureA);
        const b = this.feature(layerB, featureB);
        if (!a || !b) continue;
        prepared ??= this.clip.prepare(a);
        if (this.clip.intersects(prepared, b) === false) continue;
        const inside = this.clip.containsProperly(prepared, b) === true;
        const result = inside ? this.clip.clone(b) : this.overlay(a, b, 'intersection');
        if (!result) {
          this.report(layerB, featureB, 'multiplan.clip_failed', `with feature ${String(featureA)}`);
          continue;
        }
        this.emit(result, at, k, out);
        this.clip.destroy(result);
      }
    } finally {
      if (prepared) this.clip.destroyPrepared(prepared);
    }
  }

  private outsideGroup(g: Int32Array, at: number, out: Output): void {
    const a = this.feature(g[at + 1] ?? 0, g[at + 2] ?? 0);
    if (!a) return;
    const layerB = g[at + 3] ?? 0;
    const n = g[at + 4] ?? 0;
    const prepared: Prepared = this.clip.prepare(a);
    let rest: Geom | null = this.clip.clone(a);
    try {
      for (let k = 0; k < n && rest; k++) {
        const b = this.feature(layerB, g[at + 5 + k] ?? 0);
        if (!b) continue;
        this.pairsTested++;
        if (this.clip.intersects(prepared, b) === false) continue;
        const next = this.overlay(rest, b, 'difference');
        this.clip.destroy(rest);
        rest = next;
      }
      if (!rest) {
        this.report(g[at + 1] ?? 0, g[at + 2] ?? 0, 'multiplan.clip_failed', 'difference');
        return;
      }
      this.emit(rest, at, -1, out);
    } finally {
      if (rest) this.clip.destroy(rest);
      this.clip.destroyPrepared(prepared);
    }
  }

  /** GEOS's exact overlay, retried once snap-rounded to a millimetre grid when it throws. */
  private overlay(a: Geom, b: Geom, op: 'intersection' | 'difference'): Geom | null {
    if (op === 'intersection') return this.clip.intersection(a, b) ?? this.clip.intersectionOnGrid(a, b, RETRY_GRID_M);
    return this.clip.difference(a, b) ?? this.clip.differenceOnGrid(a, b, RETRY_GRID_M);
  }

  /**
   * Clips a pair of single-ring parcels, one of them convex, in JS (convex.ts) and writes the
   * result; false when the result needs GEOS after all (a concave parcel cut in pieces, or an
   * inside point of a concave result).
   */
  private emitClipped(
    a: { coords: Float64Array; convex: boolean },
    b: { coords: Float64Array; convex: boolean },
    groupAt: number,
    candidate: number,
    out: Output,
  ): boolean {
    const [subject, clip] = b.convex ? [a, b] : [b, a];
    const ring = clipConvex(subject.coords, clip.coords);
    if (ring.length >= 6 && !subject.convex) {
      if (!isCertainlySimpleRing(ring)) return false;
      if (this.settings.insidePoints && !isConvex(ring)) return false;
    }
    this.emitRing(ring, groupAt, candidate, out);
    return true;
  }

  /** Writes one ring (GK metres) unless it is empty or a sliver; its vertex mean is its inside point when convex. */
  private emitRing(ring: Float64Array, groupAt: number, candidate: number, out: Output): void {
    if (ring.length < 6) return;
    const { areaM2, perimeterM } = ringMeasures(ring);
    if (this.isSliver(areaM2, perimeterM)) return;
    const env = emptyEnvelope();
    const xy = new Float64Array(2);
    const m = ring.length / 2;
    out.wkb.reset();
    out.wkb.u8(1);
    out.wkb.u32(6);
    out.wkb.u32(1);
    out.wkb.u8(1);
    out.wkb.u32(3);
    out.wkb.u32(1);
    out.wkb.u32(m + 1);
    let cx = 0;
    let cy = 0;
    for (let i = 0; i <= m; i++) {
      const x = ring[2 * (i % m)] ?? 0;
      const y = ring[2 * (i % m) + 1] ?? 0;
      if (i < m) {
        cx += x / m;
        cy += y / m;
      }
      this.toLonLat(x, y, xy);
      const lon = xy[0] ?? NaN;
      const lat = xy[1] ?? NaN;
      out.wkb.f64(lon);
      out.wkb.f64(lat);
      if (lon < env[0]) env[0] = lon;
      if (lon > env[1]) env[1] = lon;
      if (lat < env[2]) env[2] = lat;
      if (lat > env[3]) env[3] = lat;
    }
    // The vertex mean of a convex polygon lies inside it.
    const point = new Float64Array([NaN, NaN]);
    if (this.settings.insidePoints) this.toLonLat(cx, cy, point);
    this.write(out, env, areaM2, groupAt, candidate, point);
  }

  /** A sliver (or nothing at all) by the rule of SliverRule; counted when it had area. */
  private isSliver(areaM2: number, perimeterM: number): boolean {
    const widthM = perimeterM > 0 ? (2 * areaM2) / perimeterM : 0;
    if (areaM2 >= this.settings.minAreaM2 && widthM >= this.settings.minWidthM) return false;
    if (areaM2 > 0) {
      this.slivers.count++;
      this.slivers.areaM2 += areaM2;
    }
    return true;
  }

  private write(
    out: Output,
    env: number[],
    areaM2: number,
    groupAt: number,
    candidate: number,
    point: Float64Array,
  ): void {
    writeGpkgHeader(out.blobs, this.settings.srsId, [env[0] ?? 0, env[1] ?? 0, env[2] ?? 0, env[3] ?? 0]);
    out.blobs.append(out.wkb.view8());
    out.blobOffsets.push(out.blobs.length);
    out.meta.push(
      groupAt,
      candidate,
      areaM2,
      env[0] ?? 0,
      env[1] ?? 0,
      env[2] ?? 0,
      env[3] ?? 0,
      point[0] ?? NaN,
      point[1] ?? NaN,
    );
  }

  /** Writes the result's polygons that are not slivers as one MultiPolygon blob. */
  private emit(result: Geom, groupAt: number, candidate: number, out: Output): void {
    const kept: Geom[] = [];
    let areaM2 = 0;
    let largest: Geom | null = null;
    let largestM2 = -1;
    for (const part of this.clip.polygons(result)) {
      const partM2 = this.clip.area(part);
      if (this.isSliver(partM2, this.clip.length(part))) continue;
      kept.push(part);
      areaM2 += partM2;
      if (partM2 > largestM2) {
        largestM2 = partM2;
        largest = part;
      }
    }
    if (kept.length === 0 || !largest) return;
    const env = emptyEnvelope();
    out.wkb.reset();
    const countAt = beginMultiPolygon(out.wkb);
    let written = 0;
    for (const part of kept)
      written += Math.max(0, appendPolygons(this.clip.write(part), 0, this.toLonLat, out.wkb, env, []));
    endMultiPolygon(out.wkb, countAt, written);
    const inside = this.settings.insidePoints ? this.clip.pointOnSurface(largest) : null;
    const point = new Float64Array([NaN, NaN]);
    if (inside) this.toLonLat(inside[0], inside[1], point);
    this.write(out, env, areaM2, groupAt, candidate, point);
  }

  private report(layer: number, feature: number, code: string, detail: string): void {
    this.reports.push({ layer, feature, code, detail });
  }

  private key(layer: number, index: number): number {
    return layer * 2 ** 32 + index;
  }

  /** Whether the feature can be clipped: projected and checked once per block. */
  private usable(layer: number, index: number): boolean {
    const key = this.key(layer, index);
    if (!this.loaded.has(key)) {
      this.loaded.add(key);
      const geom = this.load(layer, index, key);
      if (geom !== undefined) this.cache.set(key, geom);
    }
    return this.pending.has(key) || (this.cache.get(key) ?? null) !== null;
  }

  /** The feature in GEOS (read now if only its convex ring was needed so far); null when unusable. */
  private feature(layer: number, index: number): Geom | null {
    if (!this.usable(layer, index)) return null;
    const key = this.key(layer, index);
    const wkb = this.pending.get(key);
    if (wkb) {
      this.pending.delete(key);
      const geom = this.clip.read(wkb);
      if (!geom) this.report(layer, index, 'multiplan.unreadable', '');
      this.cache.set(key, geom);
    }
    return this.cache.get(key) ?? null;
  }

  /** Projects and checks a feature; undefined when it waits as a convex ring (see `pending`). */
  private load(layer: number, index: number, key: number): Geom | null | undefined {
    const data = this.layers[layer];
    if (!data) return null;
    const start = data.offsets[index] ?? 0;
    this.sink.reset();
    let copy: ReturnType<typeof copyPolygonal>;
    try {
      copy = copyPolygonal(data.wkb.subarray(start, data.offsets[index + 1] ?? start), 0, this.toGk, this.sink);
    } catch (err) {
      // A truncated or corrupt blob (DataView reads past its end): that feature, not the run.
      this.report(layer, index, 'multiplan.unreadable', err instanceof Error ? `: ${err.message}` : '');
      return null;
    }
    if (!copy) {
      this.report(layer, index, 'multiplan.not_polygon', '');
      return null;
    }
    for (const code of new Set(copy.repairs)) this.report(layer, index, `multiplan.${code}`, '');
    if (copy.polygons === 0) return null;
    const ring = parcelRing(this.sink.view8());
    if (ring) {
      this.rings.set(key, { coords: counterClockwise(ring), convex: isConvex(ring) });
      this.pending.set(key, this.sink.take());
      return undefined;
    }
    const geom = this.clip.read(this.sink.view8());
    if (!geom) {
      this.report(layer, index, 'multiplan.unreadable', '');
      return null;
    }
    if (this.clip.isValid(geom)) return geom;
    const reason = this.clip.validReason(geom);
    const repaired = this.repair(geom);
    this.clip.destroy(geom);
    this.report(layer, index, repaired ? 'multiplan.geometry_repaired' : 'multiplan.geometry_unrepairable', reason);
    return repaired;
  }

  /** GEOS MakeValid, keeping only its polygons (it may add the lines and points of a collapsed ring). */
  private repair(geom: Geom): Geom | null {
    const valid = this.clip.makeValid(geom);
    if (!valid) return null;
    try {
      const parts = this.clip.polygons(valid);
      if (parts.length === 0) return null;
      this.sink.reset();
      const countAt = beginMultiPolygon(this.sink);
      const env = emptyEnvelope();
      let written = 0;
      const identity: XYTransform = (x, y, xy) => {
        xy[0] = x;
        xy[1] = y;
      };
      for (const part of parts)
        written += Math.max(0, appendPolygons(this.clip.write(part), 0, identity, this.sink, env, []));
      endMultiPolygon(this.sink, countAt, written);
      return this.clip.read(this.sink.view8());
    } finally {
      this.clip.destroy(valid);
    }
  }
}
