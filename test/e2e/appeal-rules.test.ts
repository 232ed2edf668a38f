// Browser test of issue 22 (R3.4, R6.6, the calendar reminder): the coordinator sets 省长信箱's lead
// unit on 渠道主办处室; intake picks the channel and sees the unit preselected with the reason, and an
// override asks for one; the 鲁力办 list; the calendar page tells the sysadmin of next year's notice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, appUnderTest, login, screenshot, watchedPage } from './harness.ts';
import { tablesScrolled } from './pages-lib.ts';

const e2e = appUnderTest();

test('R3.4 R6.6 channel lead units, intake preselection, the 鲁力办 list', async () => {
  const w = await watchedPage(e2e.browser, 'appeal-rules');
  await login(w.page, e2e.app.base, 'coordinator');
  await w.page.goto(`${e2e.app.base}/appeals/channel-leads`);
  const select = w.page.getByTestId('channel-lead-governor_mailbox');
  await select.click();
  await w.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await w.page.getByTestId('save-channel-leads').click();
  await w.page.getByText('渠道主办处室已保存').waitFor();
  await screenshot(w.page, 'appeal-rules-channel-leads');

  await w.page.context().clearCookies();
  await login(w.page, e2e.app.base, 'intake');
  await w.page.goto(`${e2e.app.base}/appeals/new`);
  await w.page.getByTestId('channel').click();
  await w.page.locator('.ant-select-dropdown:visible').getByText('省长信箱', { exact: true }).click();
  await w.page.getByTestId('channel-lead-hint').waitFor();
  assert.match(await w.page.getByTestId('channel-lead-hint').innerText(), /「省长信箱」渠道的诉求由.+主办，已预选/);
  await screenshot(w.page, 'appeal-rules-intake');

  // Two appeals supervised on 鲁力办 (the demo has none): one dispatched with the platform's deadline
  // in three days, one whose platform deadline has passed. Both list under 办理中 with every column in
  // sight; 办公室 urges one from the list.
  const units = (await apiCall(w.page, 'GET', '/api/units')).json.items as { id: string; name: string }[];
  const lead = units.find((u) => u.name === '危险化学品安全监督管理处')!;
  const luliban = async (ref: string, dueInDays: number) => {
    const r = await apiCall(w.page, 'POST', '/api/appeals', {
      channel: 'hotline',
      category: 'licensing',
      title: `鲁力办转来：危险化学品经营许可证换证咨询（${ref}）`,
      content: '企业经鲁力办平台反映换证材料要求不清楚，平台要求限期答复。',
      contactName: '赵建华',
      contactPhone: '13905310088',
      enterpriseName: '济南鲁丰化工有限公司',
      lulibanRef: ref,
      lulibanDueAt: new Date(Date.now() + dueInDays * 86_400_000).toISOString(),
      dispatch: { leadUnitId: lead.id },
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
  };
  await luliban('LLB-2026-1201', 3);
  await luliban('LLB-2026-1125', -1);
  await w.page.goto(`${e2e.app.base}/appeals/luliban`);
  await w.page.getByTestId('luliban-search').waitFor();
  const later = w.page.locator('tr', { hasText: 'LLB-2026-1201' });
  await later.waitFor();
  assert.match(await later.innerText(), /危险化学品安全监督管理处/);
  assert.match(await later.innerText(), /未催办/);
  assert.deepEqual(await tablesScrolled(w.page), [], '鲁力办督办: every column in sight at 1366×860');
  await later.getByTestId('urge-LLB-2026-1201').click();
  await w.page
    .locator('.ant-modal')
    .getByRole('button', { name: /催\s*办/ })
    .click();
  // The confirmation names the appeal; the row then counts the urge (both may be on screen at once).
  await w.page
    .locator('.ant-message-notice')
    .getByText(/^已催办 ZQT-/)
    .waitFor();
  await later.getByText('已催办1次').waitFor();
  await screenshot(w.page, 'appeal-rules-luliban');

  await w.page.context().clearCookies();
  await login(w.page, e2e.app.base, 'sysadmin');
  await w.page.goto(`${e2e.app.base}/calendar`);
  await w.page.locator('[data-date="2026-10-01"]').waitFor();
  await screenshot(w.page, 'appeal-rules-calendar');
  assert.deepEqual(w.problems, []);
});
