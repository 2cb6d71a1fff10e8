import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snapshot, tempDir } from '../helpers.js';
import { FIVE, writeV4Workspace } from './fixture.js';

function cim(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cim.mjs'), 'cases', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIM_LANG: 'en' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.trim() };
}
const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, unknown>;

describe('cim cases', () => {
  // each run starts the command line afresh (a few seconds from the sources)
  it('stats, query, advance, export, edit the package, merge, resolve', { timeout: 180_000 }, () => {
    const dir = tempDir('cim-cases-cli-');
    const ws = path.join(dir, 'w.gpkg');
    writeV4Workspace(ws, FIVE);
    const stats = json(cim(['stats', '--workspace', ws, '--json']));
    expect(stats).toMatchObject({ total: 5, byStatus: { 结案: 1 }, byCategory: { 部件01: 3 }, closureRate: 0.25 });
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(['byMonth', 'onTimeRate', 'overdue']));
    const q = json(cim(['query', '--workspace', ws, '--category', '部件01', '--status', '上报,核查', '--json']));
    expect(q).toEqual({ count: 2, ids: ['NY202411280001', 'NY202412030002'] });
    const box = json(cim(['query', '--workspace', ws, '--bbox', '112.555,33.005,112.58,33.03', '--json']));
    expect(box.count).toBe(3);
    // an illegal step: one line, exit 1, nothing changed
    const before = snapshot(ws);
    const no = cim(['advance', 'NY202412030002', '--to', '派遣', '--workspace', ws]);
    expect(no.code).toBe(1);
    expect(no.stderr).toBe('cim: Case NY202412030002 is at 上报: 派遣 is not a step from there');
    expect(snapshot(ws)).toEqual(before);
    expect(cim(['advance', 'NY202412030002', '--to', 'fly', '--workspace', ws]).code).toBe(2);
    const adv = json(
      cim([
        'advance',
        'NY202412030001',
        '--to',
        '派遣',
        '--workspace',
        ws,
        '--note',
        '尽快清运',
        '--by',
        '派遣员3',
        '--json',
      ]),
    );
    expect(adv.case).toMatchObject({ status: '派遣', assignee: '城市管理局环卫处', version: 2 });
    // hand-over: export the 新华街道 cases, the inspector works them offline, merge back
    const pkg = path.join(dir, 'xinhua.gpkg');
    expect(json(cim(['export', '--workspace', ws, '--out', pkg, '--street', '新华街道', '--json']))).toMatchObject({
      count: 2,
    });
    expect(execFileSync('ogrinfo', ['-ro', '-so', pkg, 'cases'], { encoding: 'utf8' })).toContain('Feature Count: 2');
    expect(
      cim([
        'advance',
        'NY202412030001',
        '--to',
        '处置',
        '--workspace',
        pkg,
        '--by',
        '城市管理局环卫处',
        '--note',
        '已清运',
      ]).code,
    ).toBe(0);
    const m = json(cim(['merge', pkg, '--workspace', ws, '--json']));
    expect(m).toMatchObject({ applied: 1, unchanged: 1, conflicts: [] });
    expect(json(cim(['merge', pkg, '--workspace', ws, '--json']))).toMatchObject({ applied: 0, unchanged: 2 });
    const after = json(cim(['query', '--workspace', ws, '--status', '处置', '--json']));
    expect(after.ids).toEqual(['NY202412030001']);
    const r = cim(['resolve', 'NY202412030001', '--field', 'assignee', '--take', 'ours', '--workspace', ws]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('cim: No pending merge conflict on assignee of case NY202412030001');
  });

  it('imports cases from a CSV with a field mapping, refusing swapped coordinates', { timeout: 90_000 }, () => {
    const dir = tempDir('cim-cases-csv-');
    const ws = path.join(dir, 'w.gpkg');
    writeV4Workspace(ws, FIVE);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '编号,经度,纬度,类型,小类\nA1,112.55,33.0,部件,0101\nA2,33.01,112.56,事件,0505\n');
    expect(cim(['conflicts', '--workspace', ws, '--json']).stdout).toBe('{"count":0,"conflicts":[]}\n');
    const before = snapshot(ws);
    const e = cim(['import', bad, '--workspace', ws, '--map', 'case_id=编号,xl_code=小类']);
    expect(e.code).toBe(1);
    expect(e.stderr).toBe(
      'cim: bad.csv row 3: 33.01, 112.56 is not a longitude and latitude (longitude and latitude look swapped)',
    );
    expect(snapshot(ws)).toEqual(before);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, '编号,经度,纬度,类型,小类,上报时间\nA1,112.55,33.0,部件,0101,2024-12-05T08:00:00+08:00\n');
    const args = ['import', good, '--workspace', ws, '--map', 'case_id=编号,xl_code=小类', '--json'];
    expect(json(cim(args))).toEqual({ imported: 1, skipped: 0, count: 1 });
    expect(json(cim(args))).toEqual({ imported: 0, skipped: 1, count: 1 });
    expect(json(cim(['query', '--workspace', ws, '--text', 'A1', '--json']))).toEqual({ count: 1, ids: ['A1'] });
  });
});
