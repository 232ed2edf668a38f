// Browser test of enterprise accounts (issue 7 "Accounts" + separate login entry): an enterprise
// registers at /portal/register on a phone (390×844) asking for a username that already exists
// (accepted like any other: no username probing); intake (desktop) reviews it on 企业注册审核 next to
// the registry record, sees a decision made meanwhile answered as 409, approves under another
// username; the enterprise signs in at /portal/login and lands on 我的诉求. Both login entries send
// each kind of account to its own home. Screenshots: artifacts/portal-accounts-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, appUnderTest, login, PHONE, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const PASSWORD = 'Qiye#2026pass';

test('enterprise registers on a phone → intake approves on 企业注册审核 (409 shown, username override) → login at /portal/login lands on 我的诉求', async () => {
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');
  const registry = await apiCall(intake.page, 'GET', '/api/enterprises?pageSize=50');
  assert.equal(registry.status, 200);
  const [target, other] = registry.json.items.slice(-2) as { id: string; name: string; uscc: string }[];
  assert.ok(target && other, 'demo registry has enterprises');

  // ---- the enterprise, on a phone: login entry → register ----
  const ent = await watchedPage(e2e.browser, 'enterprise', PHONE);
  await ent.page.goto(`${e2e.app.base}/portal/login`);
  await ent.page.getByText('企业用户登录').waitFor();
  await screenshot(ent.page, 'portal-accounts-login');
  await ent.page.getByRole('button', { name: '申请开通企业账号' }).click();
  await ent.page.waitForURL(/\/portal\/register$/);
  await ent.page.getByTestId('password-rule').getByText('至少8位').waitFor();
  await ent.page.getByLabel('统一社会信用代码').fill(target.uscc.slice(0, 17) + (target.uscc[17] === '0' ? '1' : '0'));
  await ent.page.getByLabel('企业名称').fill(target.name);
  await ent.page.getByLabel('联系人').fill('孙经理');
  await ent.page.getByLabel('手机号码').fill('13905310002');
  // 'enterprise' is the demo enterprise account's username: the request is accepted all the same.
  await ent.page.getByLabel('用户名').fill('enterprise');
  await ent.page.getByLabel('登录密码').fill(PASSWORD);
  await ent.page.getByLabel('确认密码').fill(PASSWORD);
  await ent.page.getByRole('button', { name: '提交申请' }).click();
  // The server's 400 field message appears on the field.
  await ent.page
    .getByText(/校验位错误/)
    .first()
    .waitFor();
  await screenshot(ent.page, 'portal-accounts-register-error');
  await ent.page.getByLabel('统一社会信用代码').fill(target.uscc);
  await ent.page.getByRole('button', { name: '提交申请' }).click();
  await ent.page.getByText('已提交，等待审核').waitFor();
  await ent.page.getByTestId('register-done').getByText('enterprise').waitFor();
  await screenshot(ent.page, 'portal-accounts-register-done');

  // A second request (another enterprise), decided by someone else while intake looks at it.
  const second = await apiCall(ent.page, 'POST', '/api/portal/register', {
    tenantCode: '370000',
    uscc: other.uscc,
    enterpriseName: other.name,
    contactName: '周主任',
    mobile: '13905310003',
    username: 'e2e_second',
    password: PASSWORD,
  });
  assert.equal(second.status, 201, JSON.stringify(second.json));

  // ---- intake, desktop: 企业注册审核 ----
  await intake.page.getByRole('menuitem', { name: '企业注册审核' }).click();
  await intake.page.waitForURL(/\/enterprise-accounts\/registrations$/);
  const row2 = intake.page.locator('tr', { hasText: other.uscc });
  await row2.getByRole('button', { name: '审核' }).click();
  await intake.page.getByTestId('registry-match').getByText('名称一致').waitFor();
  const decided = await apiCall(intake.page, 'POST', `/api/enterprise-registrations/${second.json.id}/approve`, { version: 1 });
  assert.equal(decided.status, 200, JSON.stringify(decided.json));
  await intake.page.getByRole('button', { name: '审核通过并开通账号' }).click();
  await intake.page.getByText('该申请已被他人处理或修改，已刷新为最新状态').waitFor();
  await intake.page.getByTestId('registration-detail').getByText('已通过').waitFor();
  await screenshot(intake.page, 'portal-accounts-review-conflict');
  const closeDrawer = async () => {
    await intake.page.locator('.ant-drawer-close').click();
    await intake.page.getByTestId('registration-detail').waitFor({ state: 'hidden' });
  };
  await closeDrawer();

  const row1 = intake.page.locator('tr', { hasText: target.uscc });
  await row1.getByRole('button', { name: '审核' }).click();
  const detail = intake.page.getByTestId('registration-detail');
  await detail.getByTestId('username-taken').waitFor();
  await detail.getByText(target.name).first().waitFor();
  await intake.page.getByTestId('registry-match').getByText('监管处室').waitFor();
  await screenshot(intake.page, 'portal-accounts-review');
  await intake.page.getByLabel('开通用户名').fill('e2e_sunjingli');
  await intake.page.getByRole('button', { name: '审核通过并开通账号' }).click();
  await intake.page.getByText('请电话告知联系人新用户名').waitFor();
  await detail.getByText('已通过').waitFor();
  await screenshot(intake.page, 'portal-accounts-approved');
  await closeDrawer();

  // 企业账号: the new account is listed and found by enterprise name.
  await intake.page.getByRole('menuitem', { name: '企业账号', exact: true }).click();
  await intake.page.waitForURL(/\/enterprise-accounts$/);
  await intake.page.getByPlaceholder('企业名称、统一社会信用代码、用户名或使用人').fill(target.name);
  await intake.page.getByRole('button', { name: /查\s*询/ }).click();
  await intake.page.locator('tr', { hasText: 'e2e_sunjingli' }).waitFor();
  await screenshot(intake.page, 'portal-accounts-list');

  // ---- the enterprise signs in at its own entry and lands on 我的诉求 ----
  await ent.page.goto(`${e2e.app.base}/portal/login`);
  await ent.page.getByLabel('用户名').fill('e2e_sunjingli');
  await ent.page.getByLabel('密码').fill(PASSWORD);
  await ent.page.getByRole('button', { name: /登\s*录/ }).click();
  await ent.page.waitForURL(/\/portal\/appeals$/);
  await ent.page.getByRole('heading', { name: '我的诉求' }).waitFor();
  await ent.page.getByTestId('portal-appeal-card').or(ent.page.getByText('还没有提交过诉求')).first().waitFor();
  await screenshot(ent.page, 'portal-accounts-my-appeals');

  // No dead ends: an enterprise account at the staff entry lands on 我的诉求, staff at the portal entry on the staff home.
  const other2 = await watchedPage(e2e.browser, 'second-enterprise', PHONE);
  await other2.page.goto(`${e2e.app.base}/login`);
  await other2.page.getByTestId('to-portal-login').waitFor();
  await screenshot(other2.page, 'portal-accounts-staff-login');
  await other2.page.getByLabel('用户名').fill('e2e_second');
  await other2.page.getByLabel('密码').fill(PASSWORD);
  await other2.page.getByRole('button', { name: /登\s*录/ }).click();
  await other2.page.waitForURL(/\/portal\/appeals$/);
  const staff = await watchedPage(e2e.browser, 'staff-at-portal');
  await staff.page.goto(`${e2e.app.base}/portal/login`);
  await staff.page.getByLabel('用户名').fill('intake');
  await staff.page.getByLabel('密码').fill('Zqt@2026demo');
  await staff.page.getByRole('button', { name: /登\s*录/ }).click();
  await staff.page.getByTestId('welcome').waitFor();
  assert.equal(new URL(staff.page.url()).pathname, '/');

  // Expected refusals only: the bad USCC (400) and the decision made meanwhile (409).
  const expected = [
    /\[enterprise\] HTTP POST \/api\/portal\/register 400/,
    /\[enterprise\] console\.error: Failed to load resource: .* 400/,
    /\[intake\] HTTP POST \/api\/enterprise-registrations\/[0-9a-f-]+\/approve 409/,
    /\[intake\] console\.error: Failed to load resource: .* 409/,
  ];
  const problems = [...intake.problems, ...ent.problems, ...other2.problems, ...staff.problems].filter((p) => !expected.some((re) => re.test(p)));
  assert.deepEqual(problems, []);
});
