/**
 * Journey: a technician drops files onto the window; a good one opens the import preview,
 * broken ones are refused with a message naming the file, the record and the problem.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { ROOT } from './support/host.js';
import { openWorkbench, saveScreenshot } from './support/workbench.js';

const PARCELS = '/work/shared/data/crs-china/parcels_wgs84.geojson';
const BAD_GEOMETRY = resolve(ROOT, 'tests/fixtures/e2e/bad_geometry.geojson');
const TRUNCATED = resolve(ROOT, 'tests/fixtures/e2e/truncated.geojson');

// The host answers a refused import with HTTP 400/404, which Chromium logs as a console error.
test.use({ expectedConsoleErrors: [/Failed to load resource: the server responded with a status of 40[04]/] });

/** What the OS does when a file is dragged from the desktop and let go over the window. */
async function dropFile(page: Page, path: string): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/geo+json' }));
      return data;
    },
    { name: basename(path), text: readFileSync(path, 'utf8') },
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

test('dropped files: a good one is previewed, broken ones are explained', async ({ page, cim }, testInfo) => {
  await openWorkbench(page, cim.url);

  await dropFile(page, PARCELS);
  await expect(page.getByTestId('preview-count')).toHaveText('120');
  await page.getByTestId('import-close').click();

  await dropFile(page, TRUNCATED);
  const truncated = page.getByTestId('import-error');
  await expect(truncated).toContainText('truncated.geojson');
  await expect(truncated).toContainText('92');
  await expect(truncated).not.toContainText('errors:');
  await saveScreenshot(page, testInfo, 'truncated');
  await page.getByTestId('import-close').click();

  // A broken geometry may be caught by the preview or by the import job: either way the
  // user is told which file and which record.
  await dropFile(page, BAD_GEOMETRY);
  const refused = page.getByTestId('import-error');
  await expect(refused.or(page.getByTestId('preview-count'))).toBeVisible();
  if (!(await refused.isVisible())) {
    await expect(page.getByTestId('import-confirm')).toBeEnabled();
    await page.getByTestId('import-confirm').click();
  }
  await expect(refused).toContainText('bad_geometry.geojson');
  await expect(refused).toContainText('2');
  await expect(refused).not.toContainText('errors:');
  await saveScreenshot(page, testInfo, 'bad-geometry');

  // Nothing was written.
  await page.getByTestId('import-close').click();
  await expect(page.getByTestId('layer-tree-empty')).toBeVisible();
});

test('a typed path that does not exist is refused', async ({ page, cim }) => {
  await openWorkbench(page, cim.url);
  const missing = '/nonexistent/南阳地块.geojson';
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-import').click();
  await page.getByTestId('import-path').fill(missing);
  await page.getByTestId('import-path-preview').click();
  await expect(page.getByTestId('import-error')).toContainText('南阳地块.geojson');
  await expect(page.getByTestId('import-error')).not.toContainText('errors:');
});
