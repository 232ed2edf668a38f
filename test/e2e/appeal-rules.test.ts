// Browser test of issue 22 (R3.4, R6.6, the calendar reminder): the coordinator sets 省长信箱's lead
// unit on 渠道主办处室; intake picks the channel and sees the unit preselected with the reason, and an
// override asks for one; the 鲁力办 list; the calendar page tells the sysadmin of next year's notice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

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

  await w.page.goto(`${e2e.app.base}/appeals/luliban`);
  await w.page.getByTestId('luliban-search').waitFor();
  await screenshot(w.page, 'appeal-rules-luliban');

  await w.page.context().clearCookies();
  await login(w.page, e2e.app.base, 'sysadmin');
  await w.page.goto(`${e2e.app.base}/calendar`);
  await w.page.locator('[data-date="2026-10-01"]').waitFor();
  await screenshot(w.page, 'appeal-rules-calendar');
  assert.deepEqual(w.problems, []);
});
