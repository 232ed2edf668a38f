// Browser test of 工单接入 (系统对接) (issue 18): sysadmin registers a source platform (自动派单 on), issues a token (shown
// once), the platform pushes a work order with it, the page shows the token's last use. Screenshots
// go to artifacts/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

test('issue 18: 工单接入 — register a client, issue a token shown once, a pushed work order, the last use shown', async () => {
  const { page, problems } = await watchedPage(e2e.browser, 'sysadmin');
  await login(page, e2e.app.base, 'sysadmin');
  await page.goto(`${e2e.app.base}/integrations/clients`);
  await page.getByRole('button', { name: '登记接入系统' }).click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '登记接入系统' });
  await dialog.getByLabel('名称').fill('12345 政务服务便民热线平台');
  await dialog.getByLabel(/IP 白名单/).fill('127.0.0.1, 10.8.0.0/16');
  await dialog.getByRole('switch').click(); // 自动派单 (R3.4 channel lead units)
  await page.waitForTimeout(300); // the switch's animation, for the screenshot
  await screenshot(page, 'integrations-client-form');
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('12345 政务服务便民热线平台').waitFor();
  const auto = page.getByRole('switch', { name: '「12345 政务服务便民热线平台」自动派单' });
  assert.equal(await auto.getAttribute('aria-checked'), 'true', '自动派单 saved on');

  await page.getByRole('button', { name: '签发令牌' }).click();
  const issue = page.getByRole('dialog', { name: /」签发令牌$/ });
  await issue.locator('.ant-modal-footer .ant-btn-primary').click();
  await issue.waitFor({ state: 'hidden' });
  const shown = page.locator('.ant-modal').filter({ hasText: '令牌已签发' });
  await shown.waitFor();
  await page.waitForTimeout(400); // the dialog's opening animation, for the screenshot
  const token = (await shown.locator('code').innerText()).trim();
  assert.match(token, /^zqt_/);
  await screenshot(page, 'integrations-token-issued');
  await shown.getByRole('button', { name: '我已妥善保存' }).click();

  const res = await fetch(`${e2e.app.base}/api/integrations/v1/work-orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      externalId: '12345-2026-000123',
      title: '安全生产许可证延续办理缓慢',
      content: '企业于上月提交延续申请，至今未获答复。',
      category: 'licensing',
      contactName: '王经理',
      contactPhone: '13800138000',
      enterpriseName: '山东某化工有限公司',
    }),
  });
  assert.equal(res.status, 201, await res.text());

  await page.reload();
  await page.getByText('12345 政务服务便民热线平台').waitFor();
  await page.locator('.ant-table-row-expand-icon').first().click();
  await page.getByText('127.0.0.1）').waitFor();
  await screenshot(page, 'integrations-page');
  assert.deepEqual(problems, []);
});
