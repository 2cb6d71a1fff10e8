import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { runMultiplan } from '../../../main/analysis/multiplan/run-multiplan.js';
import { writeMultiplanReport } from '../../../main/analysis/multiplan/report.js';
import { handCase, planWorkspace } from '../analysis/plan-fixture.js';
import { tempDir } from '../helpers.js';

const control = { progress: () => undefined, isCancelled: () => false, now: () => new Date() };

/** Variance of the grey level of an 8-bit PNG: near 0 for a blank page. */
function greyVariance(file: string): number {
  const img = decode(fs.readFileSync(file));
  const channels = img.channels;
  let sum = 0;
  let sumSq = 0;
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const v = img.data[i * channels] ?? 0;
    sum += v;
    sumSq += v * v;
  }
  return sumSq / n - (sum / n) ** 2;
}

describe('multi-plan PDF report', () => {
  it('writes an A4 report whose first page pdftoppm renders with the map and the Chinese title', async () => {
    const { db } = planWorkspace(handCase());
    await runMultiplan(db, { layers: ['plan_master', 'plan_regulatory', 'control_lines'] }, control);
    const dir = tempDir();
    const pdf = path.join(dir, '报告.pdf');
    const out = await writeMultiplanReport(db, 'conflicts_1', pdf, {
      now: new Date('2026-12-01T08:00:00Z'),
      lang: 'zh-CN',
    });
    expect(out.pages).toBe(3);
    execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).toBeDefined();
    expect(greyVariance(path.join(dir, png!))).toBeGreaterThan(100);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('多规合一冲突分析报告');
    expect(text).toContain('建设用地占用生态保护红线');
    expect(text).toMatch(/15,500\.0/);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    db.close();
  });

  it('refuses a layer that is not a review result', async () => {
    const { db } = planWorkspace(handCase());
    await expect(
      writeMultiplanReport(db, 'plan_master', path.join(tempDir(), 'x.pdf'), { now: new Date(), lang: 'en' }),
    ).rejects.toThrow(/multiplan\.no_run/);
    db.close();
  });
});
