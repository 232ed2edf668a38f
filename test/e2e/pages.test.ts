// Every page loads at its own address and on reload (issue 13, issue 17): each demo role signs in;
// staff at 1366×768 open every entry of their menu, the enterprise at 390×844 every tab of the
// portal, plus the pages behind them (an appeal, an enterprise, the password page). Each address is
// loaded directly and then reloaded (F5): the document answers 200, the page is not a 未找到/无权访问
// page, nothing overflows sideways (document.documentElement.scrollWidth <= innerWidth) and the
// console stays clean. A signed-in user who opens the other shell's address lands in their own.
// Screenshots: artifacts/pages-<role>-<n>.png (viewport).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { appUnderTest, login, PHONE, screenshot, type WatchedPage, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const DESKTOP = { width: 1366, height: 768 };
const STAFF_ROLES = ['sysadmin', 'secadmin', 'auditor', 'intake', 'coordinator', 'leader', 'unit_head', 'unit_staff', 'liaison', 'oversight'];

/** Requests in flight per page, counted from the browser's own events. */
const inflight = new WeakMap<Page, { n: number }>();
function track(page: Page) {
  const c = { n: 0 };
  inflight.set(page, c);
  page.on('request', () => c.n++);
  const done = () => {
    c.n = Math.max(0, c.n - 1);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}

async function watched(...args: Parameters<typeof watchedPage>): Promise<WatchedPage> {
  const w = await watchedPage(...args);
  track(w.page);
  return w;
}

/**
 * The address's page after the app settled: no request in flight for 150 ms (Playwright's
 * 'networkidle' waits a fixed 500 ms after the last one, on each of some 400 loads here), no spinner.
 */
async function settle(page: Page) {
  await page.waitForLoadState('load');
  const c = inflight.get(page);
  if (!c) throw new Error('settle: page not tracked');
  const deadline = Date.now() + 15_000;
  for (let quiet = 0; quiet < 3 && Date.now() < deadline; ) {
    await page.waitForTimeout(50);
    quiet = c.n === 0 ? quiet + 1 : 0;
  }
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

async function overflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** Opens `path` at its own address, checks it, reloads it and checks again. */
async function loadAndReload(w: WatchedPage, path: string, label: string, shot: string) {
  const base = e2e.app.base;
  for (const how of ['open', 'reload'] as const) {
    const res = how === 'open' ? await w.page.goto(`${base}${path}`) : await w.page.reload();
    assert.equal(res?.status(), 200, `${label} ${how} ${path}: document status`);
    await settle(w.page);
    const at = new URL(w.page.url()).pathname;
    assert.equal(at, path, `${label} ${how} ${path}: stays at its own address`);
    const body = await w.page.locator('body').innerText();
    assert.ok(!body.includes('页面不存在') && !body.includes('无权访问'), `${label} ${how} ${path}: shows a page, not ${body.slice(0, 80)}`);
    const { scrollWidth, innerWidth } = await overflow(w.page);
    assert.ok(scrollWidth <= innerWidth, `${label} ${how} ${path}: ${scrollWidth}px wide in a ${innerWidth}px window`);
  }
  await w.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(w.page, shot);
}

/** The staff menu's pages, in menu order: each entry clicked once to learn its address. */
async function staffMenuPaths(page: Page): Promise<string[]> {
  for (const group of await page.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title').all()) await group.click();
  const items = page.locator('.ant-layout-sider li.ant-menu-item');
  const paths: string[] = [];
  for (let i = 0; i < (await items.count()); i++) {
    const before = page.url();
    await items.nth(i).click();
    await page.waitForURL((u) => u.href !== before || i === 0, { timeout: 5_000 }).catch(() => undefined);
    paths.push(new URL(page.url()).pathname);
  }
  return [...new Set(paths)];
}

test('staff, every demo role at 1366×768: every menu page loads at its own address and on reload, with no horizontal overflow and no console error', async () => {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  // Two roles at a time, each in its own browser context (own cookies): the pages wait on the app
  // as much as on the processor, so two overlap well.
  const queue = [...STAFF_ROLES];
  const worker = async () => {
    for (let role = queue.shift(); role !== undefined; role = queue.shift()) {
      const w = await watched(e2e.browser, role, DESKTOP);
      await login(w.page, e2e.app.base, role);
      const paths = await staffMenuPaths(w.page);
      assert.ok(paths.includes('/') && paths.includes('/account/password') && paths.includes('/notifications'), `${role}: ${paths.join(' ')}`);
      assert.ok(paths.length >= 4, `${role} has a menu: ${paths.join(' ')}`);
      for (const [i, path] of paths.entries()) await loadAndReload(w, path, role, `pages-${role}-${i + 1}`);
      seen.set(role, `${role}: ${paths.join(' ')}`);
      problems.push(...w.problems);
      await w.page.context().close();
    }
  };
  await Promise.all([worker(), worker()]);
  console.log(STAFF_ROLES.map((r) => seen.get(r)).join('\n'));
  assert.deepEqual(problems, []);
});

test('staff pages behind the menu (an appeal, an enterprise, an import) load at their own address and on reload', async () => {
  const w = await watched(e2e.browser, 'intake-inner', DESKTOP);
  await login(w.page, e2e.app.base, 'intake');
  await w.page.goto(`${e2e.app.base}/appeals?view=all`);
  await w.page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await w.page.waitForURL(/\/appeals\/[0-9a-f-]{36}$/);
  await loadAndReload(w, new URL(w.page.url()).pathname, 'intake', 'pages-intake-appeal');
  await w.page.goto(`${e2e.app.base}/enterprises`);
  await w.page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await w.page.waitForURL(/\/enterprises\/[0-9a-f-]{36}$/);
  const enterprise = new URL(w.page.url()).pathname;
  await loadAndReload(w, enterprise, 'intake', 'pages-intake-enterprise');
  await loadAndReload(w, `${enterprise}/edit`, 'intake', 'pages-intake-enterprise-edit');
  await loadAndReload(w, '/enterprises/new', 'intake', 'pages-intake-enterprise-new');
  await loadAndReload(w, '/enterprises/import', 'intake', 'pages-intake-enterprise-import');
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
  for (const [i, path] of paths.entries()) await loadAndReload(w, path, 'enterprise', `pages-enterprise-${i + 1}`);
  // The home shows no staff notions.
  await w.page.goto(`${e2e.app.base}/portal/appeals`);
  await settle(w.page);
  const home = await w.page.locator('main').innerText();
  for (const notion of ['所属单位', '数据范围', '所在处室', '角色']) assert.ok(!home.includes(notion), `portal home shows ${notion}`);
  // A tab bar entry is the current page.
  assert.equal(await w.page.getByTestId('portal-tabs').locator('a[aria-current=page]').innerText(), '我的诉求');
  await w.page.getByTestId('portal-appeal-card').first().click();
  await w.page.waitForURL(/\/portal\/appeals\/[0-9a-f-]{36}$/);
  await loadAndReload(w, new URL(w.page.url()).pathname, 'enterprise', 'pages-enterprise-appeal');
  await loadAndReload(w, '/portal/me/password', 'enterprise', 'pages-enterprise-password');
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
  await anon.page.goto(`${base}/appeals`);
  await anon.page.waitForURL((u) => u.pathname === '/login');
  // Unknown addresses get each shell's own 未找到 page, at that address.
  await ent.page.goto(`${base}/portal/no-such-page`);
  await ent.page.getByText('返回我的诉求').waitFor();
  await staff.page.goto(`${base}/no-such-page`);
  await staff.page.getByText('返回首页').waitFor();
  await screenshot(ent.page, 'pages-enterprise-not-found');
  assert.deepEqual([...ent.problems, ...staff.problems, ...anon.problems], []);
});
