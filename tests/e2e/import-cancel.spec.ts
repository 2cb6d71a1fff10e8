/**
 * Journey: a technician starts importing a large survey of manholes, watches the progress,
 * changes their mind and cancels; nothing is written.
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.js';
import { openWorkbench, saveScreenshot } from './support/workbench.js';

/** 500 000 points on a 1 km grid cell near Nanyang: about 8 s of import work here. */
function writeManholes(path: string, count: number): void {
  const features: string[] = [];
  for (let i = 0; i < count; i++) {
    const lon = 112.5 + (i % 1000) * 1e-5;
    const lat = 33 + Math.floor(i / 1000) * 1e-5;
    features.push(
      JSON.stringify({
        type: 'Feature',
        properties: { 编号: `YS-${String(i)}`, 类别: '雨水井' },
        geometry: { type: 'Point', coordinates: [lon, lat] },
      }),
    );
  }
  writeFileSync(path, `{"type":"FeatureCollection","features":[${features.join(',\n')}]}`);
}

test('a running import shows its progress and can be cancelled', async ({ page, cim }, testInfo) => {
  const file = testInfo.outputPath('manholes.geojson');
  writeManholes(file, 500_000);
  await openWorkbench(page, cim.url);

  await page.getByTestId('import-button').click();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('preview-count')).toHaveText('500000');
  await page.getByTestId('import-confirm').click();

  await expect(page.getByTestId('job-progress')).toBeVisible();
  await page.getByTestId('import-cancel').click();

  await expect(page.getByTestId('import-cancelled')).toBeVisible();
  await page.getByTestId('job-indicator').click();
  const jobList = page.getByTestId('job-list');
  await expect(jobList).toContainText('manholes.geojson');
  await expect(jobList).toContainText('已取消');
  await expect(page.getByTestId('job-indicator')).not.toContainText('manholes.geojson');
  await saveScreenshot(page, testInfo, 'cancelled');
  expect(await cim.call('layers.list', {})).toEqual([]);
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('layer-tree-empty')).toBeVisible();
});
