// Browser test harness: the built app in its own process on a fresh data folder and a free port,
// headless Debian Chromium through playwright-core, and a page that records every console error,
// page error and failed response so a test can fail on any of them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Starts the built app on a fresh data folder, or on `opts.dataDir` prepared by the test (removed at stop either way). */
export async function startApp(opts: { dataDir?: string } = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(ROOT, 'web/dist/index.html'))) throw new Error('web/dist missing: run `npm run build` first');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'server/src/server.ts')], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 90_000;
  while (!out.includes('政企通已启动')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`app did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export type WatchedPage = { page: Page; problems: string[] };

/** A page in its own context (own cookies) that records console errors/warnings and 4xx/5xx responses. */
export async function watchedPage(browser: Browser, label: string, viewport = { width: 1366, height: 860 }): Promise<WatchedPage> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
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

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The app and a browser for one test file: started before its tests, stopped after them.
 * Read `e2e.app` / `e2e.browser` inside tests (they are set once `before` has run).
 */
export function appUnderTest(): { app: RunningApp; browser: Browser } {
  const e2e = {} as { app: RunningApp; browser: Browser };
  before(async () => {
    e2e.app = await startApp();
    e2e.browser = await launchBrowser();
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.app?.stop();
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
