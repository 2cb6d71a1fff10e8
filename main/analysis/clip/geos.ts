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
export const GEOS_POLYGON = 3;
export const GEOS_MULTIPOLYGON = 6;
export const GEOS_COLLECTION = 7;

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

export class Clipper {
  private readonly g: GeosModule;
  private readonly reader: number;
  private readonly writer: number;
  /** 8 bytes for GEOS's out-parameters (area, length, size). */
  private readonly scalar: number;
  private scratch = 0;
  private scratchBytes = 0;

  constructor(geos: GeosModule) {
    this.g = geos;
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
    const ptr = this.g.GEOSWKBReader_read(this.reader, this.scratch, wkb.length);
    return ptr ? (ptr as Geom) : null;
  }

  /** Little-endian 2D WKB of a geometry, copied out of the wasm heap. */
  write(geom: Geom): Uint8Array {
    const ptr = this.g.GEOSWKBWriter_write(this.writer, geom, this.scalar);
    const size = this.g.Module.getValue(this.scalar, 'i32');
    const bytes = this.heap().slice(ptr, ptr + size);
    this.g.GEOSFree(ptr);
    return bytes;
  }

  prepare(geom: Geom): Prepared {
    return this.g.GEOSPrepare(geom) as Prepared;
  }

  /** 1 true, 0 false, -1 when GEOS failed (2 in GEOS's own convention). */
  intersects(prepared: Prepared, other: Geom): boolean | null {
    const r = this.g.GEOSPreparedIntersects(prepared, other);
    return r === 2 ? null : r === 1;
  }

  containsProperly(prepared: Prepared, other: Geom): boolean | null {
    const r = this.g.GEOSPreparedContainsProperly(prepared, other);
    return r === 2 ? null : r === 1;
  }

  intersection(a: Geom, b: Geom): Geom | null {
    const ptr = this.g.GEOSIntersection(a, b);
    return ptr ? (ptr as Geom) : null;
  }

  /** Snap-rounded intersection on a grid (metres): the fallback when the exact one fails. */
  intersectionOnGrid(a: Geom, b: Geom, gridM: number): Geom | null {
    const ptr = this.g.GEOSIntersectionPrec(a, b, gridM);
    return ptr ? (ptr as Geom) : null;
  }

  difference(a: Geom, b: Geom): Geom | null {
    const ptr = this.g.GEOSDifference(a, b);
    return ptr ? (ptr as Geom) : null;
  }

  differenceOnGrid(a: Geom, b: Geom, gridM: number): Geom | null {
    const ptr = this.g.GEOSDifferencePrec(a, b, gridM);
    return ptr ? (ptr as Geom) : null;
  }

  clone(geom: Geom): Geom {
    return this.g.GEOSGeom_clone(geom) as Geom;
  }

  area(geom: Geom): number {
    if (this.g.GEOSArea(geom, this.scalar) === 0) return NaN;
    return this.g.Module.getValue(this.scalar, 'double');
  }

  length(geom: Geom): number {
    if (this.g.GEOSLength(geom, this.scalar) === 0) return NaN;
    return this.g.Module.getValue(this.scalar, 'double');
  }

  /** Minimum distance between two geometries (0 when they touch or overlap). */
  distance(a: Geom, b: Geom): number {
    if (this.g.GEOSDistance(a, b, this.scalar) === 0) return NaN;
    return this.g.Module.getValue(this.scalar, 'double');
  }

  isValid(geom: Geom): boolean {
    return this.g.GEOSisValid(geom) === 1;
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
    return this.g.GEOSGeomTypeId(geom);
  }

  isEmpty(geom: Geom): boolean {
    return this.g.GEOSisEmpty(geom) === 1;
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
    const n = this.g.GEOSGetNumGeometries(geom);
    for (let i = 0; i < n; i++) out.push(...this.polygons(this.g.GEOSGetGeometryN(geom, i) as Geom));
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
    this.g.GEOSGeom_destroy(geom);
  }

  destroyPrepared(prepared: Prepared): void {
    this.g.GEOSPreparedGeom_destroy(prepared);
  }

  dispose(): void {
    this.g.GEOSWKBReader_destroy(this.reader);
    this.g.GEOSWKBWriter_destroy(this.writer);
    this.g.Module._free(this.scalar);
    if (this.scratch) this.g.Module._free(this.scratch);
    this.scratch = 0;
  }
}
