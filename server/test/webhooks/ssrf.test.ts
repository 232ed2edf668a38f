// Issue 18, SSRF guard of the webhooks with the default setting (WEBHOOK_ALLOW_PRIVATE_NETWORKS unset:
// private networks refused): addresses into the internal network are refused at save with a Chinese
// field message, and again at delivery (a subscription saved earlier, or whose host now resolves
// inward) as a failed attempt that says why — the local receiver never gets a request. With the setting
// on, loopback is allowed but link-local (cloud metadata) and 0.0.0.0 stay refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { checkOutgoingUrl, classifyAddress, refusedAddress } from '../../src/lib/net-guard.ts';
import { deliverDueWebhooks } from '../../src/modules/webhooks/index.ts';
import { world } from '../appeals/helpers.ts';
import { call, testApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factory.ts';
import { receiver } from './fixtures.ts';

test('issue 18 SSRF: the address classes (loopback, RFC 1918, link-local, CGNAT, unique-local, IPv4-mapped, 0.0.0.0)', () => {
  const refused = [
    '127.0.0.1',
    '127.255.1.2',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.1.2.3',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:c0a8:0101::1',
  ];
  for (const ip of refused) assert.ok(classifyAddress(ip), `${ip} is refused`);
  for (const ip of ['8.8.8.8', '203.0.113.10', '172.32.0.1', '100.128.0.1', '2400:3200::1', '::ffff:8.8.8.8', '2001:4860:4860::8888'])
    assert.equal(classifyAddress(ip), null, `${ip} is public`);
  // With private networks allowed, loopback/RFC 1918/CGNAT/unique-local pass; link-local and 0.0.0.0 never do.
  for (const ip of ['127.0.0.1', '10.0.0.1', '100.64.0.1', 'fd00::1', '::ffff:192.168.0.1']) assert.equal(refusedAddress(ip, true), null, ip);
  for (const ip of ['169.254.169.254', '0.0.0.0', '::', 'fe80::1', '::ffff:169.254.169.254']) assert.ok(refusedAddress(ip, true), ip);
});

test('issue 18 SSRF: URLs — decimal/hex host forms, localhost by name, credentials and schemes', async () => {
  const off = { allowPrivate: false };
  for (const url of [
    'http://127.0.0.1:8080/hook',
    'http://2130706433/hook',
    'http://0x7f.1/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
  ]) {
    const r = await checkOutgoingUrl(url, off);
    assert.equal(r.ok, false, url);
    if (!r.ok) assert.match(r.reason, /不允许推送到内部网络/, url);
  }
  const creds = await checkOutgoingUrl('https://user:pw@203.0.113.10/hook', off);
  assert.ok(!creds.ok && /用户名或密码/.test(creds.reason));
  const scheme = await checkOutgoingUrl('file:///etc/passwd', off);
  assert.ok(!scheme.ok && /http/.test(scheme.reason));
  const pub = await checkOutgoingUrl('https://203.0.113.10:8443/hook?x=1', off);
  assert.ok(pub.ok && pub.addresses[0].address === '203.0.113.10');
  const loop = await checkOutgoingUrl('http://127.0.0.1/hook', { allowPrivate: true });
  assert.ok(loop.ok, 'loopback allowed when the install allows private networks');
});

test('issue 18 SSRF: a host name is checked like an address (localhost refused by default) and delivered to its checked addresses with the Host header kept', async () => {
  const w = await world();
  const rx = await receiver([204]);
  try {
    const url = rx.url.replace('127.0.0.1', 'localhost');
    const checked = await checkOutgoingUrl(url, { allowPrivate: true });
    assert.ok(checked.ok && checked.addresses.some((a) => a.address === '127.0.0.1'), 'localhost resolves to loopback');
    const [s] = await queryRows<{ id: string }>(
      w.db,
      sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, secret)
          VALUES (${w.province.id}, '按名称', ${url}, '["appeal.created"]'::jsonb, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id`,
    );
    const [d] = await queryRows<{ id: string }>(
      w.db,
      sql`INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body, next_attempt_at)
          VALUES (${w.province.id}, ${s.id}, 2, 'appeal.created', '{"type":"appeal.created","version":1}', now() - interval '1 second') RETURNING id`,
    );
    assert.equal((await deliverDueWebhooks(w.db, new Date(), { onlyIds: [d.id] })).failed, 1, 'localhost refused by default');
    assert.equal(rx.got.length, 0);
    assert.equal((await deliverDueWebhooks(w.db, new Date(Date.now() + 3_600_000), { onlyIds: [d.id], allowPrivateNetworks: true })).delivered, 1);
    assert.equal(rx.got[0].headers.host, new URL(url).host, 'the Host header names the host of the URL');
  } finally {
    await rx.close();
  }
});

test('issue 18 SSRF: refused at save with a Chinese field message (default: private networks refused)', async () => {
  const { config } = await testApp();
  assert.equal(config.webhookAllowPrivateNetworks, false, 'the default refuses');
  const w = await world();
  const admin = await createUser(w.db, w.province.id, { roles: ['sysadmin'], scope: 'tenant', unitId: null });
  for (const url of [
    'http://127.0.0.1:9/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::ffff:10.0.0.1]/x',
    'http://localhost/x',
  ]) {
    const res = await call(w.app, admin, { method: 'POST', url: '/api/webhooks', payload: { name: '内网', url, events: ['appeal.created'] } });
    assert.equal(res.statusCode, 400, url);
    assert.match(res.json().error.fields.url, /内部网络/, url);
  }
  const creds = await call(w.app, admin, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { name: '带口令', url: 'https://a:b@203.0.113.10/hook', events: ['appeal.created'] },
  });
  assert.equal(creds.statusCode, 400);
  assert.match(creds.json().error.fields.url, /用户名或密码/);
  const ok = await call(w.app, admin, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { name: '外部平台', url: 'https://203.0.113.10/hook', events: ['appeal.created'] },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  const { subscription } = ok.json() as { subscription: { id: string; version: number } };
  const moved = await call(w.app, admin, {
    method: 'PATCH',
    url: `/api/webhooks/${subscription.id}`,
    payload: { version: subscription.version, url: 'http://10.0.0.5/hook' },
  });
  assert.equal(moved.statusCode, 400, 'a change of URL is checked too');
  assert.match(moved.json().error.fields.url, /内网地址/);
});

test('issue 18 SSRF: refused again at delivery — a failed attempt with the reason in the log, nothing sent', async () => {
  const w = await world();
  const admin = await createUser(w.db, w.province.id, { roles: ['sysadmin'], scope: 'tenant', unitId: null });
  const rx = await receiver([200]);
  try {
    // Saved behind the check's back (e.g. before the guard existed, or under another setting).
    const [s] = await queryRows<{ id: string }>(
      w.db,
      sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, secret)
          VALUES (${w.province.id}, '旧推送', ${rx.url}, '["appeal.created"]'::jsonb, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') RETURNING id`,
    );
    const [d] = await queryRows<{ id: string }>(
      w.db,
      sql`INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body, next_attempt_at)
          VALUES (${w.province.id}, ${s.id}, 1, 'appeal.created', '{"type":"appeal.created","version":1}', now() - interval '1 second') RETURNING id`,
    );
    assert.deepEqual(await deliverDueWebhooks(w.db, new Date(), { onlyIds: [d.id] }), { claimed: 1, delivered: 0, failed: 1 });
    assert.equal(rx.got.length, 0, 'no request reached the internal address');
    const log = await call(w.app, admin, { method: 'GET', url: `/api/webhooks/${s.id}/deliveries` });
    assert.equal(log.statusCode, 200, log.body);
    const item = log.json().items[0] as { status: string; lastError: string; log: { ok: boolean; statusCode: number | null; error: string }[] };
    assert.equal(item.status, 'pending', 'retried later like any failure');
    assert.equal(item.log.length, 1);
    assert.equal(item.log[0].ok, false);
    assert.equal(item.log[0].statusCode, null);
    assert.match(item.log[0].error, /已拒绝，未发送：.*127\.0\.0\.1.*本机回环地址/);
    assert.match(item.lastError, /本机回环地址/);
    // Manual redelivery goes through the same guard.
    const re = await call(w.app, admin, { method: 'POST', url: `/api/webhooks/${s.id}/deliveries/${d.id}/redeliver` });
    assert.equal(re.statusCode, 200, re.body);
    assert.match(re.json().log.at(-1).error, /已拒绝/);
    assert.equal(rx.got.length, 0);
    // The same row with private networks allowed goes out (the setting is what differs).
    assert.equal((await deliverDueWebhooks(w.db, new Date(Date.now() + 3_600_000), { onlyIds: [d.id], allowPrivateNetworks: true })).delivered, 1);
    assert.equal(rx.got.length, 1);
  } finally {
    await rx.close();
  }
});
