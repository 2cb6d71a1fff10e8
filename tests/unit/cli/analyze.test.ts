import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../../../main/import/run-import.js';
import { openWorkspaceDb } from '../../../main/store/connection.js';
import { handCase, planWorkspace } from '../analysis/plan-fixture.js';
import { FIXTURES, ROOT, tempDir } from '../helpers.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function handWorkspace(): string {
  const { file, db } = planWorkspace(handCase());
  db.close();
  return file;
}

describe('cim analyze multiplan', () => {
  it('prints one JSON summary with resultLayer and count, progress on stderr, and writes the report', () => {
    const ws = handWorkspace();
    const pdf = path.join(tempDir(), 'r.pdf');
    const r = cim([
      'analyze',
      'multiplan',
      '--workspace',
      ws,
      '--layers',
      'plan_master,plan_regulatory,control_lines',
      '--report',
      pdf,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      resultLayer: string;
      count: number;
      conflicts: { count: number };
      report: string;
    };
    expect(s).toMatchObject({ resultLayer: 'conflicts_1', count: 4, conflicts: { count: 4 }, report: pdf });
    expect(r.stderr).toMatch(/100% jobs\.multiplan\.done/);
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
  });

  it('takes rules from CSV for one run, and class fields by name', () => {
    const ws = handWorkspace();
    const csv = path.join(tempDir(), 'r.csv');
    fs.writeFileSync(
      csv,
      'id,kind,class_a,class_b,severity,reason_zh,reason_en\nX1,overlap,01*,生态保护红线,high,耕地在红线内,cropland in the red line\n',
    );
    const r = cim([
      'analyze',
      'multiplan',
      '--workspace',
      ws,
      '--layers',
      'plan_master,control_lines',
      '--rules',
      csv,
      '--class-fields',
      'plan_master:dlbm',
      '--name',
      'x',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as {
      count: number;
      rules: { source: string };
      byRule: { ruleId: string; areaM2: number }[];
    };
    expect(s.rules.source).toBe('r.csv');
    expect(s.count).toBe(1);
    expect(s.byRule[0]?.areaM2).toBeCloseTo(3000, 4); // 旱地 0..100 x 0..100 with the red line 0..60 x 0..50
  });

  it('exits 2 on bad arguments and 1 with one line on a user error', () => {
    const ws = handWorkspace();
    expect(cim(['analyze', 'multiplan', '--workspace', ws]).code).toBe(2);
    expect(cim(['analyze', 'nothing']).code).toBe(2);
    expect(cim(['analyze', 'multiplan', '--workspace', ws, '--layers', 'plan_master', '--workers', '0']).code).toBe(2);
    const r = cim(['analyze', 'multiplan', '--workspace', ws, '--layers', 'plan_master,missing']);
    expect(r.code).toBe(1);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => !/^\s*\d+% /.test(l));
    expect(lines).toEqual(['cim: Layer missing not found']);
  });
});

describe('cim rules and cim analyze parcel-check', () => {
  it('exports, refuses a bad CSV naming the row, and imports the table', () => {
    const ws = handWorkspace();
    const out = path.join(tempDir(), 'rules.csv');
    expect(cim(['rules', '--workspace', ws, '--export', out]).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\r\n')[1]).toBe(
      'R01,overlap,group:construction,生态保护红线,high,建设用地占用生态保护红线,Construction land inside the ecological red line',
    );
    const bad = path.join(tempDir(), 'bad.csv');
    fs.writeFileSync(bad, text.replace('R02,overlap', 'R02,adjacent'));
    const refused = cim(['rules', '--workspace', ws, '--import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('bad.csv row 3: kind adjacent must be overlap, outside or mismatch');
    const mine = path.join(tempDir(), 'mine.csv');
    fs.writeFileSync(mine, 'id,kind,class_a,class_b,severity,reason_zh,reason_en\nM1,mismatch,*,*,low,不一致,differ\n');
    const r = cim(['rules', '--workspace', ws, '--import', mine, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ count: 1, rules: [{ id: 'M1', kind: 'mismatch' }] });
  });

  it('checks parcels with a JSON summary', async () => {
    const ws = path.join(tempDir(), 'pc.gpkg');
    const db = openWorkspaceDb(ws, { create: true });
    const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };
    for (const [file, name] of [
      ['parcels', 'plan_regulatory'],
      ['buildings', 'buildings_2024'],
    ] as const) {
      const p = path.join(FIXTURES, 'parcel-check', `${file}.geojson`);
      await runImport(db, { file: { path: p, fileName: path.basename(p) }, name }, control);
    }
    db.close();
    const r = cim([
      'analyze',
      'parcel-check',
      '--workspace',
      ws,
      '--parcels',
      'plan_regulatory',
      '--buildings',
      'buildings_2024',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ resultLayer: 'parcel_check_1', count: 3, violating: 2 });
  });
});
