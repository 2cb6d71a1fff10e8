/** Driving the workbench: waiting on map state (never on sleeps), reading canvas pixels. */
import type { Locator, Page, TestInfo } from '@playwright/test';
import { decodePng, type Rgba } from './png.js';

/** The demo city on SwiftShader takes ~100 frames to settle, at well under a frame a second when the machine is busy. */
const IDLE_TIMEOUT_MS = 360_000;

export function globeCanvas(page: Page): Locator {
  return page.locator('.cim-globe .cesium-widget canvas').first();
}

export async function frameCount(page: Page): Promise<number> {
  return page.evaluate(() => window.__cimMap?.frameCount() ?? -1);
}

/**
 * Waits until the globe has drawn at least one frame after `sinceFrame` and is idle. The demo
 * city (terrain, imagery, 3D Tiles) takes minutes on a loaded machine: its specs pass a longer timeout.
 */
export async function waitForMapIdle(page: Page, sinceFrame = -1, timeoutMs = IDLE_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    (since) => {
      const map = window.__cimMap;
      return map !== undefined && map.frameCount() > since && map.isIdle();
    },
    sinceFrame,
    { polling: 250, timeout: timeoutMs },
  );
}

/**
 * Opens the workbench and waits for the globe to settle. An empty workspace opens on the
 * welcome screen: it is closed unless `keepWelcome`, so a spec starts at the workbench.
 */
export async function openWorkbench(page: Page, url: string, options: { keepWelcome?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await page.getByTestId('globe').waitFor();
  await page.locator('[data-testid="workbench"][data-ready="true"]').waitFor();
  await waitForMapIdle(page);
  const welcome = page.getByTestId('welcome');
  if (!options.keepWelcome && (await welcome.count()) > 0) {
    await page.getByTestId('welcome-close').click();
    await welcome.waitFor({ state: 'detached' });
  }
}

export async function canvasPixels(page: Page): Promise<Rgba> {
  return decodePng(await globeCanvas(page).screenshot());
}

/** Page coordinates of a ground point, from the map's own projection. */
export async function pagePointOf(page: Page, lonDeg: number, latDeg: number): Promise<{ x: number; y: number }> {
  const onCanvas = await page.evaluate(({ lon, lat }) => window.__cimMap?.project(lon, lat) ?? null, {
    lon: lonDeg,
    lat: latDeg,
  });
  if (!onCanvas) throw new Error(`(${String(lonDeg)}, ${String(latDeg)}) is not in view`);
  const box = await globeCanvas(page).boundingBox();
  if (!box) throw new Error('globe canvas has no box');
  return { x: box.x + onCanvas.x, y: box.y + onCanvas.y };
}

/** Canvas-relative pixel of a ground point (for regions of canvas screenshots). */
export async function canvasPointOf(page: Page, lonDeg: number, latDeg: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(({ lon, lat }) => window.__cimMap?.project(lon, lat) ?? null, {
    lon: lonDeg,
    lat: latDeg,
  });
  if (!point) throw new Error(`(${String(lonDeg)}, ${String(latDeg)}) is not in view`);
  return point;
}

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  // Dialogs and menus fade in and out (antd motion classes); let them arrive first. On a loaded
  // machine a motion can stall for longer than that (software rendering at a few frames a
  // second): the picture is then taken anyway, since it asserts nothing.
  await page
    .waitForFunction(
      () => !document.querySelector('[class*="-appear"], [class*="-enter"], [class*="-leave"]'),
      undefined,
      {
        timeout: 60_000,
      },
    )
    .catch(() => undefined);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
