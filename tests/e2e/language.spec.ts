/** Journey: a visiting engineer switches the interface to English and back. */
import { expect, test } from './support/fixtures.js';
import { openWorkbench, saveScreenshot } from './support/workbench.js';

test('switch the interface language', async ({ page, cim }, testInfo) => {
  await openWorkbench(page, cim.url);
  await expect(page.getByTestId('menu-file')).toHaveText('文件');
  await expect(page.getByTestId('layer-panel')).toContainText('图层');

  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('menu-file')).toHaveText('File');
  await expect(page.getByTestId('menu-view')).toHaveText('View');
  await expect(page.getByTestId('menu-help')).toHaveText('Help');
  await expect(page.getByTestId('layer-panel')).toContainText('Layers');
  await expect(page.getByTestId('status-camera')).toContainText('Eye');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('menu-file').click();
  await expect(page.getByTestId('menu-item-import')).toHaveText('Import…');
  await saveScreenshot(page, testInfo, 'english');
  await page.keyboard.press('Escape');

  // The choice is remembered across a reload.
  await page.reload();
  await expect(page.getByTestId('menu-file')).toHaveText('File');
  // the empty workspace opens on the welcome again, in English now
  await expect(page.getByTestId('welcome-demo')).toContainText('Demo city');
  await page.getByTestId('welcome-close').click();
  await expect(page.getByTestId('welcome')).toHaveCount(0);

  await page.getByTestId('menu-view').click();
  await page.getByTestId('menu-item-view.language.zh-CN').click();
  await expect(page.getByTestId('menu-file')).toHaveText('文件');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
