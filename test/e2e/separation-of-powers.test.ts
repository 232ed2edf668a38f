// Browser test of 三权分立 on the account pages (issue 12): the sysadmin's users page shows the
// actions it may not take on admin accounts disabled with the reason; the secadmin's roles page
// offers reset and disable on admin accounts but not on business accounts; the province secadmin
// sees the city admin-account card; the auditor picks a city's log. Any console error fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

const row = (page: import('playwright-core').Page, username: string) => page.locator('.ant-table-row', { hasText: username }).first();

test('三权分立 on the users page: sysadmin sees admin-account actions disabled with the reason; business accounts keep theirs', async () => {
  const w = await watchedPage(e2e.browser, 'sep-sysadmin', { width: 1366, height: 768 });
  await login(w.page, e2e.app.base, 'sysadmin');
  await w.page.goto(`${e2e.app.base}/admin/users`);
  const auditor = row(w.page, 'auditor');
  await auditor.waitFor();
  for (const label of ['编辑', '重置密码', '停用']) {
    assert.equal(await auditor.getByRole('button', { name: new RegExp(label) }).isDisabled(), true, `${label} on the auditor is disabled`);
  }
  await auditor.getByRole('button', { name: /重置密码/ }).hover({ force: true });
  await w.page
    .getByText(/三权分立：管理员账号由安全管理员管理/)
    .first()
    .waitFor();
  const staff = row(w.page, 'unit_staff');
  assert.equal(await staff.getByRole('button', { name: '重置密码' }).isDisabled(), false);
  await screenshot(w.page, 'separation-users-sysadmin');
  assert.equal(await w.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal overflow');
  assert.deepEqual(w.problems, []);
});

test('三权分立 on the roles page: secadmin resets admin accounts, not business ones; the province secadmin sees the city admin card', async () => {
  const w = await watchedPage(e2e.browser, 'sep-secadmin', { width: 1366, height: 768 });
  await login(w.page, e2e.app.base, 'secadmin');
  await w.page.goto(`${e2e.app.base}/security/roles`);
  const auditor = row(w.page, 'auditor');
  await auditor.waitFor();
  assert.equal(await auditor.getByRole('button', { name: '重置密码' }).isDisabled(), false);
  assert.equal(
    await row(w.page, 'unit_staff')
      .getByRole('button', { name: /重置密码/ })
      .isDisabled(),
    true,
  );
  assert.equal(
    await row(w.page, 'secadmin')
      .getByRole('button', { name: /分配角色/ })
      .isDisabled(),
    true,
    'not its own roles',
  );
  await w.page.getByText('各市局管理员开通').waitFor();
  await w.page.getByText('济南市应急管理局').first().waitFor();
  await screenshot(w.page, 'separation-roles-secadmin');
  assert.deepEqual(w.problems, []);
});

test('the province auditor picks a city or the no-tenant rows in the audit log', async () => {
  const w = await watchedPage(e2e.browser, 'sep-auditor', { width: 1366, height: 768 });
  // A sign-in failure of a name no account has: recorded with no tenant.
  const ghost = await w.page.request.post(`${e2e.app.base}/api/auth/login`, { data: { username: 'ghost_e2e', password: 'Whatever#1x' } });
  assert.equal(ghost.status(), 401);
  await login(w.page, e2e.app.base, 'auditor');
  await w.page.goto(`${e2e.app.base}/audit`);
  await w.page.getByText('登录成功').first().waitFor();
  const select = w.page.locator('.ant-form-item', { hasText: '单位' }).locator('.ant-select').first();
  await select.click();
  await w.page.keyboard.type('无归属');
  await w.page.locator('.ant-select-item-option', { hasText: '无归属单位' }).click();
  await w.page.getByRole('button', { name: /查\s*询/ }).click();
  await w.page.locator('.ant-table-row', { hasText: 'ghost_e2e' }).first().waitFor();
  await screenshot(w.page, 'separation-audit-none');
  assert.deepEqual(w.problems, []);
});
