// Every page loads at its own address and on reload (issue 13, issue 17): the staff menus of every
// demo role are in pages-staff.test.ts (each entry clicked, then reloaded); here the enterprise at
// 390×844 opens every tab of the portal, and the pages behind the menus (an appeal, an enterprise, the password page). Each address is
// loaded directly and then reloaded (F5): the document answers 200, the page is not a 未找到/无权访问
// page, nothing overflows sideways (document.documentElement.scrollWidth <= innerWidth), the console
// stays clean and axe-core finds no WCAG 2 A/AA violation (issue 17; the login and 未找到 pages too).
// A signed-in user who opens the other shell's address lands in their own.
// A page load, and a navigation, ask for the unread count once (the bell once asked twice on every page);
// the workbench's 企业 filter searches the registry only when opened; a document load asks for the page's
// code alongside the session.
// Screenshots: artifacts/pages-<role>-<n>.png (the whole page, scrolled to its top).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appUnderTest, axeProblems, login, PHONE, screenshot } from './harness.ts';
import { DESKTOP, loadAndReload, settle, watched } from './pages-lib.ts';

const e2e = appUnderTest();

test('staff pages behind the menu (an appeal, an enterprise, an import) load at their own address and on reload', async () => {
  const w = await watched(e2e.browser, 'intake-inner', DESKTOP);
  await login(w.page, e2e.app.base, 'intake');
  await w.page.goto(`${e2e.app.base}/appeals?view=all`);
  await w.page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await w.page.waitForURL(/\/appeals\/[0-9a-f-]{36}$/);
  await loadAndReload(e2e.app.base, w, new URL(w.page.url()).pathname, 'intake', 'pages-intake-appeal');
  await w.page.goto(`${e2e.app.base}/enterprises`);
  await w.page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await w.page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
  const enterprise = new URL(w.page.url()).pathname;
  await loadAndReload(e2e.app.base, w, enterprise, 'intake', 'pages-intake-enterprise');
  await loadAndReload(e2e.app.base, w, `${enterprise}/edit`, 'intake', 'pages-intake-enterprise-edit');
  await loadAndReload(e2e.app.base, w, '/enterprises/new', 'intake', 'pages-intake-enterprise-new');
  await loadAndReload(e2e.app.base, w, '/enterprises/import', 'intake', 'pages-intake-enterprise-import');
  assert.deepEqual(w.problems, []);
});

test("the unread count (the staff bell, the portal's 通知 tab) is asked once per page load and once per navigation, not twice", async () => {
  // The requests made by `act`: the first is waited for (after a click the header's effect can run after
  // the page already looked settled, as in one CI run on the loaded machine), then any second one has the
  // page's settling and half a second more to show up.
  const counts = async (w: Awaited<ReturnType<typeof watched>>, act: () => Promise<unknown>) => {
    const isCount = (r: { url(): string }) => new URL(r.url()).pathname === '/api/notifications/unread-count';
    let n = 0;
    const seen = (r: { url(): string }) => {
      if (isCount(r)) n++;
    };
    w.page.on('request', seen);
    const first = w.page.waitForRequest(isCount);
    await act();
    await first;
    await settle(w.page);
    await w.page.waitForTimeout(500);
    w.page.off('request', seen);
    return n;
  };
  const staff = await watched(e2e.browser, 'intake-unread', DESKTOP);
  await login(staff.page, e2e.app.base, 'intake');
  assert.equal(await counts(staff, () => staff.page.goto(`${e2e.app.base}/appeals`)), 1, 'staff page load');
  assert.equal(
    await counts(staff, () => staff.page.locator('.ant-layout-sider li.ant-menu-item').filter({ hasText: '诉求检索' }).click()),
    1,
    'staff navigation',
  );
  const portal = await watched(e2e.browser, 'enterprise-unread', PHONE);
  await login(portal.page, e2e.app.base, 'enterprise');
  assert.equal(await counts(portal, () => portal.page.goto(`${e2e.app.base}/portal/appeals`)), 1, 'portal page load');
  assert.deepEqual([...staff.problems, ...portal.problems], []);
});

