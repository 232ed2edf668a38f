// Enterprise portal (issue 7): accounts (staff-created, self-registered + approved), the
// enterprise's own appeals only (another enterprise's id → the same 404 as a missing id), submit
// through channel 网站 into intake's queue, evaluation with 不满意 reopening (重办).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { auditRows, createUser, type TestUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { appealIn, call, current, ok, world, type World } from '../appeals/helpers.ts';

const PASSWORD = 'Qiye#2026pass';

async function login(w: World, username: string, password: string) {
  const res = await call(w.app, null, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) return { res, user: null };
  const token = res.cookies.find((c) => c.name === 'zqt_sid')!.value;
  const body = res.json();
  const user: TestUser = { id: body.user.id, username, tenantId: body.user.tenant.id, unitId: null, roles: body.user.roles, token, csrfToken: body.csrfToken };
  return { res, user };
}

const withoutRequestId = (body: string) => {
  const { requestId: _r, ...rest } = JSON.parse(body);
  return rest;
};

async function driveToReplied(w: World, id: string) {
  await ok(w, w.users.intake, id, 'dispatch', { leadUnitId: w.lead.id });
  await ok(w, w.users.leadStaff, id, 'accept');
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '张经理', note: '内部备注：电话联系企业' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '内部初步意见：可按规定申请延期' });
  await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '内部办理结果：已指导企业提交材料' });
  await ok(w, w.users.leadStaff, id, 'reply', { text: '您的诉求已办理，请按通知补充材料。' });
}

