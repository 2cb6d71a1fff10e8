import { describe, expect, it } from 'vitest';
import { runMultiplan, type AnalysisControl } from '../../../../main/analysis/multiplan/run-multiplan.js';
import { listLayers } from '../../../../main/store/catalog.js';
import { snapshot } from '../../helpers.js';
import { handCase, planWorkspace, rect } from '../plan-fixture.js';

const control = (cancelAfter = Infinity): AnalysisControl & { stages: string[] } => {
  const stages: string[] = [];
  return {
    stages,
    progress: (_f, stage) => stages.push(stage),
    isCancelled: () => stages.length > cancelAfter,
    now: () => new Date(),
  };
};

const LAYERS = ['plan_master', 'plan_regulatory', 'control_lines'];

interface Row {
  rule_id: string | null;
  area_m2: number;
  layer_a: string;
  fid_a: number;
  layer_b: string;
  fid_b: number | null;
}

describe('multi-plan review on the hand-worked case', () => {
  it('finds each planted conflict with its rule, orientation and area (m², GK zone 38)', async () => {
    const { db } = planWorkspace(handCase());
    const s = await runMultiplan(db, { layers: LAYERS }, control());
    const rows = db
      .prepare('SELECT rule_id, area_m2, layer_a, fid_a, layer_b, fid_b FROM conflicts_1 ORDER BY rule_id')
      .all() as Row[];
    // tests/fixtures/README.md "multiplan hand case": rectangle arithmetic in metres.
    expect(rows.map((r) => [r.rule_id, r.layer_a, r.fid_a, r.layer_b, r.fid_b])).toEqual([
      ['R01', 'plan_regulatory', 1, 'control_lines', 1], // 0901 over the red line: 10 x 50
      ['R03', 'plan_regulatory', 1, 'control_lines', null], // 0901 outside 城镇开发边界: 50 x 100
      ['R04', 'plan_regulatory', 1, 'plan_master', 1], // 0901 (construction) over 0103 旱地: 50 x 100
      ['R08', 'plan_master', 2, 'plan_regulatory', 1], // 07 vs 09: 50 x 100
    ]);
    const want = [500, 5000, 5000, 5000];
    rows.forEach((r, i) => expect(Math.abs(r.area_m2 - want[i]!) / want[i]!).toBeLessThan(1e-9));
    expect(s).toMatchObject({ resultLayer: 'conflicts_1', count: 4, gkZoneEpsg: 4526, problemCount: 0 });
    expect(s.conflicts.areaM2).toBeCloseTo(15_500, 4);
    expect(s.bySeverity.high.areaM2).toBeCloseTo(500, 6);
    expect(s.byRule.find((r) => r.ruleId === 'R03')?.count).toBe(1);
    // DK-02 overlaps 城镇住宅用地 by a 0.05 m strip (5 m²): thinner than 0.1 m, a sliver.
    expect(s.sliver.dropped).toBeGreaterThanOrEqual(1);
    expect(s.sliver.droppedAreaM2).toBeCloseTo(5, 3);
    const entry = listLayers(db).find((l) => l.name === 'conflicts_1');
    expect(entry).toMatchObject({ geometryType: 'MULTIPOLYGON', featureCount: 4 });
    expect(entry?.style.thematic).toEqual({
      field: 'severity',
      method: 'categories',
      hatch: true,
      colours: { high: '#d7191c', medium: '#fdae61', low: '#e6c800' },
    });
    expect(entry?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['dkbm', 'yddm', 'dlbm', 'kzxlx', 'name']));
  });

  it('keeps a sliver wider than the width rule when asked to, and writes every overlap with --all-pairs', async () => {
    const { db } = planWorkspace(handCase());
    const s = await runMultiplan(db, { layers: LAYERS, allPairs: true, minWidthM: 0.01, name: 'all' }, control());
    const rows = db.prepare('SELECT rule_id, area_m2, layer_a, layer_b FROM "all"').all() as Row[];
    const sliver = rows.find((r) => Math.abs(r.area_m2 - 5) < 1e-3);
    expect(sliver?.rule_id).toBe('R08');
    // Overlaps no rule covers are written with an empty rule: 旱地 x 红线 (60 x 50), DK-01 x 城镇开发边界,
    // 城镇住宅用地 x 城镇开发边界 (100 x 100), DK-02 x 城镇开发边界 (100.05 x 100).
    const none = rows.filter((r) => r.rule_id === null).map((r) => Math.round(r.area_m2 * 100) / 100);
    expect(none.sort((a, b) => a - b)).toEqual([3000, 5000, 10000, 10005]);
    expect(s.total.count).toBe(rows.length);
  });

  it('leaves the workspace as it was when cancelled', async () => {
    const { db, file } = planWorkspace(handCase());
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshot(file);
    await expect(runMultiplan(db, { layers: LAYERS }, control(1))).rejects.toThrow(/jobs\.cancelled/);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(snapshot(file)).toEqual(before);
  });

  it('refuses one layer, a missing layer and a layer without a class field', async () => {
    const { db } = planWorkspace([
      ...handCase(),
      {
        name: 'plain',
        fields: [{ name: 'x', type: 'TEXT' }],
        features: [{ rings: [rect(0, 0, 1, 1)], values: ['a'] }],
      },
    ]);
    await expect(runMultiplan(db, { layers: ['plan_master'] }, control())).rejects.toThrow(/multiplan\.too_few_layers/);
    await expect(runMultiplan(db, { layers: ['plan_master', 'nope'] }, control())).rejects.toThrow(
      /store\.layer_not_found/,
    );
    await expect(runMultiplan(db, { layers: ['plan_master', 'plain'] }, control())).rejects.toThrow(
      /multiplan\.no_class_field/,
    );
    await expect(
      runMultiplan(db, { layers: ['plan_master', 'plain'], classFields: { plain: 'y' } }, control()),
    ).rejects.toThrow(/multiplan\.no_such_field/);
  });

  it('finds control lines of one layer overlapping each other (R05-R07), not parcels of one plan', async () => {
    const { db } = planWorkspace([
      {
        name: 'lines',
        fields: [{ name: 'kzxlx', type: 'TEXT' }],
        features: [
          { rings: [rect(0, 0, 100, 100)], values: ['城镇开发边界'] },
          { rings: [rect(90, 0, 200, 100)], values: ['生态保护红线'] }, // 10 x 100 inside the boundary: R07
          { rings: [rect(150, 80, 250, 200)], values: ['永久基本农田'] }, // 50 x 20 in the red line: R05
          { rings: [rect(0, 300, 10, 310)], values: ['生态保护红线'] },
          { rings: [rect(5, 300, 10, 310)], values: ['生态保护红线'] }, // red line over red line: no rule
          { rings: [rect(900, -10, 1200, 110)], values: ['城镇开发边界'] }, // the plan parcels stay inside
        ],
      },
      {
        name: 'plan',
        fields: [{ name: 'yddm', type: 'TEXT' }],
        features: [
          { rings: [rect(1000, 0, 1100, 100)], values: ['0701'] },
          // overlapping parcels of one plan (construction over 旱地) are that plan's topology, not R04
          { rings: [rect(1050, 0, 1150, 100)], values: ['0103'] },
        ],
      },
    ]);
    const s = await runMultiplan(db, { layers: ['lines', 'plan'], name: 'r' }, control());
    const rows = db
      .prepare('SELECT rule_id, area_m2, layer_a, fid_a, layer_b, fid_b FROM r ORDER BY rule_id')
      .all() as Row[];
    expect(rows.map((r) => [r.rule_id, r.layer_a, r.fid_a, r.layer_b, r.fid_b])).toEqual([
      ['R05', 'lines', 3, 'lines', 2],
      ['R07', 'lines', 1, 'lines', 2],
    ]);
    expect(rows[0]?.area_m2).toBeCloseTo(1000, 5);
    expect(rows[1]?.area_m2).toBeCloseTo(1000, 5);
    expect(s.count).toBe(2);
  });
});
