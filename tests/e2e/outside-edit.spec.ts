/**
 * Journey (issue #10): a planner keeps the workstation open while a colleague adds a layer
 * to the same workspace with QGIS. Here GDAL's ogr2ogr does the colleague's part: it writes
 * through SQLite as QGIS does. The new layer appears in the tree and on the globe without a
 * restart, the status bar says an outside change was loaded, and the workspace keeps its WAL.
 * On a network drive (here forced with CIM_JOURNAL_MODE=delete) the status bar says the file
 * is open with a rollback journal.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { openWorkbench, saveScreenshot } from './support/workbench.js';

const PARCELS = '/work/shared/data/crs-china/parcels_wgs84.geojson';

// eight screenshots, each after a resize that software WebGL redraws slowly on a loaded machine
test.setTimeout(600_000);

/**
 * The status bar at both window sizes and in both languages, for a person to look at. One
 * language switch only: under software WebGL on a loaded machine every click waits for a frame.
 */
async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const sizes = [
    [1440, 900],
    [1024, 768],
  ] as const;
  for (const lang of ['zh-CN', 'en'] as const) {
    if (lang === 'en') {
      await page.getByTestId('lang-toggle').click({ timeout: 120_000 });
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    for (const [width, height] of lang === 'en' ? [...sizes].reverse() : sizes) {
      await page.setViewportSize({ width, height });
      await saveScreenshot(page, testInfo, `${name}-${lang}-${String(width)}`);
    }
  }
}

test('a layer another program adds shows up while the workstation runs', async ({ page, cim }, testInfo) => {
  const { jobId } = await cim.call<{ jobId: string }>('import.start', {
    source: { kind: 'path', path: PARCELS },
    name: 'parcels',
  });
  await expect.poll(async () => (await cim.call<{ state: string }>('jobs.get', { jobId })).state).toBe('done');
  await openWorkbench(page, cim.url);
  await expect(page.getByTestId('layer-row-parcels')).toBeVisible();
  await expect(page.getByTestId('status-outside-change')).toHaveCount(0);

  // the colleague's program: a new layer written through SQLite while the host holds the file
  execFileSync('ogr2ogr', ['-update', '-f', 'GPKG', cim.workspacePath, PARCELS, '-nln', 'from_qgis']);
  await expect(page.getByTestId('layer-row-from_qgis')).toBeVisible();
  await page.waitForFunction(() => window.__cimMap?.layerIds().includes('from_qgis') === true);
  await expect(page.getByTestId('status-outside-change')).toContainText('已载入外部修改');
  // the workstation still holds the file: nobody took the WAL away
  expect(existsSync(`${cim.workspacePath}-wal`)).toBe(true);
  // the job list stays a list of jobs
  await page.getByTestId('job-indicator').click();
  await expect(page.getByTestId('job-list').locator('.cim-job-line')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await screenshots(page, testInfo, 'outside-change');
});

test.describe('on a network drive', () => {
  const saved = process.env.CIM_JOURNAL_MODE;
  // the host inherits this environment; a real share cannot be mounted on the test machines
  test.beforeAll(() => {
    process.env.CIM_JOURNAL_MODE = 'delete';
  });
  test.afterAll(() => {
    if (saved === undefined) delete process.env.CIM_JOURNAL_MODE;
    else process.env.CIM_JOURNAL_MODE = saved;
  });

  test('the status bar says the workspace has a rollback journal', async ({ page, cim }, testInfo) => {
    await openWorkbench(page, cim.url);
    await expect(page.getByTestId('status-journal')).toHaveText('回滚日志模式');
    await page.getByTestId('status-journal').hover();
    await expect(page.getByRole('tooltip')).toContainText('journal_mode=DELETE');
    expect(existsSync(`${cim.workspacePath}-wal`)).toBe(false);
    await page.mouse.move(0, 0);
    await expect(page.getByRole('tooltip')).toHaveCount(0);
    await screenshots(page, testInfo, 'rollback-journal');
  });
});
