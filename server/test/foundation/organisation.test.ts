// Organisation: units, leaders with portfolios, users and roles (三权分立), tenant settings (R8.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEFAULT_TENANT_SETTINGS } from '../../../shared/settings.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUnit, createUser } from '../helpers/factory.ts';

test('units: create, duplicate name refused, stale version gets 409 with the current record, archive', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp();
  const created = await call(app, admin, {
    method: 'POST',
    url: '/api/units',
    payload: { name: '危化处', kind: 'business', sectors: ['hazchem'], duties: '危险化学品' },
  });
  assert.equal(created.statusCode, 201);
  const unit = created.json();
  const dup = await call(app, admin, { method: 'POST', url: '/api/units', payload: { name: '危化处', kind: 'business' } });
  assert.equal(dup.statusCode, 400);
  assert.equal(dup.json().error.fields.name, '本单位已有同名处室');

  const first = await call(app, admin, { method: 'PATCH', url: `/api/units/${unit.id}`, payload: { version: unit.version, duties: '危险化学品安全监管' } });
  assert.equal(first.statusCode, 200);
  assert.equal(first.json().version, unit.version + 1);
  const stale = await call(app, admin, { method: 'PATCH', url: `/api/units/${unit.id}`, payload: { version: unit.version, duties: '被覆盖？' } });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.equal(stale.json().error.details.current.duties, '危险化学品安全监管');

  const archived = await call(app, admin, { method: 'PATCH', url: `/api/units/${unit.id}`, payload: { version: unit.version + 1, archived: true } });
  assert.equal(archived.json().archived, true);
  const list = (await call(app, admin, { method: 'GET', url: '/api/units' })).json();
  assert.ok(!list.items.some((u: { id: string }) => u.id === unit.id));
  const all = (await call(app, admin, { method: 'GET', url: '/api/units?includeArchived=true' })).json();
  assert.ok(all.items.some((u: { id: string }) => u.id === unit.id));
  const actions = (await auditRows(db, province.id)).map((r) => r.action);
  assert.deepEqual(
    actions.filter((a) => String(a).startsWith('unit.')),
    ['unit.create', 'unit.update', 'unit.archive'],
  );
});

test('leaders: portfolio (分管) units must be units of the same tenant', async () => {
  const db = (await testDatabase()).db;
  const { province, unit, cityUnit } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp();
  const bad = await call(app, admin, { method: 'POST', url: '/api/leaders', payload: { name: '李卫东', title: '副厅长', unitIds: [cityUnit.id] } });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.unitIds);
  const ok = await call(app, admin, { method: 'POST', url: '/api/leaders', payload: { name: '李卫东', title: '副厅长', unitIds: [unit.id] } });
  assert.equal(ok.statusCode, 201);
  assert.deepEqual(ok.json().units, [{ id: unit.id, name: unit.name }]);
  const unit2 = await createUnit(db, province.id);
  const moved = await call(app, admin, { method: 'PATCH', url: `/api/leaders/${ok.json().id}`, payload: { version: 1, unitIds: [unit2.id, unit.id] } });
  assert.equal(moved.statusCode, 200);
  assert.equal(moved.json().unitIds.length, 2);
});

test('a leader user with portfolio scope sees the portfolio units in /me', async () => {
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const leaderUser = await createUser(db, province.id, { roles: ['leader'], scope: 'portfolio' });
  const { app } = await testApp();
  await call(app, admin, { method: 'POST', url: '/api/leaders', payload: { name: '领导', title: '副厅长', userId: leaderUser.id, unitIds: [unit.id] } });
  const me = (await call(app, leaderUser, { method: 'GET', url: '/api/auth/me' })).json();
  assert.deepEqual(me.user.portfolioUnitIds, [unit.id]);
});

