/**
 * Journey (issue #3): a planner opens the demo city — terrain, imagery and 3D buildings —
 * clicks a building to read its height and use, and switches the survey epoch to see the
 * city as it stood in 2022. Buildings are found from the workspace itself: the 2024 survey's
 * new buildings (absent from 2022), tallest first, whose footprint centre the map picks.
 */
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { decodeGpkg, envelopeOf } from '../../main/store/gpkg-geometry.js';
import { demoCityPath } from './support/demo-city.js';
import { expect, test } from './support/fixtures.js';
import { luminanceVariance } from './support/pixels.js';
import {
  canvasPixels,
  frameCount,
  globeCanvas,
  openWorkbench,
  saveScreenshot,
  waitForMapIdle,
} from './support/workbench.js';

// software WebGL's cost is per pixel: a smaller window settles the city sooner
test.use({ workspace: 'demo', viewport: { width: 1100, height: 700 } });
test.setTimeout(900_000);

interface Building {
  id: string;
  heightM: number;
  use: string;
  lon: number;
  lat: number;
}

/** Buildings of the 2024 survey that the 2022 survey does not have, tallest first. */
function newBuildings(): Building[] {
  const db = new Database(demoCityPath(), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT b.bldg_id AS id, b.height_m AS heightM, b.use AS use, b.geom AS geom FROM buildings_2024 b
         WHERE b.bldg_id NOT IN (SELECT bldg_id FROM buildings_2022) ORDER BY b.height_m DESC LIMIT 40`,
      )
      .all() as { id: string; heightM: number; use: string; geom: Buffer }[];
    return rows.flatMap((row) => {
      const geometry = decodeGpkg(row.geom);
      const box = geometry ? envelopeOf(geometry) : null;
      if (!box) return [];
      return [{ ...row, lon: (box[0] + box[1]) / 2, lat: (box[2] + box[3]) / 2 }];
    });
  } finally {
    db.close();
  }
}

/** The first candidate whose centre, seen from the camera, is that building. */
async function visibleBuilding(
  page: Page,
  candidates: Building[],
): Promise<{ building: Building; x: number; y: number }> {
  for (const building of candidates) {
    const found = await page.evaluate(
      ({ lon, lat, id }) => {
        const map = window.__cimMap;
        const at = map?.project(lon, lat);
        if (!map || !at) return null;
        const picked = map.pickAt(at.x, at.y);
        return picked?.layer === 'buildings_3d' && picked.properties.bldg_id === id ? at : null;
      },
      { lon: building.lon, lat: building.lat, id: building.id },
    );
    if (found) return { building, ...found };
  }
  throw new Error(`none of ${String(candidates.length)} new buildings is in plain view`);
}

test('the demo city: terrain, imagery, buildings to click, and the survey epoch', async ({ page, cim }, testInfo) => {
  await openWorkbench(page, cim.url);
  const state = await page.evaluate(() => {
    const map = window.__cimMap;
    return map
      ? { terrain: map.terrainActive(), imagery: map.imageryLayerCount(), layers: map.layerIds(), epoch: map.epoch() }
      : null;
  });
  expect(state?.terrain).toBe(true);
  // the base map, the orthophoto and the vector layers draped as imagery
  expect(state?.imagery).toBeGreaterThanOrEqual(3);
  expect(state?.layers).toEqual(expect.arrayContaining(['terrain', 'imagery', 'buildings_3d', 'parcels']));
  expect(state?.epoch).toBe('2024');
  expect(luminanceVariance(await canvasPixels(page))).toBeGreaterThan(200);
  // on this small map the legend starts folded (issue #17): opened, it lists the buildings' colours
  await expect(page.getByTestId('legend')).toHaveAttribute('data-collapsed', 'true');
  await page.getByTestId('legend-collapse').click();
  await expect(page.getByTestId('legend-buildings_3d')).toBeVisible();
  await saveScreenshot(page, testInfo, 'demo-city');

  // click a building: its height and use in the attributes panel, as the survey has them
  // (the legend folded again first, so that it covers no building)
  await page.getByTestId('legend-collapse').click();
  const { building, x, y } = await visibleBuilding(page, newBuildings());
  const box = await globeCanvas(page).boundingBox();
  if (!box) throw new Error('globe canvas has no box');
  await page.mouse.click(box.x + x, box.y + y);
  await expect(page.getByTestId('attributes-layer')).toContainText('建筑三维模型');
  await expect(page.getByTestId('attr-bldg_id')).toHaveText(building.id);
  const shownHeight = Number((await page.getByTestId('attr-height_m').textContent())?.replace(/[^\d.]/g, ''));
  // shown rounded to a decimetre (issue #17: numbers by unit)
  expect(Math.abs(shownHeight - building.heightM)).toBeLessThanOrEqual(0.05 + 1e-9);
  await expect(page.getByTestId('attr-use')).not.toBeEmpty();
  await saveScreenshot(page, testInfo, 'demo-city-building');

  // 2022: the new building is not there, so the same pixel no longer picks it
  const since = await frameCount(page);
  await page.getByTestId('epoch-control').getByText('2022').click();
  await page.waitForFunction(() => window.__cimMap?.epoch() === '2022');
  await waitForMapIdle(page, since);
  const after = await page.evaluate(({ px, py }) => window.__cimMap?.pickAt(px, py) ?? null, { px: x, py: y });
  expect(after?.properties.bldg_id ?? null).not.toBe(building.id);
  await saveScreenshot(page, testInfo, 'demo-city-2022');

  // and back: 2024 shows it again
  await page.getByTestId('epoch-control').getByText('2024').click();
  await page.waitForFunction(() => window.__cimMap?.epoch() === '2024');
  await waitForMapIdle(page);
  const back = await page.evaluate(({ px, py }) => window.__cimMap?.pickAt(px, py) ?? null, { px: x, py: y });
  expect(back?.properties.bldg_id).toBe(building.id);
});
