// Browser test of 领导批示 and the 议题与批示 page (issue 17, R6.3/leader 批示, R6.3): the leader
// (李卫东, 分管危化处) writes a 批示 on an appeal of 危化处; the unit head (周建华) sees it as a to-do and
// acknowledges it (签收批示) on the appeal page; the leader sees it 已签收 on 我的批示, and the
// 厅长办公会 tab lists an agenda item (decided by the office on the appeal page, with a follow-up action and
// its responsible unit) with its open follow-up action and deadline.
// Screenshots: artifacts/instruction-*.png (1366×768).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, appUnderTest, login, screenshot, submitDialog, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const STAFF = { width: 1366, height: 768 };
const TEXT = '请危化处抓紧与企业对接，务必在时限内答复，办理情况及时报我。';

test('R6.3/leader 批示: leader writes → unit head 签收批示 → leader sees it on 我的批示; R6.3 agenda list', async () => {
  const leader = await watchedPage(e2e.browser, 'leader', STAFF);
  await login(leader.page, e2e.app.base, 'leader');
  const list = await apiCall(leader.page, 'GET', '/api/appeals?view=portfolio&state=handling&pageSize=50');
  assert.equal(list.status, 200);
  // One that the demo data left without a 批示 or an agenda item (the demo puts both on some of 危化处's appeals).
  let appeal: { id: string; title: string } | undefined;
  for (const a of list.json.items as { id: string; title: string; leadUnitName: string | null }[]) {
    if (a.leadUnitName !== '危险化学品安全监督管理处') continue;
    const [i, e] = await Promise.all([
      apiCall(leader.page, 'GET', `/api/appeals/${a.id}/instructions`),
      apiCall(leader.page, 'GET', `/api/appeals/${a.id}/escalation`),
    ]);
    if (i.json.items.length === 0 && e.json.agendaItems.length === 0) {
      appeal = a;
      break;
    }
  }
  assert.ok(appeal, 'a 危化处 appeal in handling in the leader portfolio, without 批示 or agenda item');

  await leader.page.goto(`${e2e.app.base}/appeals/${appeal.id}`);
  const card = leader.page.getByTestId('instruction-card');
  await card.getByRole('button', { name: '作出批示' }).click();
  await leader.page.getByLabel('批示内容').fill(TEXT);
  await submitDialog(leader.page, /提\s*交/);
  await card.getByText('待签收').waitFor();
  await card.getByText(TEXT).waitFor();
  await screenshot(leader.page, 'instruction-leader-issued');

  // The unit head: a to-do on the home page, the primary action on the appeal page.
  const head = await watchedPage(e2e.browser, 'unit_head', STAFF);
  await login(head.page, e2e.app.base, 'unit_head');
  await head.page.getByText('待签收批示').first().waitFor();
  await screenshot(head.page, 'instruction-home-todo');
  await head.page.goto(`${e2e.app.base}/appeals/escalation?tab=instructions&state=issued`);
  await head.page.getByRole('link', { name: appeal.title }).first().click();
  const headCard = head.page.getByTestId('instruction-card');
  await headCard.getByRole('button', { name: '签收批示' }).click();
  await head.page.getByLabel('落实安排（可选）').fill('已安排专人对接企业，三个工作日内答复。');
  await submitDialog(head.page, /提\s*交/);
  await headCard.getByText('已签收').waitFor();
  await headCard.getByRole('button', { name: '反馈落实情况' }).waitFor();
  await screenshot(head.page, 'instruction-unit-acknowledged');
  // Timeline: both events.
  const timeline = head.page.getByTestId('appeal-timeline');
  await timeline.getByText('签收领导批示').first().waitFor();
  await timeline.getByText('领导批示', { exact: true }).first().waitFor();

  // R6.3: an agenda item with a follow-up action, for the agenda tab.
  // The unit head proposes it on the appeal page's card (the dialog's save path, useDialogSave).
  const agendaCard = head.page.getByTestId('escalation-card');
  await agendaCard.getByRole('button', { name: '提报厅长办公会议题' }).click();
  await head.page.getByLabel('议题名称').fill('关于危化企业在线监测数据接入标准的议题');
  await head.page.getByLabel('背景情况').fill('企业反映接入标准不明确。');
  await head.page.getByLabel('提请研究事项').fill('提请厅长办公会研究明确接入标准。');
  await submitDialog(head.page, /提\s*交/);
  await agendaCard.getByText('关于危化企业在线监测数据接入标准的议题').waitFor();
  const esc = await apiCall(head.page, 'GET', `/api/appeals/${appeal.id}/escalation`);
  const proposed = { json: esc.json.agendaItems[0] as { id: string } };
  const office = await watchedPage(e2e.browser, 'intake', STAFF);
  await login(office.page, e2e.app.base, 'intake');
  const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const s = await apiCall(office.page, 'POST', `/api/agenda-items/${proposed.json.id}/schedule`, { version: 1, meetingDate: day(1) });
  assert.equal(s.status, 200, JSON.stringify(s.json));
  // The office records the meeting's decision on the appeal page's card, with a follow-up action and its
  // responsible unit (the card's unit list is the appeal page's own).
  await office.page.goto(`${e2e.app.base}/appeals/${appeal.id}`);
  const officeCard = office.page.getByTestId('escalation-card');
  await officeCard.getByRole('button', { name: '录入会议决定' }).click();
  const decide = office.page.locator('.ant-modal');
  await decide.getByLabel('会议决定').fill('同意制定接入标准，由危化处牵头。');
  await decide.getByRole('button', { name: '添加落实事项' }).click();
  await decide.getByPlaceholder('落实事项').fill('起草在线监测数据接入标准');
  await decide.locator('.ant-select').filter({ hasText: '责任处室' }).click();
  await office.page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="危险化学品安全监督管理处"]').click();
  await decide.getByPlaceholder('完成时限').fill(day(20));
  await decide.getByPlaceholder('完成时限').press('Enter');
  await screenshot(office.page, 'instruction-agenda-decide', { fullPage: false });
  await submitDialog(office.page, /提\s*交/);
  await officeCard.getByText('起草在线监测数据接入标准').waitFor();
  assert.deepEqual(office.problems, []);

  // The leader: 我的批示 shows it 已签收; the agenda tab the item and its open action with its deadline.
  await leader.page.goto(`${e2e.app.base}/appeals/escalation?tab=instructions`);
  const row = leader.page.locator('tr').filter({ hasText: TEXT });
  await row.getByText('已签收', { exact: true }).waitFor();
  await row.getByText('已安排专人对接企业').waitFor();
  await screenshot(leader.page, 'instruction-leader-list');
  await leader.page.getByRole('tab', { name: '厅长办公会议题' }).click();
  const agendaRow = leader.page.locator('tr').filter({ hasText: '关于危化企业在线监测数据接入标准的议题' });
  await agendaRow.getByText('已研究决定').waitFor();
  await agendaRow.getByText(/起草在线监测数据接入标准/).waitFor();
  assert.match(await agendaRow.innerText(), /\d{2}-\d{2}（周.）24:00/);
  await screenshot(leader.page, 'instruction-agenda-list');

  assert.deepEqual(leader.problems, []);
  assert.deepEqual(head.problems, []);
  assert.deepEqual(office.problems, []);
});