test('issue 7: self-registration → intake approval → login → submit (网站, intake queue) → see milestones and reply → 不满意 reopens', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const reg = (over: Record<string, unknown> = {}) =>
    call(w.app, null, {
      method: 'POST',
      url: '/api/portal/register',
      payload: { tenantCode: w.province.code, uscc: e.uscc, enterpriseName: e.name, contactName: '张经理', mobile: '13912345678', password: PASSWORD, ...over },
    });

  // Same password rules as staff.
  const weak = await reg({ password: 'abc' });
  assert.equal(weak.statusCode, 400, weak.body);
  assert.ok(weak.json().error.fields.password);

  const r = await reg();
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().status, 'pending');
  assert.equal(r.json().username, e.uscc);
  // A pending request cannot sign in.
  assert.equal((await login(w, e.uscc, PASSWORD)).res.statusCode, 401);
  // Issue 12: a second request for the same enterprise is kept too (registering first blocks nobody).
  const second = await reg();
  assert.equal(second.statusCode, 201, second.body);

  const list = await call(w.app, w.users.intake, { method: 'GET', url: '/api/enterprise-registrations?status=pending' });
  assert.equal(list.statusCode, 200, list.body);
  const pending = list.json().items.find((x: { id: string }) => x.id === r.json().id);
  assert.ok(pending);
  assert.equal(JSON.stringify(pending).includes('password'), false);

  // Only intake decides.
  assert.equal(
    (await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/enterprise-registrations/${pending.id}/approve`, payload: { version: 1 } })).statusCode,
    403,
  );
  const approved = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${pending.id}/approve`,
    payload: { version: pending.version, rejectOthersReason: '重复提交' },
  });
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().status, 'approved');
  assert.equal(approved.json().enterpriseId, e.id);
  const again = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${pending.id}/approve`,
    payload: { version: approved.json().version },
  });
  assert.equal(again.statusCode, 409);

  const { res: loginRes, user: ent } = await login(w, e.uscc, PASSWORD);
  assert.equal(loginRes.statusCode, 200, loginRes.body);
  assert.deepEqual(loginRes.json().user.roles, ['enterprise']);
  assert.equal(loginRes.json().user.enterpriseId, e.id);
  assert.ok(ent);

  // Enterprise accounts have no staff access.
  assert.equal((await call(w.app, ent, { method: 'GET', url: '/api/appeals' })).statusCode, 403);

  // Submit with Idempotency-Key: channel 网站, the account's enterprise, intake's dispatch queue.
  const key = crypto.randomUUID();
  const body = {
    category: 'licensing',
    title: '安全生产许可证延续咨询',
    content: '<b>许可证</b>即将到期，咨询延续材料。',
    contactName: '张经理',
    contactPhone: '13912345678',
  };
  const s1 = await call(w.app, ent, { method: 'POST', url: '/api/portal/appeals', payload: body, headers: { 'idempotency-key': key } });
  assert.equal(s1.statusCode, 201, s1.body);
  const submitted = s1.json();
  assert.equal(submitted.channel, 'website');
  assert.equal(submitted.state, 'accepting', 'issue 17: the enterprise reads 受理中, not the internal queue');
  assert.equal(submitted.enterpriseName, e.name);
  const s2 = await call(w.app, ent, { method: 'POST', url: '/api/portal/appeals', payload: body, headers: { 'idempotency-key': key } });
  assert.equal(s2.statusCode, 201);
  assert.equal(s2.headers['idempotent-replayed'], 'true');
  assert.equal(s2.json().id, submitted.id);
  const bad = await call(w.app, ent, { method: 'POST', url: '/api/portal/appeals', payload: { ...body, contactPhone: '123' } });
  assert.equal(bad.statusCode, 400);

  const queue = await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals?view=queue&pageSize=100' });
  const inQueue = queue.json().items.find((a: { id: string }) => a.id === submitted.id);
  assert.ok(inQueue, 'portal submission is in intake dispatch queue');
  assert.equal(inQueue.enterpriseId, e.id);

  // Handled to the reply; the enterprise sees state, the three milestones with dates and the reply — never internal notes.
  await driveToReplied(w, submitted.id);
  const d = await call(w.app, ent, { method: 'GET', url: `/api/portal/appeals/${submitted.id}` });
  assert.equal(d.statusCode, 200, d.body);
  const detail = d.json();
  assert.equal(detail.state, 'replied');
  assert.ok(detail.milestones.contact.doneAt && detail.milestones.opinion.doneAt && detail.milestones.resolution.doneAt);
  assert.equal(detail.replyText, '您的诉求已办理，请按通知补充材料。');
  assert.equal(detail.canEvaluate, true);
  assert.equal(detail.events, undefined);
  for (const internal of ['内部备注', '内部初步意见', '内部办理结果', w.lead.name]) assert.equal(d.body.includes(internal), false, internal);

  const mine = await call(w.app, ent, { method: 'GET', url: '/api/portal/appeals' });
  assert.deepEqual(
    mine.json().items.map((a: { id: string }) => a.id),
    [submitted.id],
  );

  // 不满意 → reopened (重办) through the appeals service, source 'portal'.
  const ev = await call(w.app, ent, {
    method: 'POST',
    url: `/api/portal/appeals/${submitted.id}/evaluate`,
    payload: { version: detail.version, rating: 'dissatisfied', comment: '材料清单仍不清楚' },
  });
  assert.equal(ev.statusCode, 200, ev.body);
  assert.equal(ev.json().state, 'handling');
  assert.equal(ev.json().reopenCount, 1);
  assert.equal(ev.json().milestones.contact.doneAt, null);
  assert.equal(ev.json().canEvaluate, false);
  const staffView = await current(w, submitted.id);
  const evalEvent = staffView.events.find((x: { type: string }) => x.type === 'evaluate');
  assert.equal(evalEvent.payload.source, 'portal');
  assert.equal(evalEvent.actorId, ent.id);
  // Evaluating again (no longer replied) is refused.
  const twice = await call(w.app, ent, {
    method: 'POST',
    url: `/api/portal/appeals/${submitted.id}/evaluate`,
    payload: { version: ev.json().version, rating: 'satisfied' },
  });
  assert.equal(twice.statusCode, 409);

  const actions = (await auditRows(w.db, w.province.id)).map((a) => a.action);
  for (const a of ['enterprise_registration.create', 'enterprise_registration.approve', 'enterprise_account.create', 'appeal.create', 'appeal.evaluate']) {
    assert.ok(actions.includes(a), a);
  }
});

test('issue 7: enterprise A cannot read or evaluate B’s appeal — the same 404 as a missing id; confidential identity hidden', async () => {
  const w = await world();
  const a = await createEnterprise(w.db, w.province.id);
  const b = await createEnterprise(w.db, w.province.id);
  const userA = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: a.id });
  const userB = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: b.id });
  const bAppeal = await appealIn(w, 'replied', { enterpriseId: b.id, isConfidential: true });
  const { version } = await current(w, bAppeal);

  const missing = crypto.randomUUID();
  const readB = await call(w.app, userA, { method: 'GET', url: `/api/portal/appeals/${bAppeal}` });
  const readMissing = await call(w.app, userA, { method: 'GET', url: `/api/portal/appeals/${missing}` });
  assert.equal(readB.statusCode, 404);
  assert.deepEqual(withoutRequestId(readB.body), withoutRequestId(readMissing.body));
  const evalB = await call(w.app, userA, { method: 'POST', url: `/api/portal/appeals/${bAppeal}/evaluate`, payload: { version, rating: 'satisfied' } });
  const evalMissing = await call(w.app, userA, { method: 'POST', url: `/api/portal/appeals/${missing}/evaluate`, payload: { version, rating: 'satisfied' } });
  assert.equal(evalB.statusCode, 404);
  assert.deepEqual(withoutRequestId(evalB.body), withoutRequestId(evalMissing.body));
  assert.equal((await call(w.app, userA, { method: 'GET', url: '/api/portal/appeals' })).json().total, 0);
  assert.equal((await current(w, bAppeal)).state, 'replied', 'A changed nothing');

  // B reads its own confidential appeal without the identity fields; 满意 closes it.
  const own = await call(w.app, userB, { method: 'GET', url: `/api/portal/appeals/${bAppeal}` });
  assert.equal(own.statusCode, 200, own.body);
  assert.equal(own.json().identityHidden, true);
  assert.equal(own.json().contactName, '（保密）');
  assert.equal(own.body.includes('王建国'), false);
  assert.equal(own.body.includes('13800138000'), false);
  const sat = await call(w.app, userB, {
    method: 'POST',
    url: `/api/portal/appeals/${bAppeal}/evaluate`,
    payload: { version: own.json().version, rating: 'satisfied', comment: '满意' },
  });
  assert.equal(sat.statusCode, 200, sat.body);
  assert.equal(sat.json().state, 'closed');
  assert.equal(sat.json().evaluation, 'satisfied');

  // Another tenant's enterprise user: 404 too.
  const cityEnt = await createUser(w.db, w.city.id, { roles: ['enterprise'], scope: 'unit' });
  assert.equal((await call(w.app, cityEnt, { method: 'GET', url: `/api/portal/appeals/${bAppeal}` })).statusCode, 404);
});

test('issue 7: intake creates an enterprise account (initial password once, change at first login); rejection with reason', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const username = `ent_${crypto.randomBytes(3).toString('hex')}`;
  const bad = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/enterprise-accounts',
    payload: { enterpriseId: crypto.randomUUID(), username, displayName: '李会计' },
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.enterpriseId);
  assert.equal(
    (
      await call(w.app, w.users.leadStaff, {
        method: 'POST',
        url: '/api/enterprise-accounts',
        payload: { enterpriseId: e.id, username, displayName: '李会计' },
      })
    ).statusCode,
    403,
  );
  const res = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/enterprise-accounts',
    payload: { enterpriseId: e.id, username, displayName: '李会计', mobile: '13912345678' },
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().user.mustChangePassword, true);
  assert.equal(res.json().user.enterpriseId, e.id);
  const { user } = await login(w, username, res.json().initialPassword);
  assert.ok(user);
  const blocked = await call(w.app, user, { method: 'GET', url: '/api/portal/appeals' });
  assert.equal(blocked.statusCode, 403);
  assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
  const changed = await call(w.app, user, {
    method: 'POST',
    url: '/api/auth/change-password',
    payload: { currentPassword: res.json().initialPassword, newPassword: PASSWORD },
  });
  assert.equal(changed.statusCode, 204, changed.body);
  assert.equal((await call(w.app, user, { method: 'GET', url: '/api/portal/appeals' })).statusCode, 200);

  // Rejection: no account; the reason is kept; audited.
  const other = await createEnterprise(w.db, w.province.id);
  const r = await call(w.app, null, {
    method: 'POST',
    url: '/api/portal/register',
    payload: { tenantCode: w.province.code, uscc: other.uscc, enterpriseName: other.name, contactName: '赵', mobile: '13912345679', password: PASSWORD },
  });
  assert.equal(r.statusCode, 201, r.body);
  const rej = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${r.json().id}/reject`,
    payload: { version: 1, reason: '联系人与名录登记不符' },
  });
  assert.equal(rej.statusCode, 200, rej.body);
  assert.equal(rej.json().status, 'rejected');
  assert.equal(rej.json().rejectReason, '联系人与名录登记不符');
  assert.equal((await login(w, other.uscc, PASSWORD)).res.statusCode, 401);
  const actions = (await auditRows(w.db, w.province.id)).map((x) => x.action);
  assert.ok(actions.includes('enterprise_registration.reject'));

  // A USCC not in this tenant's registry cannot be approved.
  const r2 = await call(w.app, null, {
    method: 'POST',
    url: '/api/portal/register',
    payload: {
      tenantCode: w.city.code,
      uscc: other.uscc,
      enterpriseName: other.name,
      contactName: '赵',
      mobile: '13912345679',
      username: `x_${crypto.randomBytes(3).toString('hex')}`,
      password: PASSWORD,
    },
  });
  assert.equal(r2.statusCode, 201, r2.body);
  const a2 = await call(w.app, w.cityIntake, { method: 'POST', url: `/api/enterprise-registrations/${r2.json().id}/approve`, payload: { version: 1 } });
  assert.equal(a2.statusCode, 400, a2.body);
  assert.ok(a2.json().error.fields.uscc);
});
