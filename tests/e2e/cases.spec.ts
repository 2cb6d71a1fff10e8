/**
 * Journey (issue #12): an inspector opens the case desk on the demo city, filters to one
 * category, opens a registered case from the table (the globe flies to it), dispatches it
 * with a note and sees the step in its history; the supervisor reads the statistics with the
 * rate definitions. Screenshots at 1440×900 in Chinese.
 */
import { encode } from 'fast-png';
import { expect, test } from './support/fixtures.js';
import { saveScreenshot, waitForMapIdle } from './support/workbench.js';

test.use({ workspace: 'demo', viewport: { width: 1440, height: 900 } });

const SETTLE_MS = 420_000;
const HIDDEN = ['buildings_3d', 'pipe_segments'];

interface Row {
  caseId: string;
  kind: string;
  majorCode: string;
  categoryName: string;
}

test('filter to a category, dispatch a registered case with a note, see its history and the rates', async ({
  page,
  cim,
}, testInfo) => {
  test.setTimeout(1_200_000);
  // a registered (立案) 事件 case of the demo's last weeks
  const open = await cim.call<{ count: number; rows: Row[] }>('cases.query', {
    status: ['立案'],
    kind: '事件',
    sort: 'reportedAt',
    limit: 1,
  });
  expect(open.count).toBeGreaterThan(5);
  const target = open.rows[0] as Row;
  const category = `${target.kind}${target.majorCode}`;
  const inCategory = await cim.call<{ count: number }>('cases.query', { category, limit: 0 });

  await page.goto(cim.url);
  await page.getByTestId('globe').waitFor();
  for (const name of HIDDEN) await page.getByTestId(`layer-toggle-${name}`).uncheck({ timeout: SETTLE_MS });
  await waitForMapIdle(page, -1, SETTLE_MS);

  await page.getByTestId('menu-view').click();
  await page.getByTestId('menu-item-cases.desk').click();
  await expect(page.getByTestId('cases-panel')).toBeVisible();
  await expect(page.getByTestId('cases-table')).toContainText('共 10000 件');

  // the desk draws its cases on the globe: clusters over the whole city, then the heat view
  await waitForMapIdle(page, -1, SETTLE_MS).catch(async (err: unknown) => {
    console.log('not idle:', JSON.stringify(await page.evaluate(() => window.__cimMap?.idleState())));
    throw err;
  });
  const overlay = await page.evaluate(() => window.__cimMap?.cases() ?? null);
  expect(overlay).toMatchObject({ mode: 'icons', shown: 10_000, heat: false });
  expect(overlay?.clusters).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, 'cases-clusters-zh-1440');
  await page.getByTestId('cases-map-mode').getByText('热力·数量').click();
  await page.waitForFunction(() => window.__cimMap?.cases()?.heat === true);
  expect(await page.evaluate(() => window.__cimMap?.cases()?.clusters)).toBe(0);
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'cases-heat-zh-1440');
  await page.getByTestId('cases-map-mode').getByText('图标').click();

  // play the months: pause on one, and the globe shows that month's cases, as many as the
  // workspace reports for it
  await page.getByTestId('cases-play').click();
  await expect(page.getByTestId('cases-time-label')).toContainText(/^\d{4}-\d{2} · /);
  await page.getByTestId('cases-play').click();
  const label = (await page.getByTestId('cases-time-label').textContent()) ?? '';
  const [, month, shownText] = /^(\d{4}-\d{2}) · 地图上 (\d+) 件/.exec(label) ?? [];
  const y = Number(month?.slice(0, 4));
  const m = Number(month?.slice(5, 7));
  const next = m === 12 ? `${String(y + 1)}-01` : `${String(y)}-${String(m + 1).padStart(2, '0')}`;
  const inMonth = await cim.call<{ count: number }>('cases.query', { from: month, to: next, limit: 0 });
  expect(inMonth.count).toBeGreaterThan(0);
  expect(Number(shownText)).toBe(inMonth.count);
  await page.waitForFunction((n) => window.__cimMap?.cases()?.shown === n, inMonth.count);
  await page.getByTestId('cases-time-slider').locator('.ant-slider-handle').press('Home');
  await expect(page.getByTestId('cases-time-label')).toContainText('全部时间 · 地图上 10000 件');

  // filter to one category, then search the case's number
  await page.getByTestId('cases-filter-category').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: `${target.kind} ${target.majorCode}` })
    .click();
  await expect(page.getByTestId('cases-table')).toContainText(`共 ${String(inCategory.count)} 件`);
  await saveScreenshot(page, testInfo, 'cases-filtered-zh-1440');
  await page.getByTestId('cases-search').locator('input').fill(target.caseId);
  await page.getByTestId('cases-search').locator('input').press('Enter');
  await expect(page.getByTestId('cases-table')).toContainText('共 1 件');
  await page.getByTestId(`case-row-${target.caseId}`).click();

  // the case panel: dispatch with a note
  await expect(page.getByTestId('case-detail-id')).toHaveText(target.caseId);
  await expect(page.getByTestId('case-detail-status')).toHaveText('立案');
  await page.getByTestId('case-by').fill('派遣员2');
  await page.getByTestId('case-action-派遣').click();
  await page.getByTestId('case-note').fill('请于时限内处置');
  await page.getByTestId('case-action-submit').click();
  await expect(page.getByTestId('case-detail-status')).toHaveText('派遣');
  const last = page.getByTestId('case-history-entry').last();
  await expect(last).toContainText('派遣');
  await expect(last).toContainText('派遣员2');
  await expect(last).toContainText('请于时限内处置');
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'cases-dispatched-zh-1440');
  const stored = await cim.call<{ case: { status: string; assignee: string | null; version: number } }>('cases.get', {
    caseId: target.caseId,
  });
  expect(stored.case).toMatchObject({ status: '派遣', version: 2 });

  expect(stored.case.assignee).not.toBeNull();

  // an illegal step is refused with its reason: the inspector may not close it
  await page.getByTestId('case-by').fill('监督员001');
  await expect(page.getByTestId('case-action-结案')).toHaveCount(0);

  // the statistics, with their definitions
  await page.getByTestId('cases-tab-stats').click();
  await expect(page.getByTestId('case-stats')).toContainText('结案率 = 已结案 / 已立案');
  await expect(page.getByTestId('case-chart-status')).toBeVisible();
  await saveScreenshot(page, testInfo, 'cases-stats-zh-1440');
  // back on the case: a photo from the inspector's camera (a PNG here), into the Related Tables
  // media table (last: after it, the screenshot helper's wait for antd motion classes timed out)
  await page.getByTestId('cases-tab-detail').click();
  const png = Buffer.from(
    encode({ width: 4, height: 3, data: new Uint8Array(4 * 3 * 3).fill(180), channels: 3, depth: 8 }),
  );
  await page
    .getByTestId('case-detail')
    .locator('input[type=file]')
    .setInputFiles({ name: 'spot.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('case-photos').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('case-history-entry').last()).toContainText('照片');

  // a new case by a click on the globe (right of the desk), reported with its category
  await page.getByTestId('cases-create-on-globe').click();
  await page.waitForFunction(() => window.__cimMap?.placing() === true);
  const canvas = await page.getByTestId('globe').locator('canvas').first().boundingBox();
  if (!canvas) throw new Error('no globe canvas');
  await page.mouse.click(canvas.x + canvas.width * 0.85, canvas.y + canvas.height * 0.55);
  await expect(page.getByTestId('case-create')).toBeVisible();
  await page.getByTestId('case-create-category').click();
  await page.keyboard.type('0102');
  await page.locator('.ant-select-item-option').filter({ hasText: '事件 0102' }).click();
  await page.getByTestId('case-create-description').fill('路边暴露垃圾一堆');
  await page.getByTestId('case-create-submit').click();
  await expect(page.getByTestId('case-detail-status')).toHaveText('上报');
  const madeId = (await page.getByTestId('case-detail-id').textContent()) ?? '';
  const made = await cim.call<{ case: { description: string; lon: number; lat: number; street: string } }>(
    'cases.get',
    { caseId: madeId },
  );
  expect(made.case.description).toBe('路边暴露垃圾一堆');
  expect(made.case.street).not.toBe('');
  const placeText = (await page.getByTestId('case-detail').textContent()) ?? '';
  expect(placeText).toContain('路边暴露垃圾一堆');
  await page.waitForFunction((id) => window.__cimMap?.cases()?.selected === id, madeId);
  await saveScreenshot(page, testInfo, 'cases-created-zh-1440');
});
