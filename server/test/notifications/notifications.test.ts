// In-app notifications API: addressed to a user, a unit or a role; per-user read state; tenant
// isolation (another tenant's id answers 404 like a missing one).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUnit, createUser } from '../helpers/factory.ts';
import { createNotification } from './fixtures.ts';

async function setup() {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, city, unit, cityUnit } = await createScene(db);
  const other = await createUnit(db, province.id);
  const staff = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  const head = await createUser(db, province.id, { roles: ['unit_head'], scope: 'unit', unitId: unit.id });
  const otherStaff = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: other.id });
  const intake = await createUser(db, province.id, { roles: ['intake'], scope: 'tenant', unitId: other.id });
  const leader = await createUser(db, province.id, { roles: ['leader'], scope: 'portfolio' });
  const cityStaff = await createUser(db, city.id, { roles: ['unit_staff'], scope: 'unit', unitId: cityUnit.id });
  return { app, db, province, city, unit, other, cityUnit, staff, head, otherStaff, intake, leader, cityStaff };
}

test('a unit notification reaches every user of the unit; read state is per user; read-all', async () => {
  const s = await setup();
  const n1 = await createNotification(s.db, s.province.id, { unitId: s.unit.id }, { type: 'dispatch', title: '新派单：ZQT-1' });
  const n2 = await createNotification(s.db, s.province.id, { unitId: s.unit.id }, { type: 'overdue', title: '已逾期：ZQT-2' });
  await createNotification(s.db, s.province.id, { unitId: s.other.id }, { title: '其他处室的通知' });

  const count = async (u: typeof s.staff) => (await call(s.app, u, { method: 'GET', url: '/api/notifications/unread-count' })).json();
  assert.deepEqual(await count(s.staff), { count: 2, capped: false });
  assert.deepEqual(await count(s.head), { count: 2, capped: false });
  assert.deepEqual(await count(s.otherStaff), { count: 1, capped: false });

  const list = (await call(s.app, s.staff, { method: 'GET', url: '/api/notifications' })).json();
  assert.equal(list.total, 2);
  assert.deepEqual(list.items.map((i: { title: string }) => i.title).sort(), ['已逾期：ZQT-2', '新派单：ZQT-1']);
  assert.ok(list.items.every((i: { read: boolean }) => !i.read));

  const r = await call(s.app, s.staff, { method: 'POST', url: `/api/notifications/${n1.id}/read`, payload: {} });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(await count(s.staff), { count: 1, capped: false });
  assert.deepEqual(await count(s.head), { count: 2, capped: false }, 'the head has not read it');
  const unread = (await call(s.app, s.staff, { method: 'GET', url: '/api/notifications?unread=true' })).json();
  assert.deepEqual(
    unread.items.map((i: { id: string }) => i.id),
    [n2.id],
  );
  // Reading twice is harmless.
  assert.equal((await call(s.app, s.staff, { method: 'POST', url: `/api/notifications/${n1.id}/read`, payload: {} })).statusCode, 200);

  const all = await call(s.app, s.head, { method: 'POST', url: '/api/notifications/read-all', payload: {} });
  assert.equal(all.statusCode, 200, all.body);
  assert.deepEqual(await count(s.head), { count: 0, capped: false });
  const later = await createNotification(s.db, s.province.id, { unitId: s.unit.id }, { title: '之后的通知' });
  assert.deepEqual(await count(s.head), { count: 1, capped: false }, 'a notice after read-all is unread');
  const headList = (await call(s.app, s.head, { method: 'GET', url: '/api/notifications' })).json();
  assert.deepEqual(
    headList.items.filter((i: { read: boolean }) => !i.read).map((i: { id: string }) => i.id),
    [later.id],
  );
});

test('user- and role-addressed notifications: a leader sees its own, intake sees the queue notices', async () => {
  const s = await setup();
  await createNotification(s.db, s.province.id, { userId: s.leader.id }, { type: 'escalated', title: '督办：ZQT-9' });
  await createNotification(s.db, s.province.id, { role: 'intake' }, { type: 'returned', title: '退单：ZQT-8' });
  const titles = async (u: typeof s.staff) =>
    (await call(s.app, u, { method: 'GET', url: '/api/notifications' })).json().items.map((i: { title: string }) => i.title);
  assert.deepEqual(await titles(s.leader), ['督办：ZQT-9']);
  assert.deepEqual(await titles(s.intake), ['退单：ZQT-8']);
  assert.deepEqual(await titles(s.staff), []);
});

test("tenant isolation: another tenant's notification answers 404 like a missing id; another user's too", async () => {
  const s = await setup();
  const cityNote = await createNotification(s.db, s.city.id, { unitId: s.cityUnit.id }, { title: '市局通知' });
  const leaderNote = await createNotification(s.db, s.province.id, { userId: s.leader.id }, { title: '领导通知' });
  const mark = (u: typeof s.staff, id: string) => call(s.app, u, { method: 'POST', url: `/api/notifications/${id}/read`, payload: {} });
  const a = await mark(s.staff, cityNote.id);
  const b = await mark(s.staff, crypto.randomUUID());
  const c = await mark(s.staff, leaderNote.id);
  assert.equal(a.statusCode, 404);
  assert.equal(b.statusCode, 404);
  assert.equal(c.statusCode, 404);
  const { requestId: _a, ...bodyA } = a.json();
  const { requestId: _b, ...bodyB } = b.json();
  assert.deepEqual(bodyA, bodyB);
  assert.deepEqual(
    (await call(s.app, s.cityStaff, { method: 'GET', url: '/api/notifications' })).json().items.map((i: { title: string }) => i.title),
    ['市局通知'],
  );
  assert.equal((await call(s.app, s.staff, { method: 'GET', url: '/api/notifications' })).json().total, 0);
  assert.equal((await call(s.app, s.cityStaff, { method: 'POST', url: `/api/notifications/${cityNote.id}/read`, payload: {} })).statusCode, 200);
});

test('the unread count is capped at 100 (the bell shows 99+); anonymous callers get 401', async () => {
  const s = await setup();
  for (let i = 0; i < 101; i++) await createNotification(s.db, s.province.id, { unitId: s.unit.id });
  assert.deepEqual((await call(s.app, s.staff, { method: 'GET', url: '/api/notifications/unread-count' })).json(), { count: 100, capped: true });
  assert.equal((await call(s.app, null, { method: 'GET', url: '/api/notifications/unread-count' })).statusCode, 401);
  assert.equal((await call(s.app, s.staff, { method: 'GET', url: '/api/notifications?unread=maybe' })).statusCode, 400);
});
