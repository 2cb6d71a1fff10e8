/**
 * The sunlight job on a small workspace (plan-fixture's GK zone 38 metres near 南阳): a home
 * H (40 × 12 m, 6 storeys) with a 24 m slab S 28 m to its south, and a scheme layer with an
 * 80 m tower T between them. Checks what the job writes and says, not the geometry
 * (hand-worked.test.ts does that).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SunlightParams } from '../../../../common/contract/sunlight.js';
import { CimError } from '../../../../common/errors.js';
import { runSunlight } from '../../../../main/analysis/sunlight/run-sunlight.js';
import { sunlightReport } from '../../../../main/analysis/sunlight/report.js';
import { lonLatRing, planWorkspace, rect } from '../plan-fixture.js';

const fields = [
  { name: 'bldg_id', type: 'TEXT' as const },
  { name: 'height_m', type: 'REAL' as const },
  { name: 'floors', type: 'INTEGER' as const },
];

function workspace() {
  return planWorkspace([
    {
      name: 'buildings',
      fields,
      features: [
        { rings: [rect(0, 0, 40, 12)], values: ['H', 18, 6] },
        { rings: [rect(-20, -40, 60, -28)], values: ['S', 24, 8] },
      ],
    },
    { name: 'scheme', fields, features: [{ rings: [rect(5, -25, 35, -15)], values: ['T', 80, 26] }] },
  ]);
}

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date('2026-12-07T00:00:00Z') };

describe('the sunlight job', () => {
  it('samples the chosen facades, writes the points layer and lists the failing ones', async () => {
    const { file, db } = workspace();
    const params = SunlightParams.parse({
      buildings: 'buildings',
      facades: 'buildings',
      facadeIds: ['H'],
      spacing: 10,
      date: '2025-01-20',
      window: 'dahan',
      workers: 0,
    });
    const s = await runSunlight(db, params, control);
    db.close();
    // South facade 40 m → 4 points, east and west 12 m → 1 each; 6 storeys each.
    expect(s.count).toBe(36);
    expect(s.sampleMode).toBe('facades');
    expect(s.requirement).toMatchObject({ day: 'dahan', hours: 2, requiredMinutes: 120 });
    expect(s.window.startTrueSolar).toBe('08:00:00');
    expect(s.calculationDay).toBe('dahan');
    expect(s.rules.applied).toEqual([]);
    // The slab shades the lower south windows; the top floor sees over it.
    const south1 = s.points.filter((p) => p.id.startsWith('H-1F-1-'));
    const south6 = s.points.filter((p) => p.id.startsWith('H-6F-1-'));
    expect(south1.every((p) => !p.meets)).toBe(true);
    expect(south6.every((p) => p.meets)).toBe(true);
    expect(s.failing).toEqual(s.points.filter((p) => !p.meets).map((p) => p.id));
    const info = execFileSync('ogrinfo', ['-so', '-ro', file, s.resultLayer], { encoding: 'utf8' });
    expect(info).toMatch(/Feature Count: 36/);
    expect(info).toMatch(/sunlit_min: Integer/);
  });

  it('before and after a scheme: the homes it pushes below the requirement, and its shadow envelope', async () => {
    const { db } = workspace();
    const params = SunlightParams.parse({
      buildings: 'buildings',
      facades: 'buildings',
      facadeIds: ['H'],
      spacing: 10,
      date: '2025-01-20',
      scheme: 'scheme',
      workers: 0,
    });
    const s = await runSunlight(db, params, control);
    const newly = s.scheme?.newlyFailing ?? [];
    expect(newly.length).toBeGreaterThan(0);
    for (const id of newly) {
      const p = s.points.find((q) => q.id === id);
      expect(p?.beforeMinutes).toBeGreaterThanOrEqual(120);
      expect(p?.sunlitMinutes).toBeLessThan(120);
    }
    expect(s.envelopeLayer).toBe(`${s.resultLayer}_shadow_1`);
    expect(s.envelopeAreaM2).toBeGreaterThan(600);
    const change = db.prepare(`SELECT change, count(*) AS n FROM "${s.resultLayer}" GROUP BY change`).all();
    expect(change).toContainEqual({ change: 'newly_failing', n: newly.length });

    // The report: the scheme-review title, the conventions, the newly failing homes, a map.
    const doc = await sunlightReport(db, s.resultLayer, { lang: 'zh-CN', now: new Date('2026-12-07T08:00:00Z') });
    expect(doc.cover.title).toBe('建设方案日照影响分析报告');
    const facts = doc.sections.find((x) => x.kind === 'facts');
    expect(facts?.kind === 'facts' && facts.rows.map((r) => r[0])).toContain('有效日照时间带（真太阳时）');
    const table = doc.sections.find((x) => x.kind === 'table' && x.caption === '因方案降至标准以下的住宅计算点');
    expect(table?.kind === 'table' && table.rows.length).toBe(newly.length);
    const map = doc.sections.find((x) => x.kind === 'map');
    expect(map?.kind === 'map' && map.layers?.map((l) => l.kind)).toEqual([
      'polygon',
      'polygon',
      'polygon',
      'point',
      'point',
    ]);
    const en = await sunlightReport(db, s.resultLayer, { lang: 'en', now: new Date() });
    expect(en.cover.title).toBe('Sunlight impact of a proposed scheme');
    db.close();
  });

  it('points from a file and a ground grid; one source only', async () => {
    const { db } = workspace();
    const [lon, lat] = lonLatRing([[20, -5]])[0] ?? [0, 0];
    const pts = await runSunlight(
      db,
      SunlightParams.parse({
        buildings: 'buildings',
        points: [{ id: 'p1', lon, lat, zM: 0.9, facingDeg: 180 }],
        date: '2025-03-01',
        workers: 0,
      }),
      control,
    );
    expect(pts.points.map((p) => p.id)).toEqual(['p1']);
    expect(pts.notes.map((n) => n.code)).toContain('not_calculation_day');
    const area = lonLatRing(rect(-20, 15, 60, 55));
    const grid = await runSunlight(
      db,
      SunlightParams.parse({
        buildings: 'buildings',
        groundGrid: 10,
        areaPolygon: [area],
        date: '2025-01-20',
        workers: 0,
      }),
      control,
    );
    expect(grid.count).toBe(32);
    let err: unknown = null;
    try {
      await runSunlight(
        db,
        SunlightParams.parse({ buildings: 'buildings', groundGrid: 10, facades: 'buildings', date: '2025-01-20' }),
        control,
      );
    } catch (e) {
      err = e;
    }
    expect(err instanceof CimError && err.code).toBe('sunlight.one_sample_source');
    db.close();
  });
});
