/**
 * Journey (issue #17): a planner looks at the demo city all day. The first view with both
 * side panels folded (national land-use colours, translucent over the orthophoto, 3D
 * buildings); identify on stacked plan layers lists every layer; the attribute table is
 * linked to the map; the language switches to English without rebuilding the globe; in 2D
 * a click on a footprint picks that building. Screenshots at 1024x768 and 1440x900.
 */
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { decodeGpkg, envelopeOf } from '../../main/store/gpkg-geometry.js';
import { demoCityPath } from './support/demo-city.js';
import { expect, test } from './support/fixtures.js';
import { openWorkbench, saveScreenshot, waitForMapIdle } from './support/workbench.js';

test.use({ workspace: 'demo', viewport: { width: 1024, height: 768 } });
test.setTimeout(1_500_000);

interface Spot {
  id: string | number;
  lon: number;
  lat: number;
}

/** Centres of the features of a table (envelope centres), largest first. */
function centres(table: string, idColumn: string, where = '1'): Spot[] {
  const db = new Database(demoCityPath(), { readonly: true });
  try {
    const rows = db.prepare(`SELECT ${idColumn} AS id, geom FROM ${table} WHERE ${where} LIMIT 400`).all() as {
      id: string | number;
      geom: Buffer;
    }[];
    return rows.flatMap((row) => {
      const g = decodeGpkg(row.geom);
      const box = g ? envelopeOf(g) : null;
      return box ? [{ id: row.id, lon: (box[0] + box[1]) / 2, lat: (box[2] + box[3]) / 2 }] : [];
    });
  } finally {
    db.close();
  }
}

/** A spot in view whose identify lists at least these layers. */
async function stackedSpot(page: Page, spots: Spot[], wanted: string[]) {
  for (const spot of spots) {
    const found = await page.evaluate(
      ({ lon, lat, wanted }) => {
        const map = window.__cimMap;
        const at = map?.project(lon, lat);
        if (!map || !at) return null;
        const layers = map.identifyAt(at.x, at.y).map((f) => f.layer);
        return wanted.every((w) => layers.includes(w)) ? { ...at, layers } : null;
      },
      { lon: spot.lon, lat: spot.lat, wanted },
    );
    if (found) return found;
  }
  throw new Error(`no spot in view identifies ${wanted.join(', ')}`);
}

test('a planner’s day on the map: first view, identify, table, language, 2D pick', async ({ page, cim }, testInfo) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openWorkbench(page, cim.url);

  // first view: plans on, cases and pipes off, no ground-truth table in the tree
  await expect(page.getByTestId('layer-tree')).not.toContainText('真值');
  const shown = await page.evaluate(() => window.__cimMap?.layerIds() ?? []);
  expect(shown).toEqual(expect.arrayContaining(['plan_master', 'plan_regulatory', 'buildings_3d']));
  await page.getByTestId('fold-toggle-left').click();
  await page.getByTestId('fold-toggle-right').click();
  await waitForMapIdle(page);
  await expect(page.getByTestId('legend')).toBeVisible();
  // the topmost legend entry is open; the plan's opens on a click and lists code and name
  await page.getByTestId('legend-toggle-plan_regulatory').click();
  await expect(page.getByTestId('legend-plan_regulatory')).toContainText(/07\d\d 城镇住宅用地|07\d\d 农村宅基地/);
  await saveScreenshot(page, testInfo, 'first-view-1024-zh');

  // identify on stacked layers: 控规 over 总规 (and the buildings when one stands there)
  await page.getByTestId('fold-toggle-right').click();
  await waitForMapIdle(page);
  const spot = await stackedSpot(page, centres('plan_regulatory', 'fid'), ['plan_regulatory', 'plan_master']);
  const canvas = await page.getByTestId('globe').boundingBox();
  if (!canvas) throw new Error('no globe box');
  await page.mouse.click(canvas.x + spot.x, canvas.y + spot.y);
  await expect(page.getByTestId('identify-list')).toBeVisible();
  for (const title of ['控制性详细规划', '国土空间总体规划 用地规划'])
    await expect(page.getByTestId('identify-list')).toContainText(title);
  await expect(page.getByTestId('attributes-panel')).not.toContainText('severity');
  await saveScreenshot(page, testInfo, 'identify-stacked-zh');

  // choose the 控规 parcel in the list: its attributes by alias, outlined on the globe
  await page.locator('[data-testid^="identify-item-"][data-layer="plan_regulatory"]').first().click();
  await expect(page.getByTestId('attributes-layer')).toContainText('控制性详细规划');
  await expect(page.getByTestId('attributes-panel')).toContainText('地块编码');
  await expect.poll(() => page.evaluate(() => window.__cimMap?.highlightedLayers())).toEqual(['plan_regulatory']);

  // the attribute table, linked both ways
  await page.getByTestId('fold-toggle-left').click();
  await page.getByTestId('layer-tree').getByText('控制性详细规划', { exact: true }).click();
  await page.getByTestId('layer-table-plan_regulatory').click();
  await expect(page.getByTestId('attribute-table')).toBeVisible();
  await expect(page.locator('.cim-table-selected')).toHaveCount(1);
  await page.getByTestId('table-filter').locator('input').fill('DK');
  const rows = page.locator('[data-testid="attribute-table"] .ant-table-row');
  await rows.nth(2).click();
  await expect(page.locator('.cim-table-selected')).toHaveCount(1);
  await waitForMapIdle(page);
  await saveScreenshot(page, testInfo, 'attribute-table-zh');
  await page.getByTestId('table-export').click();
  await expect(page.locator('.ant-message')).toContainText('已导出');
  await page.getByTestId('table-close').click();

  // English, without a new globe: the same canvas, no tile requested
  let tiles = 0;
  page.on('request', (r) => {
    if (r.url().includes('/tiles/')) tiles++;
  });
  await page.evaluate(() => {
    (window as unknown as { __canvas?: Element | null }).__canvas =
      document.querySelector('[data-testid="globe"] canvas');
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitForMapIdle(page);
  tiles = 0;
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('menu-file')).toHaveText('File');
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { __canvas?: Element | null }).__canvas ===
        document.querySelector('[data-testid="globe"] canvas'),
    ),
  ).toBe(true);
  await expect(page.getByTestId('attributes-panel')).toContainText('Parcel code');
  await expect(page.getByTestId('legend')).toContainText('Legend');
  await waitForMapIdle(page);
  expect(tiles, 'tiles requested by the language switch').toBe(0);
  await saveScreenshot(page, testInfo, 'english-1440');

  // 2D: a click at a footprint's centre picks that building
  await page.getByTestId('mode-2d3d').click();
  await expect.poll(() => page.evaluate(() => window.__cimMap?.sceneMode()), { timeout: 60_000 }).toBe('2d');
  await waitForMapIdle(page);
  const buildings = centres('buildings_2024', 'bldg_id', 'footprint_m2 > 600');
  const hit = await page.evaluate((candidates) => {
    const map = window.__cimMap;
    if (!map) return null;
    for (const b of candidates) {
      const at = map.project(b.lon, b.lat);
      if (!at) continue;
      const picked = map.pickAt(at.x, at.y);
      if (picked?.layer === 'buildings_3d') return { expected: b.id, got: picked.properties.bldg_id, ...at };
    }
    return null;
  }, buildings);
  expect(hit, 'a building footprint in view in 2D').not.toBeNull();
  expect(hit?.got).toBe(hit?.expected);
  await saveScreenshot(page, testInfo, 'pick-2d-en');
  expect(errors).toEqual([]);
});
