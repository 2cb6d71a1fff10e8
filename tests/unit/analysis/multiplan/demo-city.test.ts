/**
 * Acceptance on the demo city (issue #5), the small city of the default seed as
 * `cim seed --scale small --no-tiles` makes it (seedWorkspace, about 5 s):
 * - every planted conflict (gt_plan_conflicts) is found with its area within 0.1 %, and
 *   nothing else is reported (every reported part is above the sliver threshold);
 * - the whole overlay of each pair of plan layers matches QGIS native:intersection summed by
 *   class pair (tests/fixtures/multiplan/qgis-reference-demo.json, made by
 *   make-demo-reference.sh there): area within 0.01 %, parts within 0.5 %, with the same
 *   sliver rule (area >= 1 m², mean width >= 0.1 m) applied to QGIS's parts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMultiplan } from '../../../../main/analysis/multiplan/run-multiplan.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import { DEFAULT_SEED, seedWorkspace } from '../../../../seeds/seed-workspace.js';
import { FIXTURES, tempDir } from '../../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };
const PLANS = ['plan_master', 'plan_regulatory', 'control_lines'];

interface Part {
  rule_id: string | null;
  layer_a: string;
  fid_a: number;
  layer_b: string;
  fid_b: number | null;
  area_m2: number;
}
interface Truth extends Part {
  conflict_id: string;
}
interface QgisPairs {
  pairs: Record<string, { count: number; areaM2: number }>;
  count: number;
  areaM2: number;
}

const REFERENCE = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'multiplan/qgis-reference-demo.json'), 'utf8')) as {
  demoCity: { seed: number; scale: string };
  cases: Record<string, { qgis: QgisPairs } | undefined>;
};

/** Rule and the two features, whichever side each is on. */
const key = (p: Part): string =>
  `${p.rule_id ?? ''}:${[`${p.layer_a}#${String(p.fid_a)}`, `${p.layer_b}#${String(p.fid_b)}`].sort().join('|')}`;

let db: Db;

beforeAll(async () => {
  const file = path.join(tempDir('cim-demo-'), 'demo.gpkg');
  // the reference was made on this city: a different seed or scale would compare apples with pears
  expect(REFERENCE.demoCity).toEqual({ seed: DEFAULT_SEED, scale: 'small', command: expect.any(String) as string });
  await seedWorkspace(file, { seed: DEFAULT_SEED, scale: 'small' });
  db = openWorkspaceDb(file);
}, 60_000);

afterAll(() => {
  db.close();
});

describe('the multi-plan review on the demo city', () => {
  it('finds every planted conflict (area within 0.1 %) and nothing else', async () => {
    const s = await runMultiplan(db, { layers: PLANS, name: 'review' }, control);
    const truth = db
      .prepare('SELECT conflict_id, rule_id, layer_a, fid_a, layer_b, fid_b, area_m2 FROM gt_plan_conflicts')
      .all() as Truth[];
    const found = db.prepare('SELECT rule_id, layer_a, fid_a, layer_b, fid_b, area_m2 FROM review').all() as Part[];
    // the small city plants 14 conflicts, every default rule at least once
    expect(truth).toHaveLength(14);
    expect(new Set(truth.map((t) => t.rule_id))).toEqual(
      new Set(['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08']),
    );
    const byKey = new Map(found.map((f) => [key(f), f]));
    for (const t of truth) {
      const f = byKey.get(key(t));
      expect(f, `planted conflict ${t.conflict_id}`).toBeDefined();
      expect(Math.abs((f?.area_m2 ?? 0) - t.area_m2) / t.area_m2, t.conflict_id).toBeLessThan(1e-3);
    }
    const planted = new Set(truth.map(key));
    expect(found.filter((f) => !planted.has(key(f)))).toEqual([]);
    expect(s.count).toBe(truth.length);
    expect(s.sliver.minAreaM2).toBe(1);
  });

  it('matches QGIS on the whole overlay of each pair of plan layers', async () => {
    const pairs: [string, string, string][] = [
      ['master_regulatory', 'plan_master', 'plan_regulatory'],
      ['master_control', 'plan_master', 'control_lines'],
      ['regulatory_control', 'plan_regulatory', 'control_lines'],
    ];
    for (const [name, a, b] of pairs) {
      const s = await runMultiplan(db, { layers: [a, b], allPairs: true, name }, control);
      const q = REFERENCE.cases[name]?.qgis;
      if (!q) throw new Error(`no QGIS reference for ${name}`);
      // QGIS intersects layer a with layer b; the control lines among themselves (R05-R07) and
      // `outside` parts (R03) are no part of that overlay
      const between = s.byPair.filter((p) => p.layerA === a && p.layerB === b && p.classB !== null);
      const ours = new Map(between.map((p) => [`${p.classA ?? ''}|${p.classB ?? ''}`, p]));
      expect([...ours.keys()].sort(), name).toEqual(Object.keys(q.pairs).sort());
      for (const [pair, want] of Object.entries(q.pairs)) {
        const got = ours.get(pair);
        expect(Math.abs((got?.areaM2 ?? 0) - want.areaM2) / want.areaM2, `${name} ${pair}`).toBeLessThan(1e-4);
        // stricter than the acceptance's 0.5 %: today every pair has QGIS's exact part count
        expect(got?.count, `${name} ${pair} parts`).toBe(want.count);
      }
      const count = between.reduce((n, p) => n + p.count, 0);
      const areaM2 = between.reduce((n, p) => n + p.areaM2, 0);
      expect(Math.abs(areaM2 - q.areaM2) / q.areaM2, name).toBeLessThan(1e-4);
      expect(Math.abs(count - q.count) / q.count, name).toBeLessThanOrEqual(0.005);
    }
  });
});
