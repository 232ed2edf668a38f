// Issue 18, events out: Standard Webhooks signatures (the spec's test vector, verified by the
// `standardwebhooks` library's own verify), fan-out from the appeals timeline, retries with backoff
// against a real local receiver, delivery by a new worker after one died holding the lease, disabling
// after persistent failure with a notice to sysadmin, manual redelivery and secret rotation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { queryRows } from '../../src/db/client.ts';
import { signWebhook, webhookHeaders } from '../../src/lib/standard-webhooks.ts';
import { latestEventId } from '../../src/modules/appeals/index.ts';
import { deliverDueWebhooks, fanOutWebhooks, MAX_ATTEMPTS, messageId, RETRY_DELAYS_SECONDS } from '../../src/modules/webhooks/index.ts';
import { createAppeal, world, type World } from '../appeals/helpers.ts';
import { call } from '../helpers/app.ts';
import { auditRows, createUser } from '../helpers/factory.ts';
import { receiver } from './fixtures.ts';

// These tests deliver to a receiver on 127.0.0.1: the app and the worker are told explicitly that private
// networks may be called (WEBHOOK_ALLOW_PRIVATE_NETWORKS; the default refuses them — ssrf.test.ts).
const APP = { env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } };
const LOOPBACK = { allowPrivateNetworks: true };

/**
 * Verification by the Standard Webhooks library's own `verify` (what a receiver would run): any one
 * "v1,<sig>" of the space-separated list must match, and the timestamp must be within its 5 min tolerance.
 */
function verify(secret: string, headers: Record<string, string | string[] | undefined>, body: string): boolean {
  const h: Record<string, string> = {};
  for (const k of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) h[k] = String(headers[k] ?? '');
  try {
    new Webhook(secret).verify(body, h, { jsonParse: false });
    return true;
  } catch (e) {
    if (e instanceof WebhookVerificationError) return false;
    throw e;
  }
}

