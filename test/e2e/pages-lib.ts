// Shared by the page tests (pages.test.ts, pages-staff.test.ts): open an address, let the app
// settle, check it stayed at its own address with no overflow, reload, check again.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { axeProblems, login, screenshot, type WatchedPage, watchedPage } from './harness.ts';

export const DESKTOP = { width: 1366, height: 768 };

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

export async function watched(...args: Parameters<typeof watchedPage>): Promise<WatchedPage> {
  const w = await watchedPage(...args);
  track(w.page);
  return w;
}

/**
 * The address's page after the app settled: no request in flight for 150 ms (Playwright's
 * 'networkidle' waits a fixed 500 ms after the last one, on each of some 400 loads here), no spinner.
 */
export async function settle(page: Page) {
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

/**
 * Opens `path` at its own address, checks it, reloads it and checks again; then runs axe-core's WCAG 2
 * A/AA rules on it once (issue 17), its violations recorded with the page's problems.
 */
export async function loadAndReload(base: string, w: WatchedPage, path: string, label: string, shot: string) {
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
  w.problems.push(...(await axeProblems(w.page, `${label} ${path}`)));
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

/**
 * Every menu page of each of `roles` at 1366×768, each role in its own browser context (own cookies),
 * two roles at a time: the pages wait on the app as much as on the processor, so two overlap well in one
 * app (measured: two apps side by side, one per half of the roles, took twice as long on 2 cores).
 * Logs each role's addresses.
 */
export async function staffMenus(browser: Browser, base: string, roles: readonly string[]) {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const queue = [...roles];
  const worker = async () => {
    for (let role = queue.shift(); role !== undefined; role = queue.shift()) {
      const w = await watched(browser, role, DESKTOP);
      await login(w.page, base, role);
      const paths = await staffMenuPaths(w.page);
      assert.ok(paths.includes('/') && paths.includes('/account/password') && paths.includes('/notifications'), `${role}: ${paths.join(' ')}`);
      assert.ok(paths.length >= 4, `${role} has a menu: ${paths.join(' ')}`);
      for (const [i, path] of paths.entries()) await loadAndReload(base, w, path, role, `pages-${role}-${i + 1}`);
      seen.set(role, `${role}: ${paths.join(' ')}`);
      problems.push(...w.problems);
      await w.page.context().close();
    }
  };
  await Promise.all([worker(), worker()]);
  console.log(roles.map((r) => seen.get(r)).join('\n'));
  assert.deepEqual(problems, []);
}
