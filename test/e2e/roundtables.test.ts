// Browser test of a roundtable (issue 15, R5.*, R7.1) from invitation to follow-up, on the demo's
// upcoming 座谈会 (the demo enterprise is invited): the enterprise on its phone replies 参加 and submits
// an appeal for the meeting; 政策法规处 closes the collection, opens the meeting, answers one item on
// site and turns the other into an appeal for 危化处, records the minutes (R7.1) and sees the follow-up
// list with the live appeal states. Screenshots: artifacts/roundtable-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, appUnderTest, login, PHONE, screenshot, submitDialog, watchedPage } from './harness.ts';

const e2e = appUnderTest();

test('roundtable: invitation on the phone → collection → on-site answer and appeal → R7.1 minutes → follow-up list', async () => {
  // The enterprise (portal, phone layout).
  const ent = await watchedPage(e2e.browser, 'enterprise', PHONE);
  await login(ent.page, e2e.app.base, 'enterprise');
  await ent.page.goto(`${e2e.app.base}/portal/meetings`);
  const card = ent.page.getByTestId('portal-meeting').filter({ hasText: '危险化学品企业安全生产座谈会' });
  await card.waitFor();
  await card
    .getByRole('button', { name: /参\s*加/ })
    .first()
    .click();
  await ent.page.getByLabel('参会人姓名').fill('周海涛');
  await submitDialog(ent.page, /提\s*交/);
  await card.getByText('已回复：参加（周海涛）').waitFor();
  await card.getByRole('button', { name: '提交会议诉求' }).click();
  await ent.page.getByLabel('诉求类别').click();
  await ent.page.locator('.ant-select-item-option').filter({ hasText: '政策咨询' }).click();
  await ent.page.getByLabel('诉求事项').fill('重大危险源在线监测数据接入标准');
  await ent.page.getByLabel('具体内容').fill('希望明确重大危险源在线监测数据接入省平台的技术标准和时限。');
  await ent.page.getByLabel('联系人').fill('周海涛');
  await ent.page.getByLabel('联系电话').fill('13905310001');
  await submitDialog(ent.page, /提\s*交/);
  await card.getByText('重大危险源在线监测数据接入标准（待会上处理）').waitFor();
  await screenshot(ent.page, 'roundtable-portal');
  assert.deepEqual(ent.problems, []);

  // 政策法规处 (staff console).
  const staff = await watchedPage(e2e.browser, 'coordinator', { width: 1366, height: 768 });
  await login(staff.page, e2e.app.base, 'coordinator');
  await staff.page.goto(`${e2e.app.base}/roundtables`);
  await staff.page.getByRole('link', { name: '危险化学品企业安全生产座谈会' }).click();
  await staff.page.getByText('由危险化学品安全监督管理处直接与省政府办公厅对接（R5.2）').waitFor();
  await staff.page.getByText('周海涛').first().waitFor();
  await screenshot(staff.page, 'roundtable-collecting');
  await staff.page.getByRole('button', { name: '结束诉求征集' }).click();
  await staff.page.getByText('筹备就绪').first().waitFor();
  await staff.page.getByRole('button', { name: '开始会议' }).click();
  await staff.page.getByText('会议进行中').first().waitFor();
  // R7.1: the minutes wait until every item is disposed (the primary action says why).
  assert.equal(await staff.page.getByRole('button', { name: '录入会议纪要' }).isDisabled(), true);

  const row = (title: string) => staff.page.locator('tr').filter({ hasText: title });
  await row('危化品经营许可证变更能否网上全程办理').getByRole('button', { name: '当场答复' }).click();
  await staff.page.getByLabel('答复内容（诉求当场办结）').fill('企业名称变更可通过政务服务网全程网办，无需提交纸质材料。');
  await submitDialog(staff.page, /确\s*定|OK/);
  await row('危化品经营许可证变更能否网上全程办理').getByText('已办结').waitFor();
  await row('重大危险源在线监测数据接入标准').getByRole('button', { name: '转为诉求办理' }).click();
  await staff.page.getByLabel('办理处室（派单后按诉求时限办理）').fill('危险化学品');
  await staff.page.locator('.ant-select-item-option').filter({ hasText: '危险化学品安全监督管理处' }).click();
  // The choice is in the field before the dialog is confirmed (under load a click during the
  // dropdown's animation can miss; the test then says so here rather than 15 s later).
  await staff.page.locator('.ant-modal .ant-select').filter({ hasText: '危险化学品安全监督管理处' }).waitFor();
  await submitDialog(staff.page, /确\s*定|OK/);
  await row('重大危险源在线监测数据接入标准').getByText('待签收').waitFor();

  await staff.page.getByRole('button', { name: '录入会议纪要' }).click();
  await staff.page.getByLabel('会议纪要', { exact: true }).fill('座谈会由分管副厅长主持，5家企业代表参加。');
  await staff.page.getByLabel('发现的问题（R7.1 必填）').fill('在线监测数据接入标准不明确。');
  await staff.page.getByLabel('后续安排（R7.1 必填）').fill('危化处两周内答复接入标准，政策法规处跟踪。');
  await submitDialog(staff.page, /确\s*定|OK/);
  await staff.page.getByText('会后跟踪').first().waitFor();
  await staff.page.getByText('会上转办的诉求还有1件未办结').first().waitFor();
  await staff.page.getByTestId('minutes-docx').waitFor();
  await staff.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(staff.page, 'roundtable-follow-up');

  const list = await apiCall(staff.page, 'GET', '/api/roundtables');
  const m = list.json.items.find((x: { title: string }) => x.title === '危险化学品企业安全生产座谈会');
  assert.equal(m.state, 'following_up');
  assert.equal(m.appeals, 2);
  assert.deepEqual(staff.problems, []);
});

