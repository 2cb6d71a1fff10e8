/**
 * 控高分析 (height control): buildings against a height-limit surface, in the local metric frame
 * (../obstacles/frame.ts). Pure: footprints and heights in, per-building limit and excess out.
 *
 * The surfaces, and what is compared:
 * - `constant`: one limit (e.g. a district's 限高 60 m) on the building's height above its
 *   ground, or on its absolute top (`reference: 'absolute'`);
 * - `parcel`: the regulatory plan's per-parcel limit (控规 限高 field): a building takes the
 *   limit of the parcel that contains its footprint's area centroid (as the planning-condition
 *   check assigns buildings); a parcel with an empty limit, or no parcel, sets none;
 * - `inclined`: a plane rising from a base line (an airport approach or take-off climb surface,
 *   GB 50098 / MH 5001 style, or a view-corridor plane): height = base height + gradient ×
 *   distance beyond the base line along `azimuthDeg`, applying from the line up to `lengthM`;
 *   absolute heights;
 * - `conical`: a cone around a point (an airport's conical surface, or a landmark's protection
 *   cone): height = apex height within `innerRadiusM`, rising by `slope` per metre beyond, up to
 *   `outerRadiusM`; absolute heights.
 * The limit that binds a building is the surface's lowest value over its footprint (a plane's
 * lowest vertex, a cone's nearest point to the apex). Excess = compared height − limit; a
 * building exceeds when the excess is above 1 mm (a height equal to its limit complies).
 * Environment: common.
 */

export type Ring = readonly (readonly [number, number])[];

export type LimitSurface =
  | { kind: 'constant'; limitM: number; reference: 'ground' | 'absolute' }
  | { kind: 'parcel'; parcels: readonly { id: string; rings: readonly Ring[]; limitM: number | null }[] }
  | {
      kind: 'inclined';
      /** A point on the base line, local metres. */
      originX: number;
      originY: number;
      originHeightM: number;
      /** Direction the surface rises towards, degrees clockwise from north. */
      azimuthDeg: number;
      /** Metres of rise per metre (1:50 = 0.02). */
      gradient: number;
      lengthM: number | null;
    }
  | {
      kind: 'conical';
      apexX: number;
      apexY: number;
      apexHeightM: number;
      innerRadiusM: number;
      slope: number;
      outerRadiusM: number | null;
    };

export interface LimitBuilding {
  id: string;
  rings: readonly Ring[];
  /** Absolute height of the ground under it, metres. */
  baseM: number;
  heightM: number;
}

export interface BuildingLimit {
  id: string;
  heightM: number;
  topM: number;
  /** The binding limit, on the compared height's scale; null where no limit applies. */
  limitM: number | null;
  /** What was compared: height above ground, or absolute top. */
  compared: 'height' | 'top';
  excessM: number | null;
  exceeds: boolean;
  /** The parcel whose limit applied (parcel surfaces). */
  parcelId: string | null;
}

export interface HeightLimitResult {
  buildings: BuildingLimit[];
  checked: number;
  exceeding: number;
  maxExcessM: number;
}

const TOLERANCE_M = 0.001;
const D2R = Math.PI / 180;

function vertices(rings: readonly Ring[]): (readonly [number, number])[] {
  return rings.flatMap((r) => r);
}

export function insideRings(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a && b && a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
  return inside;
}

function ringCentroid(ring: Ring): { area: number; x: number; y: number } {
  let f2 = 0;
  let x = 0;
  let y = 0;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
    const p = ring[j];
    const q = ring[k];
    if (!p || !q) continue;
    const f = p[0] * q[1] - q[0] * p[1];
    f2 += f;
    x += (p[0] + q[0]) * f;
    y += (p[1] + q[1]) * f;
  }
  return f2 === 0 ? { area: 0, x: 0, y: 0 } : { area: Math.abs(f2 / 2), x: x / (3 * f2), y: y / (3 * f2) };
}

