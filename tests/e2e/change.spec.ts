/**
 * Journey, on the demo city (issue #13): an inspector runs the illegal-build detection from the
 * Analysis menu (the 2022 and 2024 surveys against the permits, the 三条控制线 and the road red
 * lines), steps through the suspects by score while the globe flies to each, confirms one and
 * dismisses the next with a reason, and sees both decisions recorded; the confirmation filed a
 * case (事件 0101 私搭乱建) that the case desk (#12) shows with its evidence and the screenshot
 * taken at the suspect. Screenshots at 1440×900 (Chinese) and 1024×768 (English).
 */
import { expect, test } from './support/fixtures.js';
import { saveScreenshot, waitForMapIdle } from './support/workbench.js';

test.use({ workspace: 'demo', viewport: { width: 1440, height: 900 } });

const SETTLE_MS = 420_000;
const HIDDEN = ['buildings_3d', 'cases', 'pipe_segments'];

test('detect illegal builds, step through the suspects, confirm one and dismiss one', async ({
  page,
  cim,
}, testInfo) => {
  test.setTimeout(1_200_000);
  await page.goto(cim.url);
  await page.getByTestId('globe').waitFor();
  for (const name of HIDDEN) await page.getByTestId(`layer-toggle-${name}`).uncheck({ timeout: SETTLE_MS });
  await waitForMapIdle(page, -1, SETTLE_MS);

  await page.getByTestId('menu-analysis').click();
  await page.getByTestId('menu-item-analysis.change').click();
  await expect(page.getByTestId('change-panel')).toBeVisible();
  await saveScreenshot(page, testInfo, 'change-setup-zh-1440');

  await page.getByTestId('change-run').click();
  await expect(page.getByTestId('change-summary')).toContainText('change_1', { timeout: 300_000 });
  const run = await cim.call<{ summary: { count: number; suspects: { fid: number; id: string }[] } }>(
    'analysis.summary',
    { layer: 'change_1' },
  );
  // the demo city's 14 planted illegal builds
  expect(run.summary.count).toBe(14);
  await expect(page.getByTestId('change-summary')).toContainText('14 处疑似违法建设');
  await expect(page.getByTestId('change-position')).toContainText('第 1 / 14 处');
  await expect(page.getByTestId('layer-toggle-change_1')).toBeChecked({ timeout: 60_000 });
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'change-first-suspect-zh-1440');

  // the two epochs either side of a swipe bar at the suspect
  await page.getByTestId('change-swipe').click();
  await expect(page.getByTestId('compare-bar')).toBeVisible();
  await expect(page.getByTestId('compare-left')).toContainText('建筑（2022年）');
  await expect(page.getByTestId('compare-right')).toContainText('建筑（2024年）');
  await saveScreenshot(page, testInfo, 'change-swipe-zh-1440');
  await page.getByTestId('compare-close').click();
  await expect(page.getByTestId('compare-bar')).toBeHidden();

  await page.getByTestId('change-next').click();
  await expect(page.getByTestId('change-position')).toContainText('第 2 / 14 处');
  await page.getByTestId('change-confirm').click();
  // a decision moves on to the next suspect
  await expect(page.getByTestId('change-position')).toContainText('第 3 / 14 处');
  await page.getByTestId('change-dismiss').click();
  await page.getByTestId('change-reason').fill('已补办规划许可');
  await page.getByTestId('change-dismiss-ok').click();
  await expect(page.getByTestId('change-position')).toContainText('第 4 / 14 处');
  await expect(page.getByTestId('change-suspects')).toContainText('已确认');
  await expect(page.getByTestId('change-suspects')).toContainText('已排除');

  const reviews = await cim.call<{ fid: number; decision: string; reason: string; caseId: string | null }[]>(
    'change.reviews',
    { layer: 'change_1' },
  );
  expect(reviews.map((r) => [r.fid, r.decision, r.reason])).toEqual([
    [run.summary.suspects[1]?.fid, 'confirmed', ''],
    [run.summary.suspects[2]?.fid, 'dismissed', '已补办规划许可'],
  ]);
  const caseId = reviews[0]?.caseId ?? '';
  expect(caseId).toMatch(/^[A-Z]{2}\d{12}$/);
  expect(reviews[1]?.caseId).toBeNull();
  await expect(page.getByTestId('change-suspects')).toContainText(caseId);
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'change-reviewed-zh-1440');

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByTestId('lang-toggle').click();
  await expect(page.getByTestId('change-summary')).toContainText('14 suspected illegal builds');
  await expect(page.getByTestId('change-suspects')).toContainText('confirmed');
  // the language switch keeps the inspector's place
  await expect(page.getByTestId('change-position')).toContainText('4 of 14');
  await waitForMapIdle(page, -1, SETTLE_MS);
  await saveScreenshot(page, testInfo, 'change-reviewed-en-1024');

  // the case desk shows the new case with its evidence and the screenshot
  await page.getByTestId('menu-view').click();
  await page.getByTestId('menu-item-cases.desk').click();
  await expect(page.getByTestId('cases-panel')).toBeVisible();
  await page.getByTestId('cases-search').locator('input').fill(caseId);
  await page.getByTestId('cases-search').locator('input').press('Enter');
  await page.getByTestId(`case-row-${caseId}`).click();
  await expect(page.getByTestId('case-detail-id')).toHaveText(caseId);
  await expect(page.getByTestId('case-detail')).toContainText('0101 私搭乱建');
  await expect(page.getByTestId('case-detail')).toContainText(run.summary.suspects[1]?.id ?? '?');
  const evidence = page.getByTestId('case-history-entry').filter({ hasText: '证据' });
  await expect(evidence).toContainText('测量：超出面积');
  await expect(evidence).toContainText('规划许可：');
  await expect(evidence).toContainText('前期（buildings_2022）');
  await expect(evidence).toContainText('后期（buildings_2024）');
  await expect(page.getByTestId('case-photos').locator('img')).toHaveCount(1);
  const photo = await cim.call<{ photos: { id: number; contentType: string }[] }>('cases.get', { caseId });
  expect(photo.photos.map((p) => p.contentType)).toEqual(['image/jpeg']);
  await saveScreenshot(page, testInfo, 'change-case-en-1024');
});
