/**
 * GeoPackage binary geometry (OGC 12-128r18 §2.1.3): "GP" header, flags, srs_id, envelope,
 * then ISO WKB. We write little-endian WKB with an XY envelope (envelope code 1), and read
 * any byte order, envelope kind and Z/M dimension (dropped: the store is 2D lon/lat).
 * Our own small codec: it is the store's hot path (100k features per import), and the
 * GeoJSON <-> WKB mapping is fixed by the standards.
 */
import { CimError } from '../../common/errors.js';

export type Position = [number, number];
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export type Envelope = [minX: number, maxX: number, minY: number, maxY: number];

const WKB_CODE: Record<Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
};

const HEADER_BYTES = 8;
const ENVELOPE_BYTES = 32;

export function envelopeOf(geometry: Geometry): Envelope | null {
  const env: Envelope = [Infinity, -Infinity, Infinity, -Infinity];
  const visit = (p: Position): void => {
    if (p[0] < env[0]) env[0] = p[0];
    if (p[0] > env[1]) env[1] = p[0];
    if (p[1] < env[2]) env[2] = p[1];
    if (p[1] > env[3]) env[3] = p[1];
  };
  forEachPosition(geometry, visit);
  return env[0] === Infinity ? null : env;
}

export function forEachPosition(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'LineString':
    case 'MultiPoint':
      geometry.coordinates.forEach(visit);
      return;
    case 'Polygon':
    case 'MultiLineString':
      for (const ring of geometry.coordinates) ring.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const poly of geometry.coordinates) for (const ring of poly) ring.forEach(visit);
      return;
  }
}

function wkbSize(g: Geometry): number {
  const ptsBytes = (n: number): number => 4 + n * 16;
  switch (g.type) {
    case 'Point':
      return 5 + 16;
    case 'LineString':
      return 5 + ptsBytes(g.coordinates.length);
    case 'MultiPoint':
      return 5 + 4 + g.coordinates.length * 21;
    case 'Polygon':
      return 5 + 4 + g.coordinates.reduce((s, r) => s + ptsBytes(r.length), 0);
    case 'MultiLineString':
      return 5 + 4 + g.coordinates.reduce((s, l) => s + 5 + ptsBytes(l.length), 0);
    case 'MultiPolygon':
      return 5 + 4 + g.coordinates.reduce((s, p) => s + 9 + p.reduce((t, r) => t + ptsBytes(r.length), 0), 0);
  }
}

class Writer {
  offset = 0;
  constructor(readonly view: DataView) {}
  u8(v: number): void {
    this.view.setUint8(this.offset, v);
    this.offset += 1;
  }
  u32(v: number): void {
    this.view.setUint32(this.offset, v, true);
    this.offset += 4;
  }
  f64(v: number): void {
    this.view.setFloat64(this.offset, v, true);
    this.offset += 8;
  }
  header(code: number): void {
    this.u8(1);
    this.u32(code);
  }
  points(pts: Position[]): void {
    this.u32(pts.length);
    for (const p of pts) {
      this.f64(p[0]);
      this.f64(p[1]);
    }
  }
  rings(rings: Position[][]): void {
    this.u32(rings.length);
    for (const r of rings) this.points(r);
  }
}

function writeWkb(w: Writer, g: Geometry): void {
  w.header(WKB_CODE[g.type]);
  switch (g.type) {
    case 'Point':
      w.f64(g.coordinates[0]);
      w.f64(g.coordinates[1]);
      return;
    case 'LineString':
      w.points(g.coordinates);
      return;
    case 'Polygon':
      w.rings(g.coordinates);
      return;
    case 'MultiPoint':
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) writeWkb(w, { type: 'Point', coordinates: p });
      return;
    case 'MultiLineString':
      w.u32(g.coordinates.length);
      for (const l of g.coordinates) writeWkb(w, { type: 'LineString', coordinates: l });
      return;
    case 'MultiPolygon':
      w.u32(g.coordinates.length);
      for (const p of g.coordinates) writeWkb(w, { type: 'Polygon', coordinates: p });
      return;
  }
}

/** Encodes a 2D geometry as a GeoPackage blob with an XY envelope (none for a point). */
export function encodeGpkg(geometry: Geometry, srsId: number): Buffer {
  const isPoint = geometry.type === 'Point';
  const env = isPoint ? null : envelopeOf(geometry);
  const envBytes = env ? ENVELOPE_BYTES : 0;
  const buf = Buffer.alloc(HEADER_BYTES + envBytes + wkbSize(geometry));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  buf[0] = 0x47; // 'G'
  buf[1] = 0x50; // 'P'
  buf[2] = 0; // version 1
  // flags: bit0 little-endian header, bits 1-3 envelope code (1 = xy), bit 4 empty
  buf[3] = 0x01 | ((env ? 1 : 0) << 1);
  view.setInt32(4, srsId, true);
  if (env) env.forEach((v, i) => view.setFloat64(HEADER_BYTES + i * 8, v, true));
  writeWkb(new Writer(new DataView(buf.buffer, buf.byteOffset + HEADER_BYTES + envBytes)), geometry);
  return buf;
}