/**
 * Area centroid of a footprint. A ring inside an earlier ring is a hole (subtracts), any other
 * ring another part (adds). Degenerate footprints fall back to the mean vertex.
 */
export function centroidOf(rings: readonly Ring[]): [number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  rings.forEach((ring, i) => {
    const c = ringCentroid(ring);
    const first = ring[0];
    const hole = first !== undefined && rings.slice(0, i).some((r) => insideRings([r], first[0], first[1]));
    const w = hole ? -c.area : c.area;
    area += w;
    cx += c.x * w;
    cy += c.y * w;
  });
  if (area <= 0) {
    const v = vertices(rings);
    return [v.reduce((s, p) => s + p[0], 0) / v.length, v.reduce((s, p) => s + p[1], 0) / v.length];
  }
  return [cx / area, cy / area];
}

/** Least distance from (x, y) to the footprint (0 inside). */
function nearestDistance(rings: readonly Ring[], x: number, y: number): number {
  if (insideRings(rings, x, y)) return 0;
  let best = Infinity;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j];
      const b = ring[i];
      if (!a || !b) continue;
      const ex = b[0] - a[0];
      const ey = b[1] - a[1];
      const len2 = ex * ex + ey * ey;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * ex + (y - a[1]) * ey) / len2));
      best = Math.min(best, Math.hypot(a[0] + t * ex - x, a[1] + t * ey - y));
    }
  return best;
}

function limitFor(s: LimitSurface, b: LimitBuilding): { limitM: number | null; parcelId: string | null } {
  switch (s.kind) {
    case 'constant':
      return { limitM: s.limitM, parcelId: null };
    case 'parcel': {
      const [cx, cy] = centroidOf(b.rings);
      const parcel = s.parcels.find((p) => insideRings(p.rings, cx, cy));
      return { limitM: parcel?.limitM ?? null, parcelId: parcel?.id ?? null };
    }
    case 'inclined': {
      const ux = Math.sin(s.azimuthDeg * D2R);
      const uy = Math.cos(s.azimuthDeg * D2R);
      const d = vertices(b.rings).map(([x, y]) => (x - s.originX) * ux + (y - s.originY) * uy);
      const lo = Math.max(0, Math.min(...d));
      const hi = Math.max(...d);
      if (hi < 0 || (s.lengthM !== null && lo > s.lengthM)) return { limitM: null, parcelId: null };
      return { limitM: s.originHeightM + s.gradient * lo, parcelId: null };
    }
    case 'conical': {
      const r = nearestDistance(b.rings, s.apexX, s.apexY);
      if (s.outerRadiusM !== null && r > s.outerRadiusM) return { limitM: null, parcelId: null };
      return { limitM: s.apexHeightM + s.slope * Math.max(0, r - s.innerRadiusM), parcelId: null };
    }
  }
}

export function checkHeights(buildings: readonly LimitBuilding[], surface: LimitSurface): HeightLimitResult {
  const absolute =
    surface.kind === 'inclined' ||
    surface.kind === 'conical' ||
    (surface.kind === 'constant' && surface.reference === 'absolute');
  let exceeding = 0;
  let maxExcessM = 0;
  let checked = 0;
  const out = buildings.map((b): BuildingLimit => {
    const { limitM, parcelId } = limitFor(surface, b);
    const topM = b.baseM + b.heightM;
    const value = absolute ? topM : b.heightM;
    const excessM = limitM === null ? null : value - limitM;
    const exceeds = excessM !== null && excessM > TOLERANCE_M;
    if (limitM !== null) checked++;
    if (exceeds) {
      exceeding++;
      maxExcessM = Math.max(maxExcessM, excessM);
    }
    return {
      id: b.id,
      heightM: b.heightM,
      topM,
      limitM,
      compared: absolute ? 'top' : 'height',
      excessM,
      exceeds,
      parcelId,
    };
  });
  return { buildings: out, checked, exceeding, maxExcessM };
}