test('三权分立: secadmin assigns roles but may not combine admin roles, nor change its own', async () => {
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const target = await createUser(db, province.id, { unitId: unit.id });
  const { app } = await testApp();
  const put = (id: string, roles: string[], scope = 'tenant', version = 1) =>
    call(app, sec, { method: 'PUT', url: `/api/users/${id}/roles`, payload: { version, roles, scope } });
  assert.match((await put(target.id, ['sysadmin', 'auditor'])).json().error.fields.roles, /不能由同一账号兼任/);
  assert.match((await put(target.id, ['auditor', 'intake'])).json().error.fields.roles, /不能兼任业务角色/);
  const own = await put(sec.id, ['sysadmin']);
  assert.equal(own.statusCode, 403);
  assert.match(own.json().error.message, /自己/);
  assert.match((await put(target.id, ['unit_staff'], 'portfolio')).json().error.fields.scope, /厅领导/);
  const ok = await put(target.id, ['unit_staff', 'liaison'], 'unit');
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json().roles, ['unit_staff', 'liaison']);
  // Every role change ends the account's sessions (issue 12): the new rights come with a new sign-in.
  assert.equal((await call(app, target, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  const audit = (await auditRows(db, province.id)).find((r) => r.action === 'user.roles');
  assert.deepEqual((audit!.after as { roles: string[] }).roles, ['unit_staff', 'liaison']);
});

test('三权分立: sysadmin cannot assign roles, secadmin cannot create users, neither reads the audit log', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const { app } = await testApp();
  assert.equal(
    (await call(app, sys, { method: 'PUT', url: `/api/users/${sec.id}/roles`, payload: { version: 1, roles: [], scope: 'tenant' } })).statusCode,
    403,
  );
  assert.equal((await call(app, sec, { method: 'POST', url: '/api/users', payload: { username: 'abc123', displayName: 'x' } })).statusCode, 403);
  assert.equal((await call(app, sys, { method: 'GET', url: '/api/audit' })).statusCode, 403);
  assert.equal((await call(app, sec, { method: 'GET', url: '/api/audit' })).statusCode, 403);
  assert.equal((await call(app, sys, { method: 'GET', url: '/api/security-settings' })).statusCode, 403);
});

test('user list masks mobile numbers; usernames are unique regardless of case', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp();
  const name = `Zhang${Date.now()}`;
  const r = await call(app, admin, { method: 'POST', url: '/api/users', payload: { username: name, displayName: '张三', mobile: '13812341234' } });
  assert.equal(r.json().user.mobile, '138****1234');
  const again = await call(app, admin, { method: 'POST', url: '/api/users', payload: { username: name.toLowerCase(), displayName: '张三' } });
  assert.equal(again.json().error.fields.username, '用户名已被使用');
  const list = (await call(app, admin, { method: 'GET', url: `/api/users?q=${name}` })).json();
  assert.equal(list.total, 1);
  assert.equal(list.items[0].mobile, '138****1234');
  assert.ok(!JSON.stringify(await auditRows(db, province.id)).includes('13812341234'));
});

test('R8.1 tenant settings: the province sets defaults, a city overrides some and inherits the rest', async () => {
  const db = (await testDatabase()).db;
  const { province, city } = await createScene(db);
  const provAdmin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const cityAdmin = await createUser(db, city.id, { roles: ['sysadmin'] });
  const cityStaff = await createUser(db, city.id, { roles: ['unit_staff'] });
  const { app } = await testApp();
  const get = async (u: typeof provAdmin) => (await call(app, u, { method: 'GET', url: '/api/tenant-settings' })).json();

  const p0 = await get(provAdmin);
  assert.deepEqual(p0.settings, DEFAULT_TENANT_SETTINGS);
  const p1 = await call(app, provAdmin, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: p0.version, overrides: { resolutionWorkdays: 12, unitVisitsPerYear: 3 } },
  });
  assert.equal(p1.statusCode, 200);

  const c0 = await get(cityAdmin);
  assert.equal(c0.defaults.resolutionWorkdays, 12, 'the province value is the city default');
  assert.equal(c0.settings.resolutionWorkdays, 12);
  const c1 = await call(app, cityAdmin, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: c0.version, overrides: { resolutionWorkdays: 10, contactHours: 2 } },
  });
  assert.equal(c1.statusCode, 200);
  assert.deepEqual(c1.json().overrides, { resolutionWorkdays: 10 }, 'a value equal to the default is not stored');
  assert.equal((await get(cityStaff)).settings.resolutionWorkdays, 10);
  assert.equal((await get(cityStaff)).settings.unitVisitsPerYear, 3);
  assert.equal((await get(provAdmin)).settings.resolutionWorkdays, 12, 'the city change does not touch the province');

  const stale = await call(app, cityAdmin, { method: 'PUT', url: '/api/tenant-settings', payload: { version: c0.version, overrides: {} } });
  assert.equal(stale.statusCode, 409);
  const bad = await call(app, cityAdmin, {
    method: 'PUT',
    url: '/api/tenant-settings',
    payload: { version: c0.version + 1, overrides: { resolutionWorkdays: 0, officeHours: '8-12', nope: 1 } },
  });
  assert.equal(bad.statusCode, 400);
  const f = bad.json().error.fields;
  assert.ok(f['overrides.resolutionWorkdays'] && f['overrides.officeHours'] && f['overrides.nope'], JSON.stringify(f));
  assert.equal((await auditRows(db, city.id)).filter((r) => r.action === 'tenant.settings').length, 1);
});

test('R8.1 reading settings neither writes nor locks: a tenant that never saved any reads the defaults', async () => {
  const db = (await testDatabase()).db;
  const { city } = await createScene(db);
  const staff = await createUser(db, city.id, { roles: ['unit_staff'] });
  const { app } = await testApp();
  const r = await call(app, staff, { method: 'GET', url: '/api/tenant-settings' });
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().version, 1);
  const rows = await db.execute(sql`SELECT count(*)::int AS n FROM tenant_settings WHERE tenant_id = ${city.id}`);
  assert.equal((rows as unknown as { rows: { n: number }[] }).rows[0].n, 0);
});
