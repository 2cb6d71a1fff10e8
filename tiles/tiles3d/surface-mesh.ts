/**
 * A planar 3D surface (CityJSON boundary: outer ring, then holes; lon/lat/ellipsoidal
 * height) triangulated in its own plane with earcut and appended to a tile mesh with a flat
 * normal. The plane's normal is Newell's (robust for slightly non-planar rings); triangles
 * are wound to face along it, so a surface ordered counter-clockwise seen from outside (as
 * CityJSON §Geometry objects asks) faces outward. Output axes are glTF's, as prism.ts.
 * Pure; environment: common.
 */
import earcut from 'earcut';
import { ecefToEnu, geodeticToEcef, type EnuFrame, type Vec3 } from '../geo/ellipsoid.js';
import type { MeshBuilder } from './prism.js';

/** lon°, lat°, ellipsoidal height m. */
export type GeoPoint = readonly [number, number, number];

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

function unit(v: Vec3): Vec3 | null {
  const l = Math.hypot(v[0], v[1], v[2]);
  return l > 1e-12 ? [v[0] / l, v[1] / l, v[2] / l] : null;
}

/** Newell's method: the area-weighted normal of a closed polygon. */
function newellNormal(ring: readonly Vec3[]): Vec3 {
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Vec3;
    const b = ring[(i + 1) % ring.length] as Vec3;
    x += (a[1] - b[1]) * (a[2] + b[2]);
    y += (a[2] - b[2]) * (a[0] + b[0]);
    z += (a[0] - b[0]) * (a[1] + b[1]);
  }
  return [x, y, z];
}

function openRing(ring: readonly Vec3[]): Vec3[] {
  const out: Vec3[] = [];
  const same = (a: Vec3, b: Vec3): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || !same(last, p)) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && same(first, last)) out.pop();
  return out;
}

function push(mesh: MeshBuilder, p: Vec3, n: Vec3, featureId: number): number {
  const index = mesh.featureIds.length;
  // ENU (e, n, u) -> glTF (x, y, z) = (e, u, -n), as prism.ts.
  mesh.positions.push(p[0], p[2], -p[1]);
  mesh.normals.push(n[0], n[2], -n[1]);
  mesh.featureIds.push(featureId);
  return index;
}

/** Appends one surface; false when it is degenerate (fewer than 3 points, no area). */
export function appendSurface(
  mesh: MeshBuilder,
  frame: EnuFrame,
  rings: readonly (readonly GeoPoint[])[],
  featureId: number,
): boolean {
  const local = rings
    .map((ring) => openRing(ring.map(([lon, lat, h]) => ecefToEnu(frame, geodeticToEcef(lon, lat, h)))))
    .filter((r, i) => i === 0 || r.length >= 3);
  const outer = local[0];
  if (!outer || outer.length < 3) return false;
  const normal = unit(newellNormal(outer));
  if (!normal) return false;
  // A basis of the surface's plane: u along the largest in-plane direction of a fixed axis.
  const axis: Vec3 = Math.abs(normal[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const u = unit(cross(axis, normal)) as Vec3;
  const v = cross(normal, u);
  const flat: number[] = [];
  const holes: number[] = [];
  const points: Vec3[] = [];
  local.forEach((ring, k) => {
    if (k > 0) holes.push(points.length);
    for (const p of ring) {
      flat.push(dot(p, u), dot(p, v));
      points.push(p);
    }
  });
  const tri = earcut(flat, holes, 2);
  if (tri.length === 0) return false;
  const first = mesh.featureIds.length;
  for (const p of points) push(mesh, p, normal, featureId);
  for (let t = 0; t + 2 < tri.length; t += 3) {
    const a = tri[t] as number;
    const b = tri[t + 1] as number;
    const c = tri[t + 2] as number;
    const pa = points[a] as Vec3;
    const facing = dot(cross(sub(points[b] as Vec3, pa), sub(points[c] as Vec3, pa)), normal);
    if (facing >= 0) mesh.indices.push(first + a, first + b, first + c);
    else mesh.indices.push(first + a, first + c, first + b);
  }
  return true;
}
