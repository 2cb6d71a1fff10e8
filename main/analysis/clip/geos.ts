/**
 * The one clip engine: GEOS 3.13 compiled to WebAssembly (geos-wasm), behind a small typed
 * facade. Bulk overlay goes through here because GEOS with prepared geometries measured
 * about 10x faster than turf's polyclip-ts on parcel layers (DESIGN.md, issue #5), with the
 * same part count as QGIS (which uses GEOS too). WKB in, WKB out; areas and lengths in the
 * units of the coordinates (Gauss-Krüger metres here). Environment: node/worker.
 *
 * Memory is GEOS's: every geometry handle the facade returns must be given back with
 * `destroy` (prepared ones with `destroyPrepared`); `Clipper.dispose` frees the rest.
 */
import initGeosJs from 'geos-wasm';

export type GeosModule = Awaited<ReturnType<typeof initGeosJs>>;

/** A GEOS geometry pointer (owned by whoever received it). */
export type Geom = number & { readonly __brand: 'GEOSGeometry' };
/** A GEOS prepared geometry pointer. */
export type Prepared = number & { readonly __brand: 'GEOSPreparedGeometry' };

/** GEOSGeomTypeId values (geos_c.h). */
const GEOS_POLYGON = 3;
const GEOS_MULTIPOLYGON = 6;
const GEOS_COLLECTION = 7;

/**
 * Loads GEOS once per thread. GEOS reports an exception through the error handler and then
 * returns NULL/0 from the failing call; geos-wasm's default handler throws from inside the
 * wasm call, which would skip GEOS's clean-up, so ours only drops the text and every caller
 * checks the return value instead (and reports the feature). Notices (console output) are
 * dropped too: the CLI's stdout is one JSON object.
 */
export function loadGeos(): Promise<GeosModule> {
  return initGeosJs({ errorHandler: () => undefined, noticeHandler: () => undefined });
}

/**
 * The wasm exports of the reentrant calls on the hot path. geos-wasm wraps each in cwrap
 * plus a spread-argument closure (about 0.7 µs a call, measured here); an overlay makes ten
 * or so calls per pair, so these go straight to the exports with the context geos-wasm made.
 */
interface RawGeos {
  _GEOSWKBReader_read_r(ctx: number, reader: number, wkb: number, size: number): number;
  _GEOSWKBWriter_write_r(ctx: number, writer: number, g: number, size: number): number;
  _GEOSFree_r(ctx: number, ptr: number): void;
  _GEOSPrepare_r(ctx: number, g: number): number;
  _GEOSPreparedGeom_destroy_r(ctx: number, p: number): void;
  _GEOSPreparedIntersects_r(ctx: number, p: number, g: number): number;
  _GEOSPreparedContainsProperly_r(ctx: number, p: number, g: number): number;
  _GEOSIntersection_r(ctx: number, a: number, b: number): number;
  _GEOSDifference_r(ctx: number, a: number, b: number): number;
  _GEOSArea_r(ctx: number, g: number, out: number): number;
  _GEOSLength_r(ctx: number, g: number, out: number): number;
  _GEOSGeomTypeId_r(ctx: number, g: number): number;
  _GEOSisEmpty_r(ctx: number, g: number): number;
  _GEOSGetNumGeometries_r(ctx: number, g: number): number;
  _GEOSGetGeometryN_r(ctx: number, g: number, n: number): number;
  _GEOSGeom_destroy_r(ctx: number, g: number): void;
  _GEOSGeom_clone_r(ctx: number, g: number): number;
  _GEOSisValid_r(ctx: number, g: number): number;
}

const RAW_CALLS: readonly (keyof RawGeos)[] = [
  '_GEOSWKBReader_read_r',
  '_GEOSWKBWriter_write_r',
  '_GEOSFree_r',
  '_GEOSPrepare_r',
  '_GEOSPreparedGeom_destroy_r',
  '_GEOSPreparedIntersects_r',
  '_GEOSPreparedContainsProperly_r',
  '_GEOSIntersection_r',
  '_GEOSDifference_r',
  '_GEOSArea_r',
  '_GEOSLength_r',
  '_GEOSGeomTypeId_r',
  '_GEOSisEmpty_r',
  '_GEOSGetNumGeometries_r',
  '_GEOSGetGeometryN_r',
  '_GEOSGeom_destroy_r',
  '_GEOSGeom_clone_r',
  '_GEOSisValid_r',
];

