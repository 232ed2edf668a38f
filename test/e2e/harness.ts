// Browser test harness: the built app in its own process on a fresh data folder and a free port,
// headless Debian Chromium through playwright-core, and a page that records every console error,
// page error and failed response so a test can fail on any of them.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { controlSocketPath } from '../../server/src/db/control-socket.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'artifacts');
export const DEMO_PASSWORD = 'Zqt@2026demo';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type RunningApp = { base: string; stop: () => Promise<void>; output: () => string };

/**
 * A data folder the app has already initialised, migrated and loaded the demo data into, once per
 * `npm run test:e2e` run (scripts/e2e.ts makes it and passes it on as E2E_TEMPLATE_DIR). Copying it
 * (under a second) replaces the first start's initdb, migrations and demo seed in every file's app,
 * which took 15–100 s a file on the loaded 2-core machine. Without it each file starts from nothing.
 */
export const TEMPLATE_ENV = 'E2E_TEMPLATE_DIR';

/** Makes the template: the app's first start on an empty folder, stopped cleanly (SIGTERM); the folder is kept. */
export async function makeTemplateDataDir(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-e2e-template-'));
  const app = await startApp({ dataDir: dir, keep: true, fresh: true, startSeconds: 300 });
  // startApp waited for the background tasks' first runs (a new task is due at once; the figures
  // roll-up's first run builds every bucket), so the copies start with those done.
  await app.stop();
  return dir;
}

/** A new data folder for one app: a copy of the run's template when there is one, else empty. */
function newDataDir(fresh = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-e2e-'));
  const template = process.env[TEMPLATE_ENV];
  if (!fresh && template && fs.existsSync(template)) fs.cpSync(template, dir, { recursive: true });
  return dir;
}

/**
 * Starts the built app on a new data folder (see newDataDir), or on `opts.dataDir` prepared by the
 * test; the folder is removed at stop unless `keep`. A kept folder is stopped cleanly (SIGTERM: the
 * database closed, as the template must be); a thrown-away one is killed (SIGKILL): its clean shutdown
 * took 1.5–1.7 s a file and nothing reads the folder afterwards (the fault suite tests SIGTERM).
 */
export async function startApp(opts: { dataDir?: string; keep?: boolean; fresh?: boolean; startSeconds?: number } = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) throw new Error('web/dist missing: run `npm run build` first');
  const dataDir = opts.dataDir ?? newDataDir(opts.fresh);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'server/src/server.ts')], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + (opts.startSeconds ?? 90) * 1000;
  while (!out.includes('政企通已启动')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`app did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The background tasks' first runs start with the app and hold the one embedded session; a first
  // request waits for them (13.5 s measured under load). Wait here, outside the tests' 15 s timeouts.
  await (await fetch(`http://127.0.0.1:${port}/api/auth/session`, { signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) })).text();
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(opts.keep ? 'SIGTERM' : 'SIGKILL');
      await exited;
      if (!opts.keep) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        // A killed app leaves its backup control socket in the temp folder (a clean stop removes it).
        fs.rmSync(controlSocketPath(dataDir), { force: true });
      }
    },
  };
}

/**
 * Debian's chromium-headless-shell when installed (the same Blink as chromium, built without the
 * browser's own UI: the browser tests took ≈ 20 % less time and CPU with it — 47 against 60 s and 80
 * against 97 s on two sets of files; Chromium is most of their CPU), else chromium. CHROMIUM overrides.
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM ?? (fs.existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export type WatchedPage = { page: Page; problems: string[] };

/** A page in its own context (own cookies) that records console errors/warnings and 4xx/5xx responses. */
export async function watchedPage(browser: Browser, label: string, viewport = { width: 1366, height: 860 }): Promise<WatchedPage> {
  // reducedMotion: the app turns its animations off (web/src/ui/theme.ts REDUCED_MOTION), as for a
  // user who asked the system for less motion: fewer frames to paint, no clicks during a transition.
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport, reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`[${label}] console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`[${label}] pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`[${label}] HTTP ${res.request().method()} ${new URL(res.url()).pathname} ${res.status()}`);
  });
  return { page, problems };
}

export async function login(page: Page, base: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // Staff land on the home page, enterprise accounts on 我的诉求 (web/src/auth/home.ts).
  await page.getByTestId('welcome').or(page.getByTestId('portal-home')).waitFor();
}

/** The whole page, or only what the window shows (`fullPage: false`: a dialog over a scrolled page, whose fixed header a whole-page capture draws half-way down). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/**
 * The app and a browser for one test file: started before its tests, stopped after them.
 * Read `e2e.app` / `e2e.browser` inside tests (they are set once `before` has run). A file that needs
 * its own data folder passes `prepareDataDir`, which makes it and returns its path (removed at stop).
 */
export function appUnderTest(prepareDataDir?: () => Promise<string>): { app: RunningApp; browser: Browser } {
  const e2e = {} as { app: RunningApp; browser: Browser };
  // The app (after the test's own data folder, if it prepares one) and the browser start, and stop,
  // side by side (≈ 0.5 s a file).
  before(async () => {
    const app = async () => startApp(prepareDataDir ? { dataDir: await prepareDataDir() } : {});
    [e2e.app, e2e.browser] = await Promise.all([app(), launchBrowser()]);
  });
  after(async () => {
    await Promise.all([e2e.browser?.close(), e2e.app?.stop()]);
  });
  return e2e;
}

