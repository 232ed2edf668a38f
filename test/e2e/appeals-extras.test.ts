// Browser tests of the appeal page's attachments, co-handling parts and transfer to a city bureau
// (R3.1 attachments, R3.2 transfer_city, R6.2 contact evidence and co-handling parts). Screenshots
// go to artifacts/. Any console error or 4xx/5xx response fails a test, so nothing here provokes one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { appUnderTest, login, pickOption, screenshot, watchedPage } from './harness.ts';
import { tablesScrolled } from './pages-lib.ts';
import { samplePdf } from '../../server/test/helpers/files.ts';

const e2e = appUnderTest();

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const CALL_NOTE = '2026年3月2日 10:05 电话联系企业安全负责人，企业需补充储罐区平面布置图。';

async function act(page: Page, action: string, fill: (dialog: Locator) => Promise<void> = async () => {}) {
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = page.locator('.ant-modal');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Picks `name` in the n-th select of the dialog. */
async function pick(page: Page, dialog: Locator, nth: number, name: string) {
  // The transfer dialog fetches its city bureaus itself when it opens (R3.2, CityField).
  await pickOption(page, dialog.locator('.ant-select').nth(nth), name);
}

/** Intake records an appeal (unregistered enterprise); `beforeSave` may e.g. pick files. */
async function recordAppeal(page: Page, title: string, beforeSave: () => Promise<void> = async () => {}) {
  await page.goto(`${e2e.app.base}/appeals/new`);
  await page.getByTestId('intake-form').waitFor();
  await page.getByText('未在名录中（手工录入）').click();
  await page.getByLabel('企业名称').fill('鲁西精细化工股份有限公司');
  await page.getByLabel('联系人').fill('高建国');
  await page.getByLabel('联系电话').fill('13805350002');
  await page.getByLabel('诉求标题').fill(title);
  await page.getByLabel('诉求内容').fill('企业反映储罐区改造涉及多个处室职责，希望明确牵头处室并一次性告知需补充的材料。');
  await beforeSave();
  await page.getByTestId('submit-appeal').click();
  await page.getByTestId('appeal-page').waitFor();
  return page.url();
}

test('attachments: picked at intake, uploaded on the appeal page, listed and downloaded; a site photo as contact evidence', async () => {
  const TITLE = '储罐区改造多处室职责咨询（附件）';
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');

  // 1. The intake form takes a file; it is uploaded right after the appeal is recorded.
  const appealUrl = await recordAppeal(intake.page, TITLE, async () => {
    await intake.page
      .getByTestId('intake-form')
      .getByText(/单个不超过 10 MB/)
      .waitFor();
    await intake.page
      .getByTestId('intake-form')
      .locator('input[type=file]')
      .setInputFiles({ name: '企业来函.pdf', mimeType: 'application/pdf', buffer: samplePdf('letter') });
    await intake.page.getByText('企业来函.pdf').waitFor();
  });
  const attachments = intake.page.getByTestId('appeal-attachments');
  await attachments.getByRole('link', { name: /企业来函\.pdf/ }).waitFor();

  // 2. The appeal page uploader (limits shown) with a note.
  await attachments.getByText(/支持 pdf、jpg/).waitFor();
  await attachments.getByPlaceholder('附件说明（可选）').fill('受理时电话记录');
  await attachments.locator('input[type=file]').setInputFiles({ name: '来电记录.txt', mimeType: 'text/plain', buffer: Buffer.from(CALL_NOTE) });
  await attachments.getByRole('link', { name: /来电记录\.txt/ }).waitFor();
  await attachments.getByText(/受理时电话记录/).waitFor();
  assert.equal(await attachments.getByTestId('attachment-link').count(), 2);
  await intake.page.getByTestId('appeal-timeline').getByText('来电记录.txt（受理时电话记录）').waitFor();

  // 3. Download: the server sends the stored file under its name.
  const [download] = await Promise.all([intake.page.waitForEvent('download'), attachments.getByRole('link', { name: /来电记录\.txt/ }).click()]);
  assert.equal(download.suggestedFilename(), '来电记录.txt');
  assert.equal(fs.readFileSync(await download.path()).toString('utf8'), CALL_NOTE);

  // 4. Dispatch to 危化处 with 执法局 co-handling (its part written in the dialog).
  await act(intake.page, 'dispatch', async (d) => {
    await pick(intake.page, d, 0, '危险化学品安全监督管理处');
    await pick(intake.page, d, 1, '安全生产执法局');
    await d.locator('.ant-modal-title').click(); // closes the multi-select dropdown
    await d.getByLabel('安全生产执法局 分工').fill('核查企业近三年执法检查记录');
  });
  await intake.page.getByTestId('appeal-state').getByText('待签收').waitFor();

  // 5. The unit accepts and records the contact with a site photo as evidence.
  const staff = await watchedPage(e2e.browser, 'unit_staff');
  await login(staff.page, e2e.app.base, 'unit_staff');
  await staff.page.goto(appealUrl);
  await staff.page.getByTestId('appeal-page').waitFor();
  // 签收 takes no input: done on the click (issue 17).
  await staff.page.locator('[data-action="accept"]').click();
  await staff.page.getByTestId('appeal-state').getByText('办理中').waitFor();
  await act(staff.page, 'contact', async (d) => {
    await d.getByText('到达现场').click();
    await d.getByLabel('联系记录').fill('到企业现场查看储罐区，告知需补充平面布置图。');
    await d.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await d.locator('.ant-upload-list-item-done', { hasText: '现场照片.png' }).waitFor();
  });
  await staff.page.getByTestId('milestone-contact').getByText('按时完成').waitFor();
  const staffAttachments = staff.page.getByTestId('appeal-attachments');
  await staffAttachments.getByRole('link', { name: /现场照片\.png/ }).waitFor();
  assert.equal(await staffAttachments.getByTestId('attachment-link').count(), 3);
  await staff.page
    .getByTestId('appeal-timeline')
    .getByText(/附件：现场照片\.png/)
    .waitFor();

  // 6. The co-handling card: 执法局's part, not yet submitted; the lead is told before its result.
  const co = staff.page.getByTestId('co-units');
  await co.getByText('核查企业近三年执法检查记录').waitFor();
  await co.getByText(/尚有协办处室未提交意见：安全生产执法局/).waitFor();
  await staff.page.waitForTimeout(300);
  await screenshot(staff.page, 'appeals-attachments-contact-evidence');

  assert.deepEqual([...intake.problems, ...staff.problems], []);
});

test('co-handling: the co-unit sees its part, submits its opinion with a file, and the appeal page shows it for consolidation', async () => {
  const TITLE = '执法检查整改期限与设计审查衔接问题';
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');
  const appealUrl = await recordAppeal(intake.page, TITLE);
  await act(intake.page, 'dispatch', async (d) => {
    await pick(intake.page, d, 0, '安全生产执法局');
    await pick(intake.page, d, 1, '危险化学品安全监督管理处');
    await d.locator('.ant-modal-title').click();
    await d.getByLabel('危险化学品安全监督管理处 分工').fill('说明安全设施设计审查的办理进度');
  });
  await intake.page.getByTestId('appeal-state').getByText('待签收').waitFor();

  // 危化处 is the co-handling unit here: unit_staff acts as `co`.
  const staff = await watchedPage(e2e.browser, 'unit_staff');
  await login(staff.page, e2e.app.base, 'unit_staff');
  await staff.page.goto(appealUrl);
  await staff.page.getByTestId('appeal-page').waitFor();
  await act(staff.page, 'submit_part', async (d) => {
    await d.getByText('协办分工：说明安全设施设计审查的办理进度').waitFor();
    await d.getByLabel('协办意见').fill('设计审查材料已齐全，专家评审定于下周二，评审后5个工作日内出具意见。');
    await d.locator('input[type=file]').setInputFiles({ name: '评审安排.txt', mimeType: 'text/plain', buffer: Buffer.from('专家评审安排：下周二 9:00') });
    await d.locator('.ant-upload-list-item-done', { hasText: '评审安排.txt' }).waitFor();
  });
  const co = staff.page.getByTestId('co-units');
  await co.getByText('已提交').waitFor();
  await co.getByText(/专家评审定于下周二/).waitFor();

  // Intake (and the lead unit) see the part and the submitted text side by side.
  await intake.page.goto(appealUrl);
  await intake.page.getByTestId('appeal-page').waitFor();
  const seen = intake.page.getByTestId('co-units');
  await seen.getByText('说明安全设施设计审查的办理进度').waitFor();
  await seen.getByText(/专家评审定于下周二/).waitFor();
  await intake.page
    .getByTestId('appeal-timeline')
    .getByText(/附件：评审安排\.txt/)
    .waitFor();
  await intake.page.waitForTimeout(300);
  await screenshot(intake.page, 'appeals-co-unit-part');

  assert.deepEqual([...intake.problems, ...staff.problems], []);
});

test('R3.2 transfer to a city bureau: intake picks the city, the appeal leaves the province and shows in 转市局办理', async () => {
  const TITLE = '济南某危化品仓储企业属地检查时限咨询';
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');
  await recordAppeal(intake.page, TITLE);
  await act(intake.page, 'transfer_city', async (d) => {
    await pick(intake.page, d, 0, '济南市应急管理局');
    await d.getByLabel('转办原因').fill('属地管理，由济南市应急管理局办理');
  });
  // The page moves to the province's read-only status list (the appeal page would be 404 now).
  await intake.page.waitForURL(/\/appeals\?view=transferred$/);
  const list = intake.page.getByTestId('transferred-out');
  const row = list.locator('tr', { hasText: TITLE });
  await row.waitFor();
  assert.match(await row.innerText(), /济南市应急管理局/);
  assert.match(await row.innerText(), /待派单/);
  assert.deepEqual(await tablesScrolled(intake.page), [], 'every column in sight at 1366×768');
  await intake.page.waitForTimeout(500);
  await screenshot(intake.page, 'appeals-transferred-out');

  assert.deepEqual(intake.problems, []);
});
