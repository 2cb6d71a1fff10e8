/**
 * Journey (issue #18): a presenter bookmarks three views, each with a different layer
 * shown, plays them as a tour from the keyboard (F5, arrows, PageUp/PageDown, Space, Esc),
 * lets it loop on its own, compares two layers with the swipe bar, and exports a 2× picture
 * with its legend. Three plan squares lie on one spot, each in its own colour, so the
 * colour at the centre of the view says which layer a stop shows. Screenshots at 1440×900
 * and 1024×768, in Chinese and English.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { meanAbsDiff } from './support/pixels.js';
import { decodePng, type Rgba } from './support/png.js';
import {
  canvasPixels,
  frameCount,
  globeCanvas,
  openWorkbench,
  saveScreenshot,
  waitForMapIdle,
} from './support/workbench.js';

test.use({ viewport: { width: 1440, height: 900 } });

const [W, S, E, N] = [112.528, 32.998, 112.532, 33.002];
/** Each stop's layer and the colour it is drawn in (RGB). */
const STOPS = [
  { layer: 'plan_red', title: '红线方案', rgb: [224, 0, 0] },
  { layer: 'plan_blue', title: '蓝线方案', rgb: [0, 48, 224] },
  { layer: 'plan_green', title: '绿地方案', rgb: [0, 192, 0] },
] as const;
const GREEN_HEX = '#00c000';

function square(path: string): void {
  const ring = [
    [W, S],
    [E, S],
    [E, N],
    [W, N],
    [W, S],
  ];
  writeFileSync(
    path,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { kind: 'G' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
    }),
  );
}

/** Mean colour of the centre of the canvas (a tenth of each side). */
function centreColour(image: Rgba): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  const [x0, y0] = [Math.floor(image.width * 0.45), Math.floor(image.height * 0.45)];
  for (let y = y0; y < y0 + image.height * 0.1; y++) {
    for (let x = x0; x < x0 + image.width * 0.1; x++) {
      const i = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] ?? 0) + (image.data[i + c] ?? 0);
      n++;
    }
  }
  return [(sum[0] ?? 0) / n, (sum[1] ?? 0) / n, (sum[2] ?? 0) / n];
}

/** Index of the strongest channel: 0 red, 1 green, 2 blue. */
function dominant(rgb: [number, number, number]): number {
  return rgb.indexOf(Math.max(...rgb));
}
const CHANNEL_OF = { plan_red: 0, plan_green: 1, plan_blue: 2 } as const;

async function arrivedAt(page: Page, index: number): Promise<void> {
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-stop', String(index));
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-phase', 'arrived', { timeout: 120_000 });
  await waitForMapIdle(page);
}

async function onlyLayer(page: Page, shown: string): Promise<void> {
  for (const { layer } of STOPS) {
    const toggle = page.getByTestId(`layer-toggle-${layer}`);
    if ((await toggle.isChecked()) !== (layer === shown)) await toggle.click();
  }
  await page.waitForFunction(() => window.__cimMap?.isIdle() === true);
}

