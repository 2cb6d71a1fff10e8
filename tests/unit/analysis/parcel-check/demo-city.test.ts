/**
 * The planning-condition check (规划条件核验) on the demo city, the small city of the default
 * seed: the regulatory plan's parcels against the 2024 buildings, green spaces and road red
 * lines. The generator notes every parcel it made exceed a limit (gt_parcel_violations, its
 * own figures from the planted buildings); the check must find exactly those, with the same
 * values, and nothing else.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParcelCheck } from '../../../../main/analysis/parcel-check/run-parcel-check.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import { DEFAULT_SEED, seedWorkspace } from '../../../../seeds/seed-workspace.js';
import { tempDir } from '../../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };

/** gt_parcel_violations.indicator (the limit field's stem) -> the check's violation kind. */
const KIND: Record<string, string> = {
  rjl: 'far',
  jzmd: 'density',
  ldl: 'green',
  xg: 'height',
  tj: 'setback_boundary',
};

interface Truth {
  dkbm: string;
  reg_fid: number;
  indicator: string;
  limit: number;
  actual: number;
}

let db: Db;

beforeAll(async () => {
  const file = path.join(tempDir('cim-demo-'), 'demo.gpkg');
  await seedWorkspace(file, { seed: DEFAULT_SEED, scale: 'small' });
  db = openWorkspaceDb(file);
}, 60_000);

afterAll(() => {
  db.close();
});

describe('the parcel check on the demo city', () => {
  it('finds exactly the planted over-limit parcels, with their values', async () => {
    const s = await runParcelCheck(
      db,
      { parcels: 'plan_regulatory', buildings: 'buildings_2024', green: 'green_spaces', redlines: 'road_redlines' },
      control,
    );
    const truth = db
      .prepare('SELECT dkbm, reg_fid, indicator, "limit", actual FROM gt_parcel_violations ORDER BY dkbm')
      .all() as Truth[];
    // the small city plants one of each of FAR, density, green ratio and height
    expect(truth.map((t) => t.indicator).sort()).toEqual(['jzmd', 'ldl', 'rjl', 'xg']);
    expect(s.count).toBe(99);
    expect(s.violating).toBe(truth.length);
    const found = [...s.violations].sort((a, b) => a.parcel.localeCompare(b.parcel));
    expect(found.map((v) => [v.parcel, v.fid, v.kind, v.limit])).toEqual(
      truth.map((t) => [t.dkbm, t.reg_fid, KIND[t.indicator], t.limit]),
    );
    found.forEach((v, i) => {
      const want = truth[i]?.actual ?? NaN;
      expect(Math.abs(v.value - want) / want, v.parcel).toBeLessThan(1e-6);
    });
    expect(s.byKind).toEqual({ far: 1, density: 1, green: 1, height: 1, setback_boundary: 0, setback_redline: 0 });
    // buildings whose centroid no regulatory parcel holds are not counted on any parcel
    expect(s.buildings.total).toBe(2795);
    expect(s.buildings.onParcels).toBeGreaterThan(0.9 * s.buildings.total);
  });
});