function rawOf(geos: GeosModule): { raw: RawGeos; ctx: number } {
  const raw = geos.Module as unknown as Partial<RawGeos>;
  const ctx = (geos as unknown as { _ctx?: unknown })._ctx;
  const missing = RAW_CALLS.filter((name) => typeof raw[name] !== 'function');
  if (missing.length > 0 || typeof ctx !== 'number') {
    throw new Error(`geos-wasm lacks ${missing.join(', ') || 'its context'}: check the package version`);
  }
  return { raw: raw as RawGeos, ctx };
}

export class Clipper {
  private readonly g: GeosModule;
  private readonly raw: RawGeos;
  private readonly ctx: number;
  private readonly reader: number;
  private readonly writer: number;
  /** 8 bytes for GEOS's out-parameters (area, length, size). */
  private readonly scalar: number;
  private scratch = 0;
  private scratchBytes = 0;

  constructor(geos: GeosModule) {
    this.g = geos;
    ({ raw: this.raw, ctx: this.ctx } = rawOf(geos));
    this.reader = geos.GEOSWKBReader_create();
    this.writer = geos.GEOSWKBWriter_create();
    // Little-endian (NDR = 1), 2D output.
    geos.GEOSWKBWriter_setByteOrder(this.writer, 1);
    geos.GEOSWKBWriter_setOutputDimension(this.writer, 2);
    this.scalar = geos.Module._malloc(8);
  }

  private heap(): Uint8Array {
    // The wasm memory can grow on any allocation, replacing the buffer: never keep the view.
    return this.g.Module.HEAPU8;
  }

  /** Reads WKB (a view of any buffer); null when GEOS refuses it. */
  read(wkb: Uint8Array): Geom | null {
    if (wkb.length > this.scratchBytes) {
      if (this.scratch) this.g.Module._free(this.scratch);
      this.scratchBytes = Math.max(wkb.length, this.scratchBytes * 2, 4096);
      this.scratch = this.g.Module._malloc(this.scratchBytes);
    }
    this.heap().set(wkb, this.scratch);
    const ptr = this.raw._GEOSWKBReader_read_r(this.ctx, this.reader, this.scratch, wkb.length);
    return ptr ? (ptr as Geom) : null;
  }

  /** Little-endian 2D WKB of a geometry, copied out of the wasm heap. */
  write(geom: Geom): Uint8Array {
    const ptr = this.raw._GEOSWKBWriter_write_r(this.ctx, this.writer, geom, this.scalar);
    const size = this.g.Module.HEAP32[this.scalar >> 2] ?? 0;
    const bytes = this.heap().slice(ptr, ptr + size);
    this.raw._GEOSFree_r(this.ctx, ptr);
    return bytes;
  }

  prepare(geom: Geom): Prepared {
    return this.raw._GEOSPrepare_r(this.ctx, geom) as Prepared;
  }

  /** Whether they intersect; null when GEOS failed (its 2). */
  intersects(prepared: Prepared, other: Geom): boolean | null {
    const r = this.raw._GEOSPreparedIntersects_r(this.ctx, prepared, other);
    return r === 2 ? null : r === 1;
  }

  containsProperly(prepared: Prepared, other: Geom): boolean | null {
    const r = this.raw._GEOSPreparedContainsProperly_r(this.ctx, prepared, other);
    return r === 2 ? null : r === 1;
  }

  intersection(a: Geom, b: Geom): Geom | null {
    const ptr = this.raw._GEOSIntersection_r(this.ctx, a, b);
    return ptr ? (ptr as Geom) : null;
  }

  /** Snap-rounded intersection on a grid (metres): the fallback when the exact one fails. */
  intersectionOnGrid(a: Geom, b: Geom, gridM: number): Geom | null {
    const ptr = this.g.GEOSIntersectionPrec(a, b, gridM);
    return ptr ? (ptr as Geom) : null;
  }

  difference(a: Geom, b: Geom): Geom | null {
    const ptr = this.raw._GEOSDifference_r(this.ctx, a, b);
    return ptr ? (ptr as Geom) : null;
  }

