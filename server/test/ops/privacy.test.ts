// Issue 21 personal information requests (个人信息保护法): the security administrator exports what the
// tenant holds about an enterprise contact or a staff member (.xlsx, read back here) and masks what may
// be deleted (registry contacts, numbers of sent SMS) while appeals are kept as records; every request
// is audited; no other role may do it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { createAppeal, world } from '../appeals/helpers.ts';
import { call } from '../helpers/app.ts';
import { auditRows, createUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';

const MOBILE = '13912345678';

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheets: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    sheets[ws.name] = rows;
  });
  return sheets;
}

async function setting() {
  const w = await world();
  const secadmin = await createUser(w.db, w.province.id, { roles: ['secadmin'], unitId: null });
  const sysadmin = await createUser(w.db, w.province.id, { roles: ['sysadmin'], unitId: null });
  const auditor = await createUser(w.db, w.province.id, { roles: ['auditor'], unitId: null });
  const ent = await createEnterprise(w.db, w.province.id, {
    contacts: [
      { id: 'c1', name: '王建国', post: '安全部长', mobile: MOBILE, landline: '0531-88888888' },
      { id: 'c2', name: '李四', post: '经理', mobile: '13700000000', landline: null },
    ],
  });
  const appeal = await createAppeal(w, { contactName: '王建国', contactPhone: MOBILE });
  await w.db.execute(sql`INSERT INTO sms_outbox (tenant_id, appeal_id, kind, to_phone, body, status, sent_at)
    VALUES (${w.province.id}, ${appeal.id}, 'evaluation_link', ${MOBILE}, '请评价', 'sent', now())`);
  return { ...w, secadmin, sysadmin, auditor, ent, appeal };
}

test('issue 21 PIPL export of an enterprise contact: .xlsx with every holding, audited; only secadmin', async () => {
  const w = await setting();
  const r = await call(w.app, w.secadmin, { method: 'GET', url: `/api/privacy/contact.xlsx?mobile=${MOBILE}` });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-type']), /spreadsheetml/);
  const x = await readXlsx(r.rawPayload);
  assert.deepEqual(Object.keys(x), ['概要', '企业名录联系人', '诉求记录', '门户注册申请', '账号', '短信']);
  assert.equal(x.企业名录联系人.length, 2, 'header + the one contact (not the other contact of the enterprise)');
  assert.deepEqual(x.企业名录联系人[1].slice(2, 5), ['王建国', '安全部长', MOBILE]);
  assert.equal(x.诉求记录[1][0], w.appeal.number);
  assert.equal(x.短信.length, 2);
  assert.ok(x.概要.some((row) => row[0] === '诉求记录' && /不予删除/.test(row[1])));
  const logged = (await auditRows(w.db, w.province.id)).filter((a) => a.action === 'privacy.export');
  assert.equal(logged.length, 1);
  assert.match(String(logged[0].summary), /139\*\*\*\*5678/);
  assert.ok(!JSON.stringify(logged[0]).includes(MOBILE), 'the audit row keeps the number masked');
  for (const u of [w.sysadmin, w.auditor, w.users.intake]) {
    assert.equal((await call(w.app, u, { method: 'GET', url: `/api/privacy/contact.xlsx?mobile=${MOBILE}` })).statusCode, 403);
  }
  const bad = await call(w.app, w.secadmin, { method: 'GET', url: '/api/privacy/contact.xlsx?mobile=1391234' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请输入 11 位手机号码/);
});

test('issue 21 PIPL masking of an enterprise contact: registry and sent SMS masked, appeals kept as records, audited', async () => {
  const w = await setting();
  const r = await call(w.app, w.secadmin, { method: 'POST', url: '/api/privacy/contact/mask', payload: { mobile: MOBILE } });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { enterprises: 1, sms: 1, keptAppeals: 1 });
  const [e] = await queryRows<{ contacts: { name: string; mobile: string; landline: string | null }[] }>(
    w.db,
    sql`SELECT contacts FROM enterprises WHERE id = ${w.ent.id}`,
  );
  assert.deepEqual(
    e.contacts.map((c) => [c.name, c.mobile]),
    [
      ['王**', '139****5678'],
      ['李四', '13700000000'],
    ],
  );
  const [a] = await queryRows<{ contact_phone: string }>(w.db, sql`SELECT contact_phone FROM appeals WHERE id = ${w.appeal.id}`);
  assert.equal(a.contact_phone, MOBILE, 'the appeal is an official record: kept');
  const [s] = await queryRows<{ to_phone: string }>(w.db, sql`SELECT to_phone FROM sms_outbox WHERE appeal_id = ${w.appeal.id}`);
  assert.equal(s.to_phone, '139****5678');
  const logged = (await auditRows(w.db, w.province.id)).filter((x) => x.action === 'privacy.mask');
  assert.equal(logged.length, 1);
  assert.match(String(logged[0].summary), /诉求记录 1 件按档案规定保留/);
  // Afterwards the export finds only the kept records.
  const x = await readXlsx((await call(w.app, w.secadmin, { method: 'GET', url: `/api/privacy/contact.xlsx?mobile=${MOBILE}` })).rawPayload);
  assert.equal(x.企业名录联系人.length, 1);
  assert.equal(x.诉求记录.length, 2);
  assert.equal((await call(w.app, w.sysadmin, { method: 'POST', url: '/api/privacy/contact/mask', payload: { mobile: MOBILE } })).statusCode, 403);
});

test('issue 21 PIPL export of a staff member: account and own audit rows, audited; unknown username 404', async () => {
  const w = await setting();
  const r = await call(w.app, w.secadmin, { method: 'GET', url: `/api/privacy/staff.xlsx?username=${w.users.intake.username}` });
  assert.equal(r.statusCode, 200, r.body);
  const x = await readXlsx(r.rawPayload);
  assert.deepEqual(Object.keys(x), ['概要', '账号', '操作记录']);
  assert.equal(x.账号[1][0], w.users.intake.username);
  assert.ok(x.操作记录.some((row) => row[1] === 'appeal.create'));
  assert.ok((await auditRows(w.db, w.province.id)).some((a) => a.action === 'privacy.export' && a.entity_id === w.users.intake.id));
  assert.equal((await call(w.app, w.secadmin, { method: 'GET', url: '/api/privacy/staff.xlsx?username=nobody_here' })).statusCode, 404);
  // Another tenant's staff are not found.
  assert.equal((await call(w.app, w.secadmin, { method: 'GET', url: `/api/privacy/staff.xlsx?username=${w.cityIntake.username}` })).statusCode, 404);
});
