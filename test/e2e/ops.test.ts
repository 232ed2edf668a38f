// Browser test of the operations pages (issue 21) on a data folder prepared here: demo data plus audit
// rows older than the retention, archived. While the app runs, `zqt backup` goes through the running
// server (its control socket) and the file checks out; the auditor searches the archive (verified
// files); the security administrator's personal information page exports and masks a contact.
// Screenshots: artifacts/ops-*.png. Any console error fails.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openMigratedDatabase } from '../../server/src/boot.ts';
import { queryRows } from '../../server/src/db/client.ts';
import { archiveAuditLog } from '../../server/src/modules/audit/index.ts';
import { loadDemoData } from '../../server/src/seed/demo.ts';
import { appUnderTest, login, screenshot, watchedPage } from './harness.ts';
import { zqt } from '../../server/test/helpers/cli.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-e2e-ops-'));
/** A demo appeal's contact number, given to a registry contact too (the privacy page finds both). */
let mobile = '';

const e2e = appUnderTest(async () => {
  const database = await openMigratedDatabase({ databaseUrl: undefined, dataDir, dbPoolMax: 1, migrationDatabaseUrl: undefined });
  try {
    await loadDemoData(database.db);
    await database.db.execute(sql`INSERT INTO audit_log (tenant_id, at, actor_name, action, entity, entity_id, summary)
      SELECT t.id, now() - make_interval(days => 200 + g), '王晓梅（intake）', 'user.update', 'user', 'old-' || g, '修改账号（一年前的记录）' || g
      FROM tenants t, generate_series(1, 40) g WHERE t.code = '370000'`);
    await archiveAuditLog(database.db, new Date());
    const [a] = await queryRows<{ phone: string }>(
      database.db,
      sql`SELECT contact_phone AS phone FROM appeals WHERE contact_phone ~ '^1[0-9]{10}$' AND tenant_id = (SELECT id FROM tenants WHERE code = '370000') ORDER BY number LIMIT 1`,
    );
    mobile = a.phone;
    await database.db.execute(sql`UPDATE enterprises SET contacts = jsonb_set(contacts, '{0,mobile}', to_jsonb(${mobile}::text))
      WHERE id = (SELECT id FROM enterprises WHERE jsonb_array_length(contacts) > 0
        AND tenant_id = (SELECT id FROM tenants WHERE code = '370000') ORDER BY name LIMIT 1)`);
  } finally {
    await database.close();
  }
  return dataDir;
});

test('issue 21 zqt backup while the embedded app runs goes through the server, and the file checks out', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-e2e-backup-')), 'live.zqt');
  const env = { DATABASE_URL: '', DATA_DIR: dataDir };
  const b = zqt(['backup', file], env);
  assert.equal(b.code, 0, b.err);
  const out = JSON.parse(b.out) as { via: string; rows: number; bytes: number; ms: number };
  assert.equal(out.via, 'server');
  assert.ok(out.rows > 1000);
  console.log(`# live backup through the server: ${out.ms} ms, ${out.bytes} bytes, ${out.rows} rows`);
  const c = zqt(['restore', '--check', file], env);
  assert.equal(c.code, 0, c.err);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

test('issue 21 the auditor searches the audit archive; every file verified', async () => {
  const w = await watchedPage(e2e.browser, 'ops-auditor', { width: 1366, height: 768 });
  await login(w.page, e2e.app.base, 'auditor');
  await w.page.goto(`${e2e.app.base}/audit`);
  await w.page.getByText(/在线保留期 180 天/).waitFor();
  await w.page.getByText('归档查询').click();
  await w.page.getByText(/哈希链校验全部通过/).waitFor();
  await w.page
    .getByText(/修改账号（一年前的记录）\d+/)
    .first()
    .waitFor();
  await screenshot(w.page, 'ops-audit-archive');
  assert.equal(
    await w.page
      .getByRole('link', { name: /导出 CSV/ })
      .or(w.page.getByRole('button', { name: /导出 CSV/ }))
      .isDisabled(),
    true,
  );
  assert.deepEqual(w.problems, []);
});

test('issue 21 the security administrator exports and masks an enterprise contact', async () => {
  const w = await watchedPage(e2e.browser, 'ops-secadmin', { width: 1366, height: 768 });
  await login(w.page, e2e.app.base, 'secadmin');
  await w.page.goto(`${e2e.app.base}/security/privacy`);
  const exportButton = w.page.getByRole('button', { name: /导出个人信息/ }).or(w.page.getByRole('link', { name: /导出个人信息/ }));
  assert.equal(await exportButton.first().isDisabled(), true, 'export waits for a valid number');
  await w.page.getByPlaceholder('如 13800138000').fill(mobile);
  const download = w.page.waitForEvent('download');
  await exportButton.first().click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `个人信息-企业联系人-${mobile.slice(-4)}.xlsx`);
  await screenshot(w.page, 'ops-privacy');
  await w.page.getByRole('button', { name: /删除（脱敏）/ }).click();
  await w.page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /删除（脱敏）/ })
    .click();
  await w.page.getByText(/已脱敏：企业名录 1 家企业的联系人、短信 \d+ 条；诉求记录 [1-9]\d* 件按档案规定保留/).waitFor();
  await screenshot(w.page, 'ops-privacy-masked');
  assert.deepEqual(w.problems, []);
});
