/**
 * The shadow envelope: one instant against the closed form (a square's shadow adds side × shadow
 * length), and an hour against ray casting: ground points on a 1 m grid that the caster finds
 * shaded at some minute of the hour fall inside the envelope polygons, and the areas agree
 * within 2 %.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openObstacles, packObstacles } from '../../../../main/analysis/obstacles/prisms.js';
import { litMask } from '../../../../main/analysis/sunlight/cast.js';
import { geosUnion } from '../../../../main/analysis/sunlight/geos-union.js';
import { shadowEnvelope, type PolygonUnion } from '../../../../main/analysis/sunlight/shadow-envelope.js';
import { sunTrack } from '../../../../main/analysis/sunlight/track.js';
import { insideRings } from '../../../../main/analysis/height-limit/height-limit-core.js';
import { boxPrism, sunAt } from './fixture.js';

let engine: PolygonUnion & { dispose(): void };
beforeAll(async () => {
  engine = await geosUnion();
});
afterAll(() => engine.dispose());

describe('shadow envelope', () => {
  it('one instant: footprint plus side × shadow length', () => {
    const b = boxPrism({ x0: 0, y0: 0, x1: 20, y1: 20, topM: 30 });
    // Sun due south at 30°: the shadow runs north, 30 / tan 30° = 51.96 m.
    const env = shadowEnvelope([b], [{ azimuthDeg: 180, elevationDeg: 30 }], engine);
    expect(env.polygons).toHaveLength(1);
    expect(env.areaM2).toBeCloseTo(400 + 20 * (30 / Math.tan(Math.PI / 6)), 6);
  });

  it('an hour: the ground the caster finds shaded at some minute is the envelope', () => {
    const box = { x0: 0, y0: 0, x1: 20, y1: 40, topM: 40 };
    const suns = [];
    for (let m = 600; m <= 660; m += 10) {
      const s = sunAt(m);
      suns.push({ azimuthDeg: s.az, elevationDeg: s.elev });
    }
    const env = shadowEnvelope([boxPrism(box)], suns, engine);
    const obs = openObstacles(packObstacles([boxPrism(box)]));
    const track = sunTrack({
      date: '2025-01-20',
      lonDeg: 112.53,
      latDeg: 32.99,
      startMin: 600,
      endMin: 660,
      stepMin: 0.25,
    });
    let raster = 0;
    let disagree = 0;
    for (let y = -10.5; y < 120; y += 1)
      for (let x = -100.5; x < 80; x += 1) {
        const inside = box.x0 <= x && x <= box.x1 && box.y0 <= y && y <= box.y1;
        const mask = inside
          ? null
          : litMask(obs, null, track, { xs: [x], ys: [y], z: 0, facingDeg: null }, { minSweepDeg: null });
        const shaded = inside || (mask !== null && mask.some((v) => v === 0));
        const inEnv = env.polygons.some((p) => insideRings(p, x, y));
        if (shaded) raster++;
        if (shaded !== inEnv) disagree++;
      }
    expect(raster).toBeGreaterThan(3000);
    expect(Math.abs(raster - env.areaM2) / env.areaM2).toBeLessThan(0.02);
    // Only cells the envelope's outline cuts may disagree.
    expect(disagree / raster).toBeLessThan(0.03);
  });
});
