/**
 * 日照阴影 (the shadow envelope): the ground a set of buildings shades at some moment of a time
 * range, on flat ground at each building's base. At one instant a prism's shadow is its
 * footprint swept along the shadow vector v = −(top − base) / tan(elevation) · (sun direction);
 * between two instants v moves from v₀ to v₁, and the swept ground is the footprint P plus,
 * for every outline edge e, the convex hull of e ⊕ triangle(0, v₀, v₁) (any point of P ⊕ T not
 * in P is reached from an outline point, so these pieces cover it exactly). With the Sun's
 * vectors at `stepMin` intervals the envelope is exact for v moving linearly between them.
 * The pieces are united by the given polygon engine (GEOS). Environment: common.
 */
import type { Position } from '../../store/gpkg-geometry.js';

type Ring = readonly (readonly [number, number])[];

export interface ShadowBuilding {
  rings: readonly Ring[];
  baseM: number;
  topM: number;
}

export interface SunVector {
  azimuthDeg: number;
  elevationDeg: number;
}

/** Unites polygons (each: outer ring then holes) into non-overlapping polygons. */
export interface PolygonUnion {
  union(polygons: readonly Position[][][]): Position[][][];
}

const D2R = Math.PI / 180;

/** Andrew's monotone chain; the hull as a closed counter-clockwise ring. */
export function convexHull(points: readonly Position[]): Position[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return [...p, ...(p[0] ? [p[0]] : [])];
  const cross = (o: Position, a: Position, b: Position): number =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Position[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Position, lower[lower.length - 1] as Position, q) <= 0)
      lower.pop();
    lower.push(q);
  }
  const upper: Position[] = [];
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Position, upper[upper.length - 1] as Position, q) <= 0)
      upper.pop();
    upper.push(q);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  return hull.length > 0 ? [...hull, hull[0] as Position] : hull;
}

/** Shadow vector (east, north metres) of a height over flat ground, or null with the Sun down. */
function shadowVector(sun: SunVector, heightM: number): Position | null {
  if (sun.elevationDeg <= 0 || heightM <= 0) return null;
  const len = heightM / Math.tan(sun.elevationDeg * D2R);
  return [-Math.sin(sun.azimuthDeg * D2R) * len, -Math.cos(sun.azimuthDeg * D2R) * len];
}

function closedRing(r: Ring): Position[] {
  const out = r.map(([x, y]) => [x, y] as Position);
  const a = out[0];
  const z = out[out.length - 1];
  if (a && z && (a[0] !== z[0] || a[1] !== z[1])) out.push([a[0], a[1]]);
  return out;
}

/** The convex pieces (and the footprint) whose union is the building's envelope. */
function shadowPieces(b: ShadowBuilding, suns: readonly SunVector[]): Position[][][] {
  const h = b.topM - b.baseM;
  const vs = suns.map((s) => shadowVector(s, h));
  const pieces: Position[][][] = [b.rings.filter((r) => r.length >= 3).map(closedRing)];
  for (let i = 0; i < vs.length; i++) {
    const v0 = vs[i];
    const v1 = vs[i + 1] ?? (i === 0 ? v0 : undefined);
    if (!v0 || !v1) continue;
    for (const ring of b.rings)
      for (let k = 0; k < ring.length; k++) {
        const a = ring[k];
        const c = ring[(k + 1) % ring.length];
        if (!a || !c || (a[0] === c[0] && a[1] === c[1])) continue;
        const pts: Position[] = [];
        for (const [px, py] of [a, c]) for (const [dx, dy] of [[0, 0], v0, v1] as const) pts.push([px + dx, py + dy]);
        const hull = convexHull(pts);
        if (hull.length >= 4) pieces.push([hull]);
      }
  }
  return pieces;
}

export interface ShadowEnvelope {
  /** Polygons (outer ring, then holes) in the local frame. */
  polygons: Position[][][];
  areaM2: number;
  /** Instants used (the Sun above the horizon). */
  instants: number;
}

function ringArea(r: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const p = r[j];
    const q = r[i];
    if (p && q) a += p[0] * q[1] - q[0] * p[1];
  }
  return Math.abs(a / 2);
}

export function shadowEnvelope(
  buildings: readonly ShadowBuilding[],
  suns: readonly SunVector[],
  engine: PolygonUnion,
): ShadowEnvelope {
  const up = suns.filter((s) => s.elevationDeg > 0);
  const pieces = buildings.flatMap((b) => shadowPieces(b, up));
  const polygons = pieces.length > 0 ? engine.union(pieces) : [];
  const areaM2 = polygons.reduce((n, poly) => n + poly.reduce((m, r, i) => m + (i === 0 ? 1 : -1) * ringArea(r), 0), 0);
  return { polygons, areaM2, instants: up.length };
}
