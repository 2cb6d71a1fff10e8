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
});
