// Shared set-up for the appeals tests: a province with an intake unit, a lead unit, a co-handling
// unit and another unit, a user for every party, and helpers to drive an appeal through the API.
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppealState } from '../../../shared/appeals.ts';
import type { Db } from '../../src/db/client.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createLeader, createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';

export type World = Awaited<ReturnType<typeof world>>;

/** env: the app's settings for this world (helpers/app.ts keeps one app per env). */
export async function world(opts: { env?: Record<string, string> } = {}) {
  const { app } = await testApp(opts.env);
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  const { province, city } = scene;
  const lead = scene.unit;
  const intakeUnit = await createUnit(db, province.id, { kind: 'intake', sectors: [] });
  const co = await createUnit(db, province.id, { sectors: ['mining'] });
  const other = await createUnit(db, province.id, { sectors: ['industry'] });
  const u = (roles: TestUser['roles'], unitId: string | null, scope: 'tenant' | 'unit' | 'portfolio' = 'unit') =>
    createUser(db, province.id, { roles, unitId, scope });
  const users = {
    intake: await u(['intake'], intakeUnit.id, 'tenant'),
    coordinator: await u(['coordinator'], other.id, 'tenant'),
    oversight: await u(['oversight'], other.id, 'tenant'),
    leadStaff: await u(['unit_staff'], lead.id),
    leadStaff2: await u(['liaison', 'unit_staff'], lead.id),
    leadHead: await u(['unit_head'], lead.id),
    coStaff: await u(['unit_staff'], co.id),
    coHead: await u(['unit_head'], co.id),
    otherStaff: await u(['unit_staff'], other.id),
    otherHead: await u(['unit_head'], other.id),
    leader: await u(['leader'], null, 'portfolio'),
    leaderElsewhere: await u(['leader'], null, 'portfolio'),
  };
  await createLeader(db, province.id, [lead.id], users.leader.id);
  await createLeader(db, province.id, [other.id], users.leaderElsewhere.id);
  const cityIntake = await createUser(db, city.id, { roles: ['intake'], scope: 'tenant', unitId: scene.cityUnit.id });
  return { app, db, province, city, lead, co, other, intakeUnit, cityUnit: scene.cityUnit, users, cityIntake };
}

export const baseAppeal = (over: Record<string, unknown> = {}) => ({
  enterpriseName: '鲁华化工有限公司',
  contactName: '王建国',
  contactPhone: '13800138000',
  channel: 'hotline',
  category: 'licensing',
  title: '危险化学品经营许可证延期办理咨询',
  content: '企业反映危险化学品经营许可证即将到期，咨询延期办理所需材料和时限。',
  ...over,
});

export async function createAppeal(w: World, over: Record<string, unknown> = {}, as: TestUser = w.users.intake, headers: Record<string, string> = {}) {
  const res = await call(w.app, as, { method: 'POST', url: '/api/appeals', payload: baseAppeal(over), headers });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

/** Current appeal as oversight sees it (tenant-wide, read-only). */
export async function current(w: World, id: string) {
  const res = await call(w.app, w.users.oversight, { method: 'GET', url: `/api/appeals/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

/** Calls an action with the appeal's current version. */
export async function act(w: World, as: TestUser, id: string, path: string, body: Record<string, unknown> = {}) {
  const { version } = await current(w, id);
  return call(w.app, as, { method: 'POST', url: `/api/appeals/${id}/${path}`, payload: { version, ...body } });
}

export async function ok(w: World, as: TestUser, id: string, path: string, body: Record<string, unknown> = {}) {
  const res = await act(w, as, id, path, body);
  assert.equal(res.statusCode, 200, `${path}: ${res.body}`);
  return res.json();
}

/** A fresh appeal brought to `state` through the API (lead = w.lead, co = w.co). */
export async function appealIn(w: World, state: AppealState, over: Record<string, unknown> = {}) {
  const a = await createAppeal(w, over);
  const id = a.id as string;
  if (state === 'received') return id;
  if (state === 'closed') {
    const c = await createAppeal(w, { ...over, answerOnSpot: '已当场答复' });
    return c.id as string;
  }
  await ok(w, w.users.intake, id, 'dispatch', { leadUnitId: w.lead.id, coUnits: [{ unitId: w.co.id, part: '核查矿山部分' }] });
  if (state === 'returned') {
    await ok(w, w.users.leadHead, id, 'return', { reason: '不属于本处室职责' });
    return id;
  }
  if (state === 'dispatched') return id;
  await ok(w, w.users.leadStaff, id, 'accept');
  if (state === 'handling') return id;
  if (state === 'paused') {
    const r = await ok(w, w.users.leadStaff, id, 'pause', { reason: '等待企业补充材料' });
    await ok(w, w.users.leadHead, id, 'decide', { requestId: r.requests[0].id, approve: true });
    return id;
  }
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系企业' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见：可按规定申请延期' });
  await ok(w, w.users.coStaff, id, 'part', { text: '矿山部分无异议' });
  await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已指导企业提交延期材料' });
  await ok(w, w.users.leadStaff, id, 'reply', { text: '您的许可证延期申请已受理，请按通知补充材料。' });
  assert.equal(state, 'replied');
  return id;
}

export { call };
export type { FastifyInstance, Db, TestUser };
