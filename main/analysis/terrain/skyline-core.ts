/**
 * Skyline (天际线分析) from a viewpoint: for every azimuth (clockwise from grid north, every
 * `stepDeg`), the highest elevation angle of the surface (terrain and building roofs,
 * surface.ts) out to `radiusM`, marched every half cell, with the curvature and refraction
 * drop of viewshed-core.ts. The skyline is the polyline of those highest points; comparing
 * two surfaces (without and with a scheme's buildings) gives how much each azimuth's
 * skyline rises. Pure; environment: common.
 */
import { CimError } from '../../../common/errors.js';
import { curvatureDrop } from './dem.js';
import type { Surface } from './surface.js';

interface SkylinePoint {
  azimuthDeg: number;
  /** Elevation angle of the skyline, degrees (negative: below the eye's horizontal). */
  elevationDeg: number;
  distanceM: number;
  x: number;
  y: number;
  z: number;
  buildingId: string | null;
}

export interface SkylineResult {
  eyeZ: number;
  points: SkylinePoint[];
}

export function skyline(
  surface: Surface,
  eye: { x: number; y: number; heightM: number },
  o: { radiusM: number; stepDeg: number; curvCoeff: number },
): SkylineResult {
  const g = surface.at(eye.x, eye.y);
  if (Number.isNaN(g.z)) throw new CimError('terrain.observer_outside', { x: eye.x.toFixed(1), y: eye.y.toFixed(1) });
  const eyeZ = g.z + eye.heightM;
  const step = Math.min(surface.dem.cellX, surface.dem.cellY) / 2;
  const n = Math.max(1, Math.round(360 / o.stepDeg));
  const points: SkylinePoint[] = [];
  for (let k = 0; k < n; k++) {
    const az = (k * 360) / n;
    const a = (az * Math.PI) / 180;
    const ux = Math.sin(a);
    const uy = Math.cos(a);
    let best: SkylinePoint = {
      azimuthDeg: az,
      elevationDeg: -90,
      distanceM: 0,
      x: eye.x,
      y: eye.y,
      z: g.z,
      buildingId: null,
    };
    let bestTan = -Infinity;
    for (let d = step; d <= o.radiusM; d += step) {
      const x = eye.x + ux * d;
      const y = eye.y + uy * d;
      const s = surface.at(x, y);
      if (Number.isNaN(s.z)) break; // off the DEM
      const tan = (s.z - curvatureDrop(surface.dem, o.curvCoeff, d * d) - eyeZ) / d;
      if (tan > bestTan) {
        bestTan = tan;
        best = {
          azimuthDeg: az,
          elevationDeg: (Math.atan(tan) * 180) / Math.PI,
          distanceM: d,
          x,
          y,
          z: s.z,
          buildingId: s.buildingId,
        };
      }
    }
    points.push(best);
  }
  return { eyeZ, points };
}
