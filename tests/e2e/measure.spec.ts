/**
 * Journey: an inspector measures a distance and an area on the globe. The answers are
 * computed here independently: the distance with Cesium's EllipsoidGeodesic in Node, the
 * area on a local tangent plane (good to 0.01 % at this size).
 */
import { Cartographic, Ellipsoid, EllipsoidGeodesic } from 'cesium';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { openWorkbench, pagePointOf, saveScreenshot, waitForMapIdle } from './support/workbench.js';

/** Looking straight down on Nanyang from 20 km: about 25 m per pixel. */
const VIEW = { lon: 112.53, lat: 33.0, heightM: 20_000, headingDeg: 0, pitchDeg: -90, rollDeg: 0 };

type LonLat = [number, number];

function geodesicM(a: LonLat, b: LonLat): number {
  return new EllipsoidGeodesic(Cartographic.fromDegrees(...a), Cartographic.fromDegrees(...b), Ellipsoid.WGS84)
    .surfaceDistance;
}

function localAreaM2(points: LonLat[]): number {
  const lat0 = (points.reduce((sum, p) => sum + p[1], 0) / points.length) * (Math.PI / 180);
  const a = 6378137;
  const e2 = 0.00669438;
  const meridional = (a * (1 - e2)) / (1 - e2 * Math.sin(lat0) ** 2) ** 1.5;
  const normal = a / Math.sqrt(1 - e2 * Math.sin(lat0) ** 2);
  const xy = points.map(([lon, lat]) => [
    lon * (Math.PI / 180) * normal * Math.cos(lat0),
    lat * (Math.PI / 180) * meridional,
  ]);
  let twice = 0;
  xy.forEach(([x1 = 0, y1 = 0], i) => {
    const [x2 = 0, y2 = 0] = xy[(i + 1) % xy.length] ?? [];
    twice += x1 * y2 - x2 * y1;
  });
  return Math.abs(twice) / 2;
}

async function clickGround(page: Page, point: LonLat, button: 'left' | 'right' = 'left'): Promise<void> {
  const at = await pagePointOf(page, point[0], point[1]);
  await page.mouse.click(at.x, at.y, { button });
}

async function measurement(page: Page) {
  return page.evaluate(() => window.__cimMap?.lastMeasurement() ?? null);
}

test.beforeEach(async ({ page, cim }) => {
  await cim.call('camera.set', { camera: VIEW });
  await openWorkbench(page, cim.url);
});

test('distance between two clicked points', async ({ page }, testInfo) => {
  const from: LonLat = [112.47, 32.955];
  const to: LonLat = [112.585, 33.04];
  const expectedM = geodesicM(from, to);

  await page.getByTestId('measure-distance').click();
  await clickGround(page, from);
  await clickGround(page, to);
  await clickGround(page, to, 'right');

  const measured = await measurement(page);
  expect(measured?.kind).toBe('distance');
  expect(measured?.finished).toBe(true);
  expect(measured?.points).toHaveLength(2);
  const valueM = measured && 'valueM' in measured ? measured.valueM : Number.NaN;
  expect(Math.abs(valueM - expectedM) / expectedM).toBeLessThan(0.005);
  const shown = valueM.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  await expect(page.getByTestId('measure-value')).toContainText(`${shown} 米`);
  await expect(page.getByTestId('measure-value')).toContainText('千米');

  await waitForMapIdle(page);
  await saveScreenshot(page, testInfo, 'distance');
});

test('area of a clicked triangle', async ({ page }, testInfo) => {
  const corners: LonLat[] = [
    [112.48, 32.96],
    [112.58, 32.97],
    [112.52, 33.04],
  ];
  const expectedM2 = localAreaM2(corners);

  await page.getByTestId('measure-area').click();
  for (const corner of corners) await clickGround(page, corner);
  const last = corners[2] ?? corners[0];
  if (last) await clickGround(page, last, 'right');

  const measured = await measurement(page);
  expect(measured?.kind).toBe('area');
  expect(measured?.finished).toBe(true);
  const valueM2 = measured && 'valueM2' in measured ? measured.valueM2 : Number.NaN;
  expect(Math.abs(valueM2 - expectedM2) / expectedM2).toBeLessThan(0.01);
  await expect(page.getByTestId('measure-value')).toContainText('平方米');
  await expect(page.getByTestId('measure-value')).toContainText('公顷');
  await expect(page.getByTestId('measure-value')).toContainText('平方千米');
  await waitForMapIdle(page);
  await saveScreenshot(page, testInfo, 'area');
});