const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8];

export interface GpkgHeader {
  srsId: number;
  empty: boolean;
  envelope: Envelope | null;
  wkbOffset: number;
}

export function readGpkgHeader(blob: Uint8Array): GpkgHeader {
  if (blob.length < HEADER_BYTES || blob[0] !== 0x47 || blob[1] !== 0x50) {
    throw new CimError('store.bad_geometry_blob', { reason: 'magic' });
  }
  const flags = blob[3] ?? 0;
  const little = (flags & 1) === 1;
  const envCode = (flags >> 1) & 7;
  const doubles = ENVELOPE_DOUBLES[envCode];
  if (doubles === undefined) throw new CimError('store.bad_geometry_blob', { reason: 'envelope' });
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const srsId = view.getInt32(4, little);
  let envelope: Envelope | null = null;
  if (doubles > 0) {
    const at = (i: number): number => view.getFloat64(HEADER_BYTES + i * 8, little);
    envelope = [at(0), at(1), at(2), at(3)];
  }
  return { srsId, empty: (flags & 0x10) !== 0, envelope, wkbOffset: HEADER_BYTES + doubles * 8 };
}

class Reader {
  constructor(
    readonly view: DataView,
    public offset: number,
  ) {}
  little = true;
  u8(): number {
    return this.view.getUint8(this.offset++);
  }
  u32(): number {
    const v = this.view.getUint32(this.offset, this.little);
    this.offset += 4;
    return v;
  }
  f64(): number {
    const v = this.view.getFloat64(this.offset, this.little);
    this.offset += 8;
    return v;
  }
}

function readWkb(r: Reader): Geometry {
  r.little = r.u8() === 1;
  const raw = r.u32();
  // ISO (1000/2000/3000 offsets) and EWKB-style high-bit flags for Z and M.
  const hasZ = (raw & 0x80000000) !== 0 || (raw % 10000 >= 1000 && raw % 10000 < 2000) || raw % 10000 >= 3000;
  const hasM = (raw & 0x40000000) !== 0 || (raw % 10000 >= 2000 && raw % 10000 < 4000);
  const code = (raw & 0x0fffffff) % 1000;
  const dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
  const point = (): Position => {
    const x = r.f64();
    const y = r.f64();
    for (let d = 2; d < dims; d++) r.f64();
    return [x, y];
  };
  const points = (): Position[] => Array.from({ length: r.u32() }, point);
  const rings = (): Position[][] => Array.from({ length: r.u32() }, points);
  switch (code) {
    case 1:
      return { type: 'Point', coordinates: point() };
    case 2:
      return { type: 'LineString', coordinates: points() };
    case 3:
      return { type: 'Polygon', coordinates: rings() };
    case 4:
      return { type: 'MultiPoint', coordinates: Array.from({ length: r.u32() }, () => pointPart(r)) };
    case 5:
      return { type: 'MultiLineString', coordinates: Array.from({ length: r.u32() }, () => linePart(r)) };
    case 6:
      return { type: 'MultiPolygon', coordinates: Array.from({ length: r.u32() }, () => polygonPart(r)) };
    default:
      throw new CimError('store.unsupported_geometry', { wkbType: raw });
  }
}

function readPart(r: Reader, type: 'Point' | 'LineString' | 'Polygon'): Geometry {
  const g = readWkb(r);
  if (g.type !== type) throw new CimError('store.bad_geometry_blob', { reason: `expected ${type}, got ${g.type}` });
  return g;
}

function pointPart(r: Reader): Position {
  const g = readPart(r, 'Point');
  return g.type === 'Point' ? g.coordinates : [Number.NaN, Number.NaN];
}

function linePart(r: Reader): Position[] {
  const g = readPart(r, 'LineString');
  return g.type === 'LineString' ? g.coordinates : [];
}

function polygonPart(r: Reader): Position[][] {
  const g = readPart(r, 'Polygon');
  return g.type === 'Polygon' ? g.coordinates : [];
}

export function decodeWkb(bytes: Uint8Array, offset = 0): Geometry {
  return readWkb(new Reader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset));
}

/** Decodes a GeoPackage blob; null for an empty geometry. */
export function decodeGpkg(blob: Uint8Array): Geometry | null {
  const header = readGpkgHeader(blob);
  if (header.empty) return null;
  return decodeWkb(blob, header.wkbOffset);
}

/** Envelope from the header, or computed from the WKB when the writer stored none. */
export function gpkgEnvelope(blob: Uint8Array): Envelope | null {
  const header = readGpkgHeader(blob);
  if (header.empty) return null;
  if (header.envelope) return header.envelope;
  return envelopeOf(decodeWkb(blob, header.wkbOffset));
}
