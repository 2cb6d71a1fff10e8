/**
 * The footprint overlay measures (footprint.ts) on GEOS, the clip module's engine. Each
 * footprint is read into GEOS once and each grown copy made once (round joins, 8 segments a
 * quarter circle: "within d metres" exactly up to the arc's chord); `dispose` frees them all.
 * A failed exact overlay is retried snapped to a 1 cm grid. Environment: node/worker.
 */
import { encodeGpkg } from '../../store/gpkg-geometry.js';
import { Clipper, loadGeos, type Geom, type GeosModule } from '../clip/geos.js';
import { gpkgWkbOffset } from '../clip/wkb.js';
import type { Footprint, FootprintOps } from './footprint.js';

const GRID_M = 0.01;
const QUADRANT_SEGMENTS = 8;

export class GeosFootprintOps implements FootprintOps {
  private readonly clip: Clipper;
  private readonly geoms = new Map<Footprint, Geom>();
  private readonly grown = new Map<Footprint, Map<number, Geom>>();
  private readonly areas = new Map<Footprint, number>();

  constructor(private readonly geos: GeosModule) {
    this.clip = new Clipper(geos);
  }

  static async create(): Promise<GeosFootprintOps> {
    return new GeosFootprintOps(await loadGeos());
  }

  private geom(f: Footprint): Geom {
    let g = this.geoms.get(f);
    if (g === undefined) {
      const blob = encodeGpkg({ type: 'MultiPolygon', coordinates: f.polygons }, 0);
      const read = this.clip.read(blob.subarray(gpkgWkbOffset(blob)));
      if (!read) throw new Error('GEOS could not read a footprint');
      g = this.clip.isValid(read) ? read : (this.clip.makeValid(read) ?? read);
      if (g !== read) this.clip.destroy(read);
      this.geoms.set(f, g);
    }
    return g;
  }

  private grownGeom(f: Footprint, growM: number): Geom {
    if (growM <= 0) return this.geom(f);
    let byDistance = this.grown.get(f);
    if (!byDistance) this.grown.set(f, (byDistance = new Map<number, Geom>()));
    let g = byDistance.get(growM);
    if (g === undefined) {
      g = this.geos.GEOSBuffer(this.geom(f), growM, QUADRANT_SEGMENTS) as unknown as Geom;
      if (!g) throw new Error('GEOS could not grow a footprint');
      byDistance.set(growM, g);
    }
    return g;
  }

  area(f: Footprint): number {
    let a = this.areas.get(f);
    if (a === undefined) this.areas.set(f, (a = this.clip.area(this.geom(f))));
    return a;
  }

  intersectionArea(a: Footprint, b: Footprint): number {
    const ga = this.geom(a);
    const gb = this.geom(b);
    const g = this.clip.intersection(ga, gb) ?? this.clip.intersectionOnGrid(ga, gb, GRID_M);
    if (!g) return 0;
    const m2 = this.clip.area(g);
    this.clip.destroy(g);
    return Number.isFinite(m2) ? m2 : 0;
  }

  outsideArea(a: Footprint, others: readonly Footprint[], growM: number): number {
    let current = this.geom(a);
    let owned = false;
    for (const o of others) {
      const cut = this.grownGeom(o, growM);
      const next = this.clip.difference(current, cut) ?? this.clip.differenceOnGrid(current, cut, GRID_M);
      if (owned) this.clip.destroy(current);
      if (!next) return 0;
      current = next;
      owned = true;
    }
    const m2 = this.clip.area(current);
    if (owned) this.clip.destroy(current);
    return Number.isFinite(m2) ? m2 : 0;
  }

  dispose(): void {
    for (const g of this.geoms.values()) this.clip.destroy(g);
    for (const m of this.grown.values()) for (const g of m.values()) this.clip.destroy(g);
    this.geoms.clear();
    this.grown.clear();
    this.clip.dispose();
  }
}
