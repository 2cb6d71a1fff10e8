/**
 * Footprints of the change detection (违法建设识别) and the few overlay measures it needs, as
 * an interface so the core stays pure: geos-ops.ts implements it on GEOS, tests may use it
 * directly. Coordinates are Gauss-Krüger metres. Environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';

export interface Footprint {
  /** Polygons (shell, holes) in GK metres. */
  polygons: Position[][][];
  /** [minX, minY, maxX, maxY] in GK metres. */
  bbox: [number, number, number, number];
}

export interface FootprintOps {
  area(f: Footprint): number;
  intersectionArea(a: Footprint, b: Footprint): number;
  /**
   * Area of `a` that lies outside every one of `others` grown by `growM` metres (with
   * `growM` 0, the plain difference). No others: the area of `a`.
   */
  outsideArea(a: Footprint, others: readonly Footprint[], growM: number): number;
}

export function footprintOf(polygons: Position[][][]): Footprint {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polygons)
    for (const ring of poly)
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
  return { polygons, bbox: [minX, minY, maxX, maxY] };
}
