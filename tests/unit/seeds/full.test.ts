/**
 * The full-scale city (about 3 x 3 km), generated once in memory: the counts the brief
 * states and the plan-conflict ground truth against the independent overlay. The written
 * workspace and rasters are checked at small scale (seed.test.ts); bench/ times `full`.
 */
import { describe, expect, it } from 'vitest';
import { generateCity } from '../../../seeds/city/city.js';
import { conflictKey, overlayConflicts, type PlanFeatureIn } from './overlay.js';

describe('the full-scale demo city', () => {
  it('has 8-15k buildings per epoch, 100k cases, and ground truth an exact overlay reproduces', async () => {
    const city = generateCity(20240601, 'full');
    const b2022 = city.epochs.buildings.filter((b) => b.s2022).length;
    const b2024 = city.epochs.buildings.filter((b) => b.s2024).length;
    for (const n of [b2022, b2024]) {
      expect(n).toBeGreaterThanOrEqual(8000);
      expect(n).toBeLessThanOrEqual(15000);
    }
    expect(city.cases.length).toBe(100_000);
    expect(city.conflicts.length).toBeGreaterThanOrEqual(10);
    expect(city.conflicts.length).toBeLessThanOrEqual(30);
    const features: PlanFeatureIn[] = [
      ...city.plans.master.map((m, i) => ({ layer: 'plan_master' as const, fid: i + 1, cls: m.dlbm, ring: m.ring })),
      ...city.plans.reg.map((r, i) => ({ layer: 'plan_regulatory' as const, fid: i + 1, cls: r.yddm, ring: r.ring })),
      ...city.plans.controls.map((c, i) => ({
        layer: 'control_lines' as const,
        fid: i + 1,
        cls: c.kzxlx,
        ring: c.ring,
      })),
    ];
    const found = await overlayConflicts(features);
    const truth = new Map(
      city.conflicts.map((c) => [conflictKey(c.ruleId, c.layerA, c.fidA, c.layerB, c.fidB), c.areaM2]),
    );
    expect(found.map((f) => f.key).sort()).toEqual([...truth.keys()].sort());
    for (const f of found) expect(f.areaM2).toBeCloseTo(truth.get(f.key) ?? NaN, 2);
    const kinds = new Set(city.epochs.illegal.map((i) => i.kind));
    expect(kinds.size).toBe(4);
  }, 600_000);
});
