/**
 * Journeys on the demo city (issue #16): a line of sight drawn across a demo building shows
 * its seen (green) and hidden (red) parts and names the building; a viewshed from a 30 m
 * mast; the flood level raised from 116 m to 118 m and the flooded area growing.
 * Screenshots at 1440×900 (Chinese) and 1024×768 (English).
 */
import { expect, test } from './support/fixtures.js';
import { pagePointOf, saveScreenshot, waitForMapIdle } from './support/workbench.js';

test.use({ workspace: 'demo', viewport: { width: 1440, height: 900 } });

// The panel covers the left third of the globe: the camera looks west of the lines and the
// low ground that floods (112.556–112.569 E, 32.992–33.005 N), so all of them show to its right.
const CAMERA = { lon: 112.5537, lat: 32.999, heightM: 3000, headingDeg: 0, pitchDeg: -90, rollDeg: 0 };
const SETTLE_MS = 420_000;
const HIDDEN = ['buildings_3d', 'cases', 'pipe_segments', 'pipe_nodes'];

async function openAnalysis(page: import('@playwright/test').Page, kind: string): Promise<void> {
  await page.getByTestId('menu-analysis').click();
  await page.getByTestId(`menu-item-analysis.${kind}`).click();
  await expect(page.getByTestId(`terrain-panel-${kind}`)).toBeVisible();
}

/** An InputNumber's input (antd puts the test id on the input or on its wrapper). */
function numberInput(page: import('@playwright/test').Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

test('line of sight across a building, a viewshed, and a rising flood', async ({ page, cim }, testInfo) => {
  test.setTimeout(1_500_000);
  await cim.call('camera.set', { camera: CAMERA });
  await page.goto(cim.url);
  await page.getByTestId('globe').waitFor();
  for (const name of HIDDEN) await page.getByTestId(`layer-toggle-${name}`).uncheck({ timeout: SETTLE_MS });
  await waitForMapIdle(page, -1, SETTLE_MS);

  // Line of sight from a 25 m high window to a 2 m target 467 m east, over streets and roofs.
  await openAnalysis(page, 'los');
  // Drawn on the globe with the measure tool: click, click, right-click to finish.
  await page.getByTestId('terrain-draw').click();
  for (const [lon, lat] of [
    [112.5525, 33.004],
    [112.5575, 33.004],
  ] as const) {
    const at = await pagePointOf(page, lon, lat);
    await page.mouse.click(at.x, at.y);
  }
  const end = await pagePointOf(page, 112.5575, 33.004);
  await page.mouse.click(end.x, end.y, { button: 'right' });
  await page.getByTestId('terrain-draw').click();
  const drawn = (await page.getByTestId('terrain-points').inputValue()).split(';').map((p) => p.split(',').map(Number));
  expect(drawn).toHaveLength(2);
  expect(Math.abs((drawn[0]?.[0] ?? 0) - 112.5525)).toBeLessThan(0.0002);
  expect(Math.abs((drawn[1]?.[0] ?? 0) - 112.5575)).toBeLessThan(0.0002);
  // The drawn ends land within a few metres (a pixel is ~3.6 m from 3 km up); the analysis
  // then runs on the exact ends, so its figures do not depend on the pointer.
  await page.getByTestId('terrain-points').fill('112.5525,33.0040;112.5575,33.0040');
  await numberInput(page, 'terrain-from-h').fill('25');
  await numberInput(page, 'terrain-to-h').fill('2');
  await page.getByTestId('terrain-run').click();
  await expect(page.getByTestId('los-verdict')).toContainText('不通视', { timeout: 300_000 });
  const los = await cim.call<{
    summary: {
      visible: boolean;
      obstruction: { kind: string; buildingId: string } | null;
      segments: { visible: boolean }[];
    };
  }>('analysis.summary', { layer: 'los_1' });
  expect(los.summary.visible).toBe(false);
  expect(los.summary.obstruction?.kind).toBe('building');
  await expect(page.getByTestId('terrain-results')).toContainText(los.summary.obstruction?.buildingId ?? '-');
  expect(los.summary.segments.some((s) => s.visible)).toBe(true);
  expect(los.summary.segments.some((s) => !s.visible)).toBe(true);
  await expect(page.getByTestId('layer-toggle-los_1')).toBeChecked({ timeout: 60_000 });
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'terrain-los-zh-1440');

  // Viewshed from a 30 m mast, 500 m range.
  await openAnalysis(page, 'viewshed');
  await page.getByTestId('terrain-points').fill('112.5550,33.0040');
  await numberInput(page, 'terrain-height').fill('30');
  await numberInput(page, 'terrain-radius').fill('500');
  await page.getByTestId('terrain-run').click();
  await expect(page.getByTestId('viewshed-summary')).toContainText('可视面积', { timeout: 300_000 });
  const vs = await cim.call<{ summary: { visibleAreaM2: number; hiddenAreaM2: number } }>('analysis.summary', {
    layer: 'viewshed_1',
  });
  expect(vs.summary.visibleAreaM2).toBeGreaterThan(0);
  expect(vs.summary.hiddenAreaM2).toBeGreaterThan(0);
  await expect(page.getByTestId('layer-toggle-viewshed_1')).toBeChecked({ timeout: 60_000 });
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'terrain-viewshed-zh-1440');
  await page.getByTestId('layer-toggle-viewshed_1').dispatchEvent('click'); // the layer tree is under the panel

  // Flood at 116 m, then raised to 118 m: the flooded area grows.
  await openAnalysis(page, 'flood');
  await page.getByTestId('terrain-points').fill('');
  await numberInput(page, 'terrain-level').fill('116');
  await page.getByTestId('terrain-run').click();
  await expect(page.getByTestId('flood-summary')).toContainText('116', { timeout: 300_000 });
  await expect(page.getByTestId('layer-toggle-flood_1')).toBeChecked({ timeout: 60_000 });
  await page.getByTestId('layer-toggle-flood_1').dispatchEvent('click');
  await numberInput(page, 'terrain-level').fill('118');
  await page.getByTestId('terrain-run').click();
  await expect(page.getByTestId('flood-summary')).toContainText('118', { timeout: 300_000 });
  const low = await cim.call<{ summary: { floodedAreaM2: number } }>('analysis.summary', { layer: 'flood_1' });
  const high = await cim.call<{ summary: { floodedAreaM2: number } }>('analysis.summary', { layer: 'flood_2' });
  expect(high.summary.floodedAreaM2).toBeGreaterThan(low.summary.floodedAreaM2);
  await expect(page.getByTestId('layer-toggle-flood_2')).toBeChecked({ timeout: 60_000 });
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'terrain-flood-118-zh-1440');
  // The rising water: the depth bands drawn deepest first.
  await page.getByTestId('flood-animate').click();
  await expect(page.getByTestId('flood-water-level')).toBeVisible();
  await saveScreenshot(page, testInfo, 'terrain-flood-rising-zh-1440');
  await expect(page.getByTestId('flood-water-level')).toBeHidden({ timeout: 60_000 });

  // English, at 1024×768.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('flood-summary')).toContainText('flooded');
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'terrain-flood-118-en-1024');
});
