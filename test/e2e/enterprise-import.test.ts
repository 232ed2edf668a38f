// Browser test of the enterprise registry: the built app (web/dist) on a fresh data folder with
// demo data, signed in as the demo `intake`; the list, then an Excel import with bad rows:
// preview (row / column / message, changes of an existing enterprise), update, result.
// Screenshots go to artifacts/enterprise-*.png.
// Run: npx vite build --config web/vite.config.ts && npm run test:e2e
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { COLUMNS, SHEET_NAME } from '../../server/src/modules/enterprises/enterprises.excel.ts';
import { generateUscc } from '../../server/src/domain/uscc.ts';
import { seededRng } from '../../server/src/seed/demo-enterprises.ts';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();

async function importFile(existing: { name: string; uscc: string }) {
  const rng = seededRng(7);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.addRow(COLUMNS.map((c) => c.header));
  const base = { region: '370102 济南市历下区', sector: '危险化学品', ownership: '民营', size: '中型', unit: '危险化学品安全监督管理处' };
  const rows: Record<string, string>[] = [
    { ...base, name: '济南新泉化工有限公司', uscc: generateUscc(rng, { regionCode: '370102' }), contactName: '刘洋', contactMobile: '13800138000' },
    { ...base, name: '青岛东港精细化工有限公司', uscc: generateUscc(rng, { regionCode: '370211' }), region: '370211 青岛市黄岛区' },
    { ...base, name: '淄博校验位错误化工厂', uscc: '91370303MA3C5QXE2X' },
    { ...base, name: '潍坊重名区县机械厂', uscc: generateUscc(rng, { regionCode: '370702' }), region: '市中区', sector: '工贸', subSector: '机械' },
    { ...base, name: '临沂缺细分行业有限公司', uscc: generateUscc(rng, { regionCode: '371302' }), region: '371302 临沂市兰山区', sector: '工贸' },
    { ...base, name: '', uscc: generateUscc(rng, { regionCode: '370102' }), size: '特大型', contactMobile: '1380013' },
    {
      ...base,
      name: `${existing.name}`,
      uscc: existing.uscc,
      address: '山东省济南市历下区经十路9999号（更新）',
      contactName: '孙丽',
      contactPost: '安全总监',
      contactMobile: '13900139000',
    },
  ];
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c.key] ?? null));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-e2e-xlsx-')), '企业名录-含错误行.xlsx');
  fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

test('intake: enterprise list, Excel import preview with bad rows, update, result', async () => {
  const { page, problems } = await watchedPage(e2e.browser, 'intake');
  await login(page, e2e.app.base, 'intake');

  await page.goto(`${e2e.app.base}/enterprises`);
  await page.getByText(/共 \d+ 家/).waitFor();
  await page.getByPlaceholder('企业名称关键词或信用代码').fill('化工');
  await page.getByPlaceholder('企业名称关键词或信用代码').press('Enter');
  await page.getByText('山东鲁华化工集团有限公司').first().waitFor();
  await screenshot(page, 'enterprise-list');

  const list = (await (await page.request.get(`${e2e.app.base}/api/enterprises?pageSize=1&q=${encodeURIComponent('鲁华化工')}`)).json()) as {
    items: { name: string; uscc: string }[];
  };
  const existing = list.items[0];
  assert.equal(existing.name, '山东鲁华化工集团有限公司');

  await page.goto(`${e2e.app.base}/enterprises/import`);
  await page.getByText('点击或拖拽 .xlsx 文件到此处上传').waitFor();
  await page.locator('input[type=file]').setInputFiles(await importFile(existing));
  await page.getByText('确认导入').waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: /有误的行（\d+）/ }).waitFor();
  const table = page.getByRole('tabpanel');
  await table.getByText('校验位错误，第18位应为').waitFor();
  assert.ok(await table.getByText(/有重名/).isVisible());
  assert.ok(await table.getByText(/工贸企业须选择细分行业/).isVisible());
  assert.ok(await table.getByText(/手机号码格式不正确/).isVisible());
  await screenshot(page, 'enterprise-import-preview');

  await page.getByRole('tab', { name: /将更新的企业（1）/ }).click();
  await page.getByText('经十路9999号（更新）').waitFor();
  await screenshot(page, 'enterprise-import-changes');

  await page.getByLabel(/更新（1 家有变化）/).check();
  await page.getByRole('button', { name: /导入 3 行有效数据/ }).click();
  await page.locator('.ant-result-title', { hasText: '导入完成' }).waitFor({ timeout: 60_000 });
  await page.getByText(/新增 2 家，更新 1 家/).waitFor();
  await screenshot(page, 'enterprise-import-done');

  // The updated enterprise: new address, masked mobile, and the audited reveal.
  await page.goto(`${e2e.app.base}/enterprises?q=${encodeURIComponent('鲁华化工')}`);
  await page.getByRole('link', { name: '山东鲁华化工集团有限公司' }).click();
  await page.getByText('经十路9999号（更新）').waitFor();
  await page.getByText('139****9000').waitFor();
  await page.getByRole('button', { name: /查看完整号码/ }).click();
  await page.getByText('13900139000').waitFor();
  await screenshot(page, 'enterprise-detail-revealed');

  assert.deepEqual(problems, []);
});
