/**
 * The surface a sight line meets: the DEM plus buildings standing on it as flat-roofed
 * prisms (footprint rings in the DEM's CRS, an absolute roof height). `surfaceAt` answers
 * the higher of the ground and a roof at a point, and which building it was; `burnBuildings`
 * raises every cell whose centre lies in a footprint to the roof (the DSM a viewshed scans).
 * Pure; environment: common.
 */
import Flatbush from 'flatbush';
import { pointInPolygon } from '../../../layers/geom.js';
import { centreX, centreY, heightAt, isValid, type Dem } from './dem.js';

export interface Building {
  id: string;
  /** Outer ring then holes, in the DEM's CRS. */
  rings: [number, number][][];
  /** Absolute height of the roof, metres (same datum as the DEM). */
  topM: number;
}

interface SurfacePoint {
  z: number;
  ground: number;
  buildingId: string | null;
}

export interface Surface {
  dem: Dem;
  buildings: readonly Building[];
  at(x: number, y: number): SurfacePoint;
}

function bboxOf(rings: [number, number][][]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of rings[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

export function makeSurface(dem: Dem, buildings: readonly Building[] = []): Surface {
  const index = buildings.length > 0 ? new Flatbush(buildings.length) : null;
  if (index) {
    for (const b of buildings) index.add(...bboxOf(b.rings));
    index.finish();
  }
  return {
    dem,
    buildings,
    at(x, y) {
      const ground = heightAt(dem, x, y);
      let z = ground;
      let buildingId: string | null = null;
      if (index) {
        for (const k of index.search(x, y, x, y)) {
          const b = buildings[k];
          if (b && b.topM > (Number.isNaN(z) ? -Infinity : z) && pointInPolygon(x, y, b.rings)) {
            z = b.topM;
            buildingId = b.id;
          }
        }
      }
      return { z, ground, buildingId };
    },
  };
}

/** A copy of the DEM with every cell whose centre lies in a footprint raised to its roof. */
export function burnBuildings(dem: Dem, buildings: readonly Building[]): Dem {
  if (buildings.length === 0) return dem;
  const data = new Float32Array(dem.data);
  for (const b of buildings) {
    const [minX, minY, maxX, maxY] = bboxOf(b.rings);
    const c0 = Math.max(0, Math.floor((minX - dem.originX) / dem.cellX - 0.5));
    const c1 = Math.min(dem.width - 1, Math.ceil((maxX - dem.originX) / dem.cellX - 0.5));
    const r0 = Math.max(0, Math.floor((dem.originY - maxY) / dem.cellY - 0.5));
    const r1 = Math.min(dem.height - 1, Math.ceil((dem.originY - minY) / dem.cellY - 0.5));
    for (let r = r0; r <= r1; r++) {
      const y = centreY(dem, r);
      for (let c = c0; c <= c1; c++) {
        const k = r * dem.width + c;
        const v = data[k] ?? NaN;
        if (isValid(dem, v) && b.topM > v && pointInPolygon(centreX(dem, c), y, b.rings)) data[k] = b.topM;
      }
    }
  }
  return { ...dem, data };
}
