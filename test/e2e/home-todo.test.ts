// Issue 17: the home page is a to-do panel per role. Intake and a unit's staff see their counts, the
// next step as the primary action (leaders and 机关党委, who only watch, are told to look, not to handle), and each count opens the filtered workbench at its own address,
// which survives a reload; the workbench's quick search, column sorting and counts on the tabs work
// from the address too. 1366×768, no horizontal overflow, no console error. Screenshots:
// artifacts/home-todo-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, appUnderTest, login, screenshot } from './harness.ts';
import { DESKTOP, settle, watched } from './pages-lib.ts';

const e2e = appUnderTest();

type Item = { key: string; count: number; query: Record<string, string> | null };

async function noOverflow(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${what}: ${scrollWidth}px wide in a ${innerWidth}px window`);
}

/** The list's total as the table's pager says it ("共 N 件"); 0 when the list is empty. */
async function listTotal(page: Page): Promise<number> {
  // The workbench's page is loaded on demand: wait for its table, then for its data.
  await page.locator('.ant-table').first().waitFor();
  await settle(page);
  const pager = page.locator('.ant-pagination-total-text');
  if (!(await pager.count())) return 0;
  const m = (await pager.first().innerText()).match(/共 (\d+) 件/);
  assert.ok(m, 'the pager states the total');
  return Number(m[1]);
}

/** Clicks the to-do card `key` on the home page: the workbench opens at the item's address and lists `count`. */
async function openTodo(page: Page, base: string, item: Item, shot: string) {
  await page.goto(`${base}/`);
  await settle(page);
  const shown = Number(await page.getByTestId(`todo-${item.key}-count`).innerText());
  assert.equal(shown, item.count, `${item.key}: the count shown is the server's`);
  await page.getByTestId(`todo-${item.key}`).click();
  await page.waitForURL((u) => u.pathname === '/appeals');
  const url = new URL(page.url());
  for (const [k, v] of Object.entries(item.query ?? {})) assert.equal(url.searchParams.get(k), v, `${item.key}: ${k} in the address`);
  assert.equal(await listTotal(page), item.count, `${item.key}: the list shows the counted appeals`);
  await noOverflow(page, `${item.key} list`);
  await screenshot(page, shot);
  // Its own address: a reload shows the same filtered list.
  await page.reload();
  assert.equal(page.url(), url.href, `${item.key}: the address survives the reload`);
  assert.equal(await listTotal(page), item.count, `${item.key}: the same list after the reload`);
  return url;
}

test('intake: the to-do counts open the filtered workbench; the queue, sorting and quick search live in the address', async () => {
  const { base } = e2e.app;
  const w = await watched(e2e.browser, 'intake', DESKTOP);
  const { page } = w;
  await login(page, base, 'intake');
  await settle(page);
  const { json } = await apiCall(page, 'GET', '/api/home/todo');
  const items = json.items as Item[];
  assert.deepEqual(
    items.map((i) => i.key),
    ['dispatch', 'due_today', 'overdue', 'evaluate'],
    'intake: 待派单, 今日到期, 已逾期, 待评价',
  );
  await page.getByTestId('todo-panel').waitFor();
  const next = await page.getByTestId('todo-next').innerText();
  assert.match(next, /下一步/);
  await noOverflow(page, 'intake home');
  await screenshot(page, 'home-todo-intake');

  const dispatch = items.find((i) => i.key === 'dispatch')!;
  assert.ok(dispatch.count > 0, 'the demo has appeals waiting for dispatch');
  await openTodo(page, base, dispatch, 'home-todo-intake-queue');
  // The tab shows its count.
  assert.match(await page.getByTestId('tab-queue').innerText(), new RegExp(`待派单\\s*${dispatch.count}`));

  const overdue = items.find((i) => i.key === 'overdue')!;
  const at = await openTodo(page, base, overdue, 'home-todo-intake-overdue');
  assert.equal(at.searchParams.get('overdue'), 'true');
  assert.ok(await page.locator('form .ant-select', { hasText: '已逾期' }).count(), 'the filter shows 已逾期');

  // Sorting by a column is in the address and survives a reload.
  await page.goto(`${base}/appeals?view=all`);
  await settle(page);
  await Promise.all([page.waitForResponse((r) => /\/api\/appeals\?.*sort=received/.test(r.url())), page.locator('th').filter({ hasText: '受理时间' }).click()]);
  await page.waitForURL((u) => u.searchParams.get('sort') === 'received');
  await settle(page);
  const firstAsc = await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText();
  await page.reload();
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  await settle(page);
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'received');
  assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').first().innerText(), firstAsc, 'the same order after the reload');

  // Quick search by the appeal number.
  const number = firstAsc.match(/ZQT-\d+-\d{4}-\d{6}/)?.[0];
  assert.ok(number, 'the row shows its number');
  await page.getByTestId('workbench-search').locator('input').fill(number.slice(-6));
  await page.getByTestId('workbench-search').locator('input').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === number.slice(-6));
  assert.ok((await listTotal(page)) >= 1);
  assert.match(await page.locator('.ant-table-tbody').innerText(), new RegExp(number));
  await page.reload();
  assert.equal(await page.getByTestId('workbench-search').locator('input').inputValue(), number.slice(-6), 'the search box keeps the words');
  await noOverflow(page, 'workbench sorted and searched');
  await screenshot(page, 'home-todo-intake-search');
  assert.deepEqual(w.problems, []);
  await page.context().close();
});

