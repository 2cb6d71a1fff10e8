import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import { createBackend } from '../../../main/api/create-backend.js';
import type { CasePoints, CaseRow, CaseStats, MergeSummary } from '../../../common/contract/index.js';
import { tempDir } from '../helpers.js';
import { FIVE, writeV4Workspace } from './fixture.js';

let backend: Backend;
let dir: string;

beforeAll(async () => {
  dir = tempDir('cim-cases-api-');
  const file = path.join(dir, 'w.gpkg');
  writeV4Workspace(file, FIVE);
  backend = await createBackend({
    workspacePath: file,
    host: 'browser',
    tempDir: tempDir(),
    logError: () => undefined,
  });
});

afterAll(() => backend.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const reply = await backend.dispatch(method, input);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.result as T;
}

describe('the case desk over the API', () => {
  it('queries with a filter, sorted and paged', async () => {
    const all = await call<{ count: number; rows: CaseRow[] }>('cases.query', {
      sort: 'caseId',
      desc: false,
      limit: 2,
    });
    expect(all.count).toBe(5);
    expect(all.rows.map((r) => r.caseId)).toEqual(['NY202411280001', 'NY202412010001']);
    const east = await call<{ count: number; rows: CaseRow[] }>('cases.query', {
      street: '东关街道',
      status: ['上报', '核查'],
    });
    expect(east.rows.map((r) => r.caseId)).toEqual(['NY202412030002', 'NY202411280001']);
    const text = await call<{ count: number }>('cases.query', { text: '乱停' });
    expect(text.count).toBe(1);
    expect(await backend.dispatch('cases.query', { limit: -1 })).toMatchObject({ ok: false });
  });

  it('gives the globe every case of a filter as columns, in report order', async () => {
    const p = await call<CasePoints>('cases.points', {});
    expect(p.count).toBe(5);
    expect(p.caseId).toEqual([
      'NY202411280001',
      'NY202412010001',
      'NY202412020001',
      'NY202412030001',
      'NY202412030002',
    ]);
    expect(p.lon).toEqual([112.552, 112.55, 112.56, 112.57, 112.575]);
    expect(p.lat).toEqual([33.004, 33.0, 33.01, 33.02, 33.025]);
    expect(p.t[0]).toBe(Date.parse('2024-11-28T01:00:00Z'));
    expect(p.kind).toEqual(['部件', '部件', '事件', '事件', '部件']);
    expect(p.major).toEqual(['01', '01', '05', '01', '01']);
    expect(p.status).toEqual(['核查', '结案', '派遣', '立案', '上报']);
    // flagged overdue, and a dispatched case past its deadline
    expect(p.overdue).toEqual([1, 0, 1, 0, 0]);
    expect(p.heightM).toEqual([null, null, null, null, null]);
    const some = await call<CasePoints>('cases.points', { kind: '事件', bbox: [112.555, 33.005, 112.6, 33.05] });
    expect(some.caseId).toEqual(['NY202412020001', 'NY202412030001']);
    expect(await backend.dispatch('cases.points', { limit: 3 })).toMatchObject({ ok: false });
  });

  it('advances a case, refuses an illegal step with its reason, and keeps notes', async () => {
    const refused = await backend.dispatch('cases.advance', { caseId: 'NY202412030002', to: '结案', by: '值班长1' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'cases.illegal_transition', facts: { case: 'NY202412030002', from: '上报', action: '结案' } },
    });
    const d = await call<{ case: CaseRow; history: { action: string; note: string | null }[] }>('cases.advance', {
      caseId: 'NY202412030002',
      to: '立案',
      by: '受理员1',
      note: '属实',
      version: 1,
    });
    expect(d.case).toMatchObject({ status: '立案', version: 2 });
    expect(d.history.at(-1)).toMatchObject({ action: '立案', note: '属实' });
    const stale = await backend.dispatch('cases.advance', {
      caseId: 'NY202412030002',
      to: '派遣',
      by: '派遣员1',
      version: 1,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'cases.stale' } });
    const n = await call<{ history: { action: string }[] }>('cases.note', {
      caseId: 'NY202412030002',
      by: '值班长1',
      note: '加急',
    });
    expect(n.history.at(-1)?.action).toBe('备注');
  });

  it('answers statistics and round-trips a package', async () => {
    const s = await call<CaseStats>('cases.stats', {});
    expect(s).toMatchObject({ total: 5, registered: 5, target: 0.97 });
    const out = path.join(dir, 'p.gpkg');
    expect(await call('cases.exportPackage', { out, dept: '市政工程管理处' })).toEqual({ out, count: 3 });
    const m = await call<MergeSummary>('cases.mergePackage', { file: out });
    expect(m).toEqual({ applied: 0, added: 0, unchanged: 3, conflicts: [] });
    expect(await call('cases.conflicts', {})).toEqual([]);
  });
});
