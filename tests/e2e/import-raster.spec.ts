/**
 * Journey: a planner imports an orthophoto (a Cloud Optimized GeoTIFF in Web Mercator)
 * through File › Import. The preview says GeoTIFF, three Byte bands, the corners in the
 * source CRS and in lon/lat, and that it becomes imagery; the import builds the image
 * pyramid as a job and the layer shows in the tree and on the globe.
 */
import { expect, test } from './support/fixtures.js';
import { frameCount, openWorkbench, saveScreenshot, waitForMapIdle } from './support/workbench.js';

const FILE = '/work/shared/data/geotiff/cogeo.tif';
const LAYER = 'cogeo';

test('import a COG orthophoto as imagery and see it in the layer tree', async ({ page, cim }, testInfo) => {
  // Software WebGL, and the pyramid build runs in the host's job worker.
  test.setTimeout(360_000);
  await openWorkbench(page, cim.url);
  const before = await page.evaluate(() => window.__cimMap?.imageryLayerCount() ?? 0);

  await page.getByTestId('import-button').click();
  let since = await frameCount(page);
  await page.getByTestId('import-file-input').setInputFiles(FILE);
  await expect(page.getByTestId('preview-format')).toHaveText('GeoTIFF');
  await expect(page.getByTestId('preview-crs')).toHaveText('EPSG:3857');
  await expect(page.getByTestId('preview-bands')).toHaveText('3');
  // gdalinfo: Upper Left (14321853.116, 4533021.525) (128d39'19.42"E, 37d40'14.80"N).
  await expect(page.getByTestId('preview-corners')).toContainText('14321853.116');
  await expect(page.getByTestId('preview-corners')).toContainText('37.6707774');
  await expect(page.getByTestId('import-target')).toContainText('影像');
  await expect(page.getByTestId('import-name')).toHaveValue(LAYER);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '1-preview');

  since = await frameCount(page);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toContainText(LAYER, { timeout: 180_000 });
  await expect(page.getByTestId(`layer-row-${LAYER}`)).toBeVisible();
  await page.getByTestId('import-close').click();
  await page.waitForFunction((n) => (window.__cimMap?.imageryLayerCount() ?? 0) > n, before);
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '2-imported');
});
