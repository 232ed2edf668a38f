// Browser test of the appeals loop (R3.1, R3.2, R6.2): intake records an appeal and dispatches it
// to 危险化学品安全监督管理处; the unit (unit_staff, unit_head) accepts, contacts the enterprise,
// gives its preliminary opinion in the same dialog, and its result with the reply (同时答复企业) —
// 6 clicks or fewer from 签收 to 答复, one primary button at each step (issue 17); intake records the
// callback (满意) and the appeal closes. The background notifier tells the unit of the dispatch. Screenshots of the
// workbench and the appeal page go to artifacts/. Any console error or failed request fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { appUnderTest, login, pickOption, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

const TITLE = '储罐区改造项目安全设施设计审查进度咨询';

/** Counts the clicks a person makes (issue 17: the handling loop from 签收 to 答复 in 6 clicks or fewer). */
const clicks = { n: 0 };
async function click(target: Locator) {
  clicks.n++;
  await target.click();
}

/** Opens an action's dialog, lets `fill` fill it, confirms, and waits for the dialog to close. */
async function act(page: Page, action: string, fill: (dialog: Locator) => Promise<void> = async () => {}) {
  await click(page.locator(`[data-action="${action}"]`));
  const dialog = page.locator('.ant-modal');
  await dialog.waitFor();
  await fill(dialog);
  await click(dialog.locator('.ant-modal-footer .ant-btn-primary'));
  await dialog.waitFor({ state: 'hidden' });
}

/** The page offers exactly one primary button, and it is `action` (the next step). */
async function primaryIs(page: Page, action: string) {
  const primary = page.getByTestId('appeal-actions').locator('.ant-btn-primary');
  await primary.and(page.locator(`[data-action="${action}"]`)).waitFor();
  assert.equal(await primary.count(), 1, `one primary button (${action})`);
}

