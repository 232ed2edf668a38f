// Shared by the page tests (pages.test.ts, pages-staff.test.ts): reach an address (open it, or click
// its menu entry), let the app settle, check it stayed at its own address with no overflow, reload,
// check again.
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
 * 'networkidle' waits a fixed 500 ms after the last one, on each of some 400 loads here), no spinner
 * and no loading placeholder (a card's skeleton: a page's data request may start only once its chunk
 * has run, after the quiet 150 ms on a busy machine, and axe and the screenshot would then see the
 * placeholder instead of the page).
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
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

async function overflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** The page at `path` once the app settled: still at its own address, a page (not 未找到/无权访问), nothing overflowing sideways. */
async function checkHere(w: WatchedPage, path: string, label: string, how: string) {
  await settle(w.page);
  const at = new URL(w.page.url()).pathname;
  assert.equal(at, path, `${label} ${how} ${path}: stays at its own address`);
  const body = await w.page.locator('body').innerText();
  assert.ok(!body.includes('页面不存在') && !body.includes('无权访问'), `${label} ${how} ${path}: shows a page, not ${body.slice(0, 80)}`);
  const { scrollWidth, innerWidth } = await overflow(w.page);
  assert.ok(scrollWidth <= innerWidth, `${label} ${how} ${path}: ${scrollWidth}px wide in a ${innerWidth}px window`);
  // No column out of sight either: a table wider than its place scrolls inside the page, which the
  // check above does not see (the 年度考核 table hid 590 px of its columns that way at 1366×768).
  for (const hidden of await tablesScrolled(w.page)) w.problems.push(`${label} ${how} ${path}: ${hidden}`);
}

/** Tables of the page whose columns do not all fit their place (each: its columns' headers and how many pixels are out of sight). */
export async function tablesScrolled(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.ant-table-content')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && (el as HTMLElement).offsetParent !== null)
      .map((el) => {
        const heads = [...el.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim()).filter(Boolean);
        return `表格「${heads.slice(0, 3).join('、')}…」有 ${el.scrollWidth - el.clientWidth}px 的列在可见区域之外`;
      }),
  );
}

/** Column headers of the page's tables whose label runs onto a second line (each: the label). */
export async function headersWrapped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.ant-table-thead th')].flatMap((th) => {
      const text = (th.textContent ?? '').trim();
      if (!text || (th as HTMLElement).offsetParent === null) return [];
      const range = document.createRange();
      range.selectNodeContents(th);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return lines.size > 1 ? [`表头「${text}」折成 ${lines.size} 行`] : [];
    }),
  );
}

/** A document load of the address (opened, or F5): the document answers 200, then checkHere. */
async function loadHere(base: string, w: WatchedPage, path: string, label: string, how: 'open' | 'reload') {
  const res = how === 'open' ? await w.page.goto(`${base}${path}`) : await w.page.reload();
  assert.equal(res?.status(), 200, `${label} ${how} ${path}: document status`);
  await checkHere(w, path, label, how);
}

/** axe-core's WCAG 2 A/AA rules on the page, once (issue 17), its violations recorded with the page's problems; then its screenshot. */
async function axeAndShoot(w: WatchedPage, path: string, label: string, shot: string) {
  w.problems.push(...(await axeProblems(w.page, `${label} ${path}`)));
  await w.page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(w.page, shot);
}

/** Opens `path` at its own address, checks it, reloads it and checks again; then axe and a screenshot. */
export async function loadAndReload(base: string, w: WatchedPage, path: string, label: string, shot: string) {
  await loadHere(base, w, path, label, 'open');
  await loadHere(base, w, path, label, 'reload');
  await axeAndShoot(w, path, label, shot);
}

/**
 * Every entry of the staff menu, in menu order, as a person uses it: clicked (the app's own navigation,
 * no document load) and checked there; reloaded (F5: a document load of that address, the same as
 * opening it from a link or a bookmark) and checked again; then axe and a screenshot. Returns the
 * addresses. (Before 2026-12-05 each entry was clicked only to learn its address and then opened and
 * reloaded: two identical document loads, and the page as reached through the menu went unchecked.)
 */
async function walkStaffMenu(base: string, w: WatchedPage, role: string): Promise<string[]> {
  const { page } = w;
  const items = page.locator('.ant-layout-sider li.ant-menu-item');
  const paths: string[] = [];
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    // Every group starts open (StaffLayout's defaultOpenKeys); open any that is not.
    for (const group of await page.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title').all()) await group.click();
    const item = items.nth(i);
    await item.click();
    // The menu's selection follows the address: the entry shows selected once the app is there.
    await page.locator('.ant-layout-sider li.ant-menu-item-selected').and(item).waitFor({ timeout: 5_000 });
    const path = new URL(page.url()).pathname;
    if (paths.includes(path)) continue;
    paths.push(path);
    await checkHere(w, path, role, 'menu');
    await loadHere(base, w, path, role, 'reload');
    await axeAndShoot(w, path, role, `pages-${role}-${paths.length}`);
  }
  return paths;
}

/**
 * Every menu page of each of `roles` at 1366×768 (walkStaffMenu), each role in its own browser context (own cookies),
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
      const paths = await walkStaffMenu(base, w, role);
      assert.ok(paths.includes('/') && paths.includes('/account/password') && paths.includes('/notifications'), `${role}: ${paths.join(' ')}`);
      assert.ok(paths.length >= 4, `${role} has a menu: ${paths.join(' ')}`);
      seen.set(role, `${role}: ${paths.join(' ')}`);
      problems.push(...w.problems);
      await w.page.context().close();
    }
  };
  await Promise.all([worker(), worker()]);
  console.log(roles.map((r) => seen.get(r)).join('\n'));
  assert.deepEqual(problems, []);
}