test("a document load asks for the opened page's code before the session, not after it (no Suspense spinner that React holds for 300 ms)", async () => {
  // The requests of one document load, in the order the browser made them.
  const order = async (w: Awaited<ReturnType<typeof watched>>, path: string) => {
    const seen: string[] = [];
    const record = (r: { url(): string }) => seen.push(new URL(r.url()).pathname);
    w.page.on('request', record);
    await w.page.goto(`${e2e.app.base}${path}`);
    await settle(w.page);
    w.page.off('request', record);
    return seen;
  };
  const before = (seen: string[], chunk: RegExp, what: string) => {
    const page = seen.findIndex((p) => chunk.test(p));
    const session = seen.indexOf('/api/auth/session');
    assert.ok(page >= 0 && session >= 0 && page < session, `${what}: ${seen.filter((p) => chunk.test(p) || p.startsWith('/api/')).join(' ')}`);
  };
  const staff = await watched(e2e.browser, 'coordinator-preload', DESKTOP);
  await login(staff.page, e2e.app.base, 'coordinator');
  before(await order(staff, '/appeals'), /^\/assets\/WorkbenchPage-[\w-]+\.js$/, 'the workbench');
  await staff.page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  const portal = await watched(e2e.browser, 'enterprise-preload', PHONE);
  await login(portal.page, e2e.app.base, 'enterprise');
  before(await order(portal, '/portal/appeals'), /^\/assets\/MyAppealsPage-[\w-]+\.js$/, 'the portal list');
  assert.deepEqual([...staff.problems, ...portal.problems], []);
});

test('the workbench searches the enterprise registry only once its 企业 filter is opened, and the filter then offers and takes an enterprise', async () => {
  const w = await watched(e2e.browser, 'coordinator-picker', DESKTOP);
  await login(w.page, e2e.app.base, 'coordinator');
  let searches = 0;
  w.page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/enterprises') searches++;
  });
  await w.page.goto(`${e2e.app.base}/appeals?view=all`);
  await settle(w.page);
  await w.page.waitForTimeout(500); // the picker searched 250 ms after it mounted, after the page had settled
  assert.equal(searches, 0, 'no registry search on the page load');
  const picker = w.page.locator('.ant-select').filter({ has: w.page.getByLabel('企业', { exact: true }) });
  await picker.click();
  const option = w.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
  const name = await option.getAttribute('title');
  assert.ok(name && searches >= 1, `opened: ${searches} searches, first option ${name}`);
  await option.click();
  await picker.filter({ hasText: name }).waitFor();
  assert.deepEqual(w.problems, []);
});

test('the enterprise portal at 390×844: every tab and the pages behind them load at their own address and on reload, in the phone layout', async () => {
  const w = await watched(e2e.browser, 'enterprise', PHONE);
  await login(w.page, e2e.app.base, 'enterprise');
  assert.equal(new URL(w.page.url()).pathname, '/portal/appeals');
  // The portal's own shell: its brand bar and tab bar, none of the console's header or icon rail.
  await w.page.getByTestId('portal-header').getByText('政企通 · 企业服务').waitFor();
  assert.equal(await w.page.locator('.ant-layout-sider, [data-testid=app-title]').count(), 0, 'no staff rail or header');
  const tabs = w.page.getByTestId('portal-tabs').locator('a');
  assert.deepEqual(await tabs.allInnerTexts(), ['我的诉求', '提交诉求', '会议征集', '通知', '我的']);
  const paths = await tabs.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  for (const [i, path] of paths.entries()) await loadAndReload(e2e.app.base, w, path, 'enterprise', `pages-enterprise-${i + 1}`);
  // The home shows no staff notions.
  await w.page.goto(`${e2e.app.base}/portal/appeals`);
  await settle(w.page);
  const home = await w.page.locator('main').innerText();
  for (const notion of ['所属单位', '数据范围', '所在处室', '角色']) assert.ok(!home.includes(notion), `portal home shows ${notion}`);
  // A tab bar entry is the current page.
  assert.equal(await w.page.getByTestId('portal-tabs').locator('a[aria-current=page]').innerText(), '我的诉求');
  await w.page.getByTestId('portal-appeal-card').first().click();
  await w.page.waitForURL(/\/portal\/appeals\/[0-9a-f-]{36}$/);
  await loadAndReload(e2e.app.base, w, new URL(w.page.url()).pathname, 'enterprise', 'pages-enterprise-appeal');
  await loadAndReload(e2e.app.base, w, '/portal/me/password', 'enterprise', 'pages-enterprise-password');
  // 通知设置 (issue 18): the enterprise's own notices, each with its SMS and e-mail switch.
  await loadAndReload(e2e.app.base, w, '/portal/me/notifications', 'enterprise', 'pages-enterprise-notification-settings');
  assert.equal(await w.page.getByTestId('portal-pref').count(), 5);
  // /portal itself is the home.
  await w.page.goto(`${e2e.app.base}/portal`);
  await w.page.waitForURL(/\/portal\/appeals$/);
  assert.deepEqual(w.problems, []);
});