async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await waitForMapIdle(page);
    await saveScreenshot(page, testInfo, `${name}-${String(width)}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await waitForMapIdle(page);
}

test('bookmark three views, play them as a tour from the keyboard, compare, export a 2× picture', async ({
  page,
  cim,
}, testInfo) => {
  test.setTimeout(900_000);
  for (const { layer, rgb } of STOPS) {
    const file = testInfo.outputPath(`${layer}.geojson`);
    square(file);
    const { jobId } = await cim.call<{ jobId: string }>('import.start', {
      source: { kind: 'path', path: file },
      name: layer,
    });
    await expect.poll(async () => (await cim.call<{ state: string }>('jobs.get', { jobId })).state).toBe('done');
    const hex = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    await cim.call('layers.update', {
      name: layer,
      patch: { style: { fillColor: hex, strokeColor: hex, fillOpacity: 0.85 } },
    });
  }
  // the green plan is coloured by a field: it has a legend entry
  await cim.call('layers.update', {
    name: 'plan_green',
    patch: {
      style: { fillOpacity: 0.6, thematic: { field: 'kind', method: 'categories', colours: { G: GREEN_HEX } } },
    },
  });
  await openWorkbench(page, cim.url);

  // Three bookmarks, each with one layer shown and the camera a little closer each time.
  await page.keyboard.press('Control+Shift+B');
  await expect(page.getByTestId('bookmarks-panel')).toBeVisible();
  const box = await globeCanvas(page).boundingBox();
  if (!box) throw new Error('no globe');
  for (const [i, stop] of STOPS.entries()) {
    await onlyLayer(page, stop.layer);
    if (i > 0) {
      const since = await frameCount(page);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -240);
      await waitForMapIdle(page, since);
    }
    await page.getByTestId('bookmark-new-title').fill(stop.title);
    await page.getByTestId('bookmark-new-title').press('Enter');
    await expect(page.getByTestId(`bookmark-${String(i)}`)).toContainText(stop.title);
  }
  const saved = await cim.call<
    {
      id: number;
      camera: { heightM: number };
      layers: { name: string; visible: boolean }[];
      thumbnailPng: string | null;
    }[]
  >('bookmarks.list', {});
  expect(saved.map((b) => b.layers.filter((l) => l.visible).map((l) => l.name))).toEqual(STOPS.map((s) => [s.layer]));
  expect(new Set(saved.map((b) => Math.round(b.camera.heightM))).size).toBe(3);
  for (const b of saved) expect(b.thumbnailPng?.length ?? 0).toBeGreaterThan(1000);
  await shots(page, testInfo, 'bookmarks-zh');

  // Shorter flights and pauses for the test; the panel reloads them when opened.
  for (const b of saved) await cim.call('bookmarks.update', { id: b.id, stop: { flyDurationS: 0.5, pauseS: 1 } });
  await page.keyboard.press('Control+Shift+B');
  await expect(page.getByTestId('bookmarks-panel')).toBeHidden();
  await page.keyboard.press('Control+Shift+B');
  await expect(page.getByTestId('bookmark-0')).toBeVisible();
  await page.keyboard.press('Control+Shift+B');

  // Present: F5, then the keys only. Each stop's picture shows its own layer.
  await page.locator('body').focus();
  await page.keyboard.press('F5');
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(page.getByTestId('layer-panel')).toBeHidden();
  const pictures: Rgba[] = [];
  const keys = ['', 'ArrowRight', 'PageDown'];
  for (const [i, stop] of STOPS.entries()) {
    if (keys[i]) await page.keyboard.press(keys[i] ?? '');
    await arrivedAt(page, i);
    await expect(page.getByTestId('present-stop-title')).toHaveText(stop.title);
    const picture = await canvasPixels(page);
    expect(dominant(centreColour(picture)), `stop ${String(i)} shows ${stop.layer}`).toBe(CHANNEL_OF[stop.layer]);
    pictures.push(picture);
    if (i === 2) await saveScreenshot(page, testInfo, 'presenting-zh-1440');
  }
  const [p0, p1, p2] = pictures as [Rgba, Rgba, Rgba];
  for (const [a, b] of [
    [p0, p1],
    [p1, p2],
    [p0, p2],
  ] as const) {
    expect(meanAbsDiff(a, b)).toBeGreaterThan(10);
  }
  await expect(page.getByTestId('present-compass')).toBeVisible();
  await expect(page.getByTestId('present-scale')).toBeVisible();
  await expect(page.locator('.cim-present-legend')).toContainText('plan_green');
  // a remote's PageUp goes back; ArrowLeft too; at the first stop it stays
  await page.keyboard.press('PageUp');
  await arrivedAt(page, 1);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await arrivedAt(page, 0);
  // Space plays: the tour goes on by itself after the pause, and Space pauses it again
  await page.keyboard.press('Space');
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-playing', 'true');
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-stop', '1', { timeout: 120_000 });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-playing', 'false');
  // Esc leaves and gives back the layout
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await expect(page.getByTestId('layer-panel')).toBeVisible();

  // Autoplay in a loop (an exhibition screen): it comes round to the first stop again.
  await page.keyboard.press('Control+Shift+B');
  for (const name of [/自动播放|Autoplay/, /循环|Loop/]) {
    const box = page.getByTestId('bookmarks-panel').getByRole('checkbox', { name });
    await box.press('Space');
    await expect(box).toBeChecked();
  }
  await page.getByTestId('tour-present').press('Enter');
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        seen.add((await page.getByTestId('presentation').getAttribute('data-stop')) ?? '');
        return (
          seen.size === 3 &&
          [...seen].includes('0') &&
          (await page.getByTestId('presentation').getAttribute('data-stop')) === '0'
        );
      },
      { timeout: 240_000, intervals: [200] },
    )
    .toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  // the layout as it was before presenting: the list open beside the globe
  await expect(page.getByTestId('bookmarks-panel')).toBeVisible();

  // Swipe comparison: red on the left, blue on the right, the bar moved with the keys.
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await page.getByTestId('compare-bar').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('compare-bar')).toHaveAttribute('aria-valuenow', '60');
  await waitForMapIdle(page);
  await saveScreenshot(page, testInfo, 'compare-zh-1440');
  await page.getByTestId('compare-close').press('Enter');
  await expect(page.getByTestId('compare-panel')).toHaveCount(0);

  // A 2× picture of the green stop, with its legend drawn in.
  await page.getByTestId('bookmark-2').getByTestId('bookmark-show').press('Enter');
  await expect(page.getByTestId('layer-toggle-plan_green')).toBeChecked();
  await expect(page.getByTestId('layer-toggle-plan_red')).not.toBeChecked();
  await page.keyboard.press('Control+Shift+B');
  await expect(page.getByTestId('bookmarks-panel')).toBeHidden();
  await waitForMapIdle(page);
  const css = await globeCanvas(page).boundingBox();
  await page.keyboard.press('Control+Shift+S');
  await expect(page.getByTestId('screenshot-title')).toBeVisible();
  await page.getByTestId('screenshot-title').fill('绿地方案 图片导出');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('screenshot-save').press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const png = decodePng(readFileSync(await download.path()));
  expect(png.width).toBe(Math.round((css?.width ?? 0) * 2));
  expect(png.height).toBe(Math.round((css?.height ?? 0) * 2));
  await expect(page.getByTestId('screenshot-size')).toHaveAttribute('data-width', String(png.width));
  writeFileSync(testInfo.outputPath('export-2x.png'), readFileSync(await download.path()));
  // the legend's swatch, in the layer's exact colour, at the lower left (the map draws it translucent)
  let swatch = 0;
  for (let y = Math.floor(png.height * 0.6); y < png.height; y++) {
    for (let x = 0; x < png.width * 0.3; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] === 0 && png.data[i + 1] === 192 && png.data[i + 2] === 0) swatch++;
    }
  }
  expect(swatch).toBeGreaterThan(100);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('screenshot-title')).toBeHidden();

  // English, both sizes: the list, presenting.
  await page.getByTestId('lang-toggle').press('Enter');
  await page.keyboard.press('Control+Shift+B');
  await expect(page.getByTestId('bookmarks-panel')).toContainText('Bookmarks and tour');
  await shots(page, testInfo, 'bookmarks-en');
  await page.keyboard.press('Control+Shift+B');
  await page.keyboard.press('F5');
  await arrivedAt(page, 0);
  await expect(page.getByTestId('presentation')).toContainText('Esc leave');
  await shots(page, testInfo, 'presenting-en');
  await page.keyboard.press('Escape');
  await page.getByTestId('lang-toggle').press('Enter');
  await page.keyboard.press('F5');
  await arrivedAt(page, 0);
  await shots(page, testInfo, 'presenting-zh');
  await page.keyboard.press('Escape');
});
