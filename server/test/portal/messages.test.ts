// Issue 7: the message thread between the enterprise and the handling unit. Enterprise A never
// reads or posts on B's appeal (the same 404 as a missing id); staff outside the appeal get 404;
// staff messages show the unit, never the civil servant; internal notes never enter the thread;
// posting notifies the other side and is audited; a closed appeal refuses; bad input → 400.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { messageLimits } from '../../src/modules/portal/portal.messages.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { asOwner } from '../helpers/db.ts';
import { auditRows, createUser, type TestUser } from '../helpers/factory.ts';
import { act, appealIn, call, ok, world, type World } from '../appeals/helpers.ts';

const nameOf = (u: TestUser) => `测试用户${u.username}`;
const withoutRequestId = (body: string) => {
  const { requestId: _r, ...rest } = JSON.parse(body);
  return rest;
};

async function enterpriseWithAccount(w: World) {
  const e = await createEnterprise(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  return { e, ent };
}

const portalPost = (w: World, as: TestUser, id: string, body: unknown) =>
  call(w.app, as, { method: 'POST', url: `/api/portal/appeals/${id}/messages`, payload: body as object });
const portalGet = (w: World, as: TestUser, id: string) => call(w.app, as, { method: 'GET', url: `/api/portal/appeals/${id}/messages` });
const staffPost = (w: World, as: TestUser, id: string, body: unknown) =>
  call(w.app, as, { method: 'POST', url: `/api/appeals/${id}/messages`, payload: body as object });
const staffGet = (w: World, as: TestUser, id: string) => call(w.app, as, { method: 'GET', url: `/api/appeals/${id}/messages` });
const notifications = async (w: World, as: TestUser) =>
  (await call(w.app, as, { method: 'GET', url: '/api/notifications?pageSize=100' })).json().items as {
    type: string;
    title: string;
    body: string;
    appealId: string;
  }[];
const messageCount = async (w: World, id: string) =>
  (await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM appeal_messages WHERE appeal_id = ${id}`))[0].n;

test('issue 7 messages: enterprise ↔ lead unit; the enterprise sees the unit, never the civil servant nor internal notes; notified both ways; audited', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const id = await appealIn(w, 'handling', { enterpriseId: e.id });
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '张经理', note: '内部备注：企业情绪较大' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '内部初步意见：需协调执法局' });

  const empty = await portalGet(w, ent, id);
  assert.equal(empty.statusCode, 200, empty.body);
  assert.deepEqual(empty.json(), { items: [], total: 0, canPost: true, postBlockedReason: null });

  const asked = await portalPost(w, ent, id, { body: '  请问<b>审查</b>还需要补充哪些材料？  ' });
  assert.equal(asked.statusCode, 201, asked.body);
  assert.equal(asked.json().side, 'enterprise');
  assert.equal(asked.json().body, '请问<b>审查</b>还需要补充哪些材料？', 'trimmed, stored as typed (the pages escape it)');
  assert.equal(asked.json().mine, true);

  // The lead unit is notified (unit-addressed), and reads the thread with the enterprise person's name.
  const leadNotes = await notifications(w, w.users.leadStaff2);
  assert.ok(
    leadNotes.some((n) => n.type === 'message' && n.appealId === id && n.body.includes('还需要补充哪些材料')),
    JSON.stringify(leadNotes),
  );
  const staffView = await staffGet(w, w.users.leadStaff, id);
  assert.equal(staffView.statusCode, 200, staffView.body);
  assert.equal(staffView.json().canPost, true);
  assert.equal(staffView.json().enterpriseAccounts, 1);
  assert.equal(staffView.json().items[0].author, nameOf(ent));

  const answered = await staffPost(w, w.users.leadStaff, id, { body: '请补充储罐区平面布置图。' });
  assert.equal(answered.statusCode, 201, answered.body);
  assert.equal(answered.json().unitName, w.lead.name);
  assert.equal(answered.json().author, nameOf(w.users.leadStaff), 'staff see who wrote it');

  const thread = await portalGet(w, ent, id);
  assert.deepEqual(
    thread.json().items.map((m: { side: string; author: string; mine: boolean }) => [m.side, m.author, m.mine]),
    [
      ['enterprise', nameOf(ent), true],
      ['staff', w.lead.name, false],
    ],
  );
  for (const hidden of [nameOf(w.users.leadStaff), w.users.leadStaff.username, '内部备注', '内部初步意见', '张经理']) {
    assert.equal(thread.body.includes(hidden), false, `portal thread shows ${hidden}`);
  }

  // The enterprise account is notified by user, naming the unit only.
  const entNotes = (await notifications(w, ent)).filter((n) => n.type === 'message' && n.appealId === id);
  assert.equal(entNotes.length, 1);
  assert.ok(entNotes[0].title.includes(w.lead.name));
  assert.equal(JSON.stringify(entNotes).includes(nameOf(w.users.leadStaff)), false);
  // The enterprise's own message did not notify itself; staff messages did not notify the lead unit.
  assert.equal((await notifications(w, w.users.leadHead)).filter((n) => n.type === 'message' && n.appealId === id).length, 1);

  // Intake and the coordinator may post; co-handling units, oversight and leaders read only.
  assert.equal((await staffPost(w, w.users.intake, id, { body: '受理人员补充说明' })).json().unitName, w.intakeUnit.name);
  assert.equal((await staffPost(w, w.users.coordinator, id, { body: '统筹处室说明' })).statusCode, 201);
  const co = await staffPost(w, w.users.coStaff, id, { body: '协办处室发言' });
  assert.equal(co.statusCode, 403);
  assert.match(co.json().error.message, /主办处室/);
  assert.equal((await staffGet(w, w.users.coStaff, id)).json().canPost, false);
  assert.equal((await staffGet(w, w.users.coStaff, id)).statusCode, 200);
  assert.equal((await staffPost(w, w.users.oversight, id, { body: 'x' })).statusCode, 403);
  assert.equal((await staffGet(w, w.users.oversight, id)).statusCode, 200);
  assert.equal((await staffGet(w, w.users.leader, id)).statusCode, 200);
  assert.equal((await staffPost(w, w.users.leader, id, { body: 'x' })).statusCode, 403);
  assert.equal(await messageCount(w, id), 4);

  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.action === 'appeal.message' && r.entity_id === id);
  assert.equal(audits.length, 4);

  // Append-only: the app's role has no right to edit or delete (issue 12 item 5), and the trigger
  // refuses even the owner.
  const denied = (err: Error & { cause?: Error }) => /permission denied/.test(`${err.message} ${err.cause?.message ?? ''}`);
  await assert.rejects(w.db.execute(sql`UPDATE appeal_messages SET body = '改写' WHERE appeal_id = ${id}`), denied);
  await assert.rejects(w.db.execute(sql`DELETE FROM appeal_messages WHERE appeal_id = ${id}`), denied);
  const refused = (err: Error & { cause?: Error }) => /appeal_messages is append-only/.test(`${err.message} ${err.cause?.message ?? ''}`);
  await asOwner(async (owner) => {
    await assert.rejects(owner.db.execute(sql`UPDATE appeal_messages SET body = '改写' WHERE appeal_id = ${id}`), refused);
    await assert.rejects(owner.db.execute(sql`DELETE FROM appeal_messages WHERE appeal_id = ${id}`), refused);
  });
});

test('issue 7 messages: enterprise A cannot read or post on B’s appeal — the same 404 as a missing id; staff outside the appeal get 404', async () => {
  const w = await world();
  const a = await enterpriseWithAccount(w);
  const b = await enterpriseWithAccount(w);
  const bAppeal = await appealIn(w, 'handling', { enterpriseId: b.e.id });
  const missing = crypto.randomUUID();

  const readB = await portalGet(w, a.ent, bAppeal);
  const readMissing = await portalGet(w, a.ent, missing);
  assert.equal(readB.statusCode, 404);
  assert.deepEqual(withoutRequestId(readB.body), withoutRequestId(readMissing.body));
  const postB = await portalPost(w, a.ent, bAppeal, { body: '冒充B企业留言' });
  const postMissing = await portalPost(w, a.ent, missing, { body: '冒充B企业留言' });
  assert.equal(postB.statusCode, 404);
  assert.deepEqual(withoutRequestId(postB.body), withoutRequestId(postMissing.body));
  // Another tenant's enterprise account: 404 too.
  const cityEnt = await createUser(w.db, w.city.id, { roles: ['enterprise'], scope: 'unit' });
  assert.equal((await portalPost(w, cityEnt, bAppeal, { body: 'x' })).statusCode, 404);
  // Staff roles cannot use the portal routes; enterprise accounts cannot use the staff routes.
  assert.equal((await portalGet(w, w.users.leadStaff, bAppeal)).statusCode, 403);
  assert.equal((await staffGet(w, b.ent, bAppeal)).statusCode, 403);

  // Staff outside the appeal (another unit of the tenant, another tenant): 404 like a missing id.
  for (const outsider of [w.users.otherStaff, w.users.otherHead, w.cityIntake]) {
    const r = await staffGet(w, outsider, bAppeal);
    assert.equal(r.statusCode, 404);
    assert.deepEqual(withoutRequestId(r.body), withoutRequestId((await staffGet(w, outsider, missing)).body));
    assert.equal((await staffPost(w, outsider, bAppeal, { body: '越权发送' })).statusCode, 404);
  }
  assert.equal((await staffGet(w, w.users.leaderElsewhere, bAppeal)).statusCode, 404);
  assert.equal(await messageCount(w, bAppeal), 0, 'nothing was written');
  assert.equal((await portalGet(w, b.ent, bAppeal)).json().total, 0);
});

test('issue 7 messages: a closed appeal refuses new messages (portal and staff) with a clear reason', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const id = await appealIn(w, 'closed', { enterpriseId: e.id });
  const p = await portalPost(w, ent, id, { body: '还有一个问题' });
  assert.equal(p.statusCode, 409, p.body);
  assert.equal(p.json().error.message, '诉求已办结，不能再发送消息');
  const s = await staffPost(w, w.users.intake, id, { body: '补充说明' });
  assert.equal(s.statusCode, 409, s.body);
  assert.equal(s.json().error.message, '诉求已办结，不能再发送消息');
  const view = (await portalGet(w, ent, id)).json();
  assert.equal(view.canPost, false);
  assert.equal(view.postBlockedReason, '诉求已办结，不能再发送消息');
  assert.equal(await messageCount(w, id), 0);
});

test('issue 7 messages: bad input → 400 with Chinese field messages and nothing written', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const id = await appealIn(w, 'dispatched', { enterpriseId: e.id });
  const cases: [unknown, string, string][] = [
    [{ body: '' }, 'body', '不能为空'],
    [{ body: '   ' }, 'body', '不能为空'],
    [{ body: '长'.repeat(2001) }, 'body', '不能超过2000个字符'],
    [{ body: '含控制字符\u0007' }, 'body', '含有不允许的控制字符'],
  ];
  for (const [payload, field, message] of cases) {
    for (const r of [await portalPost(w, ent, id, payload), await staffPost(w, w.users.leadStaff, id, payload)]) {
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.fields[field], message, r.body);
    }
  }
  const extra = await portalPost(w, ent, id, { body: '你好', authorSide: 'staff' });
  assert.equal(extra.statusCode, 400);
  assert.ok(extra.json().error.fields);
  assert.equal((await portalPost(w, ent, id, {})).statusCode, 400);
  assert.equal(await messageCount(w, id), 0);
  // Exactly 2000 characters is accepted.
  assert.equal((await portalPost(w, ent, id, { body: '长'.repeat(2000) })).statusCode, 201);
});

test('issue 7 messages: before dispatch the enterprise’s message goes to intake’s queue; confidential appeals hide the person from the unit', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const queued = await appealIn(w, 'received', { enterpriseId: e.id });
  assert.equal((await portalPost(w, ent, queued, { body: '请尽快派单' })).statusCode, 201);
  assert.ok((await notifications(w, w.users.intake)).some((n) => n.type === 'message' && n.appealId === queued));
  // No lead unit yet: intake answers; unit staff have no access at all.
  assert.equal((await staffPost(w, w.users.intake, queued, { body: '已收到，正在派单' })).statusCode, 201);
  assert.equal((await staffGet(w, w.users.leadStaff, queued)).statusCode, 404);

  const secret = await appealIn(w, 'handling', { enterpriseId: e.id, isConfidential: true });
  assert.equal((await portalPost(w, ent, secret, { body: '匿名反映的问题有进展吗' })).statusCode, 201);
  const unitView = (await staffGet(w, w.users.leadStaff, secret)).json();
  assert.equal(unitView.items[0].author, '企业联系人（保密）');
  assert.equal(JSON.stringify(unitView).includes(nameOf(ent)), false);
  assert.equal((await staffGet(w, w.users.intake, secret)).json().items[0].author, nameOf(ent));
});

test('issue 7 messages: an appeal of no registry enterprise (phone, no account) shows an empty thread; staff cannot post to nobody', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const r = await staffGet(w, w.users.leadStaff, id);
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().total, 0);
  assert.equal(r.json().enterpriseAccounts, 0);
  assert.equal(r.json().canPost, false);
  const p = await staffPost(w, w.users.leadStaff, id, { body: '您好' });
  assert.equal(p.statusCode, 409);
  assert.match(p.json().error.message, /未关联企业名录/);
});

test('issue 7 messages: per-account rate limit (429 in Chinese); the thread moves with its appeal to a city (R3.2)', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const id = await appealIn(w, 'dispatched', { enterpriseId: e.id });
  const saved = messageLimits.perAccountPerMinute;
  messageLimits.perAccountPerMinute = 3;
  try {
    // The limiter's window is the current minute: if a minute boundary falls inside the burst, run it again.
    let limited: { statusCode: number; body: string } | null = null;
    for (let attempt = 0; attempt < 3 && !limited; attempt++) {
      const [{ m: before }] = await queryRows<{ m: string }>(w.db, sql`SELECT date_trunc('minute', now())::text AS m`);
      const codes: number[] = [];
      let last = null;
      for (let i = 0; i < 4; i++) {
        last = await portalPost(w, ent, id, { body: `第${attempt}-${i}条` });
        codes.push(last.statusCode);
      }
      const [{ m: after }] = await queryRows<{ m: string }>(w.db, sql`SELECT date_trunc('minute', now())::text AS m`);
      if (before !== after) continue;
      assert.equal(codes[3], 429, codes.join());
      limited = last;
    }
    assert.ok(limited, 'a burst within one minute');
    assert.equal(JSON.parse(limited.body).error.message, '发送消息过于频繁，请一分钟后再试');
  } finally {
    messageLimits.perAccountPerMinute = saved;
  }

  const n = await messageCount(w, id);
  assert.ok(n >= 3);
  const moved = await act(w, w.users.intake, id, 'transfer-city', { tenantId: w.city.id, reason: '属地管理' });
  assert.equal(moved.statusCode, 200, moved.body);
  const inCity = await staffGet(w, w.cityIntake, id);
  assert.equal(inCity.statusCode, 200, inCity.body);
  assert.equal(inCity.json().total, n);
  assert.equal(
    (await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM appeal_messages WHERE appeal_id = ${id} AND tenant_id = ${w.city.id}`))[0].n,
    n,
  );
});
