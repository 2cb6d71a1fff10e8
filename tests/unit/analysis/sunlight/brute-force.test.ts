/**
 * The culled caster (azimuth spans, reach, per-building entry distance) against brute force:
 * every sample of every point cast as a 3D segment through `Obstacles.firstHit` against every
 * prism, a separate code path (crossings, inside spans, heights), on a seeded random district.
 */
import { describe, expect, it } from 'vitest';
import { openObstacles, packObstacles } from '../../../../main/analysis/obstacles/prisms.js';
import { litMask } from '../../../../main/analysis/sunlight/cast.js';
import { sunTrack } from '../../../../main/analysis/sunlight/track.js';
import { sunlightCity } from '../../../../bench/gen/sunlight-city.js';

describe('culled caster = brute force', () => {
  it('gives the same lit samples on a random district', () => {
    const city = sunlightCity(7, 200, 150);
    const obs = openObstacles(packObstacles(city.prisms));
    const track = sunTrack({ date: '2025-01-20', lonDeg: 112.53, latDeg: 33, startMin: 480, endMin: 960, stepMin: 2 });
    let lit = 0;
    let dark = 0;
    for (const p of city.points) {
      const mask = litMask(obs, null, track, p, { minSweepDeg: null });
      for (let k = 0; k < track.count; k++) {
        const az = track.azimuthDeg[k] ?? 0;
        const front = p.facingDeg === null || Math.abs(((az - p.facingDeg + 540) % 360) - 180) < 90;
        const up = (track.elevationDeg[k] ?? 0) > 0;
        const L = 5000;
        const t = track.tan[k] ?? 0;
        const hit = obs.firstHit(p.x, p.y, p.z, (track.ux[k] ?? 0) * L, (track.uy[k] ?? 0) * L, t * L);
        const want = up && front && hit === null ? 1 : 0;
        expect(mask[k], `${p.id} sample ${String(k)}`).toBe(want);
        if (want) lit++;
        else dark++;
      }
    }
    expect(lit).toBeGreaterThan(1000);
    expect(dark).toBeGreaterThan(1000);
  });
});
