/**
 * Placing local model coordinates on the globe: east-north-up at a point, turned by a
 * heading and scaled, as a 3D Tiles `transform` (column-major 4x4, 3D Tiles 1.1 §5.6), and
 * the lon/lat box a bounding volume covers under such a transform. Pure; environment: common.
 */
import { ecefToGeodetic, enuFrame, enuToEcefMatrix, type Vec3 } from './ellipsoid.js';

export interface Placement {
  lon: number;
  lat: number;
  heightM: number;
  /** Clockwise from north, degrees (as Cesium's heading). */
  headingDeg: number;
  scale: number;
}

export type Mat4 = number[];

export const IDENTITY: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** a · b, both column-major 4x4. */
export function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += (a[k * 4 + r] ?? 0) * (b[c * 4 + k] ?? 0);
      out[c * 4 + r] = s;
    }
  }
  return out;
}

export function transformPoint(m: Mat4, p: Vec3): Vec3 {
  const [x, y, z] = p;
  const at = (i: number): number => m[i] ?? 0;
  return [
    at(0) * x + at(4) * y + at(8) * z + at(12),
    at(1) * x + at(5) * y + at(9) * z + at(13),
    at(2) * x + at(6) * y + at(10) * z + at(14),
  ];
}

/**
 * ENU at the point · rotation about up by -heading (a clockwise heading turns east toward
 * south) · uniform scale. Tile content's z is up (glTF's y-up is turned by the runtime).
 */
export function placementMatrix(p: Placement): Mat4 {
  const enu = enuToEcefMatrix(enuFrame(p.lon, p.lat, p.heightM));
  const h = (-p.headingDeg * Math.PI) / 180;
  const c = Math.cos(h) * p.scale;
  const s = Math.sin(h) * p.scale;
  const turnScale: Mat4 = [c, s, 0, 0, -s, c, 0, 0, 0, 0, p.scale, 0, 0, 0, 0, 1];
  return multiply(enu, turnScale);
}

/** 3D Tiles bounding volumes (§5.7): region in radians/metres, box centre + half axes, sphere. */
export type BoundingVolume = { region: number[] } | { box: number[] } | { sphere: number[] };

/** Corners of the volume's enclosing box in its own coordinates. */
function volumeCorners(v: BoundingVolume): Vec3[] {
  if ('box' in v) {
    const [cx = 0, cy = 0, cz = 0, ...axes] = v.box;
    const out: Vec3[] = [];
    for (const a of [-1, 1])
      for (const b of [-1, 1])
        for (const d of [-1, 1]) {
          const ax = (i: number): number => a * (axes[i] ?? 0) + b * (axes[3 + i] ?? 0) + d * (axes[6 + i] ?? 0);
          out.push([cx + ax(0), cy + ax(1), cz + ax(2)]);
        }
    return out;
  }
  if ('sphere' in v) {
    const [cx = 0, cy = 0, cz = 0, r = 0] = v.sphere;
    return volumeCorners({ box: [cx, cy, cz, r, 0, 0, 0, r, 0, 0, 0, r] });
  }
  return [];
}

/** Closer to the Earth's centre than this, a volume is in local coordinates, not on the globe. */
const MIN_RADIUS_M = 6_000_000;

/**
 * [west, south, east, north] degrees of a volume under `transform`, or null when it is not
 * on the globe (a local model at the Earth's centre, as many samples are).
 */
export function volumeBoundsDeg(
  v: BoundingVolume,
  transform: Mat4 = IDENTITY,
): [number, number, number, number] | null {
  if ('region' in v) {
    const [w = NaN, s = NaN, e = NaN, n = NaN] = v.region.map((r) => (r * 180) / Math.PI);
    return [w, s, e, n].every(Number.isFinite) ? [w, s, e, n] : null;
  }
  const pts = volumeCorners(v).map((p) => transformPoint(transform, p));
  if (pts.some((p) => !p.every(Number.isFinite) || Math.hypot(...p) < MIN_RADIUS_M)) return null;
  const ll = pts.map(([x, y, z]) => ecefToGeodetic(x, y, z));
  const lons = ll.map((p) => p[0]);
  const lats = ll.map((p) => p[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}
