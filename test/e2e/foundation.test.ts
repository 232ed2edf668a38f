// Browser test of the foundation: each demo role logs in and sees its own menu; the sysadmin
// opens the organisation pages; the auditor sees the audit log. Any console error fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

/** Menu entries each demo role must see, and entries it must not. */
const MENUS: Record<string, { see: string[]; notSee: string[] }> = {
  sysadmin: { see: ['处室单位', '厅领导分管', '用户管理', '工作规则参数'], notSee: ['角色与权限', '审计日志'] },
  secadmin: { see: ['角色与权限', '安全策略'], notSee: ['用户管理', '审计日志'] },
  auditor: { see: ['审计日志'], notSee: ['用户管理', '角色与权限'] },
  intake: { see: ['首页'], notSee: ['用户管理', '角色与权限', '审计日志'] },
  leader: { see: ['首页'], notSee: ['用户管理', '审计日志'] },
  unit_staff: { see: ['首页'], notSee: ['用户管理', '审计日志'] },
  unit_head: { see: ['首页', '修改密码'], notSee: ['用户管理', '角色与权限'] },
  liaison: { see: ['首页'], notSee: ['用户管理', '审计日志'] },
  coordinator: { see: ['首页'], notSee: ['用户管理', '审计日志'] },
  oversight: { see: ['首页'], notSee: ['用户管理', '角色与权限'] },
  enterprise: { see: ['我的诉求', '提交诉求'], notSee: ['用户管理', '审计日志', '工作台'] },
};

test('each demo role logs in and sees its own menu, with no console error', async () => {
  const problems: string[] = [];
  for (const [username, menu] of Object.entries(MENUS)) {
    const w = await watchedPage(e2e.browser, username);
    await login(w.page, e2e.app.base, username);
    if (username === 'enterprise') {
      // The enterprise portal has its own shell: a bottom tab bar, no staff icon rail.
      const tabs = await w.page.getByTestId('portal-tabs').innerText();
      for (const item of menu.see) assert.ok(tabs.includes(item), `enterprise should see ${item}; tabs: ${tabs}`);
      for (const item of menu.notSee) assert.ok(!tabs.includes(item), `enterprise should not see ${item}`);
      assert.equal(await w.page.locator('.ant-layout-sider').count(), 0, 'no staff icon rail in the portal');
      problems.push(...w.problems);
      await w.page.context().close();
      continue;
    }
    const nav = await w.page.locator('.ant-layout-sider').innerText();
    // Groups may be collapsed: open the closed ones so their entries render.
    for (const group of await w.page.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title').all()) {
      await group.click();
    }
    await w.page.waitForTimeout(300);
    const text = await w.page.locator('.ant-layout-sider').innerText();
    for (const item of menu.see) assert.ok(text.includes(item), `${username} should see ${item}; menu: ${text || nav}`);
    for (const item of menu.notSee) assert.ok(!text.includes(item), `${username} should not see ${item}`);
    if (username === 'leader' || username === 'intake') await screenshot(w.page, `home-${username}`);
    problems.push(...w.problems);
    await w.page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('sysadmin opens the organisation pages (units, leaders, users, settings); screenshot', async () => {
  const w = await watchedPage(e2e.browser, 'sysadmin-org');
  await login(w.page, e2e.app.base, 'sysadmin');
  await w.page.goto(`${e2e.app.base}/admin/units`);
  await w.page.getByText('危险化学品安全监督管理处').first().waitFor();
  await w.page.getByText('省安全技术服务中心').first().waitFor();
  const rows = await w.page.locator('.ant-table-tbody tr.ant-table-row').count();
  assert.ok(rows >= 10, `units table shows ${rows} rows`);
  await screenshot(w.page, 'organisation-units');
  await w.page.goto(`${e2e.app.base}/admin/leaders`);
  await w.page.getByText('张明远').first().waitFor();
  await screenshot(w.page, 'organisation-leaders');
  await w.page.goto(`${e2e.app.base}/admin/users`);
  await w.page.getByText('unit_staff').first().waitFor();
  await w.page.goto(`${e2e.app.base}/admin/tenant-settings`);
  await w.page.getByText('解决问题或确认服务时限').first().waitFor();
  await screenshot(w.page, 'organisation-settings');
  assert.deepEqual(w.problems, []);
});

test('the API docs page renders under the security headers', async () => {
  const w = await watchedPage(e2e.browser, 'docs');
  await w.page.goto(`${e2e.app.base}/api/docs`);
  await w.page.getByText('政企通 API').first().waitFor();
  assert.deepEqual(w.problems, []);
});

test('auditor sees the audit log with the logins just made', async () => {
  const w = await watchedPage(e2e.browser, 'auditor');
  await login(w.page, e2e.app.base, 'auditor');
  await w.page.goto(`${e2e.app.base}/audit`);
  await w.page.getByText('登录成功').first().waitFor();
  await screenshot(w.page, 'audit-log');
  assert.deepEqual(w.problems, []);
});
