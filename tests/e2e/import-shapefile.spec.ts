/**
 * Journey: a planner drags a shapefile delivered by the survey institute (CGCS2000 3° Gauss-
 * Krüger zone 38, GBK attributes: .shp, .shx, .dbf, .prj and .cpg together) onto the window
 * of the browser host. The preview says where it is and what it holds and draws it on the
 * globe at the right place; a CRS override moves it; the import lands in the layer tree
 * with the Chinese attributes readable in the attribute panel.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
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

const DIR = '/work/shared/data/crs-china';
const STEM = 'parcels_cgcs2000_gk38_gbk';
const PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'].map((ext) => `${DIR}/${STEM}${ext}`);
/** The same parcels in WGS 84, written by GDAL from the source (SOURCES.md): the answer. */
const REFERENCE = `${DIR}/parcels_wgs84.geojson`;

/** What the OS does when several files are dragged from a folder and let go over the window. */
async function dropFiles(page: Page, paths: readonly string[]): Promise<void> {
  const files = paths.map((p) => ({
    name: p.slice(p.lastIndexOf('/') + 1),
    base64: readFileSync(p).toString('base64'),
  }));
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: 'application/octet-stream' }));
    }
    return data;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

async function regionOf(page: Page, bbox: [number, number, number, number]): Promise<Box> {
  const topLeft = await canvasPointOf(page, bbox[0], bbox[3]);
  const bottomRight = await canvasPointOf(page, bbox[2], bbox[1]);
  return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
}

async function chooseCrs(page: Page, code: string): Promise<void> {
  await page.getByTestId('import-crs').click();
  await page.keyboard.type(code.replace('EPSG:', ''));
  await page.locator('.ant-select-item-option').filter({ hasText: code }).first().click();
  await expect(page.getByTestId('preview-crs')).toHaveText(code);
}

test('drop a Gauss-Krüger shapefile with GBK attributes, preview it in place, import it', async ({
  page,
  cim,
}, testInfo) => {
  // Software WebGL draws a few frames a second; this journey waits on six flights.
  test.setTimeout(480_000);
  const reference = readCollection(REFERENCE);
  const bbox = bboxOf(reference);
  await openWorkbench(page, cim.url);

  let since = await frameCount(page);
  await dropFiles(page, PARTS);
  await expect(page.getByTestId('preview-format')).toHaveText('Shapefile');
  await expect(page.getByTestId('preview-count')).toHaveText('120');
  await expect(page.getByTestId('preview-crs')).toHaveText('EPSG:4526');
  await expect(page.getByTestId('preview-encoding')).toHaveText('GBK');
  await expect(page.getByTestId('preview-sample')).toContainText('城镇住宅用地');
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '1-preview');

  // The preview is where GDAL puts the data: the first vertex of the first parcel (from the
  // WGS 84 reference) projects into the canvas, and the parcels' extent is drawn over.
  const first = reference.features[0]?.geometry;
  const vertex = first?.type === 'Polygon' ? first.coordinates[0]?.[0] : first?.coordinates[0]?.[0]?.[0];
  if (!vertex) throw new Error('reference has no first vertex');
  const onCanvas = await canvasPointOf(page, vertex[0], vertex[1]);
  const region = await regionOf(page, bbox);
  expect(region.width, 'the flight to the preview zooms in on the parcels').toBeGreaterThan(150);
  expect(onCanvas.x).toBeGreaterThanOrEqual(region.x - 1);
  expect(onCanvas.x).toBeLessThanOrEqual(region.x + region.width + 1);
  expect(onCanvas.y).toBeGreaterThanOrEqual(region.y - 1);
  expect(onCanvas.y).toBeLessThanOrEqual(region.y + region.height + 1);
  const withPreview = await canvasPixels(page);

  // Another CRS re-runs the preview: Beijing 1954 zone 38 (no datum shift, said so) puts
  // the same numbers elsewhere, and the orange preview moves with them.
  since = await frameCount(page);
  await chooseCrs(page, 'EPSG:2414');
  await expect(page.getByTestId('preview-warning-no_datum_shift')).toBeVisible();
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '2-crs-beijing54');
  expect(meanAbsDiff(withPreview, await canvasPixels(page), region), 'the preview moved').toBeGreaterThan(2);
  since = await frameCount(page);
  await chooseCrs(page, 'EPSG:4526');
  await waitForMapIdle(page, since);

  // Closing the dialog clears the preview and leaves the camera: the difference is the preview.
  const back = await canvasPixels(page);
  expect(meanAbsDiff(withPreview, back, region), 'the preview is back where it was').toBeLessThan(3);
  since = await frameCount(page);
  await page.getByTestId('import-close').click();
  await waitForMapIdle(page, since);
  expect(meanAbsDiff(withPreview, await canvasPixels(page), region), 'preview drawn over the parcels').toBeGreaterThan(
    8,
  );

  // Drop again and import.
  await dropFiles(page, PARTS);
  await expect(page.getByTestId('preview-crs')).toHaveText('EPSG:4526');
  await expect(page.getByTestId('import-name')).toHaveValue(STEM);
  since = await frameCount(page);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toContainText('120');
  await expect(page.getByTestId(`layer-row-${STEM}`)).toBeVisible();
  await page.getByTestId('import-close').click();
  await page.waitForFunction((name) => window.__cimMap?.layerIds().includes(name) === true, STEM);
  await waitForMapIdle(page, since);
  await saveScreenshot(page, testInfo, '3-imported');

  const { feature, point } = clickableParcel(reference, 7);
  const target = await pagePointOf(page, point[0], point[1]);
  await page.mouse.click(target.x, target.y);
  const panel = page.getByTestId('attributes-panel');
  // A DBF has no null text: GDAL and we read an empty 面积备注 as ''.
  for (const name of ['编号', '用地代码', '用地名称', '面积备注']) {
    await expect(panel.getByTestId(`attr-${name}`)).toHaveText(String(feature.properties[name] ?? ''));
  }
  await saveScreenshot(page, testInfo, '4-attributes');
});
