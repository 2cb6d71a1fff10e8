import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseStatsReport, monthlyRates, writeCaseStatsReport } from '../../../main/cases/report.js';
import { readCaseStats } from '../../../main/cases/stats.js';
import { ROOT, tempDir } from '../helpers.js';
import { FIVE, fiveCaseWorkspace, writeV4Workspace } from './fixture.js';

const AS_OF = Date.parse('2025-01-01T00:00:00+08:00');
const NOW = new Date('2026-12-01T08:00:00Z');

/** pdftotext's words, whitespace collapsed. */
function pdfText(pdf: string): string {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('case statistics PDF report', () => {
  it('lays out the hand-worked statistics of the five fixture cases on A4, in Chinese and English', async () => {
    const { db } = fiveCaseWorkspace();
    const s = readCaseStats(db, {}, AS_OF);
    // by month: 2024-11 holds NY202411280001 only (checked late, registered, not closed):
    // 0 / 1 and 0 / 1; 2024-12 the other four: 1 / 1 on time, 1 closed of 3 registered
    const monthly = monthlyRates(db, s, AS_OF);
    expect(monthly).toEqual([
      { month: '2024-11', onTimeRate: 0, closureRate: 0 },
      { month: '2024-12', onTimeRate: 1, closureRate: 1 / 3 },
    ]);
    db.close();
    const doc = caseStatsReport(s, { now: NOW, lang: 'zh-CN', workspace: 'w.gpkg', monthly });
    // the facts are the statistics' own: 1 / 2 checked on time, 1 / 4 registered closed
    const facts = doc.sections.find((x) => x.kind === 'facts');
    expect(facts?.kind === 'facts' && facts.rows).toEqual([
      ['案件数', '5'],
      ['按时核查率', '50.0 %  (1 / 2)'],
      ['结案率', '25.0 %  (1 / 4)'],
      ['当前超期', '1'],
      ['目标', '97.0 %'],
    ]);
    const rates = doc.sections.find((x) => x.kind === 'chart' && x.chart === 'line' && x.target !== undefined);
    expect(rates?.kind === 'chart' && rates.labels).toEqual(['2024-11', '2024-12']);
    expect(rates?.kind === 'chart' && rates.series.map((x) => x.values)).toEqual([
      [0, 100],
      [0, (1 / 3) * 100],
    ]);
    expect(rates?.kind === 'chart' && rates.target?.value).toBeCloseTo(97, 9);
    const byStatus = doc.sections.find((x) => x.kind === 'chart' && x.title === '按状态');
    expect(byStatus?.kind === 'chart' && byStatus.labels).toEqual(['上报', '立案', '派遣', '核查', '结案']);

    const dir = tempDir('cim-cases-report-');
    const pdf = path.join(dir, '统计.pdf');
    const out = await writeCaseStatsReport(s, pdf, { now: NOW, lang: 'zh-CN', workspace: 'w.gpkg', monthly });
    expect(out.pages).toBeGreaterThanOrEqual(3);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    expect(info).toMatch(new RegExp(`Pages:\\s+${String(out.pages)}\\n`));
    const text = pdfText(pdf);
    for (const expected of [
      '城市管理案件统计报告',
      '50.0 % (1 / 2)',
      '25.0 % (1 / 4)',
      '东关街道社区',
      '事件 05 街面秩序',
    ]) {
      expect(text).toContain(expected);
    }
    const en = path.join(dir, 'stats-en.pdf');
    await writeCaseStatsReport(s, en, { now: NOW, lang: 'en', workspace: 'w.gpkg', from: '2024-11', to: '2025-01' });
    const enText = pdfText(en);
    expect(enText).toContain('Urban-management case statistics');
    expect(enText).toContain('2024-11 — 2025-01');
  });

  it('is written by cim cases stats --report, next to the same statistics in --json', { timeout: 120_000 }, () => {
    const dir = tempDir('cim-cases-report-cli-');
    const ws = path.join(dir, 'w.gpkg');
    writeV4Workspace(ws, FIVE);
    const pdf = path.join(dir, 'out.pdf');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/cim.mjs'), 'cases', 'stats', '--workspace', ws, '--report', pdf, '--lang', 'en', '--json'],
      { encoding: 'utf8', env: { ...process.env, CIM_LANG: 'en' } },
    );
    expect(r.stderr.trim()).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { total: number; closureRate: number; report: string };
    expect(summary).toMatchObject({ total: 5, closureRate: 0.25, report: pdf });
    expect(fs.statSync(pdf).size).toBeGreaterThan(10_000);
    expect(pdfText(pdf)).toContain('25.0 % (1 / 4)');
    const bad = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/cim.mjs'), 'cases', 'stats', '--workspace', ws, '--report', pdf, '--lang', 'fr'],
      { encoding: 'utf8', env: { ...process.env, CIM_LANG: 'en' } },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--lang is zh-CN or en');
  });
});
