/**
 * Journey: a planner runs the multi-plan review (多规合一) from the Analysis menu, watches
 * it progress, sees the conflicts hatched by severity on the globe, opens one from the list
 * (the globe flies there, its attributes open), and exports the PDF report, whose first
 * page pdftoppm renders and is not blank.
 * TODO(demo city): the workspace is prepared through the API from the hand-worked plan
 * fixtures until seeds/ lands; then seed the demo city here instead.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures.js';
import { luminanceVariance, type Box } from './support/pixels.js';
import { decodePng } from './support/png.js';
import { canvasPixels, canvasPointOf, openWorkbench, saveScreenshot, waitForMapIdle } from './support/workbench.js';
import { ROOT } from './support/host.js';
import type { Page } from '@playwright/test';

const PLANS = ['plan_master', 'plan_regulatory', 'control_lines'];

interface Job {
  state: string;
}

interface ConflictPage {
  rows: { fid: number; ruleId: string; bbox: [number, number, number, number] }[];
}

async function regionOf(page: Page, bbox: [number, number, number, number]): Promise<Box> {
  const topLeft = await canvasPointOf(page, bbox[0], bbox[3]);
  const bottomRight = await canvasPointOf(page, bbox[2], bbox[1]);
  return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
}

test('run the multi-plan review, see hatched conflicts, open one, export the PDF', async ({ page, cim }, testInfo) => {
  for (const name of PLANS) {
    const { jobId } = await cim.call<{ jobId: string }>('import.start', {
      source: { kind: 'path', path: join(ROOT, 'tests/fixtures/multiplan', `${name}.geojson`) },
      name,
    });
    await expect.poll(async () => (await cim.call<Job>('jobs.get', { jobId })).state).toBe('done');
  }
  await openWorkbench(page, cim.url);
  for (const name of PLANS) await expect(page.getByTestId(`layer-row-${name}`)).toBeVisible();

  await page.getByTestId('menu-analysis').click();
  await page.getByTestId('menu-item-analysis.multiplan').click();
  await expect(page.getByTestId('multiplan-panel')).toBeVisible();
  for (const name of PLANS) await expect(page.getByTestId(`multiplan-class-${name}`)).toBeVisible();
  await page.getByTestId('multiplan-tab-rules').click();
  await expect(page.getByTestId('rule-0-id')).toHaveValue('R01');
  await page.getByTestId('multiplan-tab-setup').click();
  await saveScreenshot(page, testInfo, 'multiplan-setup');

  await page.getByTestId('multiplan-run').click();
  await expect(page.getByTestId('multiplan-progress')).toBeVisible();
  await expect(page.getByTestId('multiplan-summary')).toContainText('冲突 4 处，合计 15,500.0 m²', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('multiplan-stage')).toHaveText('完成');

  await page.waitForFunction(() => window.__cimMap?.hatchedLayers().includes('conflicts_1') === true, undefined, {
    timeout: 120_000,
  });
  await waitForMapIdle(page);
  await saveScreenshot(page, testInfo, 'multiplan-results');

  // Open the red-line conflict (R01, high) from the list: the globe flies to it and its attributes open.
  const page1 = await cim.call<ConflictPage>('multiplan.conflicts', { layer: 'conflicts_1', sort: 'severity' });
  const r01 = page1.rows.find((r) => r.ruleId === 'R01');
  expect(r01).toBeDefined();
  await page.getByTestId('conflict-table').getByText('R01').click();
  await expect(page.getByTestId('attributes-layer')).toContainText('conflicts_1');
  await expect(page.getByTestId('attr-rule_id')).toHaveText('R01');
  await expect(page.getByTestId('attr-reason')).toHaveText('建设用地占用生态保护红线');
  await waitForMapIdle(page);
  // Hatching: stripes inside the conflict, not one flat colour.
  const region = await regionOf(page, r01!.bbox);
  expect(region.width * region.height).toBeGreaterThan(2000);
  expect(luminanceVariance(await canvasPixels(page), region)).toBeGreaterThan(30);
  await saveScreenshot(page, testInfo, 'multiplan-opened');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('multiplan-export-pdf').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('conflicts_1.pdf');
  const pdf = testInfo.outputPath('conflicts_1.pdf');
  await download.saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const prefix = testInfo.outputPath('report-page');
  execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-png', pdf, prefix]);
  const rendered = readdirSync(testInfo.outputPath()).find((f) => f.startsWith('report-page') && f.endsWith('.png'));
  expect(rendered).toBeDefined();
  const first = decodePng(readFileSync(join(testInfo.outputPath(), rendered!)));
  expect(luminanceVariance(first)).toBeGreaterThan(100);
  await testInfo.attach('report-page-1', { path: join(testInfo.outputPath(), rendered!), contentType: 'image/png' });
});
