// Issue 12 item 3: a stale write's 409 shows the current record exactly as the resource's normal
// read does — never the raw row (a users row carried the full mobile, password hash, lockout
// fields). One case per resource that updateVersioned (server/src/db/versioned.ts) guards.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createLeader, createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';
import { agendaActionFixture, agendaItemFixture, executiveItemFixture } from '../escalation/fixtures.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { registrationFixture } from '../portal/fixtures.ts';

type App = Awaited<ReturnType<typeof testApp>>['app'];

/** Makes the write once to move the version on, then again with the old version: the 409's current record. */
async function staleCurrent(
  app: App,
  who: TestUser,
  method: 'PATCH' | 'PUT' | 'POST',
  url: string,
  payload: (v: number) => Record<string, unknown>,
  v: number,
) {
  const first = await call(app, who, { method, url, payload: payload(v) });
  assert.ok(first.statusCode < 300, `${method} ${url}: ${first.body}`);
  const stale = await call(app, who, { method, url, payload: payload(v) });
  assert.equal(stale.statusCode, 409, `${method} ${url}: ${stale.body}`);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.doesNotMatch(stale.body, /argon2|passwordHash|password_hash|failedAttempts|13812345678/, 'no secret, raw column or full mobile');
  return stale.json().error.details.current;
}

const listItem = async (app: App, who: TestUser, url: string, id: string) => {
  const r = await call(app, who, { method: 'GET', url });
  assert.equal(r.statusCode, 200, r.body);
  const item = r.json().items.find((x: { id: string }) => x.id === id);
  assert.ok(item, `${id} in ${url}`);
  return item;
};

test('issue 12: a stale PATCH /api/users/:id and PUT /api/users/:id/roles answer 409 with the account exactly as GET /api/users lists it (masked mobile, no lockout fields)', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const u = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  await db.execute(sql`UPDATE users SET mobile = '13812345678' WHERE id = ${u.id}`);
  const patched = await staleCurrent(app, sys, 'PATCH', `/api/users/${u.id}`, (v) => ({ version: v, displayName: '新名字' }), 1);
  assert.deepEqual(patched, await listItem(app, sys, `/api/users?q=${u.username}`, u.id));
  assert.equal(patched.mobile, '138****5678');
  const roles = await staleCurrent(app, sec, 'PUT', `/api/users/${u.id}/roles`, (v) => ({ version: v, roles: ['unit_head'], scope: 'unit' }), 2);
  assert.deepEqual(roles, await listItem(app, sec, `/api/users?q=${u.username}`, u.id));
  assert.deepEqual(Object.keys(roles).sort(), Object.keys(patched).sort());
});

test('issue 12: 409 bodies of units, leaders and enterprises equal their reads', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const intake = await createUser(db, province.id, { roles: ['intake'] });
  const u2 = await createUnit(db, province.id);
  const unitCur = await staleCurrent(app, sys, 'PATCH', `/api/units/${u2.id}`, (v) => ({ version: v, duties: '新职责' }), 1);
  assert.deepEqual(unitCur, await listItem(app, sys, '/api/units', u2.id));
  const leader = await createLeader(db, province.id, [unit.id]);
  const leaderCur = await staleCurrent(app, sys, 'PATCH', `/api/leaders/${leader.id}`, (v) => ({ version: v, title: '厅长' }), 1);
  assert.deepEqual(leaderCur, await listItem(app, sys, '/api/leaders', leader.id));
  const e = await createEnterprise(db, province.id, { contacts: [{ id: 'c1', name: '张三', post: '经理', mobile: '13812345678', landline: null }] as never });
  const eCur = await staleCurrent(app, intake, 'PATCH', `/api/enterprises/${e.id}`, (v) => ({ version: v, address: '济南市历下区' }), 1);
  const read = await call(app, intake, { method: 'GET', url: `/api/enterprises/${e.id}` });
  assert.deepEqual(eCur, read.json());
});

test('issue 12: 409 bodies of enterprise accounts and registration requests equal their reads', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const intake = await createUser(db, province.id, { roles: ['intake'] });
  const acct = await createUser(db, province.id, { roles: ['enterprise'], scope: 'unit' });
  await db.execute(sql`UPDATE users SET mobile = '13812345678' WHERE id = ${acct.id}`);
  const aCur = await staleCurrent(app, intake, 'PATCH', `/api/enterprise-accounts/${acct.id}`, (v) => ({ version: v, disabled: true }), 1);
  assert.deepEqual(aCur, await listItem(app, intake, `/api/enterprise-accounts?q=${acct.username}`, acct.id));
  const regId = await registrationFixture(db, province.id);
  // A request whose USCC the registry lacks cannot be approved; reject moves the version.
  const rCur = await staleCurrent(app, intake, 'POST', `/api/enterprise-registrations/${regId}/reject`, (v) => ({ version: v, reason: '信息不全' }), 1);
  const read = await call(app, intake, { method: 'GET', url: `/api/enterprise-registrations/${regId}` });
  assert.deepEqual(rCur, read.json().registration);
});

test('issue 12: 409 bodies of agenda items (R6.3), their follow-up actions and 省政府常务会议 items (R6.4) equal GET /api/appeals/:id/escalation', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const intake = await createUser(db, province.id, { roles: ['intake'] });
  const escalation = async (appealId: string) => (await call(app, intake, { method: 'GET', url: `/api/appeals/${appealId}/escalation` })).json();
  const appealOf = async (table: string, id: string) =>
    (await queryRows<{ appeal_id: string }>(db, sql`SELECT appeal_id FROM ${sql.raw(table)} WHERE id = ${id}`))[0].appeal_id;

  const itemId = await agendaItemFixture(db, province.id, unit.id);
  const iCur = await staleCurrent(app, intake, 'POST', `/api/agenda-items/${itemId}/schedule`, (v) => ({ version: v, meetingDate: '2026-03-10' }), 1);
  const iRead = (await escalation(await appealOf('agenda_items', itemId))).agendaItems.find((x: { id: string }) => x.id === itemId);
  assert.deepEqual(iCur, iRead);

  const actionId = await agendaActionFixture(db, province.id, unit.id);
  const aCur = await staleCurrent(app, intake, 'POST', `/api/agenda-actions/${actionId}/complete`, (v) => ({ version: v, note: '已落实' }), 1);
  const aRead = (await escalation(await appealOf('agenda_actions', actionId))).agendaItems
    .flatMap((x: { actions: { id: string }[] }) => x.actions)
    .find((x: { id: string }) => x.id === actionId);
  assert.deepEqual(aCur, aRead);

  const execId = await executiveItemFixture(db, province.id, unit.id);
  const eCur = await staleCurrent(app, intake, 'PATCH', `/api/executive-items/${execId}`, (v) => ({ version: v, outcome: '会议同意' }), 1);
  const eRead = (await escalation(await appealOf('executive_meeting_items', execId))).executiveItems.find((x: { id: string }) => x.id === execId);
  assert.deepEqual(eCur, eRead);
});
