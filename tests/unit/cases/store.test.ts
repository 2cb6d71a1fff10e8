import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { advanceCase, addNote, addPhoto, caseDetail, createCase, getCase } from '../../../main/cases/store.js';
import { uuidForCaseId } from '../../../main/cases/schema.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { CimError } from '../../../common/errors.js';
import { snapshot } from '../helpers.js';
import { fiveCaseWorkspace } from './fixture.js';

const NOW = Date.UTC(2024, 11, 4, 2); // 2024-12-04 10:00 北京时间

function refusal(fn: () => unknown): CimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CimError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('case model (migration 005)', () => {
  it('upgrades a version-4 case layer: uuid, version, assignee, history from case_events, photo relation', () => {
    const { file, db } = fiveCaseWorkspace();
    const d = caseDetail(db, 'NY202412020001');
    expect(d.case).toMatchObject({
      uuid: uuidForCaseId('NY202412020001'),
      version: 1,
      status: '派遣',
      assignee: '城市管理执法大队',
      lon: 112.56,
      lat: 33.01,
    });
    expect(d.history.map((h) => [h.action, h.from, h.to])).toEqual([
      ['上报', null, '上报'],
      ['立案', '上报', '立案'],
      ['派遣', '立案', '派遣'],
    ]);
    expect(caseDetail(db, 'NY202412030002').case.assignee).toBeNull();
    db.close();
    // GDAL still reads the layer, with the desk's columns, and the history table
    const info = execFileSync('ogrinfo', ['-ro', '-so', file, 'cases'], { encoding: 'utf8' });
    expect(info).toContain('Feature Count: 5');
    expect(info).toMatch(/uuid: String/);
    expect(info).toMatch(/version: Integer/);
    expect(info).toMatch(/height_m: Real/);
    const hist = execFileSync('ogrinfo', ['-ro', '-so', file, 'cim_case_history'], { encoding: 'utf8' });
    expect(hist).toContain('Feature Count: 17');
  });

  it('moves a case along the workflow with its history, one version per change', () => {
    const { db } = fiveCaseWorkspace();
    const a = db.transaction(() =>
      advanceCase(db, { caseId: 'NY202412030001', to: '派遣', by: '派遣员1', note: '请尽快' }, NOW),
    )();
    expect(a).toMatchObject({ status: '派遣', version: 2, assignee: '城市管理局环卫处' });
    // 事件 0102 暴露垃圾: 2 h from 派遣
    expect(a.deadline_at).toBe('2024-12-04T12:00:00+08:00');
    db.transaction(() =>
      advanceCase(
        db,
        { caseId: 'NY202412030001', to: '处置', by: '城市管理局环卫处', note: '已清运' },
        NOW + 3 * 3_600_000,
      ),
    )();
    const late = getCase(db, 'NY202412030001');
    expect(late.overdue).toBe(1);
    db.transaction(() =>
      advanceCase(db, { caseId: 'NY202412030001', to: '核查', by: '监督员009', result: 'pass' }, NOW + 4 * 3_600_000),
    )();
    const done = db.transaction(() =>
      advanceCase(db, { caseId: 'NY202412030001', to: '结案', by: '值班长1' }, NOW + 5 * 3_600_000),
    )();
    expect(done).toMatchObject({
      status: '结案',
      version: 5,
      closed_at: '2024-12-04T15:00:00+08:00',
      check_result: 'pass',
    });
    const h = caseDetail(db, 'NY202412030001').history;
    expect(h.slice(2).map((e) => [e.seq, e.action, e.from, e.to, e.actor, e.note])).toEqual([
      [3, '派遣', '立案', '派遣', '派遣员1', '请尽快'],
      [4, '处置', '派遣', '处置', '城市管理局环卫处', '已清运'],
      [5, '核查', '处置', '核查', '监督员009', '核查结果: 通过'],
      [6, '结案', '核查', '结案', '值班长1', null],
    ]);
    db.close();
  });

  it('refuses an illegal transition with the reason and changes nothing', () => {
    const { file, db } = fiveCaseWorkspace();
    db.close();
    const before = snapshot(file);
    const w = openWorkspaceDb(file);
    const e = refusal(() =>
      w.transaction(() => advanceCase(w, { caseId: 'NY202412030002', to: '结案', by: '值班长1' }, NOW))(),
    );
    expect(e.code).toBe('cases.illegal_transition');
    expect(e.facts).toEqual({ case: 'NY202412030002', from: '上报', action: '结案' });
    const r = refusal(() =>
      w.transaction(() => advanceCase(w, { caseId: 'NY202412020001', to: '处置', by: '值班长1', note: 'x' }, NOW))(),
    );
    expect(r.code).toBe('cases.role_refused');
    const m = refusal(() =>
      w.transaction(() => advanceCase(w, { caseId: 'NY202412020001', to: '处置', by: '城市管理执法大队' }, NOW))(),
    );
    expect(m.facts).toMatchObject({ input: 'note' });
    const s = refusal(() =>
      w.transaction(() =>
        advanceCase(w, { caseId: 'NY202412020001', to: '处置', by: '城市管理执法大队', note: 'x', version: 7 }, NOW),
      )(),
    );
    expect(s.code).toBe('cases.stale');
    expect(refusal(() => caseDetail(w, 'NY000')).code).toBe('cases.not_found');
    w.close();
    expect(snapshot(file)).toEqual(before);
    const again = openWorkspaceDb(file);
    expect(getCase(again, 'NY202412030002')).toMatchObject({ status: '上报', version: 1 });
    again.close();
  });

  it('creates a case at 上报 with its street from the workspace, takes notes and photos QGIS can relate', () => {
    const { file, db } = fiveCaseWorkspace();
    const c = db.transaction(() =>
      createCase(
        db,
        {
          lon: 112.5505,
          lat: 33.0004,
          heightM: 6.5,
          kind: '部件',
          categoryCode: '0118',
          description: '桥上路灯不亮',
          by: '监督员004',
        },
        NOW,
        '6f1c1c52-9a43-4c4e-8d8e-5f0b6f0c9a01',
      ),
    )();
    expect(c).toMatchObject({
      case_id: 'NY202412040001',
      status: '上报',
      street: '东关街道',
      height_m: 6.5,
      version: 1,
    });
    db.transaction(() => addNote(db, c.case_id, '监督员004', '夜间巡查发现', NOW))();
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    db.transaction(() => addPhoto(db, c.case_id, { data: png, contentType: 'image/png', by: '监督员004' }, NOW))();
    const d = caseDetail(db, c.case_id);
    expect(d.case.version).toBe(3);
    expect(d.history.map((h) => h.action)).toEqual(['上报', '备注', '照片']);
    expect(d.photos).toHaveLength(1);
    db.close();
    const rel = execFileSync('ogrinfo', ['-ro', '-so', file, 'case_photos'], { encoding: 'utf8' });
    expect(rel).toContain('Feature Count: 1');
    const sql = execFileSync(
      'ogrinfo',
      ['-ro', file, '-sql', 'SELECT relation_name, base_table_name, related_table_name FROM gpkgext_relations', '-q'],
      { encoding: 'utf8' },
    );
    expect(sql).toMatch(/relation_name \(String\) = media/);
    expect(sql).toMatch(/related_table_name \(String\) = case_photos/);
  });
});
