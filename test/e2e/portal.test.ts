// Browser test of the enterprise portal (issue 7) at a phone-sized viewport: intake opens an
// account for a registry enterprise that has a replied demo appeal; the enterprise signs in,
// changes the initial password, submits an appeal (channel 网站), sees it in 我的诉求, opens the
// replied appeal (milestones, reply) and evaluates it 满意. Screenshots: artifacts/portal-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

/** fetch from the page (its cookies), with the session's CSRF token on writes. */
async function apiCall(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const s = await (await fetch('/api/auth/session')).json();
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(s.csrfToken ? { 'x-csrf-token': s.csrfToken } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    { method, url, body },
  );
}

test('enterprise portal on a phone: account → first sign-in → submit → 我的诉求 → replied appeal → 满意', async () => {
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');
  const replied = await apiCall(intake.page, 'GET', '/api/appeals?state=replied&pageSize=100');
  assert.equal(replied.status, 200);
  const target = replied.json.items.find((a: { enterpriseId: string | null }) => a.enterpriseId);
  assert.ok(target, 'demo data has a replied appeal of a registry enterprise');
  const created = await apiCall(intake.page, 'POST', '/api/enterprise-accounts', { enterpriseId: target.enterpriseId, username: 'e2e_enterprise', displayName: '企业联系人' });
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
  await screenshot(ent.page, 'portal-submit');
  await ent.page.getByRole('button', { name: /提\s*交/ }).click();
  await ent.page.waitForURL(/\/portal\/appeals\/[0-9a-f-]{36}$/).catch(async (err) => {
    await screenshot(ent.page, 'portal-submit-failed');
    throw new Error(`${err.message}\n${ent.problems.join('\n')}`);
  });
  await ent.page.getByText('待派单').first().waitFor();
  // Escaped: the title shows as text.
  await ent.page.getByText('<script>alert(1)</script>储罐区改造审查进度咨询').first().waitFor();
  await screenshot(ent.page, 'portal-submitted');

  await ent.page.goto(`${e2e.app.base}/portal/appeals`);
  await ent.page.getByText('储罐区改造审查进度咨询').first().waitFor();
  await screenshot(ent.page, 'portal-list');

  await ent.page.goto(`${e2e.app.base}/portal/appeals/${target.id}`);
  await ent.page.getByText('评价答复').first().waitFor();
  await screenshot(ent.page, 'portal-replied');
  await ent.page.getByText('满意', { exact: true }).click();
  await ent.page.getByRole('button', { name: '提交评价' }).click();
  await ent.page.getByText('我的评价').waitFor();
  await screenshot(ent.page, 'portal-evaluated');

  const after = await apiCall(intake.page, 'GET', `/api/appeals/${target.id}`);
  assert.equal(after.json.state, 'closed');
  assert.equal(after.json.events.find((e: { type: string }) => e.type === 'evaluate').payload.source, 'portal');
  assert.deepEqual([...intake.problems, ...ent.problems], []);
});