test('research and policy consultation pages (R2.*): demo task with coverage, solutions and its visits as field records, a visit recorded with the field-record form, a policy in consultation, 意见征集 on the phone', async () => {
  const staff = await watchedPage(e2e.browser, 'unit_staff', { width: 1366, height: 768 });
  await login(staff.page, e2e.app.base, 'unit_staff');
  await staff.page.goto(`${e2e.app.base}/research`);
  await staff.page.getByText('调研走访完成情况').waitFor();
  await staff.page.getByRole('link', { name: '危化品中小企业安全生产短板专题调研' }).click();
  await staff.page.getByText('覆盖情况（R2.2').waitFor();
  await staff.page.getByText('推广化工园区第三方安全托管服务').waitFor();
  // R2.4 its visits are field records, listed with a link to each.
  await staff.page.getByTestId('research-visits').getByText('走访记录（').waitFor();
  await screenshot(staff.page, 'research-task');
  await staff.page.getByTestId('research-visits').getByRole('link', { name: '查看记录' }).first().click();
  await staff.page.waitForURL(/\/contacts\/records\//);
  await staff.page.getByText('现场照片、签到表等附件').waitFor();
  // The record links back to its task.
  await staff.page.getByTestId('record-research-task').getByText('危化品中小企业安全生产短板专题调研').waitFor();
  await screenshot(staff.page, 'research-visit-record');
  // 政策法规处 records a visit of the task in progress: the field-record form (R7.1 findings, follow-up).
  const coord = await watchedPage(e2e.browser, 'coordinator', { width: 1366, height: 768 });
  await login(coord.page, e2e.app.base, 'coordinator');
  await coord.page.goto(`${e2e.app.base}/research`);
  await coord.page.getByRole('link', { name: /非煤矿山和工贸企业应急管理痛点难点调研/ }).click();
  await coord.page.getByTestId('research-visits').getByText('走访记录（1条').waitFor();
  await coord.page.getByRole('button', { name: '登记走访' }).first().click();
  const modal = coord.page.locator('.ant-modal');
  await modal.getByTestId('findings').fill('企业反映汛期排水设施老化，应急物资储备不足。');
  await modal.getByTestId('follow-up-description').fill('督促企业汛前完成排水设施检修');
  await screenshot(coord.page, 'research-visit-form');
  await modal.getByRole('button', { name: '保存走访记录' }).click();
  await coord.page.getByTestId('research-visits').getByText('走访记录（2条').waitFor();
  await coord.page.getByTestId('research-visits').getByText('企业反映汛期排水设施老化，应急物资储备不足。').waitFor();
  // 修改调研任务: the dialog starts from what is recorded; the page shows the change.
  await coord.page.getByRole('button', { name: /修\s*改/ }).click();
  const title = coord.page.locator('.ant-modal').getByLabel('调研题目');
  assert.match(await title.inputValue(), /非煤矿山和工贸企业应急管理痛点难点调研/);
  await title.fill('非煤矿山和工贸企业应急管理痛点难点调研（第二批）');
  await screenshot(coord.page, 'research-edit');
  await submitDialog(coord.page, /确\s*定|OK/);
  await coord.page.getByText('非煤矿山和工贸企业应急管理痛点难点调研（第二批）').first().waitFor();
  assert.deepEqual(coord.problems, []);
  await staff.page.goto(`${e2e.app.base}/policies`);
  await staff.page.getByRole('link', { name: /中小危险化学品企业安全改造提升/ }).click();
  await staff.page.getByText('省化工行业协会').waitFor();
  await screenshot(staff.page, 'policy');
  assert.deepEqual(staff.problems, []);

  const ent = await watchedPage(e2e.browser, 'enterprise', PHONE);
  await login(ent.page, e2e.app.base, 'enterprise');
  await ent.page.goto(`${e2e.app.base}/portal/consultations`);
  const card = ent.page.getByTestId('portal-consultation').first();
  await card.getByRole('button', { name: '提出意见' }).click();
  await ent.page.locator('.ant-modal').getByLabel('意见').fill('建议对园区外的中小企业同样给予补助。');
  await submitDialog(ent.page, /提\s*交/);
  await card.getByText('我的意见：建议对园区外的中小企业同样给予补助。').waitFor();
  await screenshot(ent.page, 'portal-consultations');
  assert.deepEqual(ent.problems, []);
});
