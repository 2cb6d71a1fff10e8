/** The height-limit job on a small workspace: a constant limit and the regulatory plan's per-parcel 限高. */
import { describe, expect, it } from 'vitest';
import { HeightLimitParams } from '../../../../common/contract/sunlight.js';
import { CimError } from '../../../../common/errors.js';
import { runHeightLimit } from '../../../../main/analysis/height-limit/run-height-limit.js';
import { heightLimitReport } from '../../../../main/analysis/height-limit/report.js';
import { planWorkspace, rect } from '../plan-fixture.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date('2026-12-07T00:00:00Z') };

function workspace() {
  return planWorkspace([
    {
      name: 'buildings',
      fields: [
        { name: 'bldg_id', type: 'TEXT' },
        { name: 'height_m', type: 'REAL' },
      ],
      features: [
        { rings: [rect(0, 0, 20, 20)], values: ['A', 30] },
        { rings: [rect(100, 0, 120, 20)], values: ['B', 75] },
        { rings: [rect(200, 0, 220, 20)], values: ['C', 54] },
      ],
    },
    {
      name: 'plan_regulatory',
      fields: [
        { name: 'dkbm', type: 'TEXT' },
        { name: 'xg_max', type: 'REAL' },
      ],
      features: [
        { rings: [rect(-10, -10, 150, 30)], values: ['K-01', 60] },
        { rings: [rect(150, -10, 300, 30)], values: ['K-02', 50] },
      ],
    },
  ]);
}

describe('the height-limit job', () => {
  it('a constant limit: which buildings exceed and by how much, worst first', async () => {
    const { db } = workspace();
    const s = await runHeightLimit(
      db,
      HeightLimitParams.parse({ buildings: 'buildings', surface: 'constant', limitM: 50 }),
      control,
    );
    expect(s.count).toBe(3);
    expect(s.buildings).toEqual([
      { id: 'B', heightM: 75, limitM: 50, excessM: 25, parcelId: null },
      { id: 'C', heightM: 54, limitM: 50, excessM: 4, parcelId: null },
    ]);
    const rows = db.prepare(`SELECT bldg_id, exceeds FROM "${s.resultLayer}" ORDER BY bldg_id`).all();
    expect(rows).toEqual([
      { bldg_id: 'A', exceeds: 0 },
      { bldg_id: 'B', exceeds: 1 },
      { bldg_id: 'C', exceeds: 1 },
    ]);
    const doc = await heightLimitReport(db, s.resultLayer, { lang: 'zh-CN', now: new Date() });
    expect(doc.cover.title).toBe('控高分析报告');
    const table = doc.sections.find((x) => x.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r[0])).toEqual(['B', 'C']);
    db.close();
  });

  it('per parcel from the plan’s xg_max field', async () => {
    const { db } = workspace();
    const s = await runHeightLimit(
      db,
      HeightLimitParams.parse({ buildings: 'buildings', surface: 'parcel', parcels: 'plan_regulatory' }),
      control,
    );
    expect(s.limitField).toBe('xg_max');
    expect(s.buildings).toEqual([
      { id: 'B', heightM: 75, limitM: 60, excessM: 15, parcelId: 'K-01' },
      { id: 'C', heightM: 54, limitM: 50, excessM: 4, parcelId: 'K-02' },
    ]);
    let err: unknown;
    try {
      await runHeightLimit(db, HeightLimitParams.parse({ buildings: 'buildings', surface: 'inclined' }), control);
    } catch (e) {
      err = e;
    }
    expect(err instanceof CimError && err.code).toBe('height_limit.missing_param');
    db.close();
  });
});
