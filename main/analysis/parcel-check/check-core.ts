/**
 * 规划条件核验 (planning-condition check) of regulatory-plan parcels against what stands on
 * them, in Gauss-Krüger metres. Pure: geometries and numbers in, values and violations out.
 *
 * What is counted, as stated to the user:
 * - A building belongs to the parcel that contains its footprint's centroid (area centroid
 *   of its polygons; a building whose centroid falls in no parcel belongs to none).
 * - Gross floor area (总建筑面积) = the building's own floor-area value when it has one, else
 *   footprint area × floors; with no floors, floors = max(1, round(height / 3 m)) (a 3 m
 *   storey), with neither, one floor.
 * - 容积率 FAR = Σ gross floor area / parcel area; 建筑密度 = Σ footprint area / parcel area
 *   (GB 50180-2018 术语 2.0.6/2.0.7 uses the same ratios); 绿地率 = area of the union of
 *   green polygons inside the parcel / parcel area.
 * - Setbacks: the least distance from any footprint on the parcel to the parcel boundary
 *   (0 when a footprint crosses it), and to any road red-line polygon within 200 m.
 * - A limit left empty is not checked; a value equal to its limit is not a violation.
 * Environment: common.
 */
import Flatbush from 'flatbush';
import type { Position } from '../../store/gpkg-geometry.js';
import type { Clipper, Geom } from '../clip/geos.js';
import { pointInRing } from '../../../layers/geom.js';

interface ParcelLimits {
  farMax: number | null;
  densityMaxPct: number | null;
  greenMinPct: number | null;
  heightMaxM: number | null;
  setbackMinM: number | null;
}

interface Shape {
  polygons: Position[][][];
  wkb: Uint8Array;
  bbox: [number, number, number, number];
}

export interface ParcelInput extends Shape {
  limits: ParcelLimits;
}

export interface BuildingInput extends Shape {
  heightM: number | null;
  floors: number | null;
  gfaM2: number | null;
}

export type ViolationKind = 'far' | 'density' | 'green' | 'height' | 'setback_boundary' | 'setback_redline';

interface Violation {
  kind: ViolationKind;
  value: number;
  limit: number;
}

export interface ParcelCheck {
  areaM2: number;
  /** Indices of the buildings on the parcel. */
  buildings: number[];
  footprintM2: number;
  gfaM2: number;
  far: number;
  densityPct: number;
  /** Null when no green layer was given. */
  greenPct: number | null;
  maxHeightM: number | null;
  setbackBoundaryM: number | null;
  setbackRedlineM: number | null;
  violations: Violation[];
}

/** Red lines farther than this from a parcel do not bind its setback. */
const REDLINE_SEARCH_M = 200;
/** Storey height assumed when a building has a height but no floor count. */
const STOREY_M = 3;
/** Relative slack for "equal to the limit is not a violation" in floating point. */
const EPS = 1e-9;

/** Area centroid of polygons (holes subtract), by the shoelace formula. */
function centroidOf(polygons: Position[][][]): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [ox, oy] = polygons[0]?.[0]?.[0] ?? [0, 0];
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      let ra = 0;
      let rx = 0;
      let ry = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i] ?? [0, 0];
        const [x1, y1] = ring[i + 1] ?? [0, 0];
        const cross = (x0 - ox) * (y1 - oy) - (x1 - ox) * (y0 - oy);
        ra += cross;
        rx += (x0 - ox + x1 - ox) * cross;
        ry += (y0 - oy + y1 - oy) * cross;
      }
      // Shells count positive and holes negative, whatever their winding.
      const sign = (r === 0 ? 1 : -1) * Math.sign(ra || 1);
      a += sign * ra;
      cx += sign * rx;
      cy += sign * ry;
    });
  }
  return a === 0 ? [ox, oy] : [ox + cx / (3 * a), oy + cy / (3 * a)];
}

function containsPoint(polygons: Position[][][], [x, y]: Position): boolean {
  return polygons.some(
    ([shell, ...holes]) => !!shell && pointInRing(x, y, shell) && !holes.some((h) => pointInRing(x, y, h)),
  );
}

function indexOf(shapes: readonly Shape[], padM = 0): Flatbush | null {
  if (shapes.length === 0) return null;
  const index = new Flatbush(shapes.length);
  for (const s of shapes) index.add(s.bbox[0] - padM, s.bbox[1] - padM, s.bbox[2] + padM, s.bbox[3] + padM);
  index.finish();
  return index;
}

function grossFloorAreaM2(b: BuildingInput, footprintM2: number): number {
  if (b.gfaM2 !== null) return b.gfaM2;
  const floors = b.floors ?? (b.heightM !== null ? Math.max(1, Math.round(b.heightM / STOREY_M)) : 1);
  return footprintM2 * floors;
}

function over(value: number, limit: number | null): limit is number {
  return limit !== null && value > limit + EPS * Math.max(1, Math.abs(limit));
}

function under(value: number | null, limit: number | null): boolean {
  return value !== null && limit !== null && value < limit - EPS * Math.max(1, Math.abs(limit));
}

