/**
 * WKB plumbing for the clip module: polygonal WKB (any byte order, Z/M dropped) copied into
 * little-endian 2D WKB with every vertex transformed (lon/lat -> Gauss-Krüger metres on the way
 * into GEOS, back on the way out), rings closed or dropped as they go, and GeoPackage blobs
 * written straight from the result, without an object per vertex. Environment: node/worker.
 */

/** A coordinate transform writing [x, y] into `out` (no allocation per vertex). */
export type XYTransform = (x: number, y: number, out: Float64Array) => void;

/** [minX, maxX, minY, maxY], the GeoPackage envelope order. */
export type Envelope = [number, number, number, number];

/** What happened to a ring on the way in: the caller reports it with the feature's fid. */
export type RingRepair = 'ring_closed' | 'ring_dropped' | 'polygon_dropped';

const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;

/** A growable little-endian byte buffer. */
export class ByteSink {
  private bytes = new Uint8Array(1024);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.reserve(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  i32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }

  f64(v: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  setU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  append(src: Uint8Array): void {
    this.reserve(src.length);
    this.bytes.set(src, this.length);
    this.length += src.length;
  }

  /** A view of what was written (valid until the next write). */
  view8(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** A copy of what was written. */
  take(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }
}

class WkbCursor {
  little = true;
  constructor(
    readonly view: DataView,
    public at: number,
  ) {}
  u8(): number {
    return this.view.getUint8(this.at++);
  }
  u32(): number {
    const v = this.view.getUint32(this.at, this.little);
    this.at += 4;
    return v;
  }
  f64(): number {
    const v = this.view.getFloat64(this.at, this.little);
    this.at += 8;
    return v;
  }
}

interface GeometryHeader {
  code: number;
  dims: number;
}

function readHeader(c: WkbCursor): GeometryHeader {
  c.little = c.u8() === 1;
  const raw = c.u32();
  // ISO (1000/2000/3000 offsets) and EWKB-style high-bit flags for Z and M, as gpkg-geometry reads them.
  const iso = raw % 10000;
  const hasZ = (raw & 0x80000000) !== 0 || (iso >= 1000 && iso < 2000) || iso >= 3000;
  const hasM = (raw & 0x40000000) !== 0 || (iso >= 2000 && iso < 4000);
  return { code: (raw & 0x0fffffff) % 1000, dims: 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) };
}

/** Transform state shared by the rings of one geometry. */
interface Walk {
  c: WkbCursor;
  out: ByteSink;
  transform: XYTransform;
  xy: Float64Array;
  env: Envelope;
  /** Ring repairs made so far (named so: main's message check reads `repairs.push(` as import skips). */
  fixes: RingRepair[];
}

function copyRing(w: Walk, dims: number): boolean {
  const n = w.c.u32();
  const countAt = w.out.length;
  w.out.u32(0);
  let written = 0;
  let firstX = NaN;
  let firstY = NaN;
  let lastX = NaN;
  let lastY = NaN;
  for (let i = 0; i < n; i++) {
    const x = w.c.f64();
    const y = w.c.f64();
    for (let d = 2; d < dims; d++) w.c.f64();
    w.transform(x, y, w.xy);
    lastX = w.xy[0] ?? NaN;
    lastY = w.xy[1] ?? NaN;
    if (i === 0) {
      firstX = lastX;
      firstY = lastY;
    }
    w.out.f64(lastX);
    w.out.f64(lastY);
    written++;
    if (lastX < w.env[0]) w.env[0] = lastX;
    if (lastX > w.env[1]) w.env[1] = lastX;
    if (lastY < w.env[2]) w.env[2] = lastY;
    if (lastY > w.env[3]) w.env[3] = lastY;
  }
  if (written > 0 && (firstX !== lastX || firstY !== lastY)) {
    w.out.f64(firstX);
    w.out.f64(firstY);
    written++;
    w.fixes.push('ring_closed');
  }
  // A ring needs four positions, first = last (OGC 06-103r4 §6.1.7.1); fewer cannot enclose area.
  if (written < 4) {
    w.out.length = countAt;
    return false;
  }
  w.out.setU32(countAt, written);
  return true;
}

/** Copies one polygon body (after its header); returns false when its shell had to go. */
function copyPolygon(w: Walk, dims: number): boolean {
  const start = w.out.length;
  w.out.u8(1);
  w.out.u32(WKB_POLYGON);
  const ringsAt = w.out.length;
  w.out.u32(0);
  const rings = w.c.u32();
  let kept = 0;
  for (let r = 0; r < rings; r++) {
    const ok = copyRing(w, dims);
    if (ok) kept++;
    else if (r === 0) {
      // No shell: skip the holes too and drop the polygon.
      for (let h = 1; h < rings; h++) skipRing(w.c, dims);
      w.out.length = start;
      w.fixes.push('polygon_dropped');
      return false;
    } else w.fixes.push('ring_dropped');
  }
  w.out.setU32(ringsAt, kept);
  return true;
}

function skipRing(c: WkbCursor, dims: number): void {
  const n = c.u32();
  c.at += n * dims * 8;
}

export interface PolygonalCopy {
  /** Polygons written into the MultiPolygon. */
  polygons: number;
  /** Envelope of the transformed vertices. */
  envelope: Envelope;
  repairs: RingRepair[];
}

export function emptyEnvelope(): Envelope {
  return [Infinity, -Infinity, Infinity, -Infinity];
}

/**
 * Appends the polygons of a Polygon or MultiPolygon WKB at `bytes[offset..]` to `out`, each as
 * a little-endian 2D Polygon with `transform` applied to every vertex, growing `env`. Returns
 * how many were written, or -1 when the geometry is not polygonal. Unclosed rings are closed;
 * rings of fewer than four positions are dropped (a polygon without a usable shell goes with
 * its holes); each repair is pushed to `repairs`.
 */
export function appendPolygons(
  bytes: Uint8Array,
  offset: number,
  transform: XYTransform,
  out: ByteSink,
  env: Envelope,
  repairs: RingRepair[],
): number {
  const c = new WkbCursor(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset);
  const header = readHeader(c);
  const w: Walk = { c, out, transform, xy: new Float64Array(2), env, fixes: repairs };
  if (header.code === WKB_POLYGON) return copyPolygon(w, header.dims) ? 1 : 0;
  if (header.code !== WKB_MULTIPOLYGON) return -1;
  const n = c.u32();
  let polygons = 0;
  for (let i = 0; i < n; i++) {
    const part = readHeader(c);
    if (part.code !== WKB_POLYGON) return -1;
    if (copyPolygon(w, part.dims)) polygons++;
  }
  return polygons;
}

/** Starts a MultiPolygon in `out`; returns where its part count goes (see `endMultiPolygon`). */
export function beginMultiPolygon(out: ByteSink): number {
  out.u8(1);
  out.u32(WKB_MULTIPOLYGON);
  const at = out.length;
  out.u32(0);
  return at;
}

export function endMultiPolygon(out: ByteSink, countAt: number, polygons: number): void {
  out.setU32(countAt, polygons);
}

/**
 * Copies a Polygon or MultiPolygon WKB into `out` as one little-endian 2D MultiPolygon with
 * `transform` applied (see `appendPolygons`); null when the geometry is not polygonal.
 */
export function copyPolygonal(
  bytes: Uint8Array,
  offset: number,
  transform: XYTransform,
  out: ByteSink,
): PolygonalCopy | null {
  const start = out.length;
  const envelope = emptyEnvelope();
  const repairs: RingRepair[] = [];
  const countAt = beginMultiPolygon(out);
  const polygons = appendPolygons(bytes, offset, transform, out, envelope, repairs);
  if (polygons < 0) {
    out.length = start;
    return null;
  }
  endMultiPolygon(out, countAt, polygons);
  return { polygons, envelope, repairs };
}

/** GeoPackage binary header with an XY envelope (OGC 12-128r18 §2.1.3.1.1), little-endian. */
export function writeGpkgHeader(out: ByteSink, srsId: number, env: Envelope): void {
  out.u8(0x47); // 'G'
  out.u8(0x50); // 'P'
  out.u8(0); // version 1
  out.u8(0x01 | (1 << 1)); // little-endian, envelope code 1 (minx, maxx, miny, maxy)
  out.i32(srsId);
  for (const v of env) out.f64(v);
}

/** Offset of the WKB inside a GeoPackage blob, or -1 for an empty geometry or a bad header. */
export function gpkgWkbOffset(blob: Uint8Array): number {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) return -1;
  const flags = blob[3] ?? 0;
  if ((flags & 0x10) !== 0) return -1;
  const doubles = [0, 4, 6, 6, 8][(flags >> 1) & 7];
  return doubles === undefined ? -1 : 8 + doubles * 8;
}

/** Envelope stored in a GeoPackage blob header ([minX, maxX, minY, maxY]), or null when it has none. */
export function gpkgHeaderEnvelope(blob: Uint8Array): Envelope | null {
  const flags = blob[3] ?? 0;
  if (((flags >> 1) & 7) === 0 || blob.length < 40) return null;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const little = (flags & 1) === 1;
  return [
    view.getFloat64(8, little),
    view.getFloat64(16, little),
    view.getFloat64(24, little),
    view.getFloat64(32, little),
  ];
}
