/**
 * Where sunlight is measured: sample points on facades, on a ground grid, or given one by one.
 *
 * Facades (GB/T 50947-2014: 计算基准面 is the window sill, GB 50180-2018 Table 4.0.9 note: the
 * lowest storey's sill 0.9 m above its floor): every outline edge of a chosen building at least
 * `minFacadeM` long is a facade; it gets ⌊length / spacing⌋ points (at least one; 1 % slack), at the
 * middles of equal parts, on every storey (or the lowest only), at floor + sill height; storeys
 * are the building's floor count, else round(height / storey height). Only facades whose
 * outward normal lies in the azimuth range [facingFromDeg, facingToDeg] get points (default
 * 80°-280°: east through south to west, the ones a winter Sun can reach in China, with 10° to
 * spare so a facade a little off due east or west still counts). A point stands
 * `offsetM` out from the wall so its rays start outside the building. With a window width
 * (满窗日照), each point carries sill positions spread over the width along the wall.
 * Ground grid: cell centres of a square grid inside the area and outside every building.
 * Environment: common.
 */
import { SILL_HEIGHT_M } from '../../../layers/sunlight.js';
import type { Obstacles } from '../obstacles/prisms.js';
import { groundAt, type TerrainGrid } from '../obstacles/terrain-grid.js';
import type { CastPoint } from './cast.js';

export type Ring = readonly (readonly [number, number])[];

export interface SamplePoint extends CastPoint {
  id: string;
  /** Centre of the sample (the window's middle), local metres. */
  x: number;
  y: number;
  groundM: number;
  heightAboveGroundM: number;
  buildingId: string | null;
  floor: number | null;
}

export interface FacadeBuilding {
  id: string;
  /** Rings of the footprint (outer rings and holes, any order and orientation), local metres. */
  rings: readonly Ring[];
  baseM: number;
  heightM: number;
  floors: number | null;
}

export interface FacadeOptions {
  spacingM: number;
  sillM: number;
  storeyM: number;
  allFloors: boolean;
  facingFromDeg: number;
  facingToDeg: number;
  minFacadeM: number;
  offsetM: number;
  /** 满窗日照: window width along the sill, metres (null: a point). */
  windowWidthM: number | null;
  sillSamples: number;
}

const FACADE_DEFAULTS: FacadeOptions = {
  spacingM: 3,
  sillM: SILL_HEIGHT_M,
  storeyM: 3,
  allFloors: true,
  facingFromDeg: 80,
  facingToDeg: 280,
  minFacadeM: 2,
  offsetM: 0.05,
  windowWidthM: null,
  sillSamples: 5,
};

function insideRings(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (!a || !b) continue;
      if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  }
  return inside;
}

function inRange(az: number, from: number, to: number): boolean {
  const a = ((az % 360) + 360) % 360;
  const f = ((from % 360) + 360) % 360;
  const t = ((to % 360) + 360) % 360;
  return f <= t ? a >= f && a <= t : a >= f || a <= t;
}

export function facadePoints(
  buildings: readonly FacadeBuilding[],
  options: Partial<FacadeOptions> = {},
): SamplePoint[] {
  const o = { ...FACADE_DEFAULTS, ...options };
  const out: SamplePoint[] = [];
  for (const b of buildings) {
    const storeys = b.floors && b.floors > 0 ? Math.round(b.floors) : Math.max(1, Math.round(b.heightM / o.storeyM));
    const storeyM = b.floors && b.floors > 0 ? b.heightM / storeys : o.storeyM;
    let edge = 0;
    for (const ring of b.rings) {
      const n = ring.length;
      const closed = n > 1 && ring[0]?.[0] === ring[n - 1]?.[0] && ring[0]?.[1] === ring[n - 1]?.[1];
      const m = closed ? n - 1 : n;
      for (let i = 0; i < m; i++) {
        const a = ring[i];
        const c = ring[(i + 1) % m];
        if (!a || !c) continue;
        edge++;
        const ex = c[0] - a[0];
        const ey = c[1] - a[1];
        const len = Math.hypot(ex, ey);
        if (len < o.minFacadeM) continue;
        const tx = ex / len;
        const ty = ey / len;
        let nx = ty;
        let ny = -tx;
        const mx = a[0] + ex / 2;
        const my = a[1] + ey / 2;
        if (insideRings(b.rings, mx + nx * 0.1, my + ny * 0.1)) {
          nx = -nx;
          ny = -ny;
        }
        const facingDeg = ((((Math.atan2(nx, ny) * 180) / Math.PI) % 360) + 360) % 360;
        if (!inRange(facingDeg, o.facingFromDeg, o.facingToDeg)) continue;
        // 1 % slack: a 40 m wall measured 39.99 m in another projection still takes 4 points at 10 m.
        const parts = Math.max(1, Math.floor((len / o.spacingM) * 1.01));
        for (let k = 0; k < parts; k++) {
          const along = ((k + 0.5) * len) / parts;
          const cx = a[0] + tx * along + nx * o.offsetM;
          const cy = a[1] + ty * along + ny * o.offsetM;
          const xs: number[] = [];
          const ys: number[] = [];
          if (o.windowWidthM && o.windowWidthM > 0 && o.sillSamples > 1) {
            const half = Math.min(o.windowWidthM / 2, along, len - along);
            for (let s = 0; s < o.sillSamples; s++) {
              const d = -half + (2 * half * s) / (o.sillSamples - 1);
              xs.push(cx + tx * d);
              ys.push(cy + ty * d);
            }
          } else {
            xs.push(cx);
            ys.push(cy);
          }
          const floors = o.allFloors ? storeys : 1;
          for (let f = 1; f <= floors; f++) {
            const above = (f - 1) * storeyM + o.sillM;
            if (above >= b.heightM) break;
            out.push({
              id: `${b.id}-${String(f)}F-${String(edge)}-${String(k + 1)}`,
              x: cx,
              y: cy,
              xs,
              ys,
              z: b.baseM + above,
              groundM: b.baseM,
              heightAboveGroundM: above,
              facingDeg,
              buildingId: b.id,
              floor: f,
            });
          }
        }
      }
    }
  }
  return out;
}

/** Grid cell centres inside the area's rings and outside every building, at `heightM` above the ground. */
export function groundGridPoints(
  area: readonly Ring[],
  spacingM: number,
  buildings: Obstacles,
  terrain: TerrainGrid | null,
  heightM = 0,
): SamplePoint[] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of area)
    for (const [x, y] of r) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  const out: SamplePoint[] = [];
  if (!Number.isFinite(minX)) return out;
  const x0 = Math.floor(minX / spacingM) * spacingM;
  const y0 = Math.floor(minY / spacingM) * spacingM;
  let row = 0;
  for (let y = y0 + spacingM / 2; y < maxY; y += spacingM, row++) {
    let col = 0;
    for (let x = x0 + spacingM / 2; x < maxX; x += spacingM, col++) {
      if (!insideRings(area, x, y)) continue;
      if (buildings.search(x, y, x, y).some((b) => buildings.containsXY(b, x, y))) continue;
      const g = groundAt(terrain, x, y);
      out.push({
        id: `g${String(row)}_${String(col)}`,
        x,
        y,
        xs: [x],
        ys: [y],
        z: g + heightM,
        groundM: g,
        heightAboveGroundM: heightM,
        facingDeg: null,
        buildingId: null,
        floor: null,
      });
    }
  }
  return out;
}
