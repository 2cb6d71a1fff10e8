/**
 * Line of sight (通视分析) between two points, each a height above the ground, over the
 * surface of surface.ts (terrain and building roofs). The line is sampled every `stepM`
 * (default a quarter of a cell). It is obstructed where the surface rises above the straight
 * sight line from eye to target; the first such sample is the obstruction (terrain, or the
 * building's id). Along the ground the line is split into the parts the observer sees and the
 * parts it does not: a sample is seen when its surface lies on or above the steepest
 * elevation angle of every sample before it (the horizon method). Heights drop by the earth
 * curvature and refraction term of viewshed-core.ts. Pure; environment: common.
 */
import { CimError } from '../../../common/errors.js';
import { curvatureDrop } from './dem.js';
import type { Surface } from './surface.js';
import { DEFAULT_CURV_COEFF } from './viewshed-core.js';

export interface LosEnd {
  x: number;
  y: number;
  /** Height above the surface (ground or roof), metres. */
  heightM: number;
}

interface LosObstruction {
  x: number;
  y: number;
  z: number;
  distanceM: number;
  kind: 'terrain' | 'building';
  buildingId: string | null;
  /** How far the surface rises above the sight line there, metres. */
  aboveLineM: number;
}

interface LosSegment {
  visible: boolean;
  fromM: number;
  toM: number;
  /** CRS x, y, surface z of the segment's ends. */
  start: [number, number, number];
  end: [number, number, number];
}

export interface LosResult {
  visible: boolean;
  obstruction: LosObstruction | null;
  lengthM: number;
  eyeZ: number;
  targetZ: number;
  segments: LosSegment[];
  visibleLengthM: number;
}

export function lineOfSight(
  surface: Surface,
  from: LosEnd,
  to: LosEnd,
  options: { stepM?: number; curvCoeff?: number } = {},
): LosResult {
  const dem = surface.dem;
  const cc = options.curvCoeff ?? DEFAULT_CURV_COEFF;
  const a = surface.at(from.x, from.y);
  const b = surface.at(to.x, to.y);
  if (Number.isNaN(a.z)) throw new CimError('terrain.point_outside', { which: 'from' });
  if (Number.isNaN(b.z)) throw new CimError('terrain.point_outside', { which: 'to' });
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const eyeZ = a.z + from.heightM;
  const targetZ = b.z + to.heightM - curvatureDrop(dem, cc, length * length);
  const step = options.stepM ?? Math.min(dem.cellX, dem.cellY) / 4;
  const n = Math.max(1, Math.ceil(length / step));
  let obstruction: LosObstruction | null = null;
  let maxTan = -Infinity;
  const segments: LosSegment[] = [];
  let seg: LosSegment | null = null;
  for (let i = 1; i <= n; i++) {
    const t = i / n;
    const d = t * length;
    const x = from.x + t * dx;
    const y = from.y + t * dy;
    const s = surface.at(x, y);
    if (Number.isNaN(s.z)) throw new CimError('terrain.line_off_dem', { distanceM: d.toFixed(0) });
    const z = s.z - curvatureDrop(dem, cc, d * d);
    const lineZ = eyeZ + (targetZ - eyeZ) * t;
    if (!obstruction && i < n && z > lineZ) {
      obstruction = {
        x,
        y,
        z: s.z,
        distanceM: d,
        kind: s.buildingId === null ? 'terrain' : 'building',
        buildingId: s.buildingId,
        aboveLineM: z - lineZ,
      };
    }
    const tan = (z - eyeZ) / d;
    const seen = tan >= maxTan;
    if (tan > maxTan) maxTan = tan;
    const prevD = ((i - 1) / n) * length;
    const point: [number, number, number] = [x, y, s.z];
    if (!seg || seg.visible !== seen) {
      const start: [number, number, number] = seg ? seg.end : [from.x, from.y, a.z];
      seg = { visible: seen, fromM: seg ? seg.toM : prevD, toM: d, start, end: point };
      segments.push(seg);
    } else {
      seg.toM = d;
      seg.end = point;
    }
  }
  const visibleLengthM = segments.filter((s) => s.visible).reduce((sum, s) => sum + s.toM - s.fromM, 0);
  return { visible: obstruction === null, obstruction, lengthM: length, eyeZ, targetZ, segments, visibleLengthM };
}
