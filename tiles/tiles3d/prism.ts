/**
 * A building footprint extruded to a prism in a tile's east-north-up frame: one quad per
 * ring edge for the walls (outward normals: outer rings counter-clockwise, holes clockwise),
 * a flat roof triangulated with earcut (holes included), no floor. Each vertex is placed on
 * the WGS 84 ellipsoid at its own lon/lat and height, so walls stand along the local
 * vertical. Output axes are glTF's (x east, y up, z south); 3D Tiles turns y-up into z-up.
 * Pure; environment: common.
 */
import earcut from 'earcut';
import { ecefToEnu, geodeticToEcef, type EnuFrame, type Vec3 } from '../geo/ellipsoid.js';
import { signedRingArea } from '../../layers/geom.js';

export type LonLat = readonly [number, number];

/** Growing vertex and index arrays of one tile's mesh. */
export interface MeshBuilder {
  positions: number[];
  normals: number[];
  featureIds: number[];
  indices: number[];
}

export function newMesh(): MeshBuilder {
  return { positions: [], normals: [], featureIds: [], indices: [] };
}

/** Ring positions without the closing repeat and without consecutive duplicates. */
function openRing(ring: readonly LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function unit(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

function push(mesh: MeshBuilder, p: Vec3, n: Vec3, featureId: number): number {
  const index = mesh.featureIds.length;
  // ENU (e, n, u) -> glTF (x, y, z) = (e, u, -n): a rotation, so windings are kept.
  mesh.positions.push(p[0], p[2], -p[1]);
  mesh.normals.push(n[0], n[2], -n[1]);
  mesh.featureIds.push(featureId);
  return index;
}

/**
 * Appends one polygon (outer ring, then holes; lon/lat) extruded from `baseM` to `topM`
 * (ellipsoidal heights). Returns false for a degenerate footprint (nothing appended).
 */
export function appendPrism(
  mesh: MeshBuilder,
  frame: EnuFrame,
  rings: readonly (readonly LonLat[])[],
  baseM: number,
  topM: number,
  featureId: number,
): boolean {
  const enuRings: { base: Vec3[]; top: Vec3[] }[] = [];
  rings.forEach((ring, r) => {
    const open = openRing(ring);
    if (open.length < 3) return;
    let base = open.map(([lon, lat]) => ecefToEnu(frame, geodeticToEcef(lon, lat, baseM)));
    let top = open.map(([lon, lat]) => ecefToEnu(frame, geodeticToEcef(lon, lat, topM)));
    const ccw = signedRingArea(base) > 0;
    // Outer ring counter-clockwise, holes clockwise (seen from above).
    if ((r === 0) !== ccw) {
      base = base.reverse();
      top = top.reverse();
    }
    enuRings.push({ base, top });
  });
  const outer = enuRings[0];
  if (!outer || Math.abs(signedRingArea(outer.base)) < 1e-6 || !(topM > baseM)) return false;
  for (const { base, top } of enuRings) {
    for (let i = 0; i < base.length; i++) {
      const j = (i + 1) % base.length;
      const a = base[i] as Vec3;
      const b = base[j] as Vec3;
      const n = unit(cross(sub(b, a), sub(top[i] as Vec3, a)));
      const v0 = push(mesh, a, n, featureId);
      const v1 = push(mesh, b, n, featureId);
      const v2 = push(mesh, top[j] as Vec3, n, featureId);
      const v3 = push(mesh, top[i] as Vec3, n, featureId);
      mesh.indices.push(v0, v1, v2, v0, v2, v3);
    }
  }
  // Roof: earcut in the plane of the tile frame, normal along the local vertical.
  const flat: number[] = [];
  const holes: number[] = [];
  const roof: Vec3[] = [];
  for (const [k, { top }] of enuRings.entries()) {
    if (k > 0) holes.push(roof.length);
    for (const p of top) {
      flat.push(p[0], p[1]);
      roof.push(p);
    }
  }
  const up = unit(sub(outer.top[0] as Vec3, outer.base[0] as Vec3));
  const first = mesh.featureIds.length;
  for (const p of roof) push(mesh, p, up, featureId);
  const tri = earcut(flat, holes, 2);
  for (let t = 0; t + 2 < tri.length; t += 3) {
    const a = tri[t] as number;
    const b = tri[t + 1] as number;
    const c = tri[t + 2] as number;
    const pa = roof[a] as Vec3;
    const pb = roof[b] as Vec3;
    const pc = roof[c] as Vec3;
    const z = (pb[0] - pa[0]) * (pc[1] - pa[1]) - (pb[1] - pa[1]) * (pc[0] - pa[0]);
    // Counter-clockwise seen from above, so the roof faces up.
    if (z >= 0) mesh.indices.push(first + a, first + b, first + c);
    else mesh.indices.push(first + a, first + c, first + b);
  }
  return true;
}
