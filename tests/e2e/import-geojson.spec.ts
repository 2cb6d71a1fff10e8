/**
 * Journey: a planner imports a GeoJSON of land parcels through File › Import, checks the
 * preview, imports it, sees it on the globe, toggles it, and reads a parcel's attributes.
 */
import { expect, test } from './support/fixtures.js';
import { bboxOf, clickableParcel, readCollection } from './support/geojson.js';
import { meanAbsDiff, type Box } from './support/pixels.js';
import {
  canvasPixels,
  canvasPointOf,
  frameCount,
  openWorkbench,
  pagePointOf,
  saveScreenshot,
  waitForMapIdle,
} from './support/workbench.js';
import type { Page } from '@playwright/test';

const FILE = '/work/shared/data/crs-china/parcels_wgs84.geojson';
const LAYER = 'parcels_wgs84';

async function regionOf(page: Page, bbox: [number, number, number, number]): Promise<Box> {
  const topLeft = await canvasPointOf(page, bbox[0], bbox[3]);
  const bottomRight = await canvasPointOf(page, bbox[2], bbox[1]);
  return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
}

async function toggleLayer(page: Page): Promise<void> {
  const since = await frameCount(page);
  await page.getByTestId(`layer-toggle-${LAYER}`).click();
  await waitForMapIdle(page, since);
}

test('import a GeoJSON, see it, toggle it, pick a parcel', async ({ page, cim }, testInfo) => {
  const parcels = readCollection(FILE);
  const bbox = bboxOf(parcels);
  await openWorkbench(page, cim.url);

  await page.getByTestId('import-button').click();
  let since = await frameCount(page);
  await page.getByTestId('import-file-input').setInputFiles(FILE);
  await expect(page.getByTestId('preview-count')).toHaveText(String(parcels.features.length));
  await expect(page.getByTestId('preview-fields')).toContainText('编号');
  await expect(page.getByTestId('preview-fields')).toContainText('用地名称');
  await expect(page.getByTestId('import-name')).toHaveValue(LAYER);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '1-preview');

  since = await frameCount(page);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toContainText(String(parcels.features.length));
  await expect(page.getByTestId(`layer-row-${LAYER}`)).toBeVisible();
  await saveScreenshot(page, testInfo, '2-imported');
  await page.getByTestId('import-close').click();
  await page.waitForFunction((name) => window.__cimMap?.layerIds().includes(name) === true, LAYER);
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '3-on-globe');

  const region = await regionOf(page, bbox);
  expect(region.width).toBeGreaterThan(100);
  const shown = await canvasPixels(page);
  await toggleLayer(page);
  const hidden = await canvasPixels(page);
  expect(meanAbsDiff(shown, hidden, region), 'parcels drawn where the data is').toBeGreaterThan(10);
  await toggleLayer(page);
  expect(meanAbsDiff(shown, await canvasPixels(page), region), 'shown again as before').toBeLessThan(2);

  const { feature, point } = clickableParcel(parcels, 7);
  const target = await pagePointOf(page, point[0], point[1]);
  await page.mouse.click(target.x, target.y);
  const panel = page.getByTestId('attributes-panel');
  for (const name of ['编号', '用地代码', '用地名称']) {
    await expect(panel.getByTestId(`attr-${name}`)).toHaveText(String(feature.properties[name]));
  }
  const lonLat = /([\d.]+)°\D+([\d.]+)°/.exec((await page.getByTestId('status-lonlat').textContent()) ?? '');
  expect(Math.abs(Number(lonLat?.[1]) - point[0])).toBeLessThan(1e-4);
  expect(Math.abs(Number(lonLat?.[2]) - point[1])).toBeLessThan(1e-4);
  await expect(page.getByTestId('status-gk')).toContainText('38 带');
  await saveScreenshot(page, testInfo, '4-picked');

  // Removing the layer leaves the globe as it was with the layer switched off.
  await toggleLayer(page);
  const switchedOff = await canvasPixels(page);
  await page.getByTestId(`layer-row-${LAYER}`).click();
  await page.getByTestId(`layer-remove-${LAYER}`).click();
  since = await frameCount(page);
  await page.locator('.ant-popconfirm').getByRole('button', { name: '移除' }).click();
  await expect(page.getByTestId('layer-tree-empty')).toBeVisible();
  await waitForMapIdle(page, since);
  expect(meanAbsDiff(switchedOff, await canvasPixels(page), region), 'no data: same as switched off').toBeLessThan(2);
  await expect(panel.getByTestId('attr-编号')).toHaveCount(0);
});