/** Checks every parcel; `greens`/`redlines` null when the user gave no such layer. */
export function checkParcels(
  clip: Clipper,
  parcels: readonly ParcelInput[],
  buildings: readonly BuildingInput[],
  greens: readonly Shape[] | null,
  redlines: readonly Shape[] | null,
): ParcelCheck[] {
  const owned: number[][] = parcels.map(() => []);
  const parcelIndex = indexOf(parcels);
  buildings.forEach((b, i) => {
    const c = centroidOf(b.polygons);
    const hit = parcelIndex
      ?.search(c[0], c[1], c[0], c[1])
      .sort((x, y) => x - y)
      .find((p) => containsPoint(parcels[p]?.polygons ?? [], c));
    if (hit !== undefined) owned[hit]?.push(i);
  });
  const greenIndex = greens ? indexOf(greens) : null;
  const redlineIndex = redlines ? indexOf(redlines, REDLINE_SEARCH_M) : null;
  const geoms: Geom[] = [];
  const read = (wkb: Uint8Array): Geom | null => {
    const g = clip.read(wkb);
    if (g) geoms.push(g);
    return g;
  };
  const cache = new Map<Shape, Geom | null>();
  const geomOf = (s: Shape): Geom | null => {
    if (!cache.has(s)) cache.set(s, read(s.wkb));
    return cache.get(s) ?? null;
  };
  try {
    return parcels.map((parcel, p) => {
      const pg = geomOf(parcel);
      const areaM2 = pg ? clip.area(pg) : 0;
      const boundary = pg ? clip.boundary(pg) : null;
      if (boundary) geoms.push(boundary);
      let footprintM2 = 0;
      let gfaM2 = 0;
      let maxHeightM: number | null = null;
      let setbackBoundaryM: number | null = null;
      let setbackRedlineM: number | null = null;
      const near = redlineIndex?.search(...parcel.bbox) ?? [];
      for (const i of owned[p] ?? []) {
        const b = buildings[i];
        const bg = b ? geomOf(b) : null;
        if (!b || !bg) continue;
        const fM2 = clip.area(bg);
        footprintM2 += fM2;
        gfaM2 += grossFloorAreaM2(b, fM2);
        if (b.heightM !== null) maxHeightM = Math.max(maxHeightM ?? -Infinity, b.heightM);
        if (boundary) setbackBoundaryM = Math.min(setbackBoundaryM ?? Infinity, clip.distance(bg, boundary));
        for (const r of near) {
          const rg = redlines?.[r] ? geomOf(redlines[r]) : null;
          if (!rg) continue;
          const d = clip.distance(bg, rg);
          if (d <= REDLINE_SEARCH_M) setbackRedlineM = Math.min(setbackRedlineM ?? Infinity, d);
        }
      }
      const greenPct =
        greens && pg ? (100 * greenAreaM2(clip, pg, greens, greenIndex, parcel.bbox, geomOf)) / areaM2 : null;
      const far = areaM2 > 0 ? gfaM2 / areaM2 : 0;
      const densityPct = areaM2 > 0 ? (100 * footprintM2) / areaM2 : 0;
      const l = parcel.limits;
      const violations: Violation[] = [];
      if (over(far, l.farMax)) violations.push({ kind: 'far', value: far, limit: l.farMax });
      if (over(densityPct, l.densityMaxPct))
        violations.push({ kind: 'density', value: densityPct, limit: l.densityMaxPct });
      if (greenPct !== null && l.greenMinPct !== null && under(greenPct, l.greenMinPct)) {
        violations.push({ kind: 'green', value: greenPct, limit: l.greenMinPct });
      }
      if (maxHeightM !== null && over(maxHeightM, l.heightMaxM)) {
        violations.push({ kind: 'height', value: maxHeightM, limit: l.heightMaxM });
      }
      if (setbackBoundaryM !== null && l.setbackMinM !== null && under(setbackBoundaryM, l.setbackMinM)) {
        violations.push({ kind: 'setback_boundary', value: setbackBoundaryM, limit: l.setbackMinM });
      }
      if (setbackRedlineM !== null && l.setbackMinM !== null && under(setbackRedlineM, l.setbackMinM)) {
        violations.push({ kind: 'setback_redline', value: setbackRedlineM, limit: l.setbackMinM });
      }
      return {
        areaM2,
        buildings: owned[p] ?? [],
        footprintM2,
        gfaM2,
        far,
        densityPct,
        greenPct,
        maxHeightM,
        setbackBoundaryM,
        setbackRedlineM,
        violations,
      };
    });
  } finally {
    for (const g of geoms) clip.destroy(g);
  }
}

/** Area of the union of the green polygons' parts inside the parcel. */
function greenAreaM2(
  clip: Clipper,
  parcel: Geom,
  greens: readonly Shape[],
  index: Flatbush | null,
  bbox: [number, number, number, number],
  geomOf: (s: Shape) => Geom | null,
): number {
  let union: Geom | null = null;
  try {
    for (const i of index?.search(...bbox) ?? []) {
      const green = greens[i] ? geomOf(greens[i]) : null;
      const inside = green ? clip.intersection(green, parcel) : null;
      if (!inside) continue;
      if (!union) {
        union = inside;
        continue;
      }
      const next = clip.union(union, inside);
      clip.destroy(inside);
      if (next) {
        clip.destroy(union);
        union = next;
      }
    }
    return union ? clip.area(union) : 0;
  } finally {
    if (union) clip.destroy(union);
  }
}
