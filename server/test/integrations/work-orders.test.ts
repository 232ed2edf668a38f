// Issue 18 (capability 7), work orders in: integration clients and their tokens (scope, expiry,
// revocation, rate limit, IP allow-list), one work order → one appeal in intake's queue, idempotent on
// (client, external id) also under simultaneous posts, a changed resend as an update on the timeline,
// the batch form, 400s with field paths and nothing written, the status read, tenant isolation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { sha256 } from '../../src/lib/crypto.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';

// The throttle of unknown tokens at its production default (the test helper raises it for other files).
const ENV = { INTEGRATION_TOKEN_FAILURES_PER_MINUTE: '10' };

async function setup() {
  const { app } = await testApp(ENV);
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  await createUnit(db, scene.province.id, { kind: 'intake', sectors: [] });
  const sys = await createUser(db, scene.province.id, { roles: ['sysadmin'] });
  const intake = await createUser(db, scene.province.id, { roles: ['intake'], scope: 'tenant' });
  return { app, db, ...scene, sys, intake };
}
type S = Awaited<ReturnType<typeof setup>>;

async function client(s: S, as: TestUser = s.sys, over: Record<string, unknown> = {}) {
  const r = await call(s.app, as, {
    method: 'POST',
    url: '/api/integration-clients',
    payload: { name: `12345热线 ${Math.random().toString(36).slice(2, 8)}`, channel: 'hotline_12345', rateLimitPerMinute: 100, ...over },
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { id: string; version: number };
}

async function token(s: S, clientId: string, scopes = ['work_orders:write', 'work_orders:read'], as: TestUser = s.sys) {
  const r = await call(s.app, as, { method: 'POST', url: `/api/integration-clients/${clientId}/tokens`, payload: { scopes, expiresInDays: 30 } });
  assert.equal(r.statusCode, 201, r.body);
  return r.json() as { token: string; tokenInfo: { id: string; prefix: string } };
}

/** One receipt time for the whole file, so the same order built twice is the same payload. */
const RECEIVED_AT = new Date(Date.now() - 3600_000).toISOString();
const order = (externalId: string, over: Record<string, unknown> = {}) => ({
  externalId,
  title: '企业反映安全生产许可证延续办理缓慢',
  content: '企业于上月提交延续申请，至今未获答复，请协调办理。',
  category: 'licensing',
  contactName: '王经理',
  contactPhone: '13800138000',
  enterpriseName: '山东某化工有限公司',
  receivedAt: RECEIVED_AT,
  ...over,
});

// The calls of this file come from an address of its own: the refused-token throttle counts per address in
// the database, and other test files sharing the database send refused tokens from 127.0.0.1.
const HERE = '192.0.2.18';
const FROM = { remoteAddress: HERE };
const push = (s: S, tok: string, payload: unknown, extra: Record<string, unknown> = {}) =>
  s.app.inject({
    method: 'POST',
    url: '/api/integrations/v1/work-orders',
    headers: { authorization: `Bearer ${tok}` },
    payload: payload as object,
    ...FROM,
    ...extra,
  });
const read = (s: S, tok: string, id: string, extra: Record<string, unknown> = {}) =>
  s.app.inject({
    method: 'GET',
    url: `/api/integrations/v1/work-orders/${encodeURIComponent(id)}`,
    headers: { authorization: `Bearer ${tok}` },
    ...FROM,
    ...extra,
  });

const count = async (s: S, table: string, where = sql`true`) =>
  (await queryRows<{ n: number }>(s.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0].n;

test('issue 18 R3.1: a work order becomes one appeal in intake’s queue; the token is shown once and only its hash is stored; every use audited', async () => {
  const s = await setup();
  const c = await client(s);
  const t = await token(s, c.id);
  assert.match(t.token, /^zqt_/);
  const stored = await queryRows<{ token_hash: string }>(s.db, sql`SELECT token_hash FROM integration_tokens WHERE id = ${t.tokenInfo.id}`);
  assert.equal(stored[0].token_hash, sha256(t.token));
  const listed = await call(s.app, s.sys, { method: 'GET', url: '/api/integration-clients' });
  assert.ok(!listed.body.includes(t.token), 'the list never shows the token');

  const r = await push(s, t.token, order('GD-2026-000001'));
  assert.equal(r.statusCode, 201, r.body);
  const receipt = r.json();
  assert.equal(receipt.revision, 1);
  assert.equal(receipt.outcome, 'created');
  const appeal = await call(s.app, s.intake, { method: 'GET', url: `/api/appeals/${receipt.appealId}` });
  assert.equal(appeal.statusCode, 200, appeal.body);
  assert.equal(appeal.json().state, 'received');
  assert.equal(appeal.json().channel, 'hotline_12345');
  assert.equal(appeal.json().externalRef, 'GD-2026-000001');
  // The external id is searchable (exact), in intake's list.
  const found = await call(s.app, s.intake, { method: 'GET', url: `/api/appeals?q=${encodeURIComponent('GD-2026-000001')}` });
  assert.deepEqual(
    found.json().items.map((i: { id: string }) => i.id),
    [receipt.appealId],
  );
  const audits = await queryRows<{ action: string; actor_name: string }>(
    s.db,
    sql`SELECT action, actor_name FROM audit_log WHERE tenant_id = ${s.province.id} AND action IN ('appeal.create', 'work_order.receive') ORDER BY id`,
  );
  assert.deepEqual(
    audits.map((a) => a.action),
    ['appeal.create', 'work_order.receive'],
  );
  assert.match(audits[0].actor_name, /^接口客户端 12345热线/);
  const tokens = (await call(s.app, s.sys, { method: 'GET', url: `/api/integration-clients/${c.id}` })).json().tokens;
  assert.ok(tokens[0].lastUsedAt, 'last use recorded');
  const status = await read(s, t.token, 'GD-2026-000001');
  assert.equal(status.statusCode, 200, status.body);
  assert.equal(status.json().state, 'received');
  assert.equal(status.json().stateLabel, '待派单');
  assert.ok(status.json().milestones.contact.dueAt);
  assert.equal(status.json().replyText, null);
  assert.equal(await count(s, 'audit_log', sql`action = 'work_order.read' AND tenant_id = ${s.province.id}`), 1);
  // The last use is kept to the minute: another call within it writes nothing; a minute later it moves.
  const lastUse = async () =>
    Number(
      (
        await queryRows<{ ms: string }>(
          s.db,
          sql`SELECT (extract(epoch FROM last_used_at) * 1000)::bigint AS ms FROM integration_tokens WHERE client_id = ${c.id}`,
        )
      )[0].ms,
    );
  const first = await lastUse();
  assert.equal((await read(s, t.token, 'GD-2026-000001')).statusCode, 200);
  assert.equal(await lastUse(), first, 'not written again within the minute');
  await s.db.execute(sql`UPDATE integration_tokens SET last_used_at = last_used_at - interval '61 seconds' WHERE client_id = ${c.id}`);
  assert.equal((await read(s, t.token, 'GD-2026-000001')).statusCode, 200);
  assert.ok((await lastUse()) > first - 61_000, 'written again a minute later');
});

test('issue 18: idempotent on (client, external id) — a resend replays the first answer; two simultaneous identical posts give one appeal', async () => {
  const s = await setup();
  const t = await token(s, (await client(s)).id);
  const body = order('GD-2026-000002');
  const [a, b] = await Promise.all([push(s, t.token, body), push(s, t.token, body)]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [201, 201]);
  assert.deepEqual(a.json(), b.json());
  assert.equal([a, b].filter((x) => x.headers['idempotent-replayed'] === 'true').length, 1);
  assert.equal(await count(s, 'appeals', sql`tenant_id = ${s.province.id} AND external_ref = 'GD-2026-000002'`), 1);
  const again = await push(s, t.token, body);
  assert.equal(again.statusCode, 201);
  assert.deepEqual(again.json(), a.json());
  assert.equal(again.headers['idempotent-replayed'], 'true');
});

test('issue 20: new orders of several clients at once are written with the intakes ready together — each its appeal, work order and audit rows; the same order twice in one go still one appeal', async () => {
  const s = await setup();
  const tokens = await Promise.all([1, 2, 3].map(async () => (await token(s, (await client(s)).id)).token));
  const ids = Array.from({ length: 9 }, (_, i) => `GD-2026-B${String(i).padStart(3, '0')}`);
  const rs = await Promise.all([...ids.map((id, i) => push(s, tokens[i % 3]!, order(id))), push(s, tokens[0]!, order(ids[0]!))]);
  assert.deepEqual(
    rs.map((r) => r.statusCode),
    Array(10).fill(201),
    rs.map((r) => r.body).join('\n'),
  );
  assert.deepEqual(rs[9]!.json(), rs[0]!.json());
  assert.equal([rs[0], rs[9]].filter((r) => r!.headers['idempotent-replayed'] === 'true').length, 1);
  for (const [i, r] of rs.slice(0, 9).entries()) {
    const receipt = r.json();
    assert.equal(receipt.externalId, ids[i]);
    assert.equal(receipt.outcome, 'created');
    const [a] = await queryRows<{ number: string; external_ref: string; orders: number; audits: string[] }>(
      s.db,
      sql`SELECT a.number, a.external_ref,
            (SELECT count(*)::int FROM work_orders w WHERE w.appeal_id = a.id) AS orders,
            (SELECT array_agg(l.action ORDER BY l.action) FROM audit_log l WHERE l.entity_id = a.id::text AND l.action IN ('appeal.create', 'work_order.receive')) AS audits
          FROM appeals a WHERE a.id = ${receipt.appealId}`,
    );
    assert.deepEqual(a, { number: receipt.appealNumber, external_ref: ids[i], orders: 1, audits: ['appeal.create', 'work_order.receive'] });
  }
  const written = await queryRows<{ at: string }>(
    s.db,
    sql`SELECT created_at::text AS at FROM appeals WHERE tenant_id = ${s.province.id} AND external_ref LIKE 'GD-2026-B%'`,
  );
  assert.equal(written.length, 9);
  // Written together: the appeals of one statement share its transaction's time (PGlite runs one
  // statement at a time, so there each order is written before the next is ready).
  if ((await testDatabase()).kind === 'postgres') assert.ok(new Set(written.map((w) => w.at)).size < 9);
});

test('issue 18: a changed resend is an update on the appeal’s timeline, never a second appeal', async () => {
  const s = await setup();
  const t = await token(s, (await client(s)).id);
  const first = await push(s, t.token, order('GD-2026-000003'));
  const changed = await push(s, t.token, order('GD-2026-000003', { content: '企业补充：已于本周再次提交材料。', contactPhone: '13900139000' }));
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json().revision, 2);
  assert.equal(changed.json().outcome, 'updated');
  assert.equal(changed.json().appealId, first.json().appealId);
  assert.equal(await count(s, 'appeals', sql`tenant_id = ${s.province.id} AND external_ref = 'GD-2026-000003'`), 1);
  const detail = (await call(s.app, s.intake, { method: 'GET', url: `/api/appeals/${first.json().appealId}` })).json();
  const update = detail.events.find((e: { type: string }) => e.type === 'work_order_update');
  assert.ok(update, 'update on the timeline');
  assert.deepEqual(Object.keys(update.payload.changes).sort(), ['contactPhone', 'content']);
  assert.match(update.actorName, /（接口推送）$/);
  // The same changed body again: replayed (the update's answer), nothing new on the timeline.
  const replay = await push(s, t.token, order('GD-2026-000003', { content: '企业补充：已于本周再次提交材料。', contactPhone: '13900139000' }));
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  assert.equal(replay.json().revision, 2);
  assert.equal((await read(s, t.token, 'GD-2026-000003')).json().revision, 2);
});

test('issue 18: bad payloads → 400 with Chinese field paths, nothing written', async () => {
  const s = await setup();
  const t = await token(s, (await client(s)).id);
  // This tenant's rows only: on the server other test files write concurrently in their own tenants.
  const mine = sql`tenant_id = ${s.province.id}`;
  const rows = async () => [await count(s, 'appeals', mine), await count(s, 'work_orders', mine), await count(s, 'audit_log', mine)];
  const before = await rows();
  const bad = await push(s, t.token, { ...order('GD/BAD'), title: '', contactPhone: '12', extra: 1 });
  assert.equal(bad.statusCode, 400, bad.body);
  const fields = bad.json().error.fields;
  assert.equal(fields.title, '不能为空');
  assert.match(fields.externalId, /工单编号/);
  assert.match(fields.contactPhone, /电话号码/);
  assert.equal(fields.extra, '不允许的字段');
  // Caught past the schema (the intake's own checks): a receipt time in the future.
  const future = await push(s, t.token, order('GD-2026-000004', { receivedAt: new Date(Date.now() + 86_400_000).toISOString() }));
  assert.equal(future.statusCode, 400, future.body);
  assert.equal(future.json().error.fields.receivedAt, '受理时间不能晚于当前时间');
  assert.deepEqual(await rows(), before);
});

test('issue 18: the batch form answers each order separately (created, replayed, 400 with orders.i paths); issue 20: orders of different ids at once, of one id in the order given', async () => {
  const s = await setup();
  const t = await token(s, (await client(s)).id);
  await push(s, t.token, order('GD-B-1'));
  const r = await s.app.inject({
    method: 'POST',
    url: '/api/integrations/v1/work-orders/batch',
    headers: { authorization: `Bearer ${t.token}` },
    ...FROM,
    payload: { orders: [order('GD-B-1'), order('GD-B-2'), { ...order('GD-B-3'), title: '' }, order('GD-B-4', { receivedAt: 'yesterday' })] },
  });
  assert.equal(r.statusCode, 200, r.body);
  const b = r.json();
  assert.equal(b.received, 2);
  assert.equal(b.failed, 2);
  assert.deepEqual(
    b.results.map((x: { status: number }) => x.status),
    [201, 201, 400, 400],
  );
  assert.equal(b.results[2].error.fields['orders.2.title'], '不能为空');
  assert.ok(b.results[3].error.fields['orders.3.receivedAt']);
  assert.equal(b.results[2].externalId, 'GD-B-3');
  assert.equal(await count(s, 'work_orders', sql`tenant_id = ${s.province.id}`), 2);
  const tooMany = await s.app.inject({
    method: 'POST',
    url: '/api/integrations/v1/work-orders/batch',
    headers: { authorization: `Bearer ${t.token}` },
    ...FROM,
    payload: { orders: Array.from({ length: 501 }, (_, i) => order(`X-${i}`)) },
  });
  assert.equal(tooMany.statusCode, 400);
  assert.equal(tooMany.json().error.fields.orders, '每批最多500张工单');
  // Issue 20: a back-fill receives orders of different ids at once (new ones written together), those
  // of one id in the order given: the changed second GD-C-0 is an update of the first.
  const fill = await s.app.inject({
    method: 'POST',
    url: '/api/integrations/v1/work-orders/batch',
    headers: { authorization: `Bearer ${t.token}` },
    ...FROM,
    payload: { orders: [...Array.from({ length: 20 }, (_, i) => order(`GD-C-${i}`)), order('GD-C-0', { contactPhone: '13900139000' })] },
  });
  assert.equal(fill.statusCode, 200, fill.body);
  const f = fill.json();
  assert.deepEqual(
    f.results.map((x: { index: number; status: number }) => [x.index, x.status]),
    [...Array.from({ length: 20 }, (_, i) => [i, 201]), [20, 200]],
  );
  assert.deepEqual(
    [f.results[20].receipt.outcome, f.results[20].receipt.revision, f.results[20].receipt.appealId],
    ['updated', 2, f.results[0].receipt.appealId],
  );
  const filled = await queryRows<{ at: string }>(
    s.db,
    sql`SELECT created_at::text AS at FROM appeals WHERE tenant_id = ${s.province.id} AND external_ref LIKE 'GD-C-%'`,
  );
  assert.equal(filled.length, 20);
  if ((await testDatabase()).kind === 'postgres') assert.ok(new Set(filled.map((w) => w.at)).size < 20, 'written together');
});

test('issue 18: token scope, expiry, revocation, unknown token, disabled client, IP allow-list', async () => {
  const s = await setup();
  const c = await client(s, s.sys, { ipAllowList: [HERE, '10.8.0.0/16'] });
  const readOnly = await token(s, c.id, ['work_orders:read']);
  const scoped = await push(s, readOnly.token, order('GD-S-1'));
  assert.equal(scoped.statusCode, 403);
  assert.match(scoped.json().error.message, /无权推送工单/);
  const writer = await token(s, c.id, ['work_orders:write']);
  assert.equal((await push(s, writer.token, order('GD-S-1'))).statusCode, 201);
  assert.equal((await read(s, writer.token, 'GD-S-1')).statusCode, 403, 'a write-only token cannot read');
  assert.equal((await push(s, writer.token, order('GD-S-2'), { remoteAddress: '10.8.3.4' })).statusCode, 201, 'inside the CIDR block');
  const outside = await push(s, writer.token, order('GD-S-3'), { remoteAddress: '192.168.1.9' });
  assert.equal(outside.statusCode, 403);
  assert.match(outside.json().error.message, /白名单/);

  await s.db.execute(sql`UPDATE integration_tokens SET expires_at = now() - interval '1 second' WHERE id = ${readOnly.tokenInfo.id}`);
  const expired = await read(s, readOnly.token, 'GD-S-1');
  assert.equal(expired.statusCode, 401);
  assert.equal(expired.json().error.message, '接口令牌已过期');

  const revoke = await call(s.app, s.sys, { method: 'POST', url: `/api/integration-tokens/${writer.tokenInfo.id}/revoke`, payload: {} });
  assert.equal(revoke.statusCode, 200, revoke.body);
  assert.equal(revoke.json().state, 'revoked');
  const revoked = await push(s, writer.token, order('GD-S-4'));
  assert.equal(revoked.statusCode, 401);
  assert.equal(revoked.json().error.message, '接口令牌已吊销');

  assert.equal((await push(s, 'zqt_notarealtokennotarealtoken', order('GD-S-5'))).statusCode, 401);
  assert.equal((await s.app.inject({ method: 'POST', url: '/api/integrations/v1/work-orders', payload: order('GD-S-6'), ...FROM })).statusCode, 401);
  const refused = await count(s, 'audit_log', sql`action = 'integration.refused' AND tenant_id = ${s.province.id}`);
  assert.equal(refused, 5, 'scope, scope, address, expiry, revocation: each refusal of a known token audited');

  const fresh = await token(s, c.id);
  const off = await call(s.app, s.sys, { method: 'PATCH', url: `/api/integration-clients/${c.id}`, payload: { version: c.version, disabled: true } });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal((await push(s, fresh.token, order('GD-S-7'))).statusCode, 401);
  assert.equal(await count(s, 'appeals', sql`tenant_id = ${s.province.id}`), 2);
});

test('issue 18: the per-client rate limit answers 429 beyond the limit', async () => {
  const s = await setup();
  const c = await client(s, s.sys, { rateLimitPerMinute: 3 });
  const t = await token(s, c.id);
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) codes.push((await read(s, t.token, 'none')).statusCode);
  // The window is the clock minute: at a minute's turn the count restarts, so allow one restart.
  assert.ok(codes.filter((x) => x === 429).length >= 1, codes.join());
  assert.ok(codes.slice(0, 3).every((x) => x === 404) || codes.includes(429), codes.join());
  const limited = await read(s, t.token, 'none');
  if (limited.statusCode === 429) assert.match(limited.json().error.message, /每分钟最多 3 次/);
});

test('issue 18: unknown or missing tokens are throttled per address — 429 with Retry-After in Chinese; valid tokens unaffected', async () => {
  const s = await setup();
  const { config } = await testApp(ENV);
  const limit = config.integrationTokenFailuresPerMinute;
  assert.equal(limit, 10);
  const c = await client(s);
  const good = await token(s, c.id);
  // The window is the clock minute: start early in one so the whole sequence falls inside it.
  const sec = new Date().getUTCSeconds();
  if (sec > 45) await new Promise((r) => setTimeout(r, (61 - sec) * 1000));
  const guesser = { remoteAddress: '198.51.100.7' };
  const codes: number[] = [];
  for (let i = 0; i < limit - 1; i++) codes.push((await push(s, `zqt_guess${i}${'x'.repeat(30)}`, order('GD-T-1'), guesser)).statusCode);
  const noHeader = await s.app.inject({ method: 'POST', url: '/api/integrations/v1/work-orders', payload: order('GD-T-1'), ...guesser });
  codes.push(noHeader.statusCode);
  assert.deepEqual(codes, Array(limit).fill(401), 'up to the limit: 401 (a missing token counts too)');
  const held = await push(s, 'zqt_anothertryanothertryanothertry', order('GD-T-1'), guesser);
  assert.equal(held.statusCode, 429);
  assert.match(held.json().error.message, /接口令牌错误次数过多.*每分钟最多 10 次/);
  const wait = Number(held.headers['retry-after']);
  assert.ok(wait >= 1 && wait <= 60, `Retry-After ${held.headers['retry-after']}`);
  assert.equal((await read(s, 'zqt_readguessreadguessreadguess', 'GD-T-1')).statusCode, 401, 'another address is not held back');
  // A valid token from the same address still works, and does not count.
  const ok = await push(s, good.token, order('GD-T-2'), guesser);
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal((await read(s, good.token, 'GD-T-2', guesser)).statusCode, 200);
  assert.equal(await count(s, 'appeals', sql`tenant_id = ${s.province.id}`), 1, 'nothing written by the refused calls');
});

test('issue 18 R3.4: a client set to 自动派单 sends new orders straight to the channel’s lead unit (the system’s dispatch on the timeline); no rule → intake’s queue', async () => {
  const s = await setup();
  // Without a rule for the channel: the order stays in intake's queue even with 自动派单 on.
  const mailbox = await client(s, s.sys, { channel: 'governor_mailbox', autoDispatch: true });
  assert.equal((mailbox as unknown as { autoDispatch: boolean }).autoDispatch, true);
  const mt = await token(s, mailbox.id);
  const queued = await push(s, mt.token, order('GD-A-1'));
  assert.equal(queued.statusCode, 201, queued.body);
  const [q] = await queryRows<{ state: string; lead_unit_id: string | null }>(
    s.db,
    sql`SELECT state, lead_unit_id FROM appeals WHERE id = ${queued.json().appealId}`,
  );
  assert.deepEqual(q, { state: 'received', lead_unit_id: null }, 'no channel lead unit: intake’s queue');

  // R3.4 rule for 12345: the lead unit. A client with 自动派单 off still queues; on dispatches.
  const rule = await call(s.app, s.sys, { method: 'PUT', url: '/api/channel-leads', payload: { items: [{ channel: 'hotline_12345', unitId: s.unit.id }] } });
  assert.equal(rule.statusCode, 200, rule.body);
  const manual = await client(s);
  const manualToken = await token(s, manual.id);
  const notAuto = await push(s, manualToken.token, order('GD-A-2'));
  const [n] = await queryRows<{ state: string }>(s.db, sql`SELECT state FROM appeals WHERE id = ${notAuto.json().appealId}`);
  assert.equal(n.state, 'received', '自动派单 off: intake’s queue');

  const switched = await call(s.app, s.sys, {
    method: 'PATCH',
    url: `/api/integration-clients/${manual.id}`,
    payload: { version: manual.version, autoDispatch: true },
  });
  assert.equal(switched.statusCode, 200, switched.body);
  assert.equal(switched.json().autoDispatch, true);
  const auto = await push(s, manualToken.token, order('GD-A-3'));
  assert.equal(auto.statusCode, 201, auto.body);
  const id = auto.json().appealId as string;
  const [a] = await queryRows<{ state: string; lead_unit_id: string | null; dispatched_at: unknown }>(
    s.db,
    sql`SELECT state, lead_unit_id, dispatched_at FROM appeals WHERE id = ${id}`,
  );
  assert.equal(a.state, 'dispatched');
  assert.equal(a.lead_unit_id, s.unit.id);
  assert.ok(a.dispatched_at);
  const events = await queryRows<{ type: string; actor_id: string | null; actor_name: string; payload: Record<string, unknown> }>(
    s.db,
    sql`SELECT type, actor_id, actor_name, payload FROM appeal_events WHERE appeal_id = ${id} ORDER BY id`,
  );
  assert.deepEqual(
    events.map((e) => e.type),
    ['create', 'dispatch'],
  );
  const d = events[1];
  assert.equal(d.actor_name, '系统', 'the dispatch is the system’s, not the client’s');
  assert.equal(d.actor_id, null);
  assert.equal(d.payload.auto, true);
  assert.match(String(d.payload.note), /自动派单/);
  assert.equal(d.payload.leadUnitId, s.unit.id);
  assert.deepEqual(d.payload.channelLead, { unitId: s.unit.id, unitName: s.unit.name, overridden: false });
  assert.match(events[0].actor_name, /接口推送/, 'the creation stays the client’s');
  // The lead unit sees it in its queue; the status read says dispatched.
  const st = await read(s, manualToken.token, 'GD-A-3');
  assert.equal(st.json().state, 'dispatched');
  // A changed resend of the same order is an update, not a second dispatch.
  const again = await push(s, manualToken.token, order('GD-A-3', { title: '标题更新后再次推送' }));
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(await count(s, 'appeal_events', sql`appeal_id = ${id} AND type = 'dispatch'`), 1);
});

test('issue 18: token routes take no session, a token opens no session route; sysadmin only manages clients', async () => {
  const s = await setup();
  const t = await token(s, (await client(s)).id);
  // A signed-in sysadmin (cookie + CSRF) reaches no token route.
  const bySession = await call(s.app, s.sys, { method: 'POST', url: '/api/integrations/v1/work-orders', payload: order('GD-X-1'), ...FROM });
  assert.equal(bySession.statusCode, 401);
  // A token opens no session route.
  const byToken = await s.app.inject({ method: 'GET', url: '/api/appeals', headers: { authorization: `Bearer ${t.token}` }, ...FROM });
  assert.equal(byToken.statusCode, 401);
  // Intake cannot register clients.
  assert.equal((await call(s.app, s.intake, { method: 'GET', url: '/api/integration-clients' })).statusCode, 403);
  const bad = await call(s.app, s.sys, {
    method: 'POST',
    url: '/api/integration-clients',
    payload: { name: '', channel: 'nope', rateLimitPerMinute: 0, ipAllowList: ['300.1.1.1'] },
  });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['channel', 'name', 'rateLimitPerMinute']);
  const badIp = await call(s.app, s.sys, {
    method: 'POST',
    url: '/api/integration-clients',
    payload: { name: '省长信箱', channel: 'governor_mailbox', ipAllowList: ['10.0.0.0/40'] },
  });
  assert.equal(badIp.json().error.fields['ipAllowList.0'], '网段前缀长度不正确');
});

