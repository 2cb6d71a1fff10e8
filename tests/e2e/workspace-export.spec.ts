/**
 * Journey: a planner exports a layer to share it, starts a new workspace, and opens the
 * first one again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures.js';
import { frameCount, openWorkbench, saveScreenshot, waitForMapIdle } from './support/workbench.js';

const PARCELS = '/work/shared/data/crs-china/parcels_wgs84.geojson';

interface Job {
  state: string;
}

test('export a layer, start a new workspace, reopen the first', async ({ page, cim }, testInfo) => {
  // Set-up through the API, the way the CLI or another window would have filled the workspace.
  const { jobId } = await cim.call<{ jobId: string }>('import.start', {
    source: { kind: 'path', path: PARCELS },
    name: 'parcels',
  });
  await expect.poll(async () => (await cim.call<Job>('jobs.get', { jobId })).state).toBe('done');
  await openWorkbench(page, cim.url);
  await expect(page.getByTestId('layer-row-parcels')).toBeVisible();

  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-export').click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('dialog').getByRole('button', { name: '导出' }).click();
  const download = await downloading;
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  expect(download.suggestedFilename()).toBe('parcels.geojson');
  const exported = JSON.parse(readFileSync(saved, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  expect(exported.features).toHaveLength(120);
  expect(exported.features.map((f) => f.properties['编号'])).toContain('NY-0001');

  const second = join(testInfo.outputPath(), 'second.gpkg');
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-workspace.new').click();
  await page.getByTestId('workspace-path').fill(second);
  await page.getByRole('dialog').getByRole('button', { name: '新建' }).click();
  await expect(page.getByTestId('workspace-title')).toHaveText('second');
  await expect(page.getByTestId('layer-tree-empty')).toBeVisible();
  await page.waitForFunction(() => window.__cimMap?.layerIds().length === 0);

  const since = await frameCount(page);
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-workspace.open').click();
  await page.getByTestId('workspace-path').fill(cim.workspacePath);
  await page.getByRole('dialog').getByRole('button', { name: '打开' }).click();
  await expect(page.getByTestId('layer-row-parcels')).toBeVisible();
  await page.waitForFunction(() => window.__cimMap?.layerIds().includes('parcels') === true);
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, 'reopened');
});
