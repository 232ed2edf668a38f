// Browser test of 机关党委's tools (issue 16 first half, R7.2–R7.4, R8.1) at 1366×768 (staff) and
// 390×844 (the survey link): oversight starts the year's survey, draws the stratified sample (the
// strata are shown before fixing), fixes it (links go out); the demo enterprise opens its link from
// the portal notice with NO session and answers on the phone; oversight records a face-to-face answer
// and reads the weighted results; then a supervision item → 约谈 with a rectification item → the unit
// marks it done → oversight confirms the rectification complete; the assessment page shows the 约谈.
// Screenshots: artifacts/oversight-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, appUnderTest, DEMO_PASSWORD, login, PHONE, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const STAFF = { width: 1366, height: 768 };

async function noOverflow(page: Page, label: string) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${label}: page is ${sw}px wide in a ${iw}px window`);
}

async function answerQuestionnaire(page: Page) {
  const form = page.getByTestId('questionnaire');
  for (const key of ['q1', 'q3', 'q4', 'q6']) await form.getByTestId(`q-${key}`).locator('.ant-radio-wrapper').nth(4).click();
  await form.getByTestId('q-q2').locator('.ant-radio-wrapper').nth(2).click();
  await form.getByTestId('q-q5').locator('.ant-checkbox-wrapper').first().click();
  await form.getByTestId('q-q7').fill('希望继续保持上门服务。');
  await page.getByTestId('questionnaire-submit').click();
}

test('R7.3 a survey from sample to results: sample preview, links, the phone page, face-to-face, weighted results', async () => {
  const ov = await watchedPage(e2e.browser, 'oversight', STAFF);
  await login(ov.page, e2e.app.base, 'oversight');
  await ov.page.goto(`${e2e.app.base}/oversight/surveys`);
  await ov.page.getByTestId('survey-create').click();
  await ov.page.getByRole('button', { name: /创\s*建/ }).click();
  await ov.page.getByTestId('survey-state').filter({ hasText: '草稿' }).waitFor();
  // The questionnaire (default template) can be edited until the sample is fixed.
  await ov.page.getByRole('tab', { name: '问卷' }).click();
  await ov.page.getByRole('button', { name: '保存问卷' }).waitFor();
  await screenshot(ov.page, 'oversight-survey-questions');
  await ov.page.getByTestId('survey-draw').click();
  // Everyone of the demo registry is sampled (so the demo enterprise gets its link), seed fixed.
  await ov.page.getByLabel('样本量（家）').fill('1000');
  await ov.page.getByTestId('sample-seed').fill('2026');
  await ov.page.locator('.ant-modal').getByRole('button', { name: '抽取样本' }).click();
  await ov.page.getByTestId('survey-state').filter({ hasText: '已抽样' }).waitFor();
  await ov.page.getByTestId('strata-table').locator('tbody tr.ant-table-row').first().waitFor();
  assert.ok((await ov.page.getByTestId('strata-table').locator('tbody tr.ant-table-row').count()) >= 2, 'strata shown before fixing');
  await noOverflow(ov.page, 'sample preview');
  await screenshot(ov.page, 'oversight-survey-sample');

  await ov.page.getByTestId('survey-open').click();
  await ov.page.getByRole('button', { name: '确定发放' }).click();
  await ov.page.getByTestId('survey-state').filter({ hasText: '调查中' }).waitFor();

  // The demo enterprise finds the link in its portal notices.
  const ent = await watchedPage(e2e.browser, 'enterprise', PHONE);
  await ent.page.goto(`${e2e.app.base}/login`);
  assert.equal((await apiCall(ent.page, 'POST', '/api/auth/login', { username: 'enterprise', password: DEMO_PASSWORD })).status, 200);
  const notes = await apiCall(ent.page, 'GET', '/api/notifications?pageSize=50');
  const note = (notes.json.items as { type: string; body: string }[]).find((n) => n.type === 'survey_invitation');
  assert.ok(note, 'the survey invitation reaches the portal');
  const link = /(https?:\/\/\S+?\/s\/[A-Za-z0-9_-]{43})/.exec(note.body)![1];

  // Opened with no session, on a phone.
  const anon = await watchedPage(e2e.browser, 'link', PHONE);
  await anon.page.goto(link.replace(/^https?:\/\/[^/]+/, e2e.app.base));
  await anon.page.getByTestId('survey-link-form').waitFor();
  await noOverflow(anon.page, 'survey link page');
  await screenshot(anon.page, 'oversight-survey-link');
  await answerQuestionnaire(anon.page);
  await anon.page.getByTestId('survey-link-state').filter({ hasText: '提交成功' }).waitFor();
  await screenshot(anon.page, 'oversight-survey-link-done');
  await anon.page.reload();
  await anon.page.getByTestId('survey-link-state').filter({ hasText: '已使用' }).waitFor();

  // Face to face, recorded by 机关党委.
  await ov.page.reload();
  await ov.page.getByRole('tab', { name: '样本企业' }).click();
  await ov.page.getByTestId('face-to-face').first().click();
  await answerQuestionnaire(ov.page);
  await ov.page.getByText(/已录入.*面对面答卷/).waitFor();
  await ov.page.getByRole('tab', { name: '调查结果' }).click();
  await ov.page.getByTestId('survey-chart-questions').locator('svg').first().waitFor();
  await ov.page.getByText('答卷数').first().waitFor();
  await noOverflow(ov.page, 'survey results');
  await screenshot(ov.page, 'oversight-survey-results');
  await ov.page.getByRole('tab', { name: '分层与应答率' }).click();
  await screenshot(ov.page, 'oversight-survey-strata');
  const problems = [...ov.problems, ...anon.problems].filter((p) => !/HTTP GET \/api\/auth\/session 401/.test(p));
  assert.deepEqual(problems, []);
});

test('R7.4 a 约谈 to rectification: item → 约谈 with a rectification item → the unit marks it done → confirmed; R8.1 the assessment shows it', async () => {
  const ov = await watchedPage(e2e.browser, 'oversight', STAFF);
  await login(ov.page, e2e.app.base, 'oversight');
  await ov.page.goto(`${e2e.app.base}/oversight/supervision`);
  await ov.page.getByTestId('sup-create').click();
  await ov.page.getByTestId('sup-unit').click();
  await ov.page.locator('.ant-select-item-option').filter({ hasText: '危险化学品安全监督管理处' }).click();
  await ov.page.getByTestId('sup-description').fill('多家企业反映危化处答复企业态度生硬、推诿。');
  await ov.page.getByRole('button', { name: /^立\s*项$/ }).click();
  await ov.page.getByTestId('sup-conclude').waitFor();
  await ov.page.getByTestId('sup-conclude').click();
  await ov.page.getByTestId('sup-conclusion').fill('约谈处室主要负责人，限期整改。');
  await ov.page.getByTestId('iv-head').fill('周建华');
  await ov.page.getByTestId('iv-interviewers').fill('机关党委 钱志刚');
  await ov.page.getByTestId('iv-findings').fill('服务意识不强，个别工作人员答复企业态度生硬。');
  await ov.page.getByTestId('iv-item-desc').fill('组织全处开展作风整顿学习');
  await ov.page.getByTestId('iv-item-owner').fill('周建华');
  await ov.page.getByTestId('iv-item-due').click();
  await ov.page.locator('.ant-picker-dropdown:visible .ant-picker-cell-in-view').last().click();
  await ov.page.getByRole('button', { name: /提\s*交/ }).click();
  await ov.page.getByTestId('sup-interview').locator('.ant-tag').filter({ hasText: '整改中' }).waitFor();
  await screenshot(ov.page, 'oversight-interview');

  const unit = await watchedPage(e2e.browser, 'unit_staff', STAFF);
  await login(unit.page, e2e.app.base, 'unit_staff');
  await unit.page.goto(`${e2e.app.base}/oversight/supervision`);
  await unit.page.getByTestId('sup-table').locator('tbody tr.ant-table-row').first().click();
  await unit.page.getByTestId('rect-done').click();
  await unit.page.getByTestId('rect-note').fill('已组织全处学习2次，逐一回访相关企业。');
  await unit.page.getByRole('button', { name: /提\s*交/ }).click();
  await unit.page.getByTestId('rectifications').filter({ hasText: '已销号' }).waitFor();
  await screenshot(unit.page, 'oversight-rectification-unit');

  await ov.page.reload();
  await ov.page.getByTestId('sup-table').locator('tbody tr.ant-table-row').first().click();
  await ov.page.getByTestId('sup-interview-complete').click();
  await ov.page.getByTestId('sup-interview').locator('.ant-tag').filter({ hasText: '整改完成' }).waitFor();
  await screenshot(ov.page, 'oversight-interview-completed');

  // An item on an appeal: picked by its number; the lead unit is responsible.
  const { json: list } = await apiCall(ov.page, 'GET', '/api/appeals?pageSize=5');
  const target = (list.items as { number: string; leadUnitName: string | null }[]).find((a) => a.leadUnitName)!;
  await ov.page.goto(`${e2e.app.base}/oversight/supervision`);
  await ov.page.getByTestId('sup-create').click();
  await ov.page.locator('.ant-modal').getByText('诉求办理').click();
  await ov.page.getByTestId('sup-appeal').locator('input').fill(target.number);
  await ov.page.locator('.ant-select-item-option').filter({ hasText: target.number }).click();
  await ov.page.getByTestId('sup-description').fill('企业反映该诉求办理迟缓。');
  await ov.page.getByRole('button', { name: /^立\s*项$/ }).click();
  await ov.page.locator('.ant-drawer').getByText(`诉求办理：${target.number}`).waitFor();
  await ov.page.locator('.ant-drawer').getByText(target.leadUnitName!).first().waitFor();
  await ov.page.waitForTimeout(500); // the drawer's opening animation
  await screenshot(ov.page, 'oversight-item-on-appeal');

  await ov.page.goto(`${e2e.app.base}/oversight/assessment`);
  await ov.page.getByTestId('assessment-units').locator('tbody tr.ant-table-row').first().waitFor();
  await ov.page.getByTestId('assessment-weights').waitFor();
  await noOverflow(ov.page, 'assessment');
  // R8.1 every measure of the assessment in sight at 1366×768: neither table scrolls a column away sideways.
  for (const id of ['assessment-units', 'assessment-cities']) {
    const hidden = await ov.page
      .getByTestId(id)
      .locator('.ant-table-content')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(hidden <= 0, `${id}: ${hidden}px of the table scrolled out of sight`);
  }
  await screenshot(ov.page, 'oversight-assessment');
  const problems = [...ov.problems, ...unit.problems].filter((p) => !/HTTP GET \/api\/auth\/session 401/.test(p));
  assert.deepEqual(problems, []);
});
