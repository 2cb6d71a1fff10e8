/**
 * WGS 84 geodetic <-> ECEF and local east-north-up frames (NGA.STND.0036 / EPSG guidance
 * note 7-2 §2.2.1), for placing 3D Tiles content. Pure; environment: common.
 */

const A = 6_378_137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const B = A * (1 - F);
const EP2 = (A * A - B * B) / (B * B);
const RAD = Math.PI / 180;

export type Vec3 = [number, number, number];

export function geodeticToEcef(lonDeg: number, latDeg: number, heightM: number): Vec3 {
  const lon = lonDeg * RAD;
  const lat = latDeg * RAD;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  return [
    (n + heightM) * cosLat * Math.cos(lon),
    (n + heightM) * cosLat * Math.sin(lon),
    (n * (1 - E2) + heightM) * sinLat,
  ];
}

/** ECEF -> [lon°, lat°, height m], Bowring's method (sub-millimetre near the surface). */
export function ecefToGeodetic(x: number, y: number, z: number): Vec3 {
  const p = Math.hypot(x, y);
  const theta = Math.atan2(z * A, p * B);
  const lat = Math.atan2(z + EP2 * B * Math.sin(theta) ** 3, p - E2 * A * Math.cos(theta) ** 3);
  const sinLat = Math.sin(lat);
  const n = A / Math.sqrt(1 - E2 * sinLat * sinLat);
  const height = p / Math.cos(lat) - n;
  return [Math.atan2(y, x) / RAD, lat / RAD, height];
}

/** Rows of the ECEF -> ENU rotation at (lon, lat): east, north, up unit vectors in ECEF. */
function enuAxes(lonDeg: number, latDeg: number): { east: Vec3; north: Vec3; up: Vec3 } {
  const lon = lonDeg * RAD;
  const lat = latDeg * RAD;
  const sl = Math.sin(lon);
  const cl = Math.cos(lon);
  const sp = Math.sin(lat);
  const cp = Math.cos(lat);
  return { east: [-sl, cl, 0], north: [-sp * cl, -sp * sl, cp], up: [cp * cl, cp * sl, sp] };
}

export interface EnuFrame {
  origin: Vec3;
  east: Vec3;
  north: Vec3;
  up: Vec3;
}

export function enuFrame(lonDeg: number, latDeg: number, heightM: number): EnuFrame {
  return { origin: geodeticToEcef(lonDeg, latDeg, heightM), ...enuAxes(lonDeg, latDeg) };
}

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

export function ecefToEnu(frame: EnuFrame, p: Vec3): Vec3 {
  const d: Vec3 = [p[0] - frame.origin[0], p[1] - frame.origin[1], p[2] - frame.origin[2]];
  return [dot(frame.east, d), dot(frame.north, d), dot(frame.up, d)];
}

/** The ENU -> ECEF matrix, column-major 4x4 as 3D Tiles `transform` wants it. */
export function enuToEcefMatrix(frame: EnuFrame): number[] {
  const { east: e, north: n, up: u, origin: o } = frame;
  return [e[0], e[1], e[2], 0, n[0], n[1], n[2], 0, u[0], u[1], u[2], 0, o[0], o[1], o[2], 1];
}