test('unit staff: 待签收, 今日到期, 已逾期, 待报送 of the own unit; 待签收 opens the unit’s list at its own address', async () => {
  const { base } = e2e.app;
  const w = await watched(e2e.browser, 'unit_staff', DESKTOP);
  const { page } = w;
  await login(page, base, 'unit_staff');
  await settle(page);
  const items = (await apiCall(page, 'GET', '/api/home/todo')).json.items as Item[];
  assert.deepEqual(
    items.map((i) => i.key),
    ['accept', 'due_today', 'overdue', 'leader_report', 'instruction'],
  );
  await noOverflow(page, 'unit_staff home');
  await screenshot(page, 'home-todo-unit-staff');
  const accept = items.find((i) => i.key === 'accept')!;
  assert.deepEqual(accept.query, { view: 'lead', state: 'dispatched' });
  await openTodo(page, base, accept, 'home-todo-unit-staff-accept');
  const overdue = items.find((i) => i.key === 'overdue')!;
  await openTodo(page, base, overdue, 'home-todo-unit-staff-overdue');
  assert.deepEqual(w.problems, []);
  await page.context().close();
});

test('R7.2 leaders and 机关党委 only watch deadlines: their next step is to look at the late appeals and press the lead unit, never to handle them', async () => {
  const { base } = e2e.app;
  for (const user of ['oversight', 'leader']) {
    const w = await watched(e2e.browser, user, DESKTOP);
    const { page } = w;
    await login(page, base, user);
    await settle(page);
    const items = (await apiCall(page, 'GET', '/api/home/todo')).json.items as Item[];
    const overdue = items.find((i) => i.key === 'overdue');
    assert.ok(overdue && overdue.count > 0, `${user}: the demo has late appeals in view`);
    await page.getByTestId('todo-panel').waitFor();
    const next = await page.getByTestId('todo-next').innerText();
    assert.match(next, /下一步：查看已逾期的诉求/, `${user}: ${next}`);
    assert.doesNotMatch(next, /处理|办理或催办/, `${user}: ${next}`);
    assert.match(await page.getByTestId('todo-overdue').innerText(), /请督促主办处室办理/);
    await noOverflow(page, `${user} home`);
    await screenshot(page, `home-todo-${user}`);
    await openTodo(page, base, overdue, `home-todo-${user}-overdue`);
    assert.deepEqual(w.problems, []);
    await page.context().close();
  }
});

test('the administrators have no appeals to handle: their home page keeps shortcuts', async () => {
  const { base } = e2e.app;
  const w = await watched(e2e.browser, 'sysadmin', DESKTOP);
  await login(w.page, base, 'sysadmin');
  await settle(w.page);
  await w.page.getByTestId('home-shortcuts').waitFor();
  assert.equal(await w.page.getByTestId('todo-panel').count(), 0);
  await noOverflow(w.page, 'sysadmin home');
  await screenshot(w.page, 'home-todo-sysadmin');
  assert.deepEqual(w.problems, []);
  await w.page.context().close();
});