  differenceOnGrid(a: Geom, b: Geom, gridM: number): Geom | null {
    const ptr = this.g.GEOSDifferencePrec(a, b, gridM);
    return ptr ? (ptr as Geom) : null;
  }

  union(a: Geom, b: Geom): Geom | null {
    const ptr = this.g.GEOSUnion(a, b);
    return ptr ? (ptr as Geom) : null;
  }

  /** The boundary (rings as lines) of a polygon. */
  boundary(geom: Geom): Geom | null {
    const ptr = this.g.GEOSBoundary(geom);
    return ptr ? (ptr as Geom) : null;
  }

  clone(geom: Geom): Geom {
    return this.raw._GEOSGeom_clone_r(this.ctx, geom) as Geom;
  }

  area(geom: Geom): number {
    if (this.raw._GEOSArea_r(this.ctx, geom, this.scalar) === 0) return NaN;
    return this.g.Module.HEAPF64[this.scalar >> 3] ?? NaN;
  }

  length(geom: Geom): number {
    if (this.raw._GEOSLength_r(this.ctx, geom, this.scalar) === 0) return NaN;
    return this.g.Module.HEAPF64[this.scalar >> 3] ?? NaN;
  }

  /** Minimum distance between two geometries (0 when they touch or overlap). */
  distance(a: Geom, b: Geom): number {
    if (this.g.GEOSDistance(a, b, this.scalar) === 0) return NaN;
    return this.g.Module.getValue(this.scalar, 'double');
  }

  isValid(geom: Geom): boolean {
    return this.raw._GEOSisValid_r(this.ctx, geom) === 1;
  }

  /** GEOS's reason text, e.g. `Self-intersection[x y]`. */
  validReason(geom: Geom): string {
    const ptr = this.g.GEOSisValidReason(geom);
    if (!ptr) return 'unknown';
    const text = this.g.Module.UTF8ToString(ptr);
    this.g.GEOSFree(ptr);
    return text;
  }

  makeValid(geom: Geom): Geom | null {
    const ptr = this.g.GEOSMakeValid(geom);
    return ptr ? (ptr as Geom) : null;
  }

  typeId(geom: Geom): number {
    return this.raw._GEOSGeomTypeId_r(this.ctx, geom);
  }

  isEmpty(geom: Geom): boolean {
    return this.raw._GEOSisEmpty_r(this.ctx, geom) === 1;
  }

  /**
   * The polygons inside a geometry, recursing into collections (an intersection of two
   * polygons may be a GeometryCollection of polygons, lines and points). The handles are
   * borrowed: they live as long as `geom` and must not be destroyed on their own.
   */
  polygons(geom: Geom): Geom[] {
    const type = this.typeId(geom);
    if (type === GEOS_POLYGON) return this.isEmpty(geom) ? [] : [geom];
    if (type !== GEOS_MULTIPOLYGON && type !== GEOS_COLLECTION) return [];
    const out: Geom[] = [];
    const n = this.raw._GEOSGetNumGeometries_r(this.ctx, geom);
    for (let i = 0; i < n; i++) out.push(...this.polygons(this.raw._GEOSGetGeometryN_r(this.ctx, geom, i) as Geom));
    return out;
  }

  /** A point guaranteed inside the geometry (for labels and district look-up). */
  pointOnSurface(geom: Geom): [number, number] | null {
    const point = this.g.GEOSPointOnSurface(geom);
    if (!point) return null;
    try {
      if (this.g.GEOSGeomGetX(point, this.scalar) === 0) return null;
      const x = this.g.Module.getValue(this.scalar, 'double');
      if (this.g.GEOSGeomGetY(point, this.scalar) === 0) return null;
      return [x, this.g.Module.getValue(this.scalar, 'double')];
    } finally {
      this.g.GEOSGeom_destroy(point);
    }
  }

  destroy(geom: Geom): void {
    this.raw._GEOSGeom_destroy_r(this.ctx, geom);
  }

  destroyPrepared(prepared: Prepared): void {
    this.raw._GEOSPreparedGeom_destroy_r(this.ctx, prepared);
  }

  dispose(): void {
    this.g.GEOSWKBReader_destroy(this.reader);
    this.g.GEOSWKBWriter_destroy(this.writer);
    this.g.Module._free(this.scalar);
    if (this.scratch) this.g.Module._free(this.scratch);
    this.scratch = 0;
  }
}
