/**
 * Profile (剖面分析) along a polyline: the terrain height (bilinear between cell centres) and
 * the roof of any building cut, every `stepM` metres of the line and at each vertex, with the
 * distance along the line. `profileCsv` writes the numbers as CSV. Pure; environment: common.
 */
import { CimError } from '../../../common/errors.js';
import type { Surface } from './surface.js';

export interface ProfileSample {
  distanceM: number;
  x: number;
  y: number;
  groundM: number;
  /** Roof height where the line cuts a building, else null. */
  roofM: number | null;
  buildingId: string | null;
}

export interface ProfileResult {
  samples: ProfileSample[];
  lengthM: number;
  minM: number;
  maxM: number;
  /** Total climb and descent of the ground along the line. */
  ascentM: number;
  descentM: number;
  buildingsCut: string[];
}

export function profile(surface: Surface, line: readonly [number, number][], stepM: number): ProfileResult {
  if (line.length < 2) throw new CimError('terrain.line_too_short', {});
  const samples: ProfileSample[] = [];
  let along = 0;
  const push = (x: number, y: number, d: number): void => {
    const s = surface.at(x, y);
    if (Number.isNaN(s.ground)) throw new CimError('terrain.line_off_dem', { distanceM: d.toFixed(0) });
    samples.push({
      distanceM: d,
      x,
      y,
      groundM: s.ground,
      roofM: s.buildingId === null ? null : s.z,
      buildingId: s.buildingId,
    });
  };
  for (let k = 0; k + 1 < line.length; k++) {
    const [x0, y0] = line[k] ?? [0, 0];
    const [x1, y1] = line[k + 1] ?? [0, 0];
    const len = Math.hypot(x1 - x0, y1 - y0);
    const n = Math.max(1, Math.ceil(len / stepM));
    for (let i = k === 0 ? 0 : 1; i <= n; i++) {
      const t = i / n;
      push(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, along + len * t);
    }
    along += len;
  }
  let minM = Infinity;
  let maxM = -Infinity;
  let ascentM = 0;
  let descentM = 0;
  const cut = new Set<string>();
  samples.forEach((s, i) => {
    minM = Math.min(minM, s.groundM);
    maxM = Math.max(maxM, s.roofM ?? s.groundM);
    if (s.buildingId !== null) cut.add(s.buildingId);
    const prev = samples[i - 1];
    if (prev) {
      const d = s.groundM - prev.groundM;
      if (d > 0) ascentM += d;
      else descentM -= d;
    }
  });
  return { samples, lengthM: along, minM, maxM, ascentM, descentM, buildingsCut: [...cut] };
}

export function profileCsv(
  samples: readonly ProfileSample[],
  lonLat?: (x: number, y: number) => [number, number],
): string {
  const head = ['distance_m', 'x', 'y', ...(lonLat ? ['lon', 'lat'] : []), 'ground_m', 'roof_m', 'building_id'];
  const rows = samples.map((s) => {
    const ll = lonLat ? lonLat(s.x, s.y) : null;
    return [
      s.distanceM.toFixed(2),
      s.x.toFixed(3),
      s.y.toFixed(3),
      ...(ll ? [ll[0].toFixed(7), ll[1].toFixed(7)] : []),
      s.groundM.toFixed(3),
      s.roofM === null ? '' : s.roofM.toFixed(3),
      s.buildingId === null ? '' : `"${s.buildingId.replace(/"/g, '""')}"`,
    ].join(',');
  });
  return [head.join(','), ...rows].join('\n') + '\n';
}
