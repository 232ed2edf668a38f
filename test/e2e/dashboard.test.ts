// Browser tests of the dashboard and the reports (issue 16, R7.2, R8.1): a leader sees the portfolio,
// oversight the whole province with each city's aggregate; hovering a chart and a figure explains it;
// 办公室 generates the monthly report and a leader downloads it (.docx read back). Staff pages at
// 1366×768, no horizontal overflow, no console error. Screenshots go to artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const STAFF = { width: 1366, height: 768 };

/** A staff page at 1366×768; generous timeouts: on a fresh start the scheduler builds last month's reports. */
async function staffPage(label: string) {
  const w = await watchedPage(e2e.browser, label, STAFF);
  w.page.context().setDefaultTimeout(60_000);
  return w;
}

async function noOverflow(page: Page, label: string) {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${label}: page is ${sw}px wide in a ${iw}px window`);
}

async function openDashboard(page: Page) {
  await page.goto(`${e2e.app.base}/dashboard`);
  await page.getByTestId('dashboard-kpis').waitFor();
  await page.getByTestId('chart-monthly').locator('svg').first().waitFor();
}

/** Moves the mouse across a chart until ECharts shows its tooltip; returns the tooltip's text. */
async function hoverChart(page: Page, testId: string): Promise<string> {
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  for (const fx of [0.5, 0.35, 0.65, 0.8, 0.2]) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.6);
    await page.waitForTimeout(300);
    const text = await chart.evaluate((el) => {
      const tip = [...el.querySelectorAll('div')].find((d) => d.style.position === 'absolute' && d.style.display !== 'none' && d.textContent?.trim());
      return tip?.textContent ?? '';
    });
    if (text) return text;
  }
  return '';
}

test('R7.2 a leader sees the portfolio: figures, the monthly chart explains itself on hover, reload keeps the page', async () => {
  const { page, problems } = await staffPage('leader');
  await login(page, e2e.app.base, 'leader');
  // From the menu (统计分析 → 数据看板), as a leader would.
  await page.getByRole('menuitem', { name: '数据看板' }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('dashboard-kpis').waitFor();
  await page.getByTestId('chart-monthly').locator('svg').first().waitFor();
  assert.match((await page.getByTestId('dashboard-scope').textContent()) ?? '', /^分管处室：/);
  assert.equal(await page.getByTestId('dashboard-cities').count(), 0, 'city aggregates are for the tenant-wide view');
  // The province's demo appeals this year: the leader's units have some.
  const received = Number(await page.getByTestId('kpi-received').locator('.ant-statistic-content-value').textContent());
  assert.ok(received > 0, 'the portfolio has appeals this year');
  const tip = await hoverChart(page, 'chart-monthly');
  assert.match(tip, /受理/, `the chart's tooltip names what it counts (got "${tip}")`);
  assert.match(tip, /办结/);
  await screenshot(page, 'dashboard-leader');
  // A figure explains itself: what is counted and over which period.
  await page.getByTestId('kpi-responseRate').hover();
  const help = page.locator('.ant-tooltip:visible');
  await help.waitFor();
  assert.match((await help.textContent()) ?? '', /2小时内联系企业.*统计期间：\d{4}年1月1日至/);
  await screenshot(page, 'dashboard-leader-hover');
  await noOverflow(page, 'leader dashboard');
  await page.reload();
  await page.getByTestId('dashboard-kpis').waitFor();
  assert.deepEqual(problems, []);
});

test('R8.1 oversight sees the whole province with each city bureau’s aggregate; overdue appeals link to their page', async () => {
  const { page, problems } = await staffPage('oversight');
  await login(page, e2e.app.base, 'oversight');
  await openDashboard(page);
  assert.equal((await page.getByTestId('dashboard-scope').textContent())?.trim(), '全部处室');
  await page.getByTestId('dashboard-cities').waitFor();
  const cityRows = page.getByTestId('dashboard-cities').locator('tbody tr');
  assert.equal(await cityRows.count(), 16, 'all 16 city bureaus');
  // R1.4 / R1.8 / R2.4 the quota panel is wired: the demo's contact points and research.
  assert.match((await page.getByTestId('slot-quotas').textContent()) ?? '', /联系点走访完成率/, 'slot-quotas');
  // R8.1 the assessment panel is wired: the demo units' scores.
  assert.doesNotMatch((await page.getByTestId('slot-assessment').textContent()) ?? '', /未上线/, 'slot-assessment');
  // R7.3 the survey panel is wired: the demo's survey is last year's, so this year has none yet.
  assert.match((await page.getByTestId('slot-survey').textContent()) ?? '', /暂无数据/, 'slot-survey');
  // Ranking by another metric reorders the table.
  await page.getByTestId('ranking-metric').getByText('满意率').click();
  await page.getByTestId('chart-ranking').locator('svg').first().waitFor();
  const tip = await hoverChart(page, 'chart-cities');
  assert.match(tip, /受理/, `city chart tooltip (got "${tip}")`);
  await screenshot(page, 'dashboard-oversight');
  await noOverflow(page, 'oversight dashboard');
  const overdue = page.getByTestId('dashboard-overdue');
  if ((await overdue.locator('tbody tr a').count()) > 0) {
    await overdue.locator('tbody tr a').first().click();
    await page.getByTestId('appeal-page').waitFor();
  }
  assert.deepEqual(problems, []);
});

test('reports: 办公室 generates the monthly report, a leader downloads it (.docx and .xlsx)', async () => {
  const office = await staffPage('intake');
  await login(office.page, e2e.app.base, 'intake');
  await office.page.goto(`${e2e.app.base}/reports`);
  await office.page.getByTestId('reports-table').waitFor();
  await office.page.getByTestId('report-generate').click();
  await office.page.locator('.ant-message-success').waitFor({ timeout: 60_000 });
  await office.page.getByTestId('report-docx').first().waitFor();
  await screenshot(office.page, 'reports-office');
  await noOverflow(office.page, 'reports page');
  assert.deepEqual(office.problems, []);

  const { page, problems } = await staffPage('leader');
  await login(page, e2e.app.base, 'leader');
  await page.goto(`${e2e.app.base}/reports`);
  await page.getByTestId('report-docx').first().waitFor();
  assert.equal(await page.getByTestId('report-generate').count(), 0, 'leaders read; 办公室 generates');
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').first().click()]);
  assert.match(docx.suggestedFilename(), /涉企诉求办理情况月报-\d{4}-\d{2}\.docx$/);
  const file = await docx.path();
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  assert.match(xml, /涉企诉求办理情况月报/);
  assert.match(xml, /统计口径/);
  assert.ok(
    Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png')),
    'charts as pictures',
  );
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').first().click()]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  await screenshot(page, 'reports-leader');
  assert.deepEqual(problems, []);
});