/** A phone-sized viewport (the enterprise portal's pages must work on it). */
export const PHONE = { width: 390, height: 844 };

/** fetch from the page (its cookies), with the session's CSRF token on writes. */
export async function apiCall(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the API answered
Promise<{ status: number; json: any }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const s = await (await fetch('/api/auth/session')).json();
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(s.csrfToken ? { 'x-csrf-token': s.csrfToken } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    { method, url, body },
  );
}

/**
 * Clicks `button` of the open dialog and waits for the dialog to close. If it stays open the test
 * fails here with what the dialog and the page's messages say (a field message, an API error), not
 * later on a text that never came.
 */
export async function submitDialog(page: Page, button: string | RegExp) {
  const modal = page.locator('.ant-modal');
  await modal.getByRole('button', { name: button }).click();
  try {
    await modal.waitFor({ state: 'hidden' });
  } catch (err) {
    const shown = await modal.innerText().catch(() => '');
    const messages = await page
      .locator('.ant-message, .ant-notification')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(`dialog still open after ${button}: ${shown.replace(/\s+/g, ' ').slice(0, 300)} | messages: ${messages.join(' ')}`, { cause: err });
  }
}

/**
 * Picks the option titled `name` in an antd Select (`select`: its `.ant-select` root) as a person does.
 * A dialog may fetch its options itself when it opens (the transfer's city bureaus, the bulk dispatch's
 * units); the select shows its loading state meanwhile. On the embedded database a request waits while
 * a background task holds the one session (measured: 13.5 s for the first request after a start, under
 * the boot runs of the tasks on a loaded machine), so the list can come late: wait for the options
 * first, as a person who sees the spinner does; the wait is for data, so it gets a minute. Type only
 * once the dropdown is open (under load a keystroke before it is lost), and check the choice landed in
 * the field before going on: in CI an option was clicked and the field still did not show it 15 s
 * later (a click during the dropdown's animation under load; appeals-extras once, workbench-bulk
 * once), so a choice that does not land within 5 s is made again, at most three times.
 */
export async function pickOption(page: Page, select: Locator, name: string) {
  await select.and(page.locator('.ant-select:not(.ant-select-loading)')).waitFor({ timeout: 60_000 });
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:visible').first().waitFor();
    await page.keyboard.type(name);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${name}"]`).click();
    try {
      await select.filter({ hasText: name }).waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
      await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    }
  }
}

/** The WCAG 2.0/2.1 level A and AA rules of axe-core (GB/T 37668-2019 rests on WCAG 2.x; issue 17). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let axeSource: string | undefined;

type AxeNode = {
  target: unknown[];
  html: string;
  any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } }[];
};
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** A node of a violation: its selector, the start of its HTML and, for contrast, the colours and ratio found. */
function axeNode(n: AxeNode) {
  const c = n.any.find((a) => a.data?.contrastRatio !== undefined)?.data;
  const colours = c ? ` [${c.fgColor} on ${c.bgColor} ${c.contrastRatio}:1, needs ${c.expectedContrastRatio}]` : '';
  return `${n.target.join(' ')}${colours} ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`;
}

/**
 * axe-core's WCAG 2 A/AA rules on the page as it is now, one line per violation: rule id, impact,
 * help, node count and the first few nodes (selector and HTML). Empty when the page passes.
 */
export async function axeProblems(page: Page, label: string): Promise<string[]> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the app's Content-Security-Policy does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Colour transitions still running (an antd button turning from disabled to enabled takes 0.2 s)
  // would be measured half-way: after two frames (a render committed just after the page settled starts
  // its transitions then — a portal save button enabled by its data arriving was once caught at 1.81:1),
  // wait for the finite ones to end, again until none runs, at most 1.5 s in all.
  await page.evaluate(async () => {
    const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const deadline = performance.now() + 1500;
    await frames();
    for (;;) {
      const running = document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
      if (!running.length || performance.now() > deadline) return;
      await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 300))]);
      await frames();
    }
  });
  const violations = await page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core is injected above, not imported into the page's types
    const axe = (window as any).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    // The one exemption: the suffix/prefix text inside a disabled antd field (the "小时" of a disabled
    // InputNumber). WCAG 1.4.3 exempts text of inactive controls and axe exempts the disabled <input>
    // itself, but not antd's unit text drawn beside it in a wrapper element.
    const inDisabledField = (t: unknown) => !!document.querySelector(String(t))?.closest('.ant-input-number-disabled, .ant-input-affix-wrapper-disabled');
    return (r.violations as AxeViolation[])
      .map((v) => (v.id === 'color-contrast' ? { ...v, nodes: v.nodes.filter((n) => !(n.target.length === 1 && inDisabledField(n.target[0]))) } : v))
      .filter((v) => v.nodes.length > 0);
  }, AXE_TAGS);
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 3).map(axeNode).join(' | ');
    return `[${label}] axe ${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help} — ${nodes}`;
  });
}

/** Fails if axe-core finds any WCAG 2 A/AA violation on the page (issue 17). */
export async function axeCheck(page: Page, label: string) {
  assert.deepEqual(await axeProblems(page, label), [], `${label}: accessibility (axe-core, WCAG 2 A/AA)`);
}