test('issue 18: tenant isolation — a city client reads and writes only its own work orders', async () => {
  const s = await setup();
  const provinceToken = await token(s, (await client(s)).id);
  const citySys = await createUser(s.db, s.city.id, { roles: ['sysadmin'] });
  await createUnit(s.db, s.city.id, { kind: 'intake', sectors: [] });
  const cityClient = await client(s, citySys);
  const cityToken = await token(s, cityClient.id, undefined, citySys);
  const p = await push(s, provinceToken.token, order('SAME-ID-1'));
  const c = await push(s, cityToken.token, order('SAME-ID-1'));
  assert.equal(p.statusCode, 201);
  assert.equal(c.statusCode, 201);
  assert.notEqual(p.json().appealId, c.json().appealId, 'the same external id of two clients: two appeals');
  assert.equal(await count(s, 'appeals', sql`tenant_id = ${s.city.id} AND external_ref = 'SAME-ID-1'`), 1);
  const provinceOnly = await push(s, provinceToken.token, order('PROV-ONLY'));
  const miss = await read(s, cityToken.token, 'PROV-ONLY');
  assert.equal(miss.statusCode, 404);
  assert.equal(provinceOnly.statusCode, 201);
  // The province's sysadmin does not see the city's client (404 like a missing id).
  assert.equal((await call(s.app, s.sys, { method: 'GET', url: `/api/integration-clients/${cityClient.id}` })).statusCode, 404);
});
