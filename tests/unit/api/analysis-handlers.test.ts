import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/api/backend.js';
import type { ConflictRow, ConflictRule, JobInfo, MultiplanSummary } from '../../../common/contract/index.js';
import { createBackend } from '../../../main/api/create-backend.js';
import { DEFAULT_RULES } from '../../../layers/plan-rules.js';
import { handCase, planWorkspace } from '../analysis/plan-fixture.js';
import { tempDir } from '../helpers.js';

let backend: Backend;

beforeAll(async () => {
  const { file, db } = planWorkspace(handCase());
  db.close();
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

async function finished(jobId: string): Promise<JobInfo> {
  for (;;) {
    const job = await call<JobInfo>('jobs.get', { jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('multi-plan review over the API', () => {
  it('edits the rules table: list, import CSV (refusing a bad row), save, reset', async () => {
    expect(await call<ConflictRule[]>('rules.list', {})).toEqual(DEFAULT_RULES);
    const { csv } = await call<{ csv: string }>('rules.exportCsv', {});
    const bad = Buffer.from(csv.replace('R03,outside', 'R03,beside')).toString('base64');
    const refused = await backend.dispatch('rules.importCsv', { fileName: 'r.csv', base64: bad });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'rules.bad_kind', facts: { file: 'r.csv', row: 4, value: 'beside' } },
    });
    const saved = await call<ConflictRule[]>('rules.save', { rules: DEFAULT_RULES.slice(0, 2) });
    expect(saved.map((r) => r.id)).toEqual(['R01', 'R02']);
    const imported = await call<ConflictRule[]>('rules.importCsv', {
      fileName: 'r.csv',
      base64: Buffer.from(csv).toString('base64'),
    });
    expect(imported).toEqual(DEFAULT_RULES);
    expect(await call<ConflictRule[]>('rules.reset', {})).toEqual(DEFAULT_RULES);
  });

  it('runs the review as a job, then serves its summary, its conflicts by area and its PDF', async () => {
    const { jobId } = await call<{ jobId: string }>('analysis.start', {
      kind: 'multiplan',
      params: { layers: ['plan_master', 'plan_regulatory', 'control_lines'] },
    });
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'done', kind: 'analysis', result: { resultLayer: 'conflicts_1', count: 4 } });
    const run = await call<{ kind: string; summary: MultiplanSummary }>('analysis.summary', { layer: 'conflicts_1' });
    expect(run.kind).toBe('multiplan');
    expect(run.summary.conflicts.count).toBe(4);
    expect(await call<{ resultLayer: string }[]>('analysis.runs', { kind: 'multiplan' })).toMatchObject([
      { resultLayer: 'conflicts_1', kind: 'multiplan' },
    ]);
    expect(await call<unknown[]>('analysis.runs', { kind: 'parcel-check' })).toEqual([]);
    const page = await call<{ total: number; rows: ConflictRow[] }>('multiplan.conflicts', {
      layer: 'conflicts_1',
      sort: 'severity',
    });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.ruleId)).toEqual(['R01', 'R03', 'R04', 'R08']);
    const first = page.rows[0];
    expect(first?.bbox?.[0]).toBeGreaterThan(112);
    expect(first?.properties.dkbm).toBe('DK-01');
    const pdf = await backend.exportToTemp('conflicts_1', 'pdf');
    expect(pdf.ok && fs.readFileSync(pdf.result.path).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await backend.exportToTemp('conflicts_1', 'csv');
    const text = csv.ok ? fs.readFileSync(csv.result.path, 'utf8') : '';
    expect(text.split('\r\n')).toHaveLength(4 + 2);
    expect(text.startsWith('\uFEFFWKT,rule_id,rule_kind,severity')).toBe(true);
    expect(path.extname(csv.ok ? csv.result.fileName : '')).toBe('.csv');
    const notARun = await backend.dispatch('analysis.summary', { layer: 'plan_master' });
    expect(notARun).toMatchObject({ ok: false, error: { code: 'analysis.no_run' } });
    const badParams = await backend.dispatch('analysis.start', { kind: 'multiplan', params: { layers: ['one'] } });
    expect(badParams).toMatchObject({ ok: false, error: { code: 'api.bad_input', kind: 'args' } });
    const unknown = await backend.dispatch('analysis.start', { kind: 'nothing', params: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'analysis.unknown_kind', facts: { kind: 'nothing' } } });
  });
});
