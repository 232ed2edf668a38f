// Issue 18: the SMS gateway adapter drains sms_outbox against a real HTTP gateway on loopback (signed
// requests, retries, failed after the last try); without a gateway nothing is sent or claimed as sent,
// and staff see the messages in 短信发件箱 with numbers and link tokens masked.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { drainSmsOutbox, queueSms, SMS_MAX_ATTEMPTS, SMS_RETRY_DELAYS_SECONDS } from '../../src/modules/portal/index.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUser } from '../helpers/factory.ts';
import { receiver } from '../webhooks/fixtures.ts';

const statusOf = async (db: Awaited<ReturnType<typeof testDatabase>>['db'], tenantId: string) =>
  queryRows<{ to_phone: string; status: string; attempts: number; sent_at: unknown }>(
    db,
    sql`SELECT to_phone, status, attempts, sent_at FROM sms_outbox WHERE tenant_id = ${tenantId} ORDER BY to_phone`,
  );

test('issue 18: without a gateway the outbox stays pending and 短信发件箱 shows it masked', async () => {
  const { app } = await testApp();
  const { db } = await testDatabase();
  const { province } = await createScene(db);
  const now = new Date();
  await queueSms(db, [
    { tenantId: province.id, kind: 'evaluation_link', toPhone: '13912345678', body: '请评价：http://127.0.0.1:3000/e/AbCdEf_123-xyz', createdAt: now },
  ]);
  assert.deepEqual(await drainSmsOutbox(db, null, now), { configured: false, claimed: 0, sent: 0, failed: 0 });
  assert.equal((await statusOf(db, province.id))[0].status, 'pending');

  const intake = await createUser(db, province.id, { roles: ['intake'], scope: 'tenant' });
  const res = await call(app, intake, { method: 'GET', url: '/api/sms-outbox' });
  assert.equal(res.statusCode, 200, res.body);
  const page = res.json();
  assert.equal(page.gatewayConfigured, false);
  assert.equal(page.counts.pending, 1);
  assert.equal(page.items[0].toPhone, '139****5678');
  assert.ok(!page.items[0].body.includes('AbCdEf_123-xyz'), 'the link token is never shown to staff');
  const staff = await createUser(db, province.id, { roles: ['unit_staff'] });
  assert.equal((await call(app, staff, { method: 'GET', url: '/api/sms-outbox' })).statusCode, 403);
});

test('issue 18: the gateway adapter sends signed requests, retries a failure and gives up after the last try', async () => {
  await testApp();
  const { db } = await testDatabase();
  const { province } = await createScene(db);
  // The first request fails (HTTP 500), then the gateway accepts — except the number it refuses.
  const gw = await receiver([500, 200]);
  try {
    const gateway = { url: gw.url, account: 'zqt-test', secret: 'gateway-secret', signName: '山东省应急管理厅' };
    const t0 = new Date();
    await queueSms(db, [
      { tenantId: province.id, kind: 'notice', toPhone: '13800000001', body: '第一条', createdAt: new Date(t0.getTime() - 2000) },
      { tenantId: province.id, kind: 'notice', toPhone: '13800000002', body: '第二条', createdAt: new Date(t0.getTime() - 1000) },
    ]);
    const scope = { tenantIds: [province.id] };
    assert.deepEqual(await drainSmsOutbox(db, gateway, t0, scope), { configured: true, claimed: 2, sent: 1, failed: 1 });
    let rows = await statusOf(db, province.id);
    assert.deepEqual(
      rows.map((r) => [r.status, r.attempts]),
      [
        ['pending', 1],
        ['sent', 1],
      ],
    );
    assert.equal((await drainSmsOutbox(db, gateway, t0, scope)).claimed, 0, 'not before the retry delay');
    assert.equal((await drainSmsOutbox(db, gateway, new Date(t0.getTime() + SMS_RETRY_DELAYS_SECONDS[0] * 1000), scope)).sent, 1);
    rows = await statusOf(db, province.id);
    assert.deepEqual(
      rows.map((r) => r.status),
      ['sent', 'sent'],
    );
    assert.equal(gw.got.length, 3);
    for (const g of gw.got) {
      const expected = crypto
        .createHmac('sha256', 'gateway-secret')
        .update(`zqt-test.${String(g.headers['x-sms-timestamp'])}.${g.body}`)
        .digest('hex');
      assert.equal(g.headers['x-sms-signature'], expected, 'the request is signed');
      assert.match(JSON.parse(g.body).content, /^【山东省应急管理厅】/);
    }
  } finally {
    await gw.close();
  }

  const down = await receiver([503]);
  try {
    const gateway = { url: down.url, account: 'a', secret: 's', signName: '' };
    await queueSms(db, [{ tenantId: province.id, kind: 'notice', toPhone: '13800000003', body: '第三条', createdAt: new Date() }]);
    let t = new Date();
    for (let i = 0; i < SMS_MAX_ATTEMPTS; i++) {
      assert.equal((await drainSmsOutbox(db, gateway, t, { tenantIds: [province.id] })).failed, 1);
      if (i < SMS_RETRY_DELAYS_SECONDS.length) t = new Date(t.getTime() + SMS_RETRY_DELAYS_SECONDS[i] * 1000);
    }
    const third = (await statusOf(db, province.id)).find((r) => r.to_phone === '13800000003')!;
    assert.deepEqual([third.status, third.attempts, third.sent_at], ['failed', SMS_MAX_ATTEMPTS, null], 'failed, never claimed as sent');
  } finally {
    await down.close();
  }
});