test('Standard Webhooks: the spec test vector signs and verifies', (t) => {
  // The published vector of the Standard Webhooks specification (libraries' shared test).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const ts = 1614265330;
  const body = '{"test": 2432232314}';
  assert.equal(signWebhook(secret, id, ts, body), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  const headers = webhookHeaders([secret], id, ts, body);
  assert.ok(!verify(secret, headers, body), 'a timestamp from 2021 is outside the verifier tolerance today');
  // The library checks the timestamp against Date.now(): verify as of the vector's own time.
  t.mock.timers.enable({ apis: ['Date'], now: ts * 1000 + 10_000 });
  assert.ok(verify(secret, headers, body));
  assert.ok(!verify(secret, headers, '{"test": 2432232315}'), 'a changed body fails');
  assert.ok(!verify('whsec_' + Buffer.alloc(24, 1).toString('base64'), headers, body), 'another secret fails');
  const other = 'whsec_' + Buffer.alloc(24, 7).toString('base64');
  const both = webhookHeaders([other, secret], id, ts, body);
  assert.equal(both['webhook-signature'].split(' ').length, 2, 'two secrets give two signatures');
  assert.ok(verify(secret, both, body) && verify(other, both, body), 'either secret verifies a two-signature header');
  t.mock.timers.reset();
});

async function sysadminOf(w: World) {
  return createUser(w.db, w.province.id, { roles: ['sysadmin'], scope: 'tenant', unitId: null });
}

async function subscribe(w: World, url: string, events = ['appeal.created', 'appeal.dispatched']) {
  const admin = await sysadminOf(w);
  const res = await call(w.app, admin, { method: 'POST', url: '/api/webhooks', payload: { name: '12345平台', url, events } });
  assert.equal(res.statusCode, 201, res.body);
  const { subscription, secret } = res.json() as { subscription: { id: string; version: number }; secret: string };
  assert.match(secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
  return { admin, sub: subscription, secret };
}

/** Creates an appeal and fans out its events; returns the deliveries queued for the subscription. */
async function appealAndFanOut(w: World, subId: string) {
  const from = await latestEventId(w.db);
  const appeal = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
  const r = await fanOutWebhooks(w.db, { afterId: from });
  assert.ok(r.queued >= 1);
  assert.equal((await fanOutWebhooks(w.db, { afterId: from })).queued, 0, 'fan-out is idempotent');
  const rows = await queryRows<{ id: string; event_type: string }>(
    w.db,
    sql`SELECT id, event_type FROM webhook_deliveries WHERE subscription_id = ${subId} ORDER BY event_id`,
  );
  return { appeal, rows };
}

test('issue 18: signed delivery, retried with backoff against a receiver that fails twice, logged', async () => {
  const w = await world(APP);
  const rx = await receiver([500, 503, 204]);
  try {
    const { admin, sub, secret } = await subscribe(w, rx.url);
    // The secret is shown once: no read answers it.
    const read = await call(w.app, admin, { method: 'GET', url: `/api/webhooks/${sub.id}` });
    assert.equal(read.statusCode, 200);
    assert.ok(!read.body.includes(secret));
    assert.ok(!(await auditRows(w.db, w.province.id)).some((a) => JSON.stringify(a).includes(secret)), 'the audit log holds no secret');

    const { appeal, rows } = await appealAndFanOut(w, sub.id);
    assert.deepEqual(
      rows.map((r) => r.event_type),
      ['appeal.created', 'appeal.dispatched'],
    );
    const created = rows[0].id;
    const t0 = new Date();
    const only = { onlyIds: [created], ...LOOPBACK };
    assert.deepEqual(await deliverDueWebhooks(w.db, t0, only), { claimed: 1, delivered: 0, failed: 1 });
    assert.deepEqual(await deliverDueWebhooks(w.db, new Date(t0.getTime() + 1000), only), { claimed: 0, delivered: 0, failed: 0 }, 'not before the backoff');
    const t1 = new Date(t0.getTime() + RETRY_DELAYS_SECONDS[0] * 1000);
    assert.equal((await deliverDueWebhooks(w.db, t1, only)).failed, 1);
    const t2 = new Date(t1.getTime() + RETRY_DELAYS_SECONDS[1] * 1000 - 1);
    assert.equal((await deliverDueWebhooks(w.db, t2, only)).claimed, 0, 'the second wait is longer (exponential)');
    assert.equal((await deliverDueWebhooks(w.db, new Date(t2.getTime() + 1), only)).delivered, 1);

    assert.equal(rx.got.length, 3);
    const ids = new Set(rx.got.map((g) => g.headers['webhook-id']));
    assert.deepEqual([...ids], [messageId(created)], 'at-least-once: every attempt carries the same webhook-id');
    for (const g of rx.got) assert.ok(verify(secret, g.headers, g.body), 'signature verifies with the subscription secret');
    const body = JSON.parse(rx.got[2].body);
    assert.equal(body.type, 'appeal.created');
    assert.equal(body.version, 1);
    assert.equal(body.data.appealId, appeal.id);
    assert.equal(body.data.number, appeal.number);
    assert.ok(!rx.got[2].body.includes('13800138000'), 'no contact phone leaves the system');

    const log = await call(w.app, admin, { method: 'GET', url: `/api/webhooks/${sub.id}/deliveries` });
    assert.equal(log.statusCode, 200, log.body);
    const d = (log.json().items as { id: string; status: string; attempts: number; log: { statusCode: number; ok: boolean }[] }[]).find(
      (x) => x.id === created,
    )!;
    assert.equal(d.status, 'delivered');
    assert.deepEqual(
      d.log.map((a) => [a.statusCode, a.ok]),
      [
        [500, false],
        [503, false],
        [204, true],
      ],
    );
  } finally {
    await rx.close();
  }
});

test('issue 18: a worker that died holding a delivery loses nothing — a new worker sends it after the lease', async () => {
  const w = await world(APP);
  const rx = await receiver([200]);
  try {
    const { sub, secret } = await subscribe(w, rx.url, ['appeal.created']);
    const { rows } = await appealAndFanOut(w, sub.id);
    const now = new Date();
    // What a worker killed between claiming and sending leaves in the database: a lease, no attempt.
    await w.db.execute(
      sql`UPDATE webhook_deliveries SET locked_until = ${new Date(now.getTime() + 60_000)}, locked_by = 'dead-host:4242' WHERE id = ${rows[0].id}`,
    );
    const only = { onlyIds: [rows[0].id], instance: 'new-worker', ...LOOPBACK };
    assert.equal((await deliverDueWebhooks(w.db, now, only)).claimed, 0, 'the lease is respected');
    assert.equal((await deliverDueWebhooks(w.db, new Date(now.getTime() + 61_000), only)).delivered, 1);
    assert.equal(rx.got.length, 1);
    assert.ok(verify(secret, rx.got[0].headers, rx.got[0].body));
  } finally {
    await rx.close();
  }
});

test('issue 18: persistent failure over a day disables the subscription and notifies sysadmin; re-enable and manual redelivery', async () => {
  const w = await world(APP);
  const rx = await receiver([500]);
  try {
    const { admin, sub } = await subscribe(w, rx.url, ['appeal.created']);
    const { rows } = await appealAndFanOut(w, sub.id);
    const only = { onlyIds: [rows[0].id], ...LOOPBACK };
    let t = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      assert.equal((await deliverDueWebhooks(w.db, t, only)).failed, 1, `attempt ${i + 1}`);
      if (i < RETRY_DELAYS_SECONDS.length) t = new Date(t.getTime() + RETRY_DELAYS_SECONDS[i] * 1000);
    }
    const total = RETRY_DELAYS_SECONDS.reduce((a, b) => a + b, 0) / 3600;
    assert.ok(total >= 24 && total <= 30, `retries span about a day (${total} h)`);
    const [d] = await queryRows<{ status: string; attempts: number }>(w.db, sql`SELECT status, attempts FROM webhook_deliveries WHERE id = ${rows[0].id}`);
    assert.deepEqual(d, { status: 'failed', attempts: MAX_ATTEMPTS });

    const s = (await call(w.app, admin, { method: 'GET', url: `/api/webhooks/${sub.id}` })).json();
    assert.equal(s.status, 'disabled');
    assert.match(s.disabledReason, /24小时/);
    const notes = (await call(w.app, admin, { method: 'GET', url: '/api/notifications' })).json().items as { type: string; title: string }[];
    assert.ok(
      notes.some((n) => n.type === 'webhook_disabled' && n.title.includes('12345平台')),
      'sysadmin is told',
    );
    assert.ok((await auditRows(w.db, w.province.id)).some((a) => a.action === 'webhook.disable'));

    // A disabled subscription gets nothing new: later events are not fanned out to it.
    const from = await latestEventId(w.db);
    await createAppeal(w);
    await fanOutWebhooks(w.db, { afterId: from });
    const [{ n }] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE subscription_id = ${sub.id}`);
    assert.equal(n, 1, 'no new delivery while disabled');

    // Manual redelivery once the receiver works again.
    rx.got.length = 0;
    const rx2 = await receiver([200]);
    try {
      const patched = await call(w.app, admin, {
        method: 'PATCH',
        url: `/api/webhooks/${sub.id}`,
        payload: { version: s.version, url: rx2.url, enabled: true },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().status, 'active');
      const stale = await call(w.app, admin, { method: 'PATCH', url: `/api/webhooks/${sub.id}`, payload: { version: s.version, name: '旧版本' } });
      assert.equal(stale.statusCode, 409);
      const re = await call(w.app, admin, { method: 'POST', url: `/api/webhooks/${sub.id}/deliveries/${rows[0].id}/redeliver` });
      assert.equal(re.statusCode, 200, re.body);
      assert.equal(re.json().status, 'delivered');
      assert.equal(re.json().log.at(-1).trigger, 'manual');
      assert.equal(rx2.got.length, 1);
    } finally {
      await rx2.close();
    }
  } finally {
    await rx.close();
  }
});

test('issue 18: a rotated secret signs beside the old one for a day; the new one is shown once', async () => {
  const w = await world(APP);
  const rx = await receiver([200]);
  try {
    const { admin, sub, secret } = await subscribe(w, rx.url, ['appeal.created']);
    const rot = await call(w.app, admin, { method: 'POST', url: `/api/webhooks/${sub.id}/rotate-secret`, payload: { version: sub.version } });
    assert.equal(rot.statusCode, 200, rot.body);
    const fresh = rot.json().secret as string;
    assert.notEqual(fresh, secret);
    assert.ok(rot.json().subscription.previousSecretUntil);
    const { rows } = await appealAndFanOut(w, sub.id);
    assert.equal((await deliverDueWebhooks(w.db, new Date(), { onlyIds: [rows[0].id], ...LOOPBACK })).delivered, 1);
    const g = rx.got[0];
    assert.equal(String(g.headers['webhook-signature']).split(' ').length, 2);
    assert.ok(verify(fresh, g.headers, g.body), 'the new secret verifies');
    assert.ok(verify(secret, g.headers, g.body), 'the old secret still verifies during the overlap');
  } finally {
    await rx.close();
  }
});

test('issue 18: bad subscriptions are refused with Chinese field messages; other roles are refused', async () => {
  const w = await world(APP);
  const admin = await sysadminOf(w);
  const bad = await call(w.app, admin, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { name: 'x', url: 'ftp://example.test/', events: ['appeal.created'] },
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.fields.url, /http/);
  const noEvents = await call(w.app, admin, { method: 'POST', url: '/api/webhooks', payload: { name: 'x', url: 'http://127.0.0.1/x', events: [] } });
  assert.equal(noEvents.statusCode, 400);
  const intake = await call(w.app, w.users.intake, { method: 'GET', url: '/api/webhooks' });
  assert.equal(intake.statusCode, 403);
});

test('issue 18: a subscription naming an integration client gets only the events of appeals that came from that client', async () => {
  const w = await world(APP);
  const admin = await sysadminOf(w);
  const mkClient = async (name: string) => {
    const c = await call(w.app, admin, { method: 'POST', url: '/api/integration-clients', payload: { name, channel: 'hotline_12345' } });
    assert.equal(c.statusCode, 201, c.body);
    const id = c.json().id as string;
    const t = await call(w.app, admin, {
      method: 'POST',
      url: `/api/integration-clients/${id}/tokens`,
      payload: { scopes: ['work_orders:write'], expiresInDays: 30 },
    });
    assert.equal(t.statusCode, 201, t.body);
    return { id, token: t.json().token as string };
  };
  const a = await mkClient('12345热线 甲');
  const b = await mkClient('12345热线 乙');
  const sub = async (name: string, clientId: string | null) => {
    const r = await call(w.app, admin, {
      method: 'POST',
      url: '/api/webhooks',
      payload: { name, url: 'http://127.0.0.1:9/hook', events: ['appeal.created'], ...(clientId ? { clientId } : {}) },
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().subscription.clientId, clientId);
    return r.json().subscription.id as string;
  };
  const onlyA = await sub('只推甲的工单', a.id);
  const all = await sub('全部诉求', null);
  const unknown = await call(w.app, admin, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { name: 'x', url: 'http://127.0.0.1:9/hook', events: ['appeal.created'], clientId: '00000000-0000-4000-8000-000000000000' },
  });
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().error.fields.clientId, '接入系统不存在');

  const from = await latestEventId(w.db);
  const pushOrder = async (token: string, externalId: string) => {
    const r = await w.app.inject({
      method: 'POST',
      url: '/api/integrations/v1/work-orders',
      headers: { authorization: `Bearer ${token}` },
      payload: { externalId, title: '工单标题', content: '工单内容', contactName: '王经理', contactPhone: '13800138000', enterpriseName: '某企业' },
    });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().appealId as string;
  };
  const fromA = await pushOrder(a.token, 'A-1');
  const fromB = await pushOrder(b.token, 'B-1');
  const byStaff = (await createAppeal(w)).id;
  await fanOutWebhooks(w.db, { afterId: from });
  const appealsOf = async (subId: string) =>
    (
      await queryRows<{ appeal_id: string }>(
        w.db,
        sql`SELECT (body::jsonb -> 'data' ->> 'appealId') AS appeal_id FROM webhook_deliveries WHERE subscription_id = ${subId}`,
      )
    )
      .map((r) => r.appeal_id)
      .sort();
  assert.deepEqual(await appealsOf(onlyA), [fromA], 'client A’s appeals only');
  assert.deepEqual(await appealsOf(all), [fromA, fromB, byStaff].sort(), 'a subscription without a client gets every appeal');

  // The client can be changed or cleared (null: every appeal again).
  const s = (await call(w.app, admin, { method: 'GET', url: `/api/webhooks/${onlyA}` })).json();
  const cleared = await call(w.app, admin, { method: 'PATCH', url: `/api/webhooks/${onlyA}`, payload: { version: s.version, clientId: null } });
  assert.equal(cleared.statusCode, 200, cleared.body);
  assert.equal(cleared.json().clientId, null);
});
