// Browser test of issue 18's pages on the demo data: sysadmin adds a webhook subscription (the secret is
// shown once) and opens its delivery log, sees 短信发件箱 say that no gateway is configured; a unit staff
// member chooses e-mail notices with the daily digest. Screenshots: artifacts/delivery-*.png. Any console
// error fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

test('issue 18 pages: 事件推送, 短信发件箱, 通知设置', async () => {
  const { page, problems } = await watchedPage(e2e.browser, 'sysadmin');
  await login(page, e2e.app.base, 'sysadmin');
  await page.goto(`${e2e.app.base}/integrations/webhooks`);
  await page.getByRole('button', { name: /新增推送/ }).click();
  await page.getByLabel('名称').fill('12345热线平台');
  await page.getByLabel('推送地址').fill('https://203.0.113.10/hook');
  await page.getByRole('button', { name: /保存并生成密钥/ }).click();
  await page.getByText('签名密钥（仅显示这一次）').waitFor();
  const secret = await page.locator('.ant-typography code').first().textContent();
  assert.match(secret ?? '', /^whsec_/);
  await screenshot(page, 'delivery-webhook-secret');
  await page.getByRole('button', { name: /我已保存/ }).click();
  await page.getByText('签名密钥（仅显示这一次）').waitFor({ state: 'hidden' });
  await page.getByRole('cell', { name: '12345热线平台' }).waitFor();
  await page.waitForTimeout(300); // the dialog's closing animation, for the screenshot
  await screenshot(page, 'delivery-webhooks');
  await page.getByRole('button', { name: '投递记录' }).click();
  await page.getByText('投递记录：12345热线平台').waitFor();
  await screenshot(page, 'delivery-webhook-log');
  await page.reload();
  await page.getByRole('cell', { name: '12345热线平台' }).waitFor();

  await page.goto(`${e2e.app.base}/integrations/sms-outbox`);
  await page.getByText('尚未配置短信网关').waitFor();
  await screenshot(page, 'delivery-sms-outbox');

  const staff = await watchedPage(e2e.browser, 'unit_staff');
  await login(staff.page, e2e.app.base, 'unit_staff');
  await staff.page.goto(`${e2e.app.base}/account/notifications`);
  // The saved preferences load first (they fill the form).
  await staff.page.getByText('账号未登记手机号码', { exact: false }).waitFor();
  await staff.page.getByLabel('接收邮箱').fill('zhang@example.com');
  await staff.page.getByRole('switch').click();
  await staff.page.getByRole('row', { name: /逾期/ }).first().getByRole('checkbox').nth(2).check();
  await staff.page.getByRole('button', { name: /保\s*存/ }).click();
  await staff.page.getByText('通知设置已保存').waitFor();
  await staff.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(staff.page, 'delivery-preferences');
  assert.deepEqual([...problems, ...staff.problems], []);
});