test('each shell keeps to its own users: an enterprise at a console address and staff at a portal address land on their own page; signed out, each goes to its own login', async () => {
  const base = e2e.app.base;
  const ent = await watched(e2e.browser, 'enterprise-cross', PHONE);
  await login(ent.page, base, 'enterprise');
  for (const [from, to] of [
    ['/', '/portal/appeals'],
    ['/appeals', '/portal/appeals'],
    ['/notifications', '/portal/notifications'],
    ['/account/password', '/portal/me/password'],
    ['/account/notifications', '/portal/me/notifications'],
  ]) {
    await ent.page.goto(`${base}${from}`);
    await ent.page.waitForURL((u) => u.pathname === to);
  }
  const staff = await watched(e2e.browser, 'intake-cross', DESKTOP);
  await login(staff.page, base, 'intake');
  const { json } = await staff.page.evaluate(async () => ({ json: await (await fetch('/api/appeals?pageSize=1')).json() }));
  const appealId: string = json.items[0].id;
  for (const [from, to] of [
    ['/portal/appeals', '/'],
    ['/portal/notifications', '/notifications'],
    [`/portal/appeals/${appealId}`, `/appeals/${appealId}`],
    ['/portal/me', '/'],
  ]) {
    await staff.page.goto(`${base}${from}`);
    await staff.page.waitForURL((u) => u.pathname === to);
  }
  const anon = await watched(e2e.browser, 'signed-out', PHONE);
  await anon.page.goto(`${base}/portal/notifications`);
  await anon.page.waitForURL((u) => u.pathname === '/portal/login');
  // Both login pages pass axe-core's WCAG 2 A/AA rules too (issue 17; pages-lib.ts checks the others).
  await settle(anon.page);
  anon.problems.push(...(await axeProblems(anon.page, 'signed-out /portal/login')));
  await anon.page.goto(`${base}/appeals`);
  await anon.page.waitForURL((u) => u.pathname === '/login');
  await settle(anon.page);
  anon.problems.push(...(await axeProblems(anon.page, 'signed-out /login')));
  // Unknown addresses get each shell's own 未找到 page, at that address.
  await ent.page.goto(`${base}/portal/no-such-page`);
  await ent.page.getByText('返回我的诉求').waitFor();
  ent.problems.push(...(await axeProblems(ent.page, 'enterprise /portal/no-such-page')));
  await staff.page.goto(`${base}/no-such-page`);
  await staff.page.getByText('返回首页').waitFor();
  staff.problems.push(...(await axeProblems(staff.page, 'intake /no-such-page')));
  await screenshot(ent.page, 'pages-enterprise-not-found');
  assert.deepEqual([...ent.problems, ...staff.problems, ...anon.problems], []);
});
