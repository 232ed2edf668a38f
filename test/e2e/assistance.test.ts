// Browser test of capability 8 (R6.1): the intake form's suggestion panel (knowledge answers and
// similar appeals while typing, 使用此答复 fills the on-the-spot answer), the 政策知识库 pages, the
// portal's matching answers before submitting, and the dashboard's 诉求热点 panel. One app start;
// 1366×768 staff, 390×844 portal; no horizontal overflow, no console error. Screenshots to artifacts/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { PHONE, appUnderTest, login, screenshot, watchedPage } from './harness.ts';
import { headersWrapped } from './pages-lib.ts';

const e2e = appUnderTest();
const STAFF = { width: 1366, height: 768 };

async function noOverflow(page: Page, label: string) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${label}: page is ${sw}px wide in a ${iw}px window`);
}

test('R6.1 intake: suggestions while typing, 使用此答复 fills the on-the-spot answer; 知识库 pages; 热点 on the dashboard', async () => {
  const { page, problems } = await watchedPage(e2e.browser, 'intake', STAFF);
  page.context().setDefaultTimeout(30_000);
  await login(page, e2e.app.base, 'intake');
  await page.goto(`${e2e.app.base}/appeals/new`);
  await page.getByTestId('title').fill('危化品经营许可证快到期了');
  await page.getByTestId('content').fill('我公司危险化学品经营许可证下个月到期，咨询延续申请需要提前多久、提交哪些材料。');
  const panel = page.getByTestId('suggestion-panel');
  await panel.getByText('经营许可证有效期届满', { exact: false }).first().waitFor();
  await screenshot(page, 'assistance-intake-panel');
  await noOverflow(page, 'intake with suggestions');
  await panel.getByRole('button', { name: '使用此答复' }).first().click();
  const answer = page.locator('textarea#answerOnSpot');
  await answer.waitFor();
  assert.match(await answer.inputValue(), /有效期/);
  await screenshot(page, 'assistance-intake-used');

  await page.goto(`${e2e.app.base}/knowledge`);
  await page.getByTestId('knowledge-search').locator('input').fill('有限空间');
  await page.getByTestId('knowledge-search').locator('input').press('Enter');
  await page.getByRole('link', { name: /有限空间作业前/ }).click();
  await page.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
  await page.getByText('政策依据').waitFor();
  await screenshot(page, 'assistance-knowledge-detail');
  await noOverflow(page, 'knowledge detail');
  await page.reload();
  await page.getByText('政策依据').waitFor();
  assert.deepEqual(problems, []);
});

test('R6.1 knowledge list as a unit head, and 诉求热点 on the coordinator’s dashboard', async () => {
  const { page, problems } = await watchedPage(e2e.browser, 'coordinator', STAFF);
  page.context().setDefaultTimeout(60_000);
  await login(page, e2e.app.base, 'unit_head');
  await page.goto(`${e2e.app.base}/knowledge`);
  await page.getByRole('link', { name: /露天矿山边坡监测/ }).waitFor();
  await screenshot(page, 'assistance-knowledge-list');
  await noOverflow(page, 'knowledge list');
  await page.getByRole('button', { name: '新建知识条目' }).click();
  await page.getByTestId('knowledge-question').waitFor();
  await screenshot(page, 'assistance-knowledge-edit');
  await noOverflow(page, 'knowledge edit');
  // #19: a draft carries the cited document itself as a file.
  await page.getByTestId('knowledge-question').fill('尾矿库安全度汛检查要点有哪些？');
  await page.getByTestId('knowledge-answer').fill('汛前应检查排洪设施、坝体位移和浸润线监测，落实值班和应急预案。');
  await page.getByTestId('knowledge-save').click();
  await page.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '尾矿库度汛检查要点.txt', mimeType: 'text/plain', buffer: Buffer.from('一、排洪设施\n二、坝体监测\n') });
  await page.getByText('尾矿库度汛检查要点.txt', { exact: true }).waitFor();
  await screenshot(page, 'assistance-knowledge-files');
  await noOverflow(page, 'knowledge article with a file');
  await page.context().clearCookies();
  await login(page, e2e.app.base, 'coordinator');
  await page.goto(`${e2e.app.base}/dashboard`);
  const hot = page.getByTestId('hot-topics');
  await hot.waitFor();
  await hot.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await screenshot(page, 'assistance-hot-topics');
  await noOverflow(page, 'dashboard with hot topics');
  assert.deepEqual(await headersWrapped(page), [], 'every table header of the dashboard on one line at 1366');
  assert.deepEqual(problems, []);
});

test('R6.1 the portal shows matching published answers before the enterprise submits', async () => {
  const { page, problems } = await watchedPage(e2e.browser, 'enterprise', PHONE);
  page.context().setDefaultTimeout(30_000);
  await login(page, e2e.app.base, 'enterprise');
  await page.goto(`${e2e.app.base}/portal/appeals/new`);
  await page.locator('input#title').fill('特种作业操作证过了复审期');
  await page.locator('textarea#content').fill('我厂电工特种作业操作证逾期未复审，还能复审吗，需要重新培训考试吗');
  await page.getByTestId('portal-answers').waitFor();
  await screenshot(page, 'assistance-portal-answers');
  await noOverflow(page, 'portal submit');
  assert.deepEqual(problems, []);
});
