// Issue 18: notices out by each user's preferences — SMS to the outbox, e-mail through SMTP end to end
// on loopback (a real SMTP server in the test), the daily digest, nothing for who chose nothing or is
// not addressed, and the preferences API itself (validation, versions).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { nextShanghaiHour } from '../../src/domain/calendar/index.ts';
import { sendMail } from '../../src/lib/smtp.ts';
import { deliverMail, fanOutChannels, MAIL_MAX_ATTEMPTS } from '../../src/modules/notifications/index.ts';
import { queueSms } from '../../src/modules/portal/index.ts';
import { createNotification } from '../notifications/fixtures.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';
import { smtpReceiver } from './smtp-receiver.ts';

async function save(app: Awaited<ReturnType<typeof testApp>>['app'], u: TestUser, body: Record<string, unknown>) {
  const cur = (await call(app, u, { method: 'GET', url: '/api/me/notification-preferences' })).json();
  const res = await call(app, u, { method: 'PUT', url: '/api/me/notification-preferences', payload: { version: cur.version, ...body } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

test('issue 18: nodemailer delivers to a real SMTP server (smtp-server) on loopback (auth, UTF-8 subject and body)', async () => {
  const rx = await smtpReceiver({ user: 'zqt', password: 'pw' });
  try {
    const cfg = { host: '127.0.0.1', port: rx.port, secure: false, user: 'zqt', password: 'pw', from: 'noreply@zqt.test' };
    await sendMail(cfg, { to: 'a@example.test', subject: '新派单：ZQT-1', text: '第一行\n.以点开头的一行' });
    assert.equal(rx.mails.length, 1);
    assert.deepEqual([rx.mails[0].from, rx.mails[0].to, rx.mails[0].auth], ['noreply@zqt.test', ['a@example.test'], 'zqt']);
    assert.equal(rx.mails[0].subject, '新派单：ZQT-1');
    assert.equal(rx.mails[0].text, '第一行\n.以点开头的一行');
    assert.match(rx.mails[0].raw, /^Content-Transfer-Encoding: base64$/m);
    // A mostly-ASCII body goes quoted-printable, a long subject as several encoded-words: both decode back.
    const long = `催办：${'企业诉求办理'.repeat(12)}`;
    await sendMail(cfg, { to: 'a@example.test', subject: long, text: 'ZQT-2 due 2026-12-04, café\n.end' });
    assert.match(rx.mails[1].raw, /^Content-Transfer-Encoding: quoted-printable$/m);
    assert.deepEqual([rx.mails[1].subject, rx.mails[1].text], [long, 'ZQT-2 due 2026-12-04, café\n.end']);
    await assert.rejects(sendMail({ ...cfg, password: 'wrong' }, { to: 'a@example.test', subject: 's', text: 't' }), /535/);
  } finally {
    await rx.close();
  }
});

test('issue 18: preferences respected — SMS and e-mail to who chose them, a daily digest, nothing for the rest', async () => {
  const { app } = await testApp();
  const { db } = await testDatabase();
  const { province, unit } = await createScene(db);
  const other = await createUnit(db, province.id);
  const a = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  const b = await createUser(db, province.id, { roles: ['unit_head'], scope: 'unit', unitId: unit.id });
  const c = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  const d = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: other.id });
  await db.execute(sql`UPDATE users SET mobile = '13700000001' WHERE id = ${a.id}`);

  // Preferences API: Chinese field messages, versions.
  const bad = await call(app, a, {
    method: 'PUT',
    url: '/api/me/notification-preferences',
    payload: { version: 0, email: 'not-an-address', smsTypes: [], emailTypes: ['dispatch'], emailDigest: false },
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.fields.email, /邮箱/);
  const pa = await save(app, a, { email: 'a@example.test', smsTypes: ['dispatch'], emailTypes: ['dispatch'], emailDigest: false });
  assert.deepEqual([pa.hasMobile, pa.version], [true, 1]);
  const stale = await call(app, a, {
    method: 'PUT',
    url: '/api/me/notification-preferences',
    payload: { version: 0, email: null, smsTypes: [], emailTypes: [], emailDigest: false },
  });
  assert.equal(stale.statusCode, 409);
  await save(app, b, { email: 'b@example.test', smsTypes: ['dispatch'], emailTypes: ['dispatch', 'overdue'], emailDigest: true });
  await save(app, d, { email: 'd@example.test', smsTypes: [], emailTypes: ['dispatch'], emailDigest: false });

  const since = new Date(Date.now() - 1000);
  await createNotification(db, province.id, { unitId: unit.id }, { type: 'dispatch', title: '新派单（主办）：ZQT-9' });
  await createNotification(db, province.id, { unitId: unit.id }, { type: 'urged', title: '催办：ZQT-9' });
  const scope = { tenantIds: [province.id], queueSms };
  const r = await fanOutChannels(db, { since, ...scope });
  assert.deepEqual([r.sms, r.email], [1, 2], 'SMS to a (b has no mobile); e-mail to a and, as digest, to b; none to c (no choice) or d (not addressed)');
  assert.deepEqual([(await fanOutChannels(db, { since, ...scope })).sms, (await fanOutChannels(db, { since, ...scope })).email], [0, 0], 'never twice');
  const sms = await queryRows<{ to_phone: string; kind: string; status: string; body: string }>(
    db,
    sql`SELECT to_phone, kind, status, body FROM sms_outbox WHERE tenant_id = ${province.id}`,
  );
  assert.equal(sms.length, 1);
  const reached = await queryRows<{ user_id: string }>(db, sql`SELECT DISTINCT user_id FROM notification_deliveries WHERE tenant_id = ${province.id}`);
  assert.deepEqual(reached.map((r) => r.user_id).sort(), [a.id, b.id].sort(), 'c chose nothing, d is not addressed');
  assert.ok(!reached.some((r) => r.user_id === c.id || r.user_id === d.id));
  assert.deepEqual([sms[0].to_phone, sms[0].kind, sms[0].status], ['13700000001', 'notice', 'pending']);
  assert.match(sms[0].body, /新派单/);

  // Without SMTP nothing is sent, nothing claimed as sent.
  const now = new Date();
  assert.deepEqual(await deliverMail(db, null, now, { tenantIds: [province.id] }), { configured: false, sent: 0, failed: 0, digests: 0 });

  const rx = await smtpReceiver();
  try {
    const smtp = { host: '127.0.0.1', port: rx.port, secure: false, user: '', password: '', from: 'noreply@zqt.test' };
    assert.deepEqual(await deliverMail(db, smtp, now, { tenantIds: [province.id] }), { configured: true, sent: 1, failed: 0, digests: 0 });
    assert.deepEqual(rx.mails[0].to, ['a@example.test']);
    assert.match(rx.mails[0].subject, /新派单（主办）：ZQT-9/);
    // The digest goes at 08:00 Asia/Shanghai, one message for the day's notices.
    const eight = nextShanghaiHour(now, 8);
    assert.equal((await deliverMail(db, smtp, new Date(eight.getTime() - 1000), { tenantIds: [province.id] })).digests, 0);
    assert.equal((await deliverMail(db, smtp, eight, { tenantIds: [province.id] })).digests, 1);
    assert.equal(rx.mails.length, 2);
    assert.deepEqual(rx.mails[1].to, ['b@example.test']);
    assert.match(rx.mails[1].subject, /每日通知摘要（1条）/);
    assert.match(rx.mails[1].text, /ZQT-9/);
    assert.ok(!rx.mails.some((m) => m.to.includes('c@example.test') || m.to.includes('d@example.test')));
  } finally {
    await rx.close();
  }
});

test('issue 18: a refused mailbox is retried, then failed', async () => {
  await testApp();
  const { db } = await testDatabase();
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['intake'], scope: 'tenant' });
  await db.execute(
    sql`INSERT INTO notification_preferences (user_id, tenant_id, email, email_types) VALUES (${u.id}, ${province.id}, 'gone@example.test', '["due_soon"]'::jsonb)`,
  );
  const since = new Date(Date.now() - 1000);
  await createNotification(db, province.id, { role: 'intake' }, { type: 'due_soon', title: '即将到期：ZQT-7' });
  assert.equal((await fanOutChannels(db, { since, tenantIds: [province.id], queueSms })).email, 1);
  const rx = await smtpReceiver({ refuseRcpt: ['gone@example.test'] });
  try {
    const smtp = { host: '127.0.0.1', port: rx.port, secure: false, user: '', password: '', from: 'noreply@zqt.test' };
    let t = new Date();
    for (let i = 0; i < MAIL_MAX_ATTEMPTS; i++) {
      assert.equal((await deliverMail(db, smtp, t, { tenantIds: [province.id] })).failed, 1);
      t = new Date(t.getTime() + 86_400_000);
    }
    const [row] = await queryRows<{ status: string; last_error: string }>(
      db,
      sql`SELECT status, last_error FROM notification_deliveries WHERE user_id = ${u.id}`,
    );
    assert.equal(row.status, 'failed');
    assert.match(row.last_error, /550/);
    assert.equal(rx.mails.length, 0);
  } finally {
    await rx.close();
  }
});

test('issue 18: a burst of notices larger than one page is read to its end in one run (keyset pages, never stuck on the first page)', async () => {
  const { app } = await testApp();
  const { db } = await testDatabase();
  const { province, unit } = await createScene(db);
  const a = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  await save(app, a, { email: 'burst@example.test', smsTypes: [], emailTypes: ['dispatch'], emailDigest: false });
  const since = new Date(Date.now() - 1000);
  for (let i = 0; i < 7; i++) await createNotification(db, province.id, { unitId: unit.id }, { type: 'dispatch', title: `新派单（主办）：ZQT-B${i}` });
  const r = await fanOutChannels(db, { since, tenantIds: [province.id], queueSms, limit: 3 });
  assert.deepEqual([r.notes, r.email], [7, 7]);
  const again = await fanOutChannels(db, { since, tenantIds: [province.id], queueSms, limit: 3 });
  assert.deepEqual([again.notes, again.email], [7, 0], 'the same window re-read, nothing queued twice');
});
