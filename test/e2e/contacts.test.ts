// Browser test of contact points (issue 14): the unit head proposes a unit point (R1.9), 政策法规处
// accepts it on the selection board, the leader in charge confirms it, and unit staff record a visit
// on a phone (390×844) raising an appeal that lands in intake's queue (R4.2, channel 调研走访); the
// year at a glance and the enterprise card show it. Staff pages at 1366×768, no horizontal overflow,
// no console error. Screenshots go to artifacts/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest, login, PHONE, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const STAFF = { width: 1366, height: 768 };

async function noOverflow(page: Page, label: string) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${label}: page is ${sw}px wide in a ${iw}px window`);
}

async function pickOption(page: Page, field: ReturnType<Page['getByLabel']>, search?: string) {
  await field.click();
  if (search) await field.fill(search);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  await option.waitFor();
  await option.click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

test('R1.9 proposal → coordination → leader confirmation → a visit on a phone raising an appeal (R1.8, R4.2, R7.1)', async () => {
  // 1. The unit head of 危化处 proposes a unit point with the unit's liaison officer.
  const head = await watchedPage(e2e.browser, 'unit_head', STAFF);
  await login(head.page, e2e.app.base, 'unit_head');
  await head.page.goto(`${e2e.app.base}/contacts`);
  await head.page.getByRole('tab', { name: '按处室' }).click();
  await head.page.locator('.ant-table-row').first().waitFor();
  await screenshot(head.page, 'contacts-list-unit');
  await noOverflow(head.page, 'contact points');
  await head.page.getByTestId('propose-point').click();
  const modal = head.page.locator('.ant-modal:visible');
  await pickOption(head.page, modal.getByLabel('联络员'));
  await pickOption(head.page, modal.getByLabel('企业'));
  await modal.getByLabel('推荐理由').fill('企业规模大、涉及重点监管危险化工工艺，诉求较多');
  await screenshot(head.page, 'contacts-propose');
  await modal.getByRole('button', { name: '报送统筹协调' }).click();
  await head.page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  const pointUrl = head.page.url();
  await head.page.getByText('待统筹协调').first().waitFor();
  assert.deepEqual(head.problems, []);

  // 2. 政策法规处 sees it on the selection board and accepts it (agreeing to an overlap if there is one).
  const coord = await watchedPage(e2e.browser, 'coordinator', STAFF);
  await login(coord.page, e2e.app.base, 'coordinator');
  await coord.page.goto(`${e2e.app.base}/contacts/board`);
  await coord.page.getByTestId('board-proposed').getByText('待我处理').first().waitFor();
  await screenshot(coord.page, 'contacts-board');
  await noOverflow(coord.page, 'selection board');
  await coord.page.goto(pointUrl);
  await coord.page.getByTestId('point-accept').click();
  const accept = coord.page.locator('.ant-modal:visible');
  if (await accept.getByText('同意重叠').count()) await accept.getByText('同意重叠').click();
  await accept.getByRole('button', { name: '统筹通过' }).click();
  await coord.page.getByText('待领导确认').first().waitFor();
  assert.deepEqual(coord.problems, []);

  // 3. The leader in charge of 危化处 confirms: the term starts (R1.7, one year).
  const leader = await watchedPage(e2e.browser, 'leader', STAFF);
  await login(leader.page, e2e.app.base, 'leader');
  await leader.page.goto(pointUrl);
  await leader.page.getByTestId('point-confirm').click();
  await leader.page
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /确\s*认/ })
    .click();
  await leader.page.getByText('已确认').first().waitFor();
  await leader.page.getByTestId('point-timeline').getByText('确认').first().waitFor();
  await screenshot(leader.page, 'contacts-point-confirmed');
  await noOverflow(leader.page, 'point page');
  assert.deepEqual(leader.problems, []);

  // 4. Unit staff on a phone record the visit; R7.1 refuses it without findings; an appeal raised on site.
  const staff = await watchedPage(e2e.browser, 'unit_staff', PHONE);
  await login(staff.page, e2e.app.base, 'unit_staff');
  await staff.page.goto(pointUrl);
  await staff.page.getByTestId('record-visit').click();
  await staff.page.waitForURL(/\/contacts\/records\/new\?pointId=/);
  await staff.page.getByLabel('宣讲的法规政策').fill('宣讲危险化学品安全生产许可新规');
  await staff.page.getByLabel('了解到的困难').fill('企业反映延期换证材料重复提交');
  await staff.page.getByTestId('save-record').click();
  await staff.page.getByText('请写明发现的问题或了解到的情况，不能只记过程').waitFor();
  await staff.page.getByTestId('findings').fill('企业专职安全管理人员不足，许可延续材料准备困难');
  await staff.page.getByTestId('follow-up-description').fill('指导企业准备许可延续材料');
  await staff.page.getByTestId('add-appeal').click();
  await staff.page.getByTestId('appeal-title').fill('安全生产许可延续材料重复提交');
  await staff.page.getByTestId('appeal-content').fill('企业反映延续换证时需再次提交已报送过的材料，希望简化。');
  await staff.page.getByTestId('appeal-contact').fill('王经理');
  await staff.page.getByTestId('appeal-phone').fill('13800000000');
  await screenshot(staff.page, 'contacts-visit-form-phone');
  await noOverflow(staff.page, 'visit form on a phone');
  await staff.page.getByTestId('save-record').click();
  await staff.page.waitForURL(/\/contacts\/records\/[0-9a-f-]{36}$/);
  const appealLink = staff.page.locator('a', { hasText: /^ZQT-/ }).first();
  await appealLink.waitFor();
  const number = (await appealLink.textContent())!.trim();
  // R7.1 the follow-up tracked to done.
  await staff.page.getByTestId('follow-up-done').click();
  const doneModal = staff.page.locator('.ant-modal:visible');
  await doneModal.getByLabel('落实情况').fill('已指导企业整理延续材料清单');
  await doneModal.getByRole('button', { name: /办\s*结/ }).click();
  await staff.page.getByText('已办结').first().waitFor();
  await staff.page.locator('.ant-modal:visible').waitFor({ state: 'hidden' });
  await staff.page.locator('.ant-message-notice').first().waitFor({ state: 'hidden' });
  await screenshot(staff.page, 'contacts-record-phone');
  await noOverflow(staff.page, 'record page on a phone');
  assert.deepEqual(staff.problems, []);

  // 5. Intake finds the appeal in its queue, channel 调研走访, its timeline naming the field record.
  const intake = await watchedPage(e2e.browser, 'intake', STAFF);
  await login(intake.page, e2e.app.base, 'intake');
  await intake.page.goto(pointUrl);
  await intake.page.locator('a', { hasText: number }).first().click();
  await intake.page.getByText('调研走访').first().waitFor();
  await intake.page.getByText('现场记录转入').first().waitFor();
  await intake.page.getByRole('link', { name: '查看现场记录' }).waitFor();
  await screenshot(intake.page, 'contacts-field-appeal');
  assert.deepEqual(intake.problems, []);

  // 6. The enterprise page shows the point, the visit and the appeal.
  await leader.page.goto(pointUrl);
  await leader.page.getByTestId('point-enterprise').click();
  await leader.page.getByTestId('enterprise-contacts').getByText(number).waitFor();
  await leader.page.getByTestId('enterprise-contacts').scrollIntoViewIfNeeded();
  await screenshot(leader.page, 'contacts-enterprise-card');

  // 7. 政策法规处 sees the province's year at a glance with each city's totals.
  await coord.page.goto(`${e2e.app.base}/contacts/year`);
  await coord.page.getByRole('tab', { name: '各市合计' }).click();
  await screenshot(coord.page, 'contacts-year-cities');
  await coord.page.getByRole('tab', { name: '按联系点' }).click();
  await coord.page.getByText('进度滞后').first().waitFor();
  await screenshot(coord.page, 'contacts-year-coordinator');
  assert.deepEqual(coord.problems, []);

  // 8. The year at a glance counts the visit.
  await leader.page.goto(`${e2e.app.base}/contacts/year`);
  await leader.page.getByText('按联系点').waitFor();
  await screenshot(leader.page, 'contacts-year');
  await noOverflow(leader.page, 'year at a glance');
  assert.deepEqual(leader.problems, []);
});
