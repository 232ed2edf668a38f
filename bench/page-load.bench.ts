// Page loads as the browser pays for them: each page of a short list opened (a document load, as on
// F5 or from a bookmark) in headless Chromium, the wall time until the page settled and the CPU that
// Chromium's processes used for it. The raw baseline, measured in the same run: the same page's
// finished DOM served as a static document (its stylesheets, no script), so the ratio is what the
// app's JavaScript adds to drawing the same page. The app runs on a fresh embedded folder with the demo
// data, as after `npm start`; the browser is the one the browser tests use (test/e2e/harness.ts).
//   node bench/page-load.bench.ts [--loads 8]
// Needs the web build (`npm run build`) and Chromium (README, the `npm run test:e2e` row).
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser, login, PHONE, startApp } from '../test/e2e/harness.ts';
import { DESKTOP, settle, watched } from '../test/e2e/pages-lib.ts';
import { arg, parseProcStat, percentile, table } from './lib.ts';

const loads = Math.max(1, Number(arg('loads', '8')) || 8);

/** CPU seconds (user + system) of this process's descendants whose command names Chromium (Linux /proc). */
function chromiumCpu(): number {
  const children = new Map<number, number[]>();
  const stats = new Map<number, { cmd: string; ticks: number }>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const { comm, ppid, ticks } = parseProcStat(fs.readFileSync(`/proc/${d}/stat`, 'utf8'));
      const pid = Number(d);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      stats.set(pid, { cmd: comm, ticks });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      if (/chrom/i.test(stats.get(c)?.cmd ?? '')) ticks += stats.get(c)?.ticks ?? 0;
      walk(c);
    }
  };
  walk(process.pid);
  return ticks / 100;
}

type Sample = { wall: number[]; cpu: number };

/** `loads` document loads of what `open` opens, after one to warm the caches: wall ms of each, Chromium CPU ms per load. */
async function measure(page: Page, open: () => Promise<unknown>): Promise<Sample> {
  await open();
  await settle(page);
  const wall: number[] = [];
  const c0 = chromiumCpu();
  for (let i = 0; i < loads; i++) {
    const t0 = performance.now();
    await open();
    await settle(page);
    wall.push(performance.now() - t0);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: ((chromiumCpu() - c0) * 1000) / loads };
}

const STATIC_PATH = '/__bench_static__';

/** The page as it stands now, served as a static document at STATIC_PATH of the same origin: no scripts, the stylesheets kept. */
async function staticCopy(page: Page): Promise<() => Promise<unknown>> {
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true) as HTMLElement;
    for (const el of doc.querySelectorAll('script, link[rel=modulepreload]')) el.remove();
    return `<!doctype html>${doc.outerHTML}`;
  });
  const url = new URL(STATIC_PATH, page.url()).toString();
  await page.unroute(url).catch(() => undefined);
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  return () => page.goto(url);
}

const app = await startApp({ fresh: true, startSeconds: 300 });
const browser = await launchBrowser();
const rows: Record<string, string | number>[] = [];
try {
  const staff = await watched(browser, 'coordinator', DESKTOP);
  await login(staff.page, app.base, 'coordinator');
  await staff.page.goto(`${app.base}/appeals`);
  await settle(staff.page);
  const appeal = await staff.page.locator('a[href^="/appeals/"]').first().getAttribute('href');
  const portal = await watched(browser, 'enterprise', PHONE);
  await login(portal.page, app.base, 'enterprise');
  // Staff at 1366×768 (home, workbench, an appeal, the dashboard, the contact points), the portal at 390×844.
  const plan: [string, Page, string][] = [
    ['/', staff.page, '/'],
    ['/appeals', staff.page, '/appeals'],
    ['/appeals/:id', staff.page, appeal ?? '/appeals'],
    ['/dashboard', staff.page, '/dashboard'],
    ['/contacts', staff.page, '/contacts'],
    ['/portal/appeals (phone)', portal.page, '/portal/appeals'],
  ];
  for (const [label, page, path] of plan) {
    const app_ = await measure(page, () => page.goto(`${app.base}${path}`));
    const raw = await measure(page, await staticCopy(page));
    rows.push({
      page: label,
      'p50 ms': Math.round(percentile(app_.wall, 50)),
      'p95 ms': Math.round(percentile(app_.wall, 95)),
      'Chromium CPU/load': `${Math.round(app_.cpu)} ms`,
      'static DOM p50': `${Math.round(percentile(raw.wall, 50))} ms`,
      'static CPU/load': `${Math.round(raw.cpu)} ms`,
      'CPU ratio': `${(app_.cpu / Math.max(1, raw.cpu)).toFixed(1)}×`,
    });
  }
  const problems = [...staff.problems, ...portal.problems];
  if (problems.length) console.log(`browser problems:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await app.stop();
}
console.log(`\nPage loads (${loads} per page after one warm-up; settled = no request for 150 ms, no spinner or skeleton):`);
table(rows);
