/** Journey: a presenter flattens the globe to a 2D map and back to 3D. */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { luminanceVariance } from './support/pixels.js';
import { canvasPixels, frameCount, openWorkbench, saveScreenshot, waitForMapIdle } from './support/workbench.js';

async function sceneMode(page: Page): Promise<string | undefined> {
  return page.evaluate(() => window.__cimMap?.sceneMode());
}

test('switch between 3D globe and 2D map', async ({ page, cim }, testInfo) => {
  await openWorkbench(page, cim.url);
  expect(await sceneMode(page)).toBe('3d');
  const globe = await canvasPixels(page);

  let since = await frameCount(page);
  await page.getByTestId('mode-2d3d').click();
  await waitForMapIdle(page, since);
  expect(await sceneMode(page)).toBe('2d');
  await expect(page.getByTestId('mode-2d3d')).toHaveText('3D');
  const flat = await canvasPixels(page);
  expect(luminanceVariance(flat)).toBeGreaterThan(200);
  await saveScreenshot(page, testInfo, '2d');

  // In 2D the whole canvas is map: no black space around a sphere, unlike the globe view.
  const darkShare = (image: typeof flat): number => {
    let dark = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      if ((image.data[i] ?? 0) + (image.data[i + 1] ?? 0) + (image.data[i + 2] ?? 0) < 30) dark++;
    }
    return dark / (image.width * image.height);
  };
  expect(darkShare(flat)).toBeLessThan(darkShare(globe) + 0.001);

  since = await frameCount(page);
  await page.getByTestId('menu-view').click();
  await page.getByTestId('menu-item-view.toggle2d3d').click();
  await waitForMapIdle(page, since);
  expect(await sceneMode(page)).toBe('3d');
  await expect(page.getByTestId('mode-2d3d')).toHaveText('2D');
  expect(luminanceVariance(await canvasPixels(page))).toBeGreaterThan(200);
  await saveScreenshot(page, testInfo, '3d-again');
});
