// Browser test of 建议提案 (R3.3) at 1366×768: 办公室 registers a CPPCC member's proposal (the appeal is
// made with it and dispatched to the lead unit), the lead unit (危化处) writes the reply letter and sees
// the proposal's deadline on the linked appeal's page beside the 2115 milestones, 办公室 records the
// member's evaluation (满意) from the feedback form and the proposal closes. Screenshots:
// artifacts/proposals-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const STAFF = { width: 1366, height: 768 };

async function noOverflow(page: Page, label: string) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${label}: page is ${sw}px wide in a ${iw}px window`);
}

/** Picks in the open dialog (the page's own filters carry the same labels, e.g. 类别). */
async function pick(page: Page, label: string, option: string) {
  await page.locator('.ant-modal').getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

test('R3.3 a CPPCC proposal from assignment to the member’s evaluation', async () => {
  const office = await watchedPage(e2e.browser, 'intake', STAFF);
  await login(office.page, e2e.app.base, 'intake');
  await office.page.goto(`${e2e.app.base}/appeals/proposals`);
  // The demo proposals are listed with their deadlines.
  await office.page.getByTestId('proposal-link').filter({ hasText: '第0123号' }).waitFor();
  await office.page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.includes('登记建议提案'));
    return b && !b.disabled;
  });
  await office.page.waitForTimeout(300);
  await noOverflow(office.page, 'proposal list');
  await screenshot(office.page, 'proposals-list');

  await office.page.getByRole('button', { name: '登记建议提案' }).click();
  const modal = office.page.locator('.ant-modal');
  await pick(office.page, '类别', '政协委员提案');
  await modal.getByLabel('会议').fill('省政协十三届三次会议');
  await modal.getByLabel('编号').fill('0789');
  await modal.getByLabel('政协委员').fill('孙丽');
  await modal.getByLabel('界别').fill('科技界');
  await modal.getByLabel('标题').fill('关于推广化工园区智慧安全监管平台的提案');
  await modal.getByLabel('主要内容').fill('建议总结试点园区经验，推广智慧安全监管平台，减少企业重复报送数据。');
  await pick(office.page, '主办处室', '危险化学品安全监督管理处');
  await modal.getByLabel('或填写企业名称（未在名录中）').fill('淄博齐鲁新材料有限公司');
  await modal.getByLabel('企业联系人').fill('张工');
  await modal.getByLabel('联系电话').fill('13905331234');
  await screenshot(office.page, 'proposals-register');
  await modal.getByRole('button', { name: '登记并派主办处室' }).click();
  await office.page.getByTestId('proposal-state').filter({ hasText: '办理中' }).waitFor();
  const proposalUrl = office.page.url();
  assert.match(proposalUrl, /\/appeals\/proposals\/[0-9a-f-]{36}$/);
  // 办公室 waits for the reply: the primary action is disabled with its reason.
  const replyBtn = office.page.getByRole('button', { name: '提交答复函' });
  assert.equal(await replyBtn.isDisabled(), true);
  await noOverflow(office.page, 'proposal registered');
  await screenshot(office.page, 'proposals-registered');

  // The lead unit: the deadline on the linked appeal's page, then the reply letter.
  const unit = await watchedPage(e2e.browser, 'unit_staff', STAFF);
  await login(unit.page, e2e.app.base, 'unit_staff');
  await unit.page.goto(proposalUrl);
  await unit.page.getByTestId('proposal-state').filter({ hasText: '办理中' }).waitFor();
  await unit.page.getByTestId('proposal-appeal-link').click();
  await unit.page.getByTestId('appeal-proposal-deadline').waitFor();
  assert.match((await unit.page.getByTestId('appeal-proposal-deadline').innerText()).replace(/\s+/g, ''), /政协委员提案答复期限.*第0789号/);
  await unit.page.getByTestId('milestone-resolution').waitFor();
  await noOverflow(unit.page, 'appeal page');
  await screenshot(unit.page, 'proposals-appeal');
  await unit.page.goto(proposalUrl);
  await unit.page.getByRole('button', { name: '提交答复函' }).click();
  await unit.page
    .locator('.ant-modal')
    .getByLabel('答复函内容')
    .fill('我厅将在全省化工园区推广智慧安全监管平台，2027年底前实现重点园区全覆盖，企业数据一次报送、多方共享。');
  await unit.page
    .locator('.ant-modal')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await unit.page.getByTestId('proposal-state').filter({ hasText: '已答复' }).waitFor();
  await unit.page.locator('.ant-modal-mask').waitFor({ state: 'detached' });
  await screenshot(unit.page, 'proposals-replied');

  // 办公室 records the member's evaluation from the feedback form: 满意 closes it.
  await office.page.reload();
  await office.page.getByRole('button', { name: '登记代表委员评价' }).click();
  await office.page.locator('.ant-modal').getByText('满意', { exact: true }).click();
  await office.page.locator('.ant-modal').getByLabel('反馈意见').fill('答复具体，有时间表。');
  await office.page
    .locator('.ant-modal')
    .getByRole('button', { name: /提\s*交/ })
    .click();
  await office.page.getByTestId('proposal-state').filter({ hasText: '已办结' }).waitFor();
  await office.page.getByTestId('round-1-evaluation').filter({ hasText: '满意' }).waitFor();
  await office.page.locator('.ant-modal-mask').waitFor({ state: 'detached' });
  await noOverflow(office.page, 'proposal closed');
  await screenshot(office.page, 'proposals-evaluated');

  assert.deepEqual([...office.problems, ...unit.problems], []);
});
