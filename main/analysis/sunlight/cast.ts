/**
 * Which samples of the Sun's track light a sample point: the geometric core of the sunlight
 * analysis. A sample is lit when the Sun is above the horizon, in front of the facade (when
 * the point has one: facade self-shading, with the sweep-angle rule when it is on), and the
 * ray towards it meets no building prism and no ground. For a window (满窗日照) every sill
 * position must be lit.
 *
 * The buildings are not tested minute by minute against every ray. For each sill position:
 * the buildings within reach (the highest top over the lowest Sun) come from the flatbush
 * index; a building that could not rise above the lowest Sun even at its nearest point is
 * dropped; for the rest, only the samples whose azimuth falls within the building's angular
 * span (binary search in the azimuth-sorted track) are cast, each against that building's
 * outline alone (`Obstacles.entryDistance`): blocked when the ray is still below the roof
 * where it enters the footprint. Prisms stand on the ground (nothing passes below them).
 * Environment: common (worker threads).
 */
import type { Obstacles } from '../obstacles/prisms.js';
import { terrainBlocks, type TerrainGrid } from '../obstacles/terrain-grid.js';
import { lowerBound, type SunTrack } from './track.js';

export interface CastPoint {
  /** Sill positions in local metres: one for a point, several along a window's sill. */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Absolute height of the sill (ground + height above it), metres. */
  z: number;
  /** Azimuth of the facade's outward normal, degrees clockwise from north; null for none (ground). */
  facingDeg: number | null;
}

export interface CastOptions {
  /** Sweep-angle rule: sunlight meeting the wall at less than this horizontal angle is not counted (null: off). */
  minSweepDeg: number | null;
}

function wrap180(d: number): number {
  return ((((d + 180) % 360) + 360) % 360) - 180;
}

/** Sets `mask[k]` to 1 where the Sun is up and in front of the facade, 0 elsewhere. */
function frontMask(track: SunTrack, p: CastPoint, o: CastOptions, mask: Uint8Array): void {
  const limit = 90 - (o.minSweepDeg ?? 0);
  for (let k = 0; k < track.count; k++) {
    let lit = (track.tan[k] ?? -Infinity) > 0;
    if (lit && p.facingDeg !== null) lit = Math.abs(wrap180((track.azimuthDeg[k] ?? 0) - p.facingDeg)) < limit;
    mask[k] = lit ? 1 : 0;
  }
}

function shadeByBuildings(obs: Obstacles, track: SunTrack, x: number, y: number, z: number, mask: Uint8Array): void {
  let tanMin = Infinity;
  for (let k = 0; k < track.count; k++) if (mask[k] && (track.tan[k] ?? 0) < tanMin) tanMin = track.tan[k] ?? 0;
  const maxTop = obs.data.maxTopM;
  if (!Number.isFinite(tanMin) || !(maxTop > z)) return;
  const reach = (maxTop - z) / tanMin;
  const { boxes, topM } = obs.data;
  const { order, sortedAz, tan, ux, uy } = track;
  const n = track.count;
  for (const b of obs.search(x - reach, y - reach, x + reach, y + reach)) {
    const rise = (topM[b] ?? 0) - z;
    if (rise <= 0) continue;
    const x0 = boxes[b * 4] ?? 0;
    const y0 = boxes[b * 4 + 1] ?? 0;
    const x1 = boxes[b * 4 + 2] ?? 0;
    const y1 = boxes[b * 4 + 3] ?? 0;
    const dx = Math.max(x0 - x, 0, x - x1);
    const dy = Math.max(y0 - y, 0, y - y1);
    const near = Math.hypot(dx, dy);
    if (near > 0 && rise <= tanMin * near) continue;
    let from = 0;
    let to = n;
    let wrapTo = 0;
    if (near > 0) {
      // The box's azimuth span seen from the point (under 180° from outside the box).
      const ref = (Math.atan2((x0 + x1) / 2 - x, (y0 + y1) / 2 - y) * 180) / Math.PI;
      let lo = Infinity;
      let hi = -Infinity;
      for (const [cx, cy] of [
        [x0, y0],
        [x0, y1],
        [x1, y0],
        [x1, y1],
      ] as const) {
        const d = wrap180((Math.atan2(cx - x, cy - y) * 180) / Math.PI - ref);
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
      const a0 = (((ref + lo) % 360) + 360) % 360;
      const a1 = a0 + (hi - lo);
      from = lowerBound(sortedAz, a0);
      to = lowerBound(sortedAz, Math.min(a1, 360.0000001) + 1e-12);
      if (a1 > 360) wrapTo = lowerBound(sortedAz, a1 - 360 + 1e-12);
    }
    const visit = (i: number): void => {
      const k = order[i] ?? 0;
      if (!mask[k]) return;
      const t = tan[k] ?? 0;
      if (rise <= t * near) return;
      const s = obs.entryDistance(b, x, y, ux[k] ?? 0, uy[k] ?? 0);
      if (s * t < rise) mask[k] = 0;
    };
    for (let i = from; i < to; i++) visit(i);
    for (let i = 0; i < wrapTo; i++) visit(i);
  }
}

function shadeByTerrain(
  terrain: TerrainGrid | null,
  track: SunTrack,
  x: number,
  y: number,
  z: number,
  mask: Uint8Array,
): void {
  if (!terrain || z >= terrain.maxM) return;
  for (let k = 0; k < track.count; k++) {
    if (mask[k] && terrainBlocks(terrain, x, y, z, track.ux[k] ?? 0, track.uy[k] ?? 0, track.tan[k] ?? 0)) mask[k] = 0;
  }
}

/** The lit mask of one sample point over the track (1 = lit), written into `out` when given. */
export function litMask(
  obs: Obstacles,
  terrain: TerrainGrid | null,
  track: SunTrack,
  p: CastPoint,
  o: CastOptions,
  out: Uint8Array = new Uint8Array(track.count),
): Uint8Array {
  frontMask(track, p, o, out);
  for (let i = 0; i < p.xs.length; i++) {
    const x = p.xs[i] ?? 0;
    const y = p.ys[i] ?? 0;
    shadeByBuildings(obs, track, x, y, p.z, out);
    shadeByTerrain(terrain, track, x, y, p.z, out);
  }
  return out;
}
