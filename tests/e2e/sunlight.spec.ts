/**
 * Journeys, on the demo city (issue #15): a planner runs sunlight on a residential block of
 * high-rise homes (南阳, 大寒日) and sees the coloured facade points on the globe and the list of
 * points below 2 h; then places the permitted buildings as the scheme and reads the before/after
 * list. Screenshots at 1440×900 (Chinese) and 1024×768 (English).
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.js';
import { saveScreenshot, waitForMapIdle } from './support/workbench.js';

test.use({ workspace: 'demo', viewport: { width: 1440, height: 900 } });

/** Over the demo city's high-rise homes (buildings_2024 住宅 over 40 m), looking straight down. */
const CAMERA = { lon: 112.5543, lat: 33.0053, heightM: 700, headingDeg: 0, pitchDeg: -90, rollDeg: 0 };
const SETTLE_MS = 420_000;
const HIDDEN = ['buildings_3d', 'cases', 'pipe_segments'];

test('sunlight on a residential block, the failing list, then a scheme before and after', async ({
  page,
  cim,
}, testInfo) => {
  test.setTimeout(1_500_000);
  await cim.call('camera.set', { camera: CAMERA });
  await page.goto(cim.url);
  await page.getByTestId('globe').waitFor();
  for (const name of HIDDEN) await page.getByTestId(`layer-toggle-${name}`).uncheck({ timeout: SETTLE_MS });
  await waitForMapIdle(page, -1, SETTLE_MS);

  await page.getByTestId('menu-analysis').click();
  await page.getByTestId('menu-item-analysis.sunlight').click();
  await expect(page.getByTestId('sunlight-panel')).toBeVisible();
  await expect(page.getByTestId('sunlight-conventions')).toContainText('真太阳时');
  await expect(page.getByTestId('sunlight-facades')).toContainText('建筑（2024年）');
  await saveScreenshot(page, testInfo, 'sunlight-setup-zh-1440');

  await page.getByTestId('sunlight-run').click();
  await expect(page.getByTestId('sunlight-summary')).toContainText('sunlight_1', { timeout: 300_000 });
  const summary = await cim.call<{
    summary: { count: number; failingCount: number; window: { startBeijing: string } };
  }>('analysis.summary', { layer: 'sunlight_1' });
  expect(summary.summary.count).toBeGreaterThan(50);
  await expect(page.getByTestId('sunlight-summary')).toContainText(`${String(summary.summary.count)} 个计算点`);
  await expect(page.getByTestId('sunlight-window-bjt')).toContainText(summary.summary.window.startBeijing);
  // The failing list: as many rows as the summary says (8 a page).
  expect(summary.summary.failingCount).toBeGreaterThan(0);
  await expect(page.getByTestId('sunlight-failing').locator('tbody tr')).toHaveCount(
    Math.min(8, summary.summary.failingCount),
  );
  // The result layer is on the globe, coloured by sunlit minutes.
  await expect(page.getByTestId('layer-toggle-sunlight_1')).toBeChecked({ timeout: 60_000 });
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'sunlight-results-zh-1440');

  // The scheme: a proposed 100 m slab just south of the homes, imported as footprints with a height.
  const scheme = testInfo.outputPath('scheme_tower.geojson');
  const [w, s, e, n] = [112.553, 33.0042, 112.5552, 33.0044];
  writeFileSync(
    scheme,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { bldg_id: 'FA-1', height_m: 100, floors: 33 },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [w, s],
                [e, s],
                [e, n],
                [w, n],
                [w, s],
              ],
            ],
          },
        },
      ],
    }),
  );
  await cim.call('import.start', { source: { kind: 'path', path: scheme } });
  await expect(page.getByTestId('layer-toggle-scheme_tower')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('sunlight-tab-setup').click();
  await page.getByTestId('sunlight-scheme').click();
  await page.locator('.ant-select-item-option[title="scheme_tower"]').click();
  await page.getByTestId('sunlight-run').click();
  await expect(page.getByTestId('sunlight-summary')).toContainText('sunlight_2', { timeout: 300_000 });
  await expect(page.getByTestId('sunlight-before-after')).toBeVisible();
  const after = await cim.call<{
    summary: { scheme: { newlyFailing: string[]; counts: Record<string, number> } | null };
  }>('analysis.summary', { layer: 'sunlight_2' });
  expect(after.summary.scheme?.newlyFailing.length).toBeGreaterThan(0);
  const changed = Object.entries(after.summary.scheme?.counts ?? {})
    .filter(([k]) => k !== 'unchanged' && k !== 'still_failing')
    .reduce((n, [, v]) => n + v, 0);
  await expect(page.getByTestId('sunlight-before-after').locator('tbody tr.ant-table-row')).toHaveCount(
    Math.min(8, changed),
  );
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'sunlight-scheme-zh-1440');

  // English, at 1024×768.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('sunlight-summary')).toContainText('points');
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'sunlight-scheme-en-1024');
});