test('intake → dispatch → contact, opinion, result, reply → callback 满意 → closed', async () => {
  const problems: string[] = [];

  // 1. Intake records the appeal (unregistered enterprise, hotline) and dispatches it.
  const intake = await watchedPage(e2e.browser, 'intake', { width: 1366, height: 768 });
  await login(intake.page, e2e.app.base, 'intake');
  await intake.page.goto(`${e2e.app.base}/appeals/new`);
  await intake.page.getByTestId('intake-form').waitFor();
  await intake.page.getByText('未在名录中（手工录入）').click();
  await intake.page.getByLabel('企业名称').fill('鲁中新材料化工有限公司');
  await intake.page.getByLabel('联系人').fill('刘志强');
  await intake.page.getByLabel('联系电话').fill('13905310001');
  await intake.page.getByLabel('诉求标题').fill(TITLE);
  await intake.page.getByLabel('诉求内容').fill('企业储罐区改造项目已提交安全设施设计审查申请两周，咨询审查进度及是否需要补充材料。');
  await intake.page.getByTestId('submit-appeal').click();
  await intake.page.getByTestId('appeal-page').waitFor();
  const appealUrl = intake.page.url();
  assert.match(appealUrl, /\/appeals\/[0-9a-f-]{36}$/);
  assert.equal(await intake.page.getByTestId('appeal-state').innerText(), '待派单');

  // pickOption checks the unit landed in the field before 确定 (seen in CI and once alone: the dialog
  // stayed open after 确定, as it does when the click on the option missed during the dropdown's opening).
  await act(intake.page, 'dispatch', (d) => pickOption(intake.page, d.locator('.ant-select').first(), '危险化学品安全监督管理处'));
  await intake.page.getByTestId('appeal-state').getByText('待签收').waitFor();
  problems.push(...intake.problems);

  // 2. The unit: the dispatch notice arrives (background notifier), the workbench lists the appeal.
  const staff = await watchedPage(e2e.browser, 'unit_staff', { width: 1366, height: 768 });
  await login(staff.page, e2e.app.base, 'unit_staff');
  await staff.page.goto(`${e2e.app.base}/notifications`);
  // The notifier runs every 5 s: each look waits for the loaded list (up to 6 s), then reloads. (It
  // checked at once after each reload, before the list had come, and so missed a notice that was
  // there for up to 35 s: measured, the notice was written 1 s after the dispatch.)
  for (let look = 1; ; look++) {
    try {
      await staff.page
        .getByText(/新派单（主办）/)
        .first()
        .waitFor({ timeout: 6_000 });
      break;
    } catch (err) {
      if (look === 5) throw err;
      await staff.page.reload();
    }
  }
  await staff.page.goto(`${e2e.app.base}/appeals`);
  await staff.page.getByRole('link', { name: TITLE }).waitFor();
  await staff.page.getByTestId('countdown').first().waitFor();
  await staff.page.waitForTimeout(500);
  await screenshot(staff.page, 'appeals-workbench-unit');
  await staff.page.getByRole('link', { name: TITLE }).click();
  await staff.page.getByTestId('appeal-page').waitFor();

  // Issue 17: the step bar and one primary button, the next step; a step whose precondition is
  // missing is disabled with the server's reason. From 签收 to 答复: 6 clicks or fewer.
  await primaryIs(staff.page, 'accept');
  await screenshot(staff.page, 'appeal-step-1-dispatched');
  clicks.n = 0;
  await click(staff.page.locator('[data-action="accept"]'));
  await staff.page.getByTestId('appeal-state').getByText('办理中').waitFor();
  await primaryIs(staff.page, 'contact');
  const reply = staff.page.locator('[data-action="reply"]');
  assert.equal(await reply.isDisabled(), true, '答复企业 is disabled before the result');
  await reply.hover({ force: true });
  await staff.page
    .locator('.ant-tooltip')
    .getByText(/请先登记办理结果/)
    .waitFor();
  await screenshot(staff.page, 'appeal-step-2-handling');
  await staff.page.mouse.move(0, 0);
  await act(staff.page, 'contact', async (d) => {
    await d.getByLabel('联系记录').fill('电话联系刘志强，说明审查流程，告知专家评审安排在本周。');
    // The preliminary opinion given in the same call: recorded as its own step.
    await d.getByLabel('初步意见（选填）').fill('材料齐全，已安排专家评审，预计5个工作日内出具审查意见。');
  });
  await staff.page.getByTestId('milestone-contact').getByText('按时完成').waitFor();
  await staff.page.getByTestId('milestone-opinion').getByText('按时完成').waitFor();
  await primaryIs(staff.page, 'result');
  await screenshot(staff.page, 'appeal-step-3-opinion-done');
  await act(staff.page, 'result', async (d) => {
    await d.getByLabel('办理情况').fill('专家评审已完成，审查意见已送达企业。');
    await click(d.getByTestId('also-reply'));
    await d.getByLabel('答复内容').fill('您单位储罐区改造项目安全设施设计已审查通过，审查意见书已送达，请查收。');
    await screenshot(staff.page, 'appeal-step-4-result-dialog');
  });
  await staff.page.getByTestId('appeal-state').getByText('已答复待评价').waitFor();
  await staff.page.getByTestId('milestone-resolution').getByText('按时完成').waitFor();
  assert.ok(clicks.n <= 6, `clicks from 签收 to 答复: ${clicks.n}`);
  await screenshot(staff.page, 'appeal-step-5-replied');
  problems.push(...staff.problems);

  // 3. The unit head sees the appeal replied: nothing of the loop left for the unit.
  const head = await watchedPage(e2e.browser, 'unit_head', { width: 1366, height: 768 });
  await login(head.page, e2e.app.base, 'unit_head');
  await head.page.goto(appealUrl);
  await head.page.getByTestId('appeal-page').waitFor();
  await head.page.getByTestId('appeal-state').getByText('已答复待评价').waitFor();
  assert.equal(await head.page.getByTestId('appeal-actions').locator('.ant-btn-primary').count(), 0);
  problems.push(...head.problems);

  // 4. Intake records the callback (回访): 满意 → closed.
  await intake.page.goto(appealUrl);
  await intake.page.getByTestId('appeal-page').waitFor();
  await primaryIs(intake.page, 'evaluate');
  await act(intake.page, 'evaluate', async (d) => {
    await d.getByText('满意', { exact: true }).click();
    await d.getByLabel('回访记录').fill('企业对办理速度和结果表示满意。');
  });
  await intake.page.getByTestId('appeal-state').getByText('已办结·满意').waitFor();
  const timeline = await intake.page.getByTestId('appeal-timeline').innerText();
  for (const step of ['受理登记', '派单', '签收', '联系企业', '反馈初步意见', '办理结果', '答复企业', '录入评价（回访）', '办结']) {
    assert.ok(timeline.includes(step), `timeline shows ${step}:\n${timeline}`);
  }
  await intake.page.waitForTimeout(300);
  await screenshot(intake.page, 'appeals-appeal-page');
  await intake.page.goto(`${e2e.app.base}/appeals`);
  // Issue 17: the figures are folded away until asked for (the list is the page).
  await intake.page.getByTestId('toggle-figures').click();
  await intake.page.getByTestId('appeal-figures').waitFor();
  await intake.page.waitForTimeout(800);
  await screenshot(intake.page, 'appeals-workbench-intake');
  // The same figures per unit: the unit that just closed the appeal has a row.
  await intake.page.getByTestId('appeal-figures').getByRole('switch').click();
  await intake.page.getByTestId('appeal-figures-by-unit').getByText('危险化学品安全监督管理处').first().waitFor();
  await screenshot(intake.page, 'appeals-figures-by-unit');
  problems.push(...intake.problems.filter((p) => !problems.includes(p)));

  assert.deepEqual(problems, []);
});
