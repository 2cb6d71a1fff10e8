/**
 * The change detection through a workspace: a small scene of buildings in two surveys,
 * permits and a farmland zone, written as layers near 南阳 (metres east/north of a point,
 * turned into lon/lat); the result layer read back with ogrinfo; bad input refused with its
 * message and nothing written; the review history and the case-desk seam.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeReport } from '../../../../main/analysis/change/report.js';
import { confirmedCaseInputs } from '../../../../main/analysis/change/case-inputs.js';
import { listReviews, recordReview } from '../../../../main/analysis/change/reviews.js';
import { runChange } from '../../../../main/analysis/change/run-change.js';
import { confirmSuspect } from '../../../../main/analysis/change/to-case.js';
import { createChangeHandlers } from '../../../../main/api/change-handlers.js';
import { caseDetail, readPhoto } from '../../../../main/cases/store.js';
import { addLayer } from '../../../../main/store/catalog.js';
import { openWorkspaceDb, type Db } from '../../../../main/store/connection.js';
import {
  createFeatureTable,
  featureWriter,
  finishFeatureTable,
  tableExists,
} from '../../../../main/store/feature-table.js';
import type { FieldDef } from '../../../../common/contract/index.js';
import { tempDir } from '../../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date('2026-12-07T10:00:00Z') };
const LON0 = 112.53;
const LAT0 = 33.0;
const M_LAT = 1 / 110_900;
const M_LON = 1 / (111_320 * Math.cos((LAT0 * Math.PI) / 180));

type Rect = [number, number, number, number];

function lonLatRect([x0, y0, x1, y1]: Rect): [number, number][][] {
  const p = (x: number, y: number): [number, number] => [LON0 + x * M_LON, LAT0 + y * M_LAT];
  return [[p(x0, y0), p(x1, y0), p(x1, y1), p(x0, y1), p(x0, y0)]];
}

function layer(
  db: Db,
  name: string,
  fields: FieldDef[],
  rows: [Rect, unknown[]][],
  sourceCrs: string | null = null,
): void {
  db.transaction(() => {
    const spec = { name, title: name, geometryType: 'POLYGON' as const, fields };
    createFeatureTable(db, spec);
    const w = featureWriter(db, spec);
    for (const [r, values] of rows) w.write({ type: 'Polygon', coordinates: lonLatRect(r) }, values);
    finishFeatureTable(db, name, w.extent());
    addLayer(db, { name, title: name, sourceCrs, sourceFile: null, createdAt: '2026-12-07T00:00:00Z' });
  })();
}

const BLDG: FieldDef[] = [
  { name: 'bldg_id', type: 'TEXT' },
  { name: '建筑高度', type: 'REAL' },
  { name: 'floors', type: 'INTEGER' },
];
const PERMIT: FieldDef[] = [
  { name: 'xkzh', type: 'TEXT' },
  { name: 'height_m', type: 'REAL' },
];

let file: string;
let db: Db;

beforeEach(() => {
  file = path.join(tempDir('cim-change-run-'), 'w.gpkg');
  db = openWorkspaceDb(file, { create: true });
  layer(db, 'b2022', BLDG, [
    [
      [0, 0, 10, 10],
      ['A', 9, 3],
    ], // raised legally (permit P1, 12 m)
    [
      [30, 0, 40, 10],
      ['B', 9, 3],
    ], // raised without a permit
    [
      [60, 0, 70, 10],
      ['C', 6, 2],
    ], // extended beyond its permit
    [
      [90, 0, 100, 10],
      ['D', 6, 2],
    ], // demolished
    [
      [120, 0, 130, 10],
      ['E', 6, 2],
    ], // unchanged
  ]);
  layer(db, 'b2024', BLDG, [
    [
      [0, 0, 10, 10],
      ['A', 12, 4],
    ],
    [
      [30, 0, 40, 10],
      ['B', 15.4, 5],
    ],
    [
      [60, 0, 74, 10],
      ['C', 6, 2],
    ],
    [
      [120, 0, 130, 10],
      ['E', 6, 2],
    ],
    [
      [200, 0, 220, 30],
      ['F', 5, 1],
    ], // new, permitted, but in the farmland
    [
      [300, 0, 310, 10],
      ['G', 9, 3],
    ], // new, inside its permit
  ]);
  layer(db, 'permits', PERMIT, [
    [
      [0, 0, 10, 10],
      ['P1', 12],
    ],
    [
      [60, 0, 72, 10],
      ['P2', 6],
    ], // 2 m of the 4 m extension
    [
      [200, 0, 220, 30],
      ['P3', 6],
    ],
    [
      [300, 0, 310, 10],
      ['P4', 9],
    ],
  ]);
  layer(
    db,
    'zones',
    [{ name: 'kzxlx', type: 'TEXT' }],
    [
      [[180, -20, 260, 60], ['永久基本农田']],
      [[400, -20, 460, 60], ['城镇开发边界']],
    ],
  );
});

const PARAMS = { before: 'b2022', after: 'b2024', permits: 'permits', zones: ['zones'] };

describe('runChange through a workspace', () => {
  it('writes the suspects with kind and score, as GDAL reads them', async () => {
    const s = await runChange(db, PARAMS, control);
    // B: no permit, +6.4 m; C: 14 − 12 = 2 m × 10 m = 20 m² outside P2; F: 600 m² in farmland
    expect(s.suspects.map((x) => [x.id, x.kind])).toEqual([
      ['F', 'in_protected_zone'],
      ['B', 'no_permit'],
      ['C', 'beyond_footprint'],
    ]);
    expect(s.byKind).toEqual({ in_protected_zone: 1, no_permit: 1, beyond_height: 0, beyond_footprint: 1 });
    expect(s.suspects[2]?.excessAreaM2).toBeCloseTo(20, 1);
    expect(s.suspects[2]?.permit).toBe('P2');
    expect(s.changes).toMatchObject({ unchanged: 1, raised: 2, extended: 1, demolished: 1, new: 2 });
    expect(s.fieldsUsed).toMatchObject({
      height: '建筑高度',
      floors: 'floors',
      permitHeight: 'height_m',
      buildingId: 'bldg_id',
    });
    expect(s.zones).toEqual([{ layer: 'zones', category: 'basic_farmland', count: 1 }]);
    db.close();
    const info = execFileSync('ogrinfo', ['-ro', '-al', '-q', file, s.resultLayer], { encoding: 'utf8' });
    expect(info).toMatch(/kind \(String\) = in_protected_zone/);
    expect(info).toMatch(/score \(Real\) = /);
    expect(info).toMatch(/bldg_id \(String\) = B/);
    expect((info.match(/OGRFeature/g) ?? []).length).toBe(3);
  });

  it('uses a permits layer without a height for the footprint only, and says so', async () => {
    layer(db, 'permits_nh', [{ name: 'xkzh', type: 'TEXT' }], [[[0, 0, 10, 10], ['P1']]]);
    const s = await runChange(db, { ...PARAMS, permits: 'permits_nh', zones: [] }, control);
    expect(s.notes).toContain('permits_footprint_only');
    expect(s.fieldsUsed.permitHeight).toBeNull();
    // A keeps its permitted footprint: no height to check it against
    expect(s.suspects.find((x) => x.id === 'A')).toBeUndefined();
    db.close();
  });

  it('notes epochs imported from different CRSs (both reprojected to the GK zone)', async () => {
    layer(
      db,
      'b2022_xian80',
      BLDG,
      [
        [
          [0, 0, 10, 10],
          ['A', 9, 3],
        ],
      ],
      'EPSG:2383',
    );
    const s = await runChange(db, { ...PARAMS, before: 'b2022_xian80' }, control);
    expect(s.notes).toContain('reprojected');
    expect(s.crs.before).toBe('EPSG:2383');
    const doc = await changeReport(db, s.resultLayer, { lang: 'en', now: new Date() });
    expect(JSON.stringify(doc.sections)).toMatch(
      /different coordinate systems \(EPSG:2383 \/ EPSG:4326 \/ EPSG:4326\)/,
    );
    db.close();
  });

  it('refuses the same layer twice, or a copy of it, and writes nothing', async () => {
    await expect(runChange(db, { ...PARAMS, before: 'b2024' }, control)).rejects.toMatchObject({
      code: 'change.same_layer',
    });
    layer(db, 'b2024_copy', BLDG, [
      [
        [0, 0, 10, 10],
        ['A', 12, 4],
      ],
      [
        [30, 0, 40, 10],
        ['B', 15.4, 5],
      ],
      [
        [60, 0, 74, 10],
        ['C', 6, 2],
      ],
      [
        [120, 0, 130, 10],
        ['E', 6, 2],
      ],
      [
        [200, 0, 220, 30],
        ['F', 5, 1],
      ],
      [
        [300, 0, 310, 10],
        ['G', 9, 3],
      ],
    ]);
    await expect(runChange(db, { ...PARAMS, before: 'b2024_copy' }, control)).rejects.toMatchObject({
      code: 'change.same_layer',
    });
    expect(tableExists(db, 'change_1')).toBe(false);
    db.close();
  });

  it('names the numeric fields when no height field is found', async () => {
    layer(
      db,
      'no_height',
      [
        { name: 'bldg_id', type: 'TEXT' },
        { name: 'storeys_x', type: 'INTEGER' },
      ],
      [
        [
          [0, 0, 10, 10],
          ['A', 3],
        ],
      ],
    );
    await expect(runChange(db, { ...PARAMS, before: 'no_height' }, control)).rejects.toMatchObject({
      code: 'change.no_height_field',
      facts: { layer: 'no_height', fields: 'storeys_x' },
    });
    expect(tableExists(db, 'change_1')).toBe(false);
    db.close();
  });
});

describe('review and the case-desk seam', () => {
  it('keeps every decision, needs a reason to dismiss, and hands confirmed suspects over', async () => {
    const s = await runChange(db, PARAMS, control);
    const [f, b, c] = s.suspects;
    const at = new Date('2026-12-07T11:00:00Z');
    recordReview(db, { layer: s.resultLayer, fid: f?.fid ?? 0, decision: 'confirmed', reason: '' }, at);
    expect(() =>
      recordReview(db, { layer: s.resultLayer, fid: b?.fid ?? 0, decision: 'dismissed', reason: '  ' }, at),
    ).toThrow(/change\.reason_required/);
    recordReview(db, { layer: s.resultLayer, fid: b?.fid ?? 0, decision: 'confirmed', reason: '' }, at);
    recordReview(db, { layer: s.resultLayer, fid: b?.fid ?? 0, decision: 'dismissed', reason: '已补办许可' }, at);
    recordReview(db, { layer: s.resultLayer, fid: c?.fid ?? 0, decision: 'confirmed', reason: '现场核实' }, at);
    expect(() => recordReview(db, { layer: s.resultLayer, fid: 999, decision: 'confirmed', reason: '' }, at)).toThrow(
      /change\.no_such_suspect/,
    );
    const history = listReviews(db, s.resultLayer);
    expect(history.map((h) => [h.fid, h.decision, h.reason])).toEqual([
      [f?.fid, 'confirmed', ''],
      [b?.fid, 'confirmed', ''],
      [b?.fid, 'dismissed', '已补办许可'],
      [c?.fid, 'confirmed', '现场核实'],
    ]);
    const cases = confirmedCaseInputs(db, s.resultLayer);
    expect(cases.map((x) => x.source.fid)).toEqual([f?.fid, c?.fid]);
    const caseC = cases[1];
    expect(caseC?.category).toEqual({ kind: '事件', code: '0101', name: '私搭乱建' });
    expect(caseC?.evidence).toMatchObject({
      kind: 'beyond_footprint',
      permit: 'P2',
      permitHeightM: 6,
      reviewNote: '现场核实',
    });
    expect(caseC?.evidence.after).toEqual({ bldg_id: 'C', 建筑高度: 6, floors: 2 });
    expect(caseC?.description).toMatch(/建筑 C 超出许可范围；超出面积 20\.\d m²/);
    expect(caseC?.lon).toBeCloseTo(LON0 + 67 * M_LON, 6);
    // the report lists each suspect with its latest decision
    const doc = await changeReport(db, s.resultLayer, { lang: 'en', now: at });
    const table = doc.sections.find((x) => x.kind === 'table');
    expect(table?.kind === 'table' ? table.rows.map((r) => [r[0], r[6]]) : []).toEqual([
      ['F', 'confirmed'],
      ['B', 'dismissed'],
      ['C', 'confirmed'],
    ]);
    db.close();
  });
});

describe('confirm → case (the hand-over to the case desk)', () => {
  // a tiny PNG's signature and IHDR: the desk stores the bytes as given
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const at = new Date('2026-12-07T11:00:00Z');
  let n = 0;
  const uuid = (): string => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

  it('files a case with the measures, both epochs, the permit and the screenshot; never twice', async () => {
    const s = await runChange(db, PARAMS, control);
    const [f, b, c] = s.suspects;
    const confirm = (fid: number, screenshot?: Uint8Array) =>
      db.transaction(() =>
        confirmSuspect(
          db,
          {
            layer: s.resultLayer,
            fid,
            reason: '',
            by: '巡查员1',
            screenshot: screenshot && { contentType: 'image/png', data: screenshot },
          },
          at,
          uuid,
        ),
      )();

    // C from the UI: extended 4 m east, 2 m of it (20 m²) beyond permit P2
    const rc = confirm(c?.fid ?? 0, PNG);
    expect(rc.created).toBe(true);
    expect(rc.review).toMatchObject({ decision: 'confirmed', caseId: rc.caseId });
    const dc = caseDetail(db, rc.caseId);
    expect(dc.case).toMatchObject({
      kind: '事件',
      categoryCode: '0101',
      categoryName: '私搭乱建',
      status: '上报',
      source: '违法建设识别',
    });
    // centre of C's 2024 footprint (60..74 m east, 0..10 m north)
    expect(dc.case.lon).toBeCloseTo(LON0 + 67 * M_LON, 6);
    expect(dc.case.lat).toBeCloseTo(LAT0 + 5 * M_LAT, 6);
    expect(dc.case.description).toMatch(/建筑 C 超出许可范围；超出面积 20\.\d m²，超出高度 0\.0 m；规划许可 P2/);
    expect(dc.history.map((h) => [h.action, h.actor])).toEqual([
      ['上报', '巡查员1'],
      ['证据', '巡查员1'],
      ['照片', '巡查员1'],
    ]);
    const evidenceC = dc.history[1]?.note ?? '';
    expect(evidenceC).toContain('疑点类型：超出许可范围（beyond_footprint）');
    expect(evidenceC).toMatch(/测量：超出面积 20\.\d m²，超出高度 0\.0 m，前期高度 6\.0 m/);
    expect(evidenceC).toContain('规划许可：P2（许可高度 6.0 m）');
    expect(evidenceC).toContain('前期（b2022）：bldg_id=C，建筑高度=6，floors=2');
    expect(evidenceC).toContain('后期（b2024）：bldg_id=C，建筑高度=6，floors=2');
    expect(dc.photos).toHaveLength(1);
    expect([...readPhoto(db, dc.photos[0]?.id ?? 0).data]).toEqual([...PNG]);

    // B from the CLI or the API: raised 9 → 15.4 m without a permit, no screenshot
    const rb = confirm(b?.fid ?? 0);
    const db2 = caseDetail(db, rb.caseId);
    expect(rb.caseId).not.toBe(rc.caseId);
    expect(db2.photos).toEqual([]);
    const evidenceB = db2.history[1]?.note ?? '';
    expect(evidenceB).toContain('规划许可：无');
    expect(evidenceB).toContain('测量：超出面积 0.0 m²，超出高度 6.4 m，前期高度 9.0 m');
    expect(evidenceB).toContain('前期（b2022）：bldg_id=B，建筑高度=9，floors=3');
    expect(evidenceB).toContain('后期（b2024）：bldg_id=B，建筑高度=15.4，floors=5');

    // F is new: no earlier building
    const rf = confirm(f?.fid ?? 0);
    expect(caseDetail(db, rf.caseId).history[1]?.note).toContain('前期（b2022）：无（新建）');
    expect(caseDetail(db, rf.caseId).history[1]?.note).toContain('禁建区：basic_farmland');

    // confirming B again points at its case: no duplicate
    const again = confirm(b?.fid ?? 0);
    expect(again).toMatchObject({ created: false, caseId: rb.caseId });
    const count = (): number =>
      (db.prepare("SELECT count(*) AS n FROM cases WHERE source = '违法建设识别'").get() as { n: number }).n;
    expect(count()).toBe(3);

    // a refused confirmation changes nothing
    expect(() => confirm(999)).toThrow(/change\.no_such_suspect/);
    expect(count()).toBe(3);

    // a dismissal files nothing and keeps its reason in the history
    recordReview(db, { layer: s.resultLayer, fid: f?.fid ?? 0, decision: 'dismissed', reason: '已补办许可' }, at);
    expect(count()).toBe(3);
    expect(listReviews(db, s.resultLayer).map((h) => [h.fid, h.decision, h.reason, h.caseId])).toEqual([
      [c?.fid, 'confirmed', '', rc.caseId],
      [b?.fid, 'confirmed', '', rb.caseId],
      [f?.fid, 'confirmed', '', rf.caseId],
      [b?.fid, 'confirmed', '', rb.caseId],
      [f?.fid, 'dismissed', '已补办许可', null],
    ]);
    db.close();
    // GDAL reads the new cases and their history
    const info = execFileSync(
      'ogrinfo',
      ['-ro', '-q', file, '-sql', "SELECT count(*) FROM cim_case_history WHERE action = '证据'"],
      {
        encoding: 'utf8',
      },
    );
    expect(info).toMatch(/= 3/);
  });

  it('the API call files the case with the UI screenshot in one write', async () => {
    const s = await runChange(db, PARAMS, control);
    const h = createChangeHandlers({
      db: () => db,
      write: (fn) => Promise.resolve(db.transaction(fn)()),
      now: () => at,
    });
    const entry = await h['change.review']({
      layer: s.resultLayer,
      fid: s.suspects[0]?.fid ?? 0,
      decision: 'confirmed',
      reason: '现场核实',
      by: '巡查员2',
      screenshot: { contentType: 'image/png', base64: Buffer.from(PNG).toString('base64') },
    });
    expect(entry.caseId).toMatch(/^NY20261207\d{4}$/);
    const d = caseDetail(db, entry.caseId ?? '');
    expect(d.photos.map((p) => p.contentType)).toEqual(['image/png']);
    expect(d.history[1]?.note).toContain('核查意见：现场核实');
    const dismissed = await h['change.review']({
      layer: s.resultLayer,
      fid: s.suspects[1]?.fid ?? 0,
      decision: 'dismissed',
      reason: '临时建筑，已拆除',
      by: '巡查员2',
    });
    expect(dismissed).toMatchObject({ decision: 'dismissed', reason: '临时建筑，已拆除', caseId: null });
    db.close();
  });
});
