import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CimError } from '../../../common/errors.js';
import {
  mergePackage,
  pendingConflicts,
  readPackage,
  resolveConflict,
  writePackage,
} from '../../../main/cases/package.js';
import { addNote, addPhoto, advanceCase, caseDetail, getCase } from '../../../main/cases/store.js';
import { openWorkspaceDb, type Db } from '../../../main/store/connection.js';
import { snapshot, tempDir } from '../helpers.js';
import { fiveCaseWorkspace } from './fixture.js';

const NOW = Date.UTC(2024, 11, 4, 2);
const H = 3_600_000;

function refusal(fn: () => unknown): CimError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CimError) return err;
    throw err;
  }
  throw new Error('not refused');
}

function exportAll(db: Db): string {
  const out = path.join(tempDir('cim-pkg-'), 'p.gpkg');
  writePackage(db, out, {}, 'w.gpkg', NOW);
  return out;
}

describe('case packages: export, edit offline, three-way merge', () => {
  it('exports a subset GDAL reads, carrying each case base version', () => {
    const { db } = fiveCaseWorkspace();
    const out = path.join(tempDir('cim-pkg-'), 'east.gpkg');
    expect(writePackage(db, out, { street: '东关街道' }, 'w.gpkg', NOW)).toBe(3);
    const info = execFileSync('ogrinfo', ['-ro', '-so', out, 'cases'], { encoding: 'utf8' });
    expect(info).toContain('Feature Count: 3');
    const base = execFileSync('ogrinfo', ['-ro', '-q', out, '-sql', 'SELECT count(*) AS n FROM cim_case_history'], {
      encoding: 'utf8',
    });
    expect(base).toMatch(/n \(Integer\) = 12/); // 6 + 1 + 5 history entries of the three cases
    const p = readPackage(out);
    expect([...p.base.values()].map((b) => b.version)).toEqual([1, 1, 1]);
    expect(
      writePackage(db, path.join(tempDir(), 'box.gpkg'), { bbox: [112.549, 32.999, 112.553, 33.005] }, 'w', NOW),
    ).toBe(2);
    db.close();
  });

  it('merges independent edits, lists same-field and delete/edit conflicts, replays as a no-op, resolves', () => {
    const { file, db } = fiveCaseWorkspace();
    const out = exportAll(db);
    // the inspector, offline, in the package
    const pkg = openWorkspaceDb(out);
    pkg.transaction(() => {
      advanceCase(pkg, { caseId: 'NY202412030002', to: '立案', by: '受理员1' }, NOW);
      advanceCase(pkg, { caseId: 'NY202412030001', to: '派遣', by: '派遣员1', assignee: '环卫一队' }, NOW);
      pkg.prepare("DELETE FROM cases WHERE case_id = 'NY202412010001'").run();
    })();
    pkg.close();
    // meanwhile at the centre
    db.transaction(() => {
      advanceCase(db, { caseId: 'NY202411280001', to: '结案', by: '值班长1' }, NOW + H);
      advanceCase(db, { caseId: 'NY202412030001', to: '派遣', by: '派遣员2', assignee: '环卫二队' }, NOW);
      addNote(db, 'NY202412010001', '值班长1', '回访满意', NOW);
    })();
    const s = db.transaction(() => mergePackage(db, readPackage(out), 'p.gpkg', NOW + 2 * H))();
    // NY202412030002's 立案 came in; NY202412030001's offline 派遣 joins its history (its
    // assignee waits as a conflict)
    expect(s.applied).toBe(2);
    expect(s.added).toBe(0);
    expect(s.unchanged).toBe(2); // NY202412020001 untouched; NY202411280001 changed here only
    expect(s.conflicts).toEqual([
      {
        case: 'NY202412010001',
        uuid: expect.any(String),
        field: '_deleted',
        base: 'kept',
        ours: 'kept',
        theirs: 'deleted',
      },
      {
        case: 'NY202412030001',
        uuid: expect.any(String),
        field: 'assignee',
        base: null,
        ours: '环卫二队',
        theirs: '环卫一队',
      },
    ]);
    expect(getCase(db, 'NY202412030002')).toMatchObject({ status: '立案' });
    expect(caseDetail(db, 'NY202412030002').history.map((h) => h.action)).toEqual(['上报', '立案']);
    expect(caseDetail(db, 'NY202412030001').history.map((h) => `${h.action} ${h.actor}`)).toEqual([
      '上报 监督员003',
      '立案 受理员1',
      '派遣 派遣员2',
      '派遣 派遣员1',
    ]);
    expect(getCase(db, 'NY202411280001')).toMatchObject({ status: '结案' });
    expect(getCase(db, 'NY202412030001')).toMatchObject({ assignee: '环卫二队' });
    expect(getCase(db, 'NY202412010001')).toMatchObject({ status: '结案' });
    expect(pendingConflicts(db)).toHaveLength(2);
    db.close();
    // the same package again changes nothing
    const before = snapshot(file);
    const again = openWorkspaceDb(file);
    const s2 = again.transaction(() => mergePackage(again, readPackage(out), 'p.gpkg', NOW + 3 * H))();
    expect(s2.applied).toBe(0);
    expect(s2.conflicts).toHaveLength(2);
    again.close();
    expect(snapshot(file)).toEqual(before);
    // a person decides
    const w = openWorkspaceDb(file);
    const r = w.transaction(() => resolveConflict(w, 'NY202412030001', 'assignee', 'theirs', '值班长1', NOW + 4 * H))();
    expect(r.remaining).toBe(1);
    expect(getCase(w, 'NY202412030001')).toMatchObject({ assignee: '环卫一队' });
    w.transaction(() => resolveConflict(w, 'NY202412010001', '_deleted', 'ours', '值班长1', NOW + 4 * H))();
    expect(getCase(w, 'NY202412010001').status).toBe('结案');
    expect(pendingConflicts(w)).toEqual([]);
    // decided conflicts are not asked again on a replay
    const s3 = w.transaction(() => mergePackage(w, readPackage(out), 'p.gpkg', NOW + 5 * H))();
    expect(s3.conflicts).toEqual([]);
    expect(refusal(() => resolveConflict(w, 'NY202412030001', 'assignee', 'ours', '值班长1', NOW)).code).toBe(
      'cases.no_conflict',
    );
    w.close();
  });

  it('adds cases made offline and their photos', () => {
    const { db } = fiveCaseWorkspace();
    const out = exportAll(db);
    const pkg = openWorkspaceDb(out);
    pkg.transaction(() => {
      pkg
        .prepare(
          `INSERT INTO cases (geom, case_id, type, dl_code, dl_name, xl_code, xl_name, reported_at, status, uuid, version, street)
         SELECT geom, 'NY202412040009', type, dl_code, dl_name, xl_code, xl_name, '2024-12-04T09:00:00+08:00', '上报',
                '0b0e0c0a-0000-4000-8000-000000000001', 1, street FROM cases WHERE case_id = 'NY202412030002'`,
        )
        .run();
      addPhoto(
        pkg,
        'NY202412020001',
        { data: Buffer.from('ffd8ffe0', 'hex'), contentType: 'image/jpeg', by: '监督员004' },
        NOW,
      );
    })();
    pkg.close();
    const s = db.transaction(() => mergePackage(db, readPackage(out), 'p.gpkg', NOW))();
    expect(s).toMatchObject({ added: 1, applied: 1, unchanged: 4, conflicts: [] });
    expect(caseDetail(db, 'NY202412020001').photos).toHaveLength(1);
    expect(getCase(db, 'NY202412040009')).toMatchObject({ status: '上报', street: '东关街道' });
    db.close();
  });

  it('refuses a package of another schema version, a truncated one, or a plain workspace, changing nothing', () => {
    const { file, db } = fiveCaseWorkspace();
    const out = exportAll(db);
    db.close();
    const before = snapshot(file);
    const w = openWorkspaceDb(file);
    const other = path.join(tempDir(), 'old.gpkg');
    fs.copyFileSync(out, other);
    const o = openWorkspaceDb(other);
    o.prepare("UPDATE cim_meta SET value = '3' WHERE key = 'schema_version'").run();
    o.close();
    expect(refusal(() => readPackage(other))).toMatchObject({ code: 'cases.package_schema', facts: { package: 3 } });
    const cut = path.join(tempDir(), 'cut.gpkg');
    const bytes = fs.readFileSync(out);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(refusal(() => readPackage(cut)).code).toBe('cases.bad_package');
    expect(refusal(() => readPackage(file)).code).toBe('cases.not_a_package');
    w.close();
    expect(snapshot(file)).toEqual(before);
  });
});
