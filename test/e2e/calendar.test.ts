// Browser test of the working-day calendar (R6.2, R8.1): the province's sysadmin loads a new
// year's notice from the page (JSON upload) and sees it take effect in the month grid and in a
// deadline across the year end. Any console error or failed request fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

/** Shaped like a State Council notice; test data, not the real 2027 arrangement. */
const notice2027 = {
  year: 2027,
  documents: [{ title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', number: '国办发明电〔2026〕99号', publishedOn: '2026-11-20' }],
  holidays: [
    { name: '元旦', start: '2027-01-01', end: '2027-01-03' },
    { name: '春节', start: '2027-02-05', end: '2027-02-12' },
  ],
  makeupDays: [{ date: '2027-02-14', forHoliday: '春节' }],
};

test('R6.2 sysadmin loads the 2027 notice from the calendar page and it takes effect', async () => {
  const w = await watchedPage(e2e.browser, 'calendar');
  await login(w.page, e2e.app.base, 'sysadmin');
  await w.page.goto(`${e2e.app.base}/calendar`);
  await w.page.locator('[data-date="2026-10-01"][data-kind="holiday"]').waitFor();

  await w.page.getByRole('button', { name: /载入年度通知/ }).click();
  const dialog = w.page.locator('.ant-modal');
  await dialog.locator('input[type=file]').setInputFiles({ name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(notice2027)) });
  await dialog.getByText('国办发明电〔2026〕99号').waitFor();
  await screenshot(w.page, 'calendar-load-dialog');
  await dialog.getByRole('button', { name: /^载\s*入$/ }).click();

  // The page switches to the loaded year: 休 on New Year's Day, 班 on the make-up Sunday.
  await w.page.locator('[data-date="2027-01-01"][data-kind="holiday"]').waitFor();
  await w.page.locator('[data-date="2027-02-14"][data-kind="makeup"]').waitFor();
  await screenshot(w.page, 'calendar-2027');

  // A deadline across the year end is computed now (it answered 422 CALENDAR_YEAR_NOT_LOADED before).
  const due = await w.page.evaluate(async () => {
    const r = await fetch('/api/calendar/add-workdays?from=2026-12-30T10:00:00%2B08:00&days=5');
    return r.json();
  });
  assert.equal(due.dueDate, '2027-01-07');
  assert.deepEqual(w.problems, []);
});
