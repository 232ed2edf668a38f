// Audit log: every change writes who, when, entity, action, before/after, IP and request id in the
// same transaction; append-only (a trigger refuses UPDATE, DELETE, TRUNCATE); auditor reads/exports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { call, testApp } from '../helpers/app.ts';
import { asOwner, testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser } from '../helpers/factory.ts';

test('the database refuses UPDATE, DELETE and TRUNCATE on audit_log: to the app by privilege, to the owner by the trigger', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp();
  await call(app, admin, { method: 'POST', url: '/api/units', payload: { name: '审计测试处', kind: 'business' } });
  const [row] = await auditRows(db, province.id);
  // drizzle wraps the driver's error; the trigger's message is in its cause.
  const refused = (op: string) => (err: Error & { cause?: Error }) =>
    new RegExp(`append-only \\(${op} refused\\)`).test(String(err.cause?.message ?? err.message));
  const denied = (err: Error & { cause?: Error }) => /permission denied/.test(String(err.cause?.message ?? err.message));
  await assert.rejects(db.execute(sql`UPDATE audit_log SET summary = 'x' WHERE id = ${row.id}`), denied);
  await assert.rejects(db.execute(sql`DELETE FROM audit_log WHERE id = ${row.id}`), denied);
  await assert.rejects(db.execute(sql`TRUNCATE audit_log`), denied);
  await asOwner(async (owner) => {
    await assert.rejects(owner.db.execute(sql`UPDATE audit_log SET summary = 'x' WHERE id = ${row.id}`), refused('UPDATE'));
    await assert.rejects(owner.db.execute(sql`DELETE FROM audit_log WHERE id = ${row.id}`), refused('DELETE'));
    await assert.rejects(owner.db.execute(sql`TRUNCATE audit_log`), refused('TRUNCATE'));
  });
  assert.equal((await auditRows(db, province.id))[0].summary, row.summary);
});

test('every change through the API leaves one audit row with actor, IP, request id and before/after', async () => {
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const { app } = await testApp();
  const opts = { remoteAddress: '192.0.2.7', headers: { 'x-request-id': 'req-audit-1' } };
  const steps: [typeof sys, string, string, unknown, string][] = [];
  const u = (await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: '新设处室', kind: 'business' }, ...opts })).json();
  steps.push([sys, '', '', null, 'unit.create']);
  await call(app, sys, { method: 'PATCH', url: `/api/units/${u.id}`, payload: { version: 1, duties: '职责' }, ...opts });
  steps.push([sys, '', '', null, 'unit.update']);
  const nu = (
    await call(app, sys, { method: 'POST', url: '/api/users', payload: { username: `aud_${Date.now()}`, displayName: '审计', unitId: unit.id }, ...opts })
  ).json();
  steps.push([sys, '', '', null, 'user.create']);
  await call(app, sys, { method: 'POST', url: `/api/users/${nu.user.id}/reset-password`, ...opts });
  steps.push([sys, '', '', null, 'user.password_reset']);
  await call(app, sec, { method: 'PUT', url: `/api/users/${nu.user.id}/roles`, payload: { version: 2, roles: ['intake'], scope: 'tenant' }, ...opts });
  steps.push([sec, '', '', null, 'user.roles']);
  await call(app, sys, { method: 'POST', url: '/api/leaders', payload: { name: '领导甲', title: '副厅长', unitIds: [unit.id] }, ...opts });
  steps.push([sys, '', '', null, 'leader.create']);
  const s = (await call(app, sys, { method: 'GET', url: '/api/tenant-settings' })).json();
  await call(app, sys, { method: 'PUT', url: '/api/tenant-settings', payload: { version: s.version, overrides: { contactHours: 3 } }, ...opts });
  steps.push([sys, '', '', null, 'tenant.settings']);

  const rows = await auditRows(db, province.id);
  assert.deepEqual(
    rows.map((r) => r.action),
    steps.map((x) => x[4]),
  );
  for (const r of rows) {
    assert.equal(r.ip, '192.0.2.7');
    assert.equal(r.request_id, 'req-audit-1');
    assert.ok(r.actor_id && r.actor_name && r.at && r.entity);
  }
  const upd = rows.find((r) => r.action === 'unit.update')!;
  assert.equal((upd.before as { duties: string }).duties, '');
  assert.equal((upd.after as { duties: string }).duties, '职责');
  assert.ok(!JSON.stringify(rows).includes('password_hash') && !JSON.stringify(rows).includes('argon2'));
});

test('a refused change writes no audit row and changes nothing', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp();
  const before = (await auditRows(db, province.id)).length;
  const r = await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: 'x'.repeat(51), kind: 'business' } });
  assert.equal(r.statusCode, 400);
  assert.equal((await auditRows(db, province.id)).length, before);
});

test('auditor lists with filters and exports CSV; only its own tenant', async () => {
  const db = (await testDatabase()).db;
  const { province, city } = await createScene(db);
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const citySys = await createUser(db, city.id, { roles: ['sysadmin'] });
  const auditor = await createUser(db, province.id, { roles: ['auditor'] });
  const { app } = await testApp();
  await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: '=cmd|calc', kind: 'business' } });
  await call(app, sys, { method: 'POST', url: '/api/units', payload: { name: '第二处', kind: 'business' } });
  await call(app, citySys, { method: 'POST', url: '/api/units', payload: { name: '市局处室', kind: 'business' } });

  const list = (await call(app, auditor, { method: 'GET', url: '/api/audit?entity=unit&pageSize=1' })).json();
  assert.equal(list.total, 2);
  assert.equal(list.items.length, 1);
  assert.equal(list.items[0].summary, '新增处室「第二处」', 'newest first');
  const byAction = (await call(app, auditor, { method: 'GET', url: '/api/audit?action=unit' })).json();
  assert.equal(byAction.total, 2);
  const from = new Date(Date.now() + 3600_000).toISOString();
  assert.equal((await call(app, auditor, { method: 'GET', url: `/api/audit?from=${encodeURIComponent(from)}` })).json().total, 0);

  const csv = await call(app, auditor, { method: 'GET', url: '/api/audit/export.csv?entity=unit' });
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /时间/);
  assert.ok(lines[1].includes('处室单位') && /新增处室|修改处室/.test(lines[1]), `issue 17: the action and object in Chinese — ${lines[1]}`);
  assert.ok(csv.body.includes(`"'=cmd|calc`) || csv.body.includes('「=cmd|calc」'), 'formula-looking cells are neutralised');
  assert.ok(!csv.body.includes('市局处室'), 'another tenant never appears');
});
