// Shared set-up for the contact-point tests: a province with two business units (hazchem, mining),
// a coordination unit, a leader in charge of each, and the people of every party.
import assert from 'node:assert/strict';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createLeader, createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';

export async function contactsWorld() {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  const { province, city } = scene;
  const a = await createUnit(db, province.id, { name: `危化处${Math.random().toString(36).slice(2, 6)}`, sectors: ['hazchem'] });
  const b = await createUnit(db, province.id, { name: `矿山处${Math.random().toString(36).slice(2, 6)}`, sectors: ['mining'] });
  const coord = await createUnit(db, province.id, { kind: 'coordinator', sectors: [] });
  const u = (roles: TestUser['roles'], unitId: string | null, scope: 'tenant' | 'unit' | 'portfolio' = 'unit') =>
    createUser(db, province.id, { roles, unitId, scope });
  const users = {
    coordinator: await u(['coordinator'], coord.id, 'tenant'),
    intake: await u(['intake'], coord.id, 'tenant'),
    headA: await u(['unit_head'], a.id),
    liaisonA: await u(['liaison', 'unit_staff'], a.id),
    staffA: await u(['unit_staff'], a.id),
    headB: await u(['unit_head'], b.id),
    liaisonB: await u(['liaison'], b.id),
    staffB: await u(['unit_staff'], b.id),
    leaderA: await u(['leader'], null, 'portfolio'),
    leaderB: await u(['leader'], null, 'portfolio'),
  };
  const leaderA = await createLeader(db, province.id, [a.id], users.leaderA.id);
  const leaderB = await createLeader(db, province.id, [b.id], users.leaderB.id);
  const ent = (unitId: string, sector: 'hazchem' | 'mining' = 'hazchem') => createEnterprise(db, province.id, { supervisingUnitId: unitId, sector });
  const cityUser = await createUser(db, city.id, { roles: ['coordinator'], scope: 'tenant', unitId: scene.cityUnit.id });
  return { app, db, province, city, a, b, coord, users, leaderA, leaderB, ent, cityUser };
}
export type CWorld = Awaited<ReturnType<typeof contactsWorld>>;

export async function req(w: CWorld, as: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return call(w.app, as, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

export async function okJson(w: CWorld, as: TestUser, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const r = await req(w, as, method, url, payload);
  assert.ok(r.statusCode === 200 || r.statusCode === 201, `${method} ${url} → ${r.statusCode} ${r.body}`);
  return r.json();
}

/** A leader point proposed by unit A's head for leader A. */
export async function proposeLeaderPoint(w: CWorld, enterpriseId?: string) {
  const e = enterpriseId ?? (await w.ent(w.a.id)).id;
  return okJson(w, w.users.headA, 'POST', '/api/contact-points', {
    kind: 'leader',
    leaderId: w.leaderA.id,
    unitId: w.a.id,
    enterpriseId: e,
    reason: '重点监管企业',
  });
}

export async function proposeUnitPoint(w: CWorld, enterpriseId?: string) {
  const e = enterpriseId ?? (await w.ent(w.a.id)).id;
  return okJson(w, w.users.headA, 'POST', '/api/contact-points', { kind: 'unit', unitId: w.a.id, enterpriseId: e, liaisonUserId: w.users.liaisonA.id });
}

export async function step(w: CWorld, as: TestUser, point: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) {
  return req(w, as, 'POST', `/api/contact-points/${point.id}/actions`, { version: point.version, action, ...extra });
}

/** A confirmed unit point of unit A. */
export async function confirmedUnitPoint(w: CWorld, enterpriseId?: string) {
  let p = await proposeUnitPoint(w, enterpriseId);
  p = (await step(w, w.users.coordinator, p, 'accept')).json();
  const r = await step(w, w.users.leaderA, p, 'confirm');
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}
