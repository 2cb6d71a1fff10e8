/**
 * Journey (issue #17): a planner looks at the demo city all day. The first view at 1024x768
 * with both side panels folded: the legend starts folded and lets clicks beside it through to
 * the globe, labels stand apart, national land-use colours over the orthophoto, 3D buildings.
 * The same view at 1440x900 with the legend open. Identify on stacked plan layers lists every
 * layer; the attribute table is linked to the map both ways; the English UI shows no Chinese
 * field names or enums and keeps the globe. Screenshots of each step.
 */
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { decodeGpkg, envelopeOf } from '../../main/store/gpkg-geometry.js';
import { demoCityPath } from './support/demo-city.js';
import { expect, test } from './support/fixtures.js';
import { openWorkbench, saveScreenshot, waitForMapIdle } from './support/workbench.js';

test.use({ workspace: 'demo', viewport: { width: 1024, height: 768 } });
// the demo city settles in about a minute on an idle machine (software WebGL); minutes when busy
test.setTimeout(900_000);

const CJK = /[\u3400-\u9fff]/;

interface Spot {
  id: string | number;
  lon: number;
  lat: number;
}

/** Centres of the features of a table (envelope centres). */
function centres(table: string, idColumn: string): Spot[] {
  const db = new Database(demoCityPath(), { readonly: true });
  try {
    const rows = db.prepare(`SELECT ${idColumn} AS id, geom FROM ${table} LIMIT 400`).all() as {
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

/** A spot in view, clear of the map's overlays, whose identify lists at least these layers. */
async function stackedSpot(page: Page, spots: Spot[], wanted: string[]) {
  const found = await page.evaluate(
    ({ spots, wanted }) => {
      const map = window.__cimMap;
      const canvas = document.querySelector('[data-testid="globe"] canvas');
      if (!map || !canvas) return null;
      const box = canvas.getBoundingClientRect();
      for (const spot of spots) {
        const at = map.project(spot.lon, spot.lat);
        if (!at) continue;
        // the click must land on the canvas itself, not on the legend or a toolbar over it
        if (document.elementFromPoint(box.left + at.x, box.top + at.y) !== canvas) continue;
        const layers = map.identifyAt(at.x, at.y).map((f) => f.layer);
        if (wanted.every((w) => layers.includes(w))) return { ...at, layers };
      }
      return null;
    },
    { spots, wanted },
  );
  if (!found) throw new Error(`no spot in view identifies ${wanted.join(', ')}`);
  return found;
}

/** The labels on the globe, and whether any two of their boxes overlap. */
async function labelState(page: Page) {
  const labels = await page.evaluate(() => window.__cimMap?.labels() ?? []);
  const overlapping = labels.flatMap((a, i) =>
    labels
      .slice(i + 1)
      .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      .map((b) => `${a.text} × ${b.text}`),
  );
  return { labels, overlapping, kinds: [...new Set(labels.map((l) => l.kind))].sort() };
}

test('a planner’s day on the map: first views, labels, legend, identify, table, English', async ({
  page,
  cim,
}, testInfo) => {
  await openWorkbench(page, cim.url);

  // first view: plans on, cases and pipes off, no ground-truth table in the tree
  await expect(page.getByTestId('layer-tree')).not.toContainText('真值');
  const shown = await page.evaluate(() => window.__cimMap?.layerIds() ?? []);
  expect(shown).toEqual(expect.arrayContaining(['plan_master', 'plan_regulatory', 'buildings_3d', 'roads']));

  // the legend on a 1024x768 map starts folded, inside the map, and takes no click beside it
  const legend = page.getByTestId('legend');
  await expect(legend).toHaveAttribute('data-collapsed', 'true');
  await page.getByTestId('fold-toggle-left').click();
  await page.getByTestId('fold-toggle-right').click();
  await waitForMapIdle(page);
  const boxes = await page.evaluate(() => {
    const l = document.querySelector('[data-testid="legend"]')?.getBoundingClientRect();
    const canvas = document.querySelector('[data-testid="globe"] canvas');
    const g = canvas?.getBoundingClientRect();
    if (!l || !g || !canvas) return null;
    const hits = (x: number, y: number) => document.elementFromPoint(x, y) === canvas;
    return {
      legend: { left: l.left, top: l.top, right: l.right, bottom: l.bottom, width: l.width, height: l.height },
      globe: { top: g.top, bottom: g.bottom, left: g.left, right: g.right },
      // 4 px beside the folded legend, on every side but its left (the map's edge)
      aboveHitsGlobe: hits(l.left + l.width / 2, l.top - 4),
      rightHitsGlobe: hits(l.right + 4, l.top + l.height / 2),
      belowHitsGlobe: hits(l.left + l.width / 2, l.bottom + 4),
    };
  });
  expect(boxes).not.toBeNull();
  expect(boxes?.legend.height).toBeLessThan(40);
  expect(boxes?.legend.width).toBeLessThan(280);
  expect(boxes?.legend.bottom).toBeLessThanOrEqual(boxes?.globe.bottom ?? 0);
  expect(boxes?.legend.top).toBeGreaterThanOrEqual(boxes?.globe.top ?? Infinity);
  expect(boxes).toMatchObject({ aboveHitsGlobe: true, rightHitsGlobe: true, belowHitsGlobe: true });

  // labels: place and road names at least, none overlapping, in Noto Sans CJK
  const first = await labelState(page);
  expect(first.labels.length).toBeGreaterThan(3);
  expect(first.overlapping).toEqual([]);
  expect(first.kinds).toEqual(expect.arrayContaining(['road']));
  await saveScreenshot(page, testInfo, 'first-view-1024-zh');

  // the same view at 1440x900: the legend opens and lists the 控规's classes by code and name
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitForMapIdle(page);
  await page.getByTestId('legend-collapse').click();
  await expect(legend).toHaveAttribute('data-collapsed', 'false');
  const legendBox = await legend.boundingBox();
  const globeBox = await page.getByTestId('globe').boundingBox();
  expect((legendBox?.y ?? 0) + (legendBox?.height ?? 0)).toBeLessThanOrEqual(
    (globeBox?.y ?? 0) + (globeBox?.height ?? 0),
  );
  await page.getByTestId('legend-toggle-plan_regulatory').click();
  await expect(page.getByTestId('legend-plan_regulatory')).toContainText(/07\d\d 城镇住宅用地|07\d\d 农村宅基地/);
  const wide = await labelState(page);
  expect(wide.labels.length).toBeGreaterThan(3);
  expect(wide.overlapping).toEqual([]);
  await saveScreenshot(page, testInfo, 'first-view-1440-zh');
  await page.getByTestId('legend-collapse').click();

  // identify on stacked layers: 控规 over 总规, all listed
  await page.getByTestId('fold-toggle-right').click();
  await waitForMapIdle(page);
  const spot = await stackedSpot(page, centres('plan_regulatory', 'fid'), ['plan_regulatory', 'plan_master']);
  const canvas = await page.locator('[data-testid="globe"] canvas').first().boundingBox();
  if (!canvas) throw new Error('no globe box');
  await page.mouse.click(canvas.x + spot.x, canvas.y + spot.y);
  const list = page.getByTestId('identify-list');
  await expect(list).toBeVisible();
  for (const title of ['控制性详细规划', '国土空间总体规划 用地规划']) await expect(list).toContainText(title);
  await saveScreenshot(page, testInfo, 'identify-stacked-zh');

  // the 控规 parcel from the list: its attributes by alias, outlined on the globe
  await page.locator('[data-testid^="identify-item-"][data-layer="plan_regulatory"]').first().click();
  await expect(page.getByTestId('attributes-layer')).toContainText('控制性详细规划');
  await expect(page.getByTestId('attributes-panel')).toContainText('地块编码');
  await expect.poll(() => page.evaluate(() => window.__cimMap?.highlightedLayers())).toEqual(['plan_regulatory']);

  // the attribute table, linked both ways: the globe's selection is its selected row; a row selects on the globe
  await page.getByTestId('fold-toggle-left').click();
  await page.getByTestId('layer-tree').getByText('控制性详细规划', { exact: true }).click();
  await page.getByTestId('layer-table-plan_regulatory').click();
  await expect(page.getByTestId('attribute-table')).toBeVisible();
  await expect(page.locator('.cim-table-selected')).toHaveCount(1);
  const before = (await page.getByTestId('attr-dkbm').textContent()) ?? '';
  const row = page.locator('[data-testid="attribute-table"] .ant-table-row').filter({ hasNotText: before }).first();
  await row.click();
  await expect(page.getByTestId('attr-dkbm')).not.toHaveText(before);
  const after = (await page.getByTestId('attr-dkbm').textContent()) ?? '';
  expect(await row.textContent()).toContain(after);
  await expect(page.locator('.cim-table-selected')).toHaveCount(1);
  await expect.poll(() => page.evaluate(() => window.__cimMap?.highlightedLayers())).toEqual(['plan_regulatory']);
  await waitForMapIdle(page);
  await saveScreenshot(page, testInfo, 'attribute-table-zh');
  await page.getByTestId('table-close').click();

  // English, without a new globe and without a tile
  let tiles = 0;
  page.on('request', (r) => {
    if (r.url().includes('/tiles/')) tiles++;
  });
  await page.evaluate(() => {
    (window as unknown as { __canvas?: Element | null }).__canvas =
      document.querySelector('[data-testid="globe"] canvas');
  });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('menu-file')).toHaveText('File');
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { __canvas?: Element | null }).__canvas ===
        document.querySelector('[data-testid="globe"] canvas'),
    ),
  ).toBe(true);
  const attributes = page.getByTestId('attributes-panel');
  await expect(attributes).toContainText('Parcel code');
  // field names and the panel's words in English; only values from the national tables may be Chinese
  const fieldLabels = await attributes.locator('.ant-descriptions-item-label').allTextContents();
  expect(fieldLabels.length).toBeGreaterThan(3);
  expect(fieldLabels.filter((l) => CJK.test(l))).toEqual([]);
  expect(await page.getByTestId('identify-list').locator('.cim-identify-title').textContent()).not.toMatch(CJK);
  await expect(legend).toContainText('Legend');
  await waitForMapIdle(page);
  expect(tiles, 'tiles requested by the language switch').toBe(0);
  await saveScreenshot(page, testInfo, 'english-1440');
});
