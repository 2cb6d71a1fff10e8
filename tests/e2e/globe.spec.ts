/** Journey: a user opens the workstation and sees the globe, drawn from local data only. */
import { expect, test } from './support/fixtures.js';
import { luminanceVariance } from './support/pixels.js';
import { canvasPixels, openWorkbench, saveScreenshot } from './support/workbench.js';

test('the globe renders offline', async ({ page, cim }, testInfo) => {
  await openWorkbench(page, cim.url, { keepWelcome: true });
  // an empty workspace opens on the welcome screen, the demo city first
  await expect(page.getByTestId('welcome-demo')).toContainText('示范城区');
  await expect(page.getByTestId('welcome-import')).toBeVisible();
  await saveScreenshot(page, testInfo, 'welcome');
  await page.getByTestId('welcome-close').click();
  await expect(page.getByTestId('welcome')).toHaveCount(0);

  const pixels = await canvasPixels(page);
  expect(pixels.width).toBeGreaterThan(400);
  expect(luminanceVariance(pixels)).toBeGreaterThan(200);

  await expect(page.getByTestId('menu-file')).toHaveText('文件');
  await expect(page.getByTestId('layer-tree-empty')).toBeVisible();
  await expect(page.getByTestId('status-camera')).toContainText('视高');
  await expect(page.getByTestId('status-scale')).toContainText(/千米|米/);
  // The token is kept for the session and taken out of the address bar.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await saveScreenshot(page, testInfo, 'globe');
});
