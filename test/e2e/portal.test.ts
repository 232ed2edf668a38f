// Browser test of the enterprise portal (issue 7) at a phone-sized viewport: intake opens an
// account for a registry enterprise that has a replied demo appeal; the enterprise signs in,
// changes the initial password, submits an appeal (channel 网站), sees it in 我的诉求, opens the
// replied appeal (milestones, reply) and evaluates it 满意. The submission carries an attachment;
// the enterprise writes to the handling side and reads the reply intake sends from the staff appeal
// page's 与企业沟通 card (under the unit's name, never the person's). Screenshots: artifacts/portal-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

/** Full-page screenshots from the top (the sticky header otherwise lands mid-page). */
const top = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));

/** A 1×1 PNG (the server checks the content, not only the name). */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('enterprise portal on a phone: account → first sign-in → submit → 我的诉求 → replied appeal → 满意', async () => {
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');
  const replied = await apiCall(intake.page, 'GET', '/api/appeals?state=replied&pageSize=100');
  assert.equal(replied.status, 200);
  const target = replied.json.items.find((a: { enterpriseId: string | null }) => a.enterpriseId);
  assert.ok(target, 'demo data has a replied appeal of a registry enterprise');
  const created = await apiCall(intake.page, 'POST', '/api/enterprise-accounts', {
    enterpriseId: target.enterpriseId,
    username: 'e2e_enterprise',
    displayName: '企业联系人',
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));

  const ent = await watchedPage(e2e.browser, 'enterprise', { width: 390, height: 844 });
  await ent.page.goto(`${e2e.app.base}/login`);
  const signedIn = await apiCall(ent.page, 'POST', '/api/auth/login', { username: 'e2e_enterprise', password: created.json.initialPassword });
  assert.equal(signedIn.status, 200);
  const changed = await apiCall(ent.page, 'POST', '/api/auth/change-password', { currentPassword: created.json.initialPassword, newPassword: 'Qiye#2026pass' });
  assert.equal(changed.status, 204);

  await ent.page.goto(`${e2e.app.base}/portal/appeals/new`);
  await ent.page.getByLabel('诉求类别').click();
  await ent.page.locator('.ant-select-item-option').first().click();
  await ent.page.keyboard.press('Escape');
  await ent.page.getByLabel('标题').fill('<script>alert(1)</script>储罐区改造审查进度咨询');
  await ent.page.getByLabel('诉求内容').fill('储罐区改造项目已提交安全设施设计审查申请两周，咨询审查进度。');
  await ent.page.getByLabel('联系人').fill('刘志强');
  await ent.page.getByLabel('联系电话').fill('13905310001');
  await ent.page.locator('input[type=file]').setInputFiles({ name: '储罐区现场照片.png', mimeType: 'image/png', buffer: TINY_PNG });
  await ent.page.locator('.ant-upload-list-item').filter({ hasText: '储罐区现场照片.png' }).waitFor();
  await top(ent.page);
  await screenshot(ent.page, 'portal-submit');
  await ent.page.getByRole('button', { name: /提\s*交/ }).click();
  await ent.page.waitForURL(/\/portal\/appeals\/[0-9a-f-]{36}$/).catch(async (err) => {
    await screenshot(ent.page, 'portal-submit-failed');
    throw new Error(`${err.message}\n${ent.problems.join('\n')}`);
  });
  // Issue 17: the state is worded for the enterprise (受理中), never intake's queue (待派单).
  await ent.page.getByTestId('portal-state').getByText('受理中').waitFor();
  // Escaped: the title shows as text.
  await ent.page.getByText('<script>alert(1)</script>储罐区改造审查进度咨询').first().waitFor();
  // The attachment went up with the submission and is listed for download.
  await ent.page.getByTestId('portal-attachment-link').filter({ hasText: '储罐区现场照片.png' }).waitFor();
  await screenshot(ent.page, 'portal-submitted');
  const submittedId = ent.page.url().split('/').pop()!;

  // The enterprise writes to the handling side from its phone.
  await ent.page.getByTestId('message-input').fill('请问审查还需要补充哪些材料？<b>急</b>');
  await ent.page.getByTestId('message-send').click();
  await ent.page.getByTestId('message-item').filter({ hasText: '请问审查还需要补充哪些材料？<b>急</b>' }).waitFor();

  // Intake answers from the staff appeal page's 与企业沟通 card (before dispatch, intake is the handling side).
  const me = await apiCall(intake.page, 'GET', '/api/auth/me');
  const staffName: string = me.json.user?.displayName ?? me.json.displayName;
  assert.ok(staffName, JSON.stringify(me.json));
  await intake.page.goto(`${e2e.app.base}/appeals/${submittedId}`);
  const card = intake.page.getByTestId('appeal-messages');
  await card.getByText('请问审查还需要补充哪些材料？<b>急</b>').waitFor();
  await card.getByTestId('message-input').fill('请补充储罐区平面布置图和安全设施设计专篇。');
  await card.getByTestId('message-send').click();
  await card.getByTestId('message-item').filter({ hasText: '请补充储罐区平面布置图' }).waitFor();
  await top(intake.page);
  await screenshot(intake.page, 'portal-staff-thread');

  // The enterprise is notified and sees the reply under the unit's name, not the civil servant's.
  const notes = await apiCall(ent.page, 'GET', '/api/notifications');
  assert.ok(
    notes.json.items.some((n: { type: string; appealId: string }) => n.type === 'message' && n.appealId === submittedId),
    JSON.stringify(notes.json),
  );
  await ent.page.reload();
  const reply = ent.page.getByTestId('message-item').filter({ hasText: '请补充储罐区平面布置图' });
  await reply.waitFor();
  assert.equal(await reply.getAttribute('data-side'), 'staff');
  assert.equal((await ent.page.getByTestId('message-thread').innerText()).includes(staffName), false, 'the civil servant is not named to the enterprise');
  await top(ent.page);
  await screenshot(ent.page, 'portal-thread');

  await ent.page.goto(`${e2e.app.base}/portal/appeals`);
  await ent.page.getByText('储罐区改造审查进度咨询').first().waitFor();
  await screenshot(ent.page, 'portal-list');

  await ent.page.goto(`${e2e.app.base}/portal/appeals/${target.id}`);
  await ent.page.getByText('评价答复').first().waitFor();
  await screenshot(ent.page, 'portal-replied');
  await ent.page.getByText('满意', { exact: true }).click();
  await ent.page.getByRole('button', { name: '提交评价' }).click();
  await ent.page.getByText('我的评价').waitFor();
  // Closed: the thread says so and offers no input.
  await ent.page.getByText('诉求已办结，不能再发送消息').waitFor();
  assert.equal(await ent.page.getByTestId('message-input').count(), 0);
  await top(ent.page);
  await screenshot(ent.page, 'portal-evaluated');

  const after = await apiCall(intake.page, 'GET', `/api/appeals/${target.id}`);
  assert.equal(after.json.state, 'closed');
  assert.equal(after.json.events.find((e: { type: string }) => e.type === 'evaluate').payload.source, 'portal');
  assert.deepEqual([...intake.problems, ...ent.problems], []);
});
