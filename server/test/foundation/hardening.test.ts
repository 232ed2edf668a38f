// Issue 12 hardening, items 2, 4 and 7: unit notices follow business roles; the province's
// transferred-out list keeps the appeal's data scope; sign-in answers that tell nothing; throttling
// per (IP, username); password blocklist and history; registrations per USCC; upload structure;
// audit of unknown usernames, exports and downloads; a new city's first admin accounts.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { loginThrottles, users } from '../../src/db/schema.ts';
import { contentMatches } from '../../src/http/attachments.ts';
import { passwordProblem } from '../../src/lib/password.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { act, appealIn, call, world } from '../appeals/helpers.ts';
import { testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser, TEST_PASSWORD } from '../helpers/factory.ts';
import { samplePdf, samplePng, sampleJpeg, sampleXlsx } from '../helpers/files.ts';
import { createNotification } from '../notifications/fixtures.ts';

const randomIp = () => `10.${crypto.randomInt(250)}.${crypto.randomInt(250)}.${1 + crypto.randomInt(250)}`;

async function signIn(username: string, password: string, ip: string) {
  const { app } = await testApp();
  const started = performance.now();
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const { requestId: _r, ...body } = res.json();
  return { status: res.statusCode, body, ms: performance.now() - started };
}

// ------------------------------------------------------------------ item 2

test('issue 12 item 2: a unit’s notices follow business roles — an account in the unit without a business role (admin, no role yet, enterprise) sees none of them', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const staff = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  // Rows an older release could have left: admin and role-less accounts with the unit set.
  const admin = await createUser(db, province.id, { roles: ['sysadmin'], unitId: unit.id });
  const noRole = await createUser(db, province.id, { roles: [], scope: 'unit', unitId: unit.id });
  const n = await createNotification(db, province.id, { unitId: unit.id }, { title: '派单：测试' });
  const seen = async (u: typeof staff) => (await call(app, u, { method: 'GET', url: '/api/notifications' })).json().items.map((x: { id: string }) => x.id);
  assert.deepEqual(await seen(staff), [n.id]);
  assert.deepEqual(await seen(admin), []);
  assert.deepEqual(await seen(noRole), []);
  assert.equal((await call(app, admin, { method: 'GET', url: '/api/notifications/unread-count' })).json().count, 0);
  assert.equal((await call(app, admin, { method: 'POST', url: `/api/notifications/${n.id}/read` })).statusCode, 404);
  // Admin roles hold no unit: sysadmin cannot set one on itself, nor on another admin; a role change to admin clears it.
  const sys = await createUser(db, province.id, { roles: ['sysadmin'] });
  assert.equal((await call(app, sys, { method: 'PATCH', url: `/api/users/${sys.id}`, payload: { version: 1, unitId: unit.id } })).statusCode, 403);
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  await createUser(db, province.id, { roles: ['auditor'], signIn: false });
  const r = await call(app, sec, { method: 'PUT', url: `/api/users/${staff.id}/roles`, payload: { version: 1, roles: ['auditor'], scope: 'tenant' } });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().unitId, null);
  const [row] = await db.select().from(users).where(eq(users.id, staff.id));
  assert.equal(row.unitId, null);
});

// ------------------------------------------------------------------ item 4

test('issue 12 item 4 (R3.2): GET /api/appeals/transferred-out shows unit staff and leaders only appeals their units had when transferred; tenant-wide roles see all', async () => {
  const w = await world();
  // One appeal dispatched to the lead unit (co-handled by w.co), one never dispatched; both transferred.
  const dispatched = await appealIn(w, 'dispatched');
  const fresh = await appealIn(w, 'received');
  for (const id of [dispatched, fresh]) {
    const r = await act(w, w.users.intake, id, 'transfer-city', { tenantId: w.city.id, reason: '属地管理' });
    assert.equal(r.statusCode, 200, r.body);
  }
  const ids = async (u: typeof w.users.intake) => {
    const res = await call(w.app, u, { method: 'GET', url: '/api/appeals/transferred-out?pageSize=100' });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, body.items.length);
    return body.items.map((x: { id: string }) => x.id).sort();
  };
  assert.deepEqual(await ids(w.users.intake), [dispatched, fresh].sort());
  assert.deepEqual(await ids(w.users.oversight), [dispatched, fresh].sort());
  assert.deepEqual(await ids(w.users.leadStaff), [dispatched]);
  assert.deepEqual(await ids(w.users.coStaff), [dispatched], 'a co-handling unit had it too');
  assert.deepEqual(await ids(w.users.leader), [dispatched], 'the leader in charge of the lead unit');
  assert.deepEqual(await ids(w.users.otherStaff), []);
  assert.deepEqual(await ids(w.users.leaderElsewhere), []);
});

// ------------------------------------------------------------------ item 7: sign-in

test('issue 12 item 7: unknown username, wrong password and a disabled account (right or wrong password) answer exactly alike, in about the same time', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const live = await createUser(db, province.id, { roles: ['intake'], signIn: false });
  const off = await createUser(db, province.id, { roles: ['intake'], signIn: false });
  await db.update(users).set({ disabled: true }).where(eq(users.id, off.id));
  const ip = randomIp();
  const cases = [
    await signIn(`nobody_${crypto.randomBytes(4).toString('hex')}`, 'Whatever#1x', ip),
    await signIn(live.username, 'Whatever#1x', ip),
    await signIn(off.username, 'Whatever#1x', ip),
    await signIn(off.username, TEST_PASSWORD, ip),
  ];
  for (const c of cases) {
    assert.equal(c.status, 401);
    assert.deepEqual(c.body, cases[0].body);
  }
  // Timing: every refusal verifies an argon2 hash (a dummy one for unknown names). Compare medians of a few tries.
  const median = async (username: string, password: string) => {
    const t: number[] = [];
    for (let i = 0; i < 5; i++) t.push((await signIn(username, password, randomIp())).ms);
    return t.sort((a, b) => a - b)[2];
  };
  const unknown = await median(`nobody_${crypto.randomBytes(4).toString('hex')}`, 'Whatever#1x');
  const disabled = await median(off.username, TEST_PASSWORD);
  const wrong = await median(live.username, 'Whatever#1x');
  const spread = Math.max(unknown, disabled, wrong) / Math.min(unknown, disabled, wrong);
  // Without the dummy verification an unknown name answers ~30× faster; a loaded machine stays well under 5×.
  assert.ok(spread < 5, `answer times differ too much: unknown ${unknown} ms, disabled ${disabled} ms, wrong ${wrong} ms`);
});

test('issue 12 item 7: an unknown username is held back after the same number of failures as a real one, with the same 423 answer', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['unit_staff'], signIn: false });
  const ghost = `ghost_${crypto.randomBytes(4).toString('hex')}`;
  // Unknown names follow the province's (root) security settings; the test province inherits the defaults too.
  const real: number[] = [];
  const fake: number[] = [];
  const ipA = randomIp();
  const ipB = randomIp();
  for (let i = 0; i < 6; i++) real.push((await signIn(u.username, 'Wrong#Pass1', ipA)).status);
  for (let i = 0; i < 6; i++) fake.push((await signIn(ghost, 'Wrong#Pass1', ipB)).status);
  assert.deepEqual(real, [401, 401, 401, 401, 423, 423]);
  assert.deepEqual(fake, real);
  const a = await signIn(u.username, 'Wrong#Pass1', ipA);
  const b = await signIn(ghost, 'Wrong#Pass1', ipB);
  assert.equal(a.body.error.code, b.body.error.code);
  assert.equal(a.body.error.message.replace(/\d/g, '#'), b.body.error.message.replace(/\d/g, '#'), 'same words, only the time differs');
});

test('issue 12 item 7: five wrong passwords from one address do not lock an administrator out — another address still signs in; the hold-back grows and secadmin’s unlock ends it', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['auditor'], signIn: false });
  const attacker = randomIp();
  for (let i = 0; i < 5; i++) await signIn(admin.username, 'Guess#Pass1', attacker);
  assert.equal((await signIn(admin.username, TEST_PASSWORD, attacker)).status, 423, 'the attacking address is held back');
  assert.equal((await signIn(admin.username, TEST_PASSWORD, randomIp())).status, 200, 'the administrator, elsewhere, is not');
  // The next hold-back from the same address doubles (15 → 30 minutes by default).
  await db
    .update(loginThrottles)
    .set({ blockedUntil: new Date(Date.now() - 1000) })
    .where(and(eq(loginThrottles.ip, attacker), eq(loginThrottles.username, admin.username.toLowerCase())));
  for (let i = 0; i < 5; i++) await signIn(admin.username, 'Guess#Pass1', attacker);
  const [t] = await db
    .select()
    .from(loginThrottles)
    .where(and(eq(loginThrottles.ip, attacker), eq(loginThrottles.username, admin.username.toLowerCase())));
  const minutes = (t.blockedUntil!.getTime() - Date.now()) / 60_000;
  assert.ok(minutes > 29 && minutes <= 30, `second hold-back ${minutes} min`);
  assert.equal(t.locks, 2);
  // secadmin sees it in the account list and unlocks: every address's hold-back ends.
  const { app } = await testApp();
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const listed = (await call(app, sec, { method: 'GET', url: `/api/users?q=${admin.username}` })).json().items[0];
  assert.ok(listed.lockedUntil);
  assert.equal((await call(app, sec, { method: 'POST', url: `/api/users/${admin.id}/unlock` })).statusCode, 200);
  assert.equal((await signIn(admin.username, TEST_PASSWORD, attacker)).status, 200);
  const rows = await auditRows(db, province.id);
  assert.equal(rows.filter((r) => r.action === 'auth.locked' && r.entity_id === admin.id).length, 2);
});

// ------------------------------------------------------------------ item 7: password policy

test('issue 12 item 7: common passwords and the public demo password are refused as new passwords; the demo accounts still sign in with it', async () => {
  for (const p of ['Password1', 'Abcdefg1', 'P@ssw0rd', 'Admin@123', 'Qwer1234', '1qaz@WSX', DEMO_PASSWORD, 'Password1!', 'zqt@2026DEMO']) {
    assert.match(passwordProblem(p) ?? '', /过于常见/, p);
  }
  assert.equal(passwordProblem('Lantern#Field42'), null);
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['intake'] });
  const r = await call(app, u, { method: 'POST', url: '/api/auth/change-password', payload: { currentPassword: TEST_PASSWORD, newPassword: DEMO_PASSWORD } });
  assert.equal(r.statusCode, 400);
  assert.match(r.json().error.fields.newPassword, /演示密码/);
  // A stored demo-password hash still opens its account (sign-in never checks the blocklist).
  const { hashPassword } = await import('../../src/lib/password.ts');
  const demo = await createUser(db, province.id, { roles: ['intake'], signIn: false });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(DEMO_PASSWORD) })
    .where(eq(users.id, demo.id));
  assert.equal((await signIn(demo.username, DEMO_PASSWORD, randomIp())).status, 200);
});

test('issue 12 item 7: password history — none of the last N passwords (security setting, argon2 hashes) may be chosen again', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const cur = (await call(app, sec, { method: 'GET', url: '/api/security-settings' })).json();
  assert.equal(cur.settings.passwordHistory, 5);
  const put = await call(app, sec, {
    method: 'PUT',
    url: '/api/security-settings',
    payload: { version: cur.version, settings: { ...cur.settings, passwordHistory: 2 } },
  });
  assert.equal(put.statusCode, 200, put.body);
  const u = await createUser(db, province.id, { roles: ['intake'] });
  let current = TEST_PASSWORD;
  const change = (to: string) => call(app, u, { method: 'POST', url: '/api/auth/change-password', payload: { currentPassword: current, newPassword: to } });
  for (const next of ['River#Stone71', 'Maple#Cloud82', 'Cedar#Brook93']) {
    const r = await change(next);
    assert.equal(r.statusCode, 204, r.body);
    current = next;
  }
  // History holds TEST_PASSWORD, River, Maple (stored as argon2 hashes); N = 2: Maple and River are refused, the older one is allowed.
  const hashes = await queryRows<{ password_hash: string }>(db, sql`SELECT password_hash FROM password_history WHERE user_id = ${u.id}`);
  assert.equal(hashes.length, 3);
  assert.ok(hashes.every((h) => h.password_hash.startsWith('$argon2id$')));
  for (const again of ['Cedar#Brook93', 'Maple#Cloud82', 'River#Stone71']) {
    const r = await change(again);
    assert.equal(r.statusCode, 400, again);
  }
  assert.match((await change('River#Stone71')).json().error.fields.newPassword, /最近2次/);
  assert.equal((await change(TEST_PASSWORD)).statusCode, 204, 'older than the last 2');
});

// ------------------------------------------------------------------ item 7: uploads

test('issue 12 item 7: uploads are checked by structure — an HTML page starting %PDF-, a truncated PDF, a PNG without IEND, a zip that is not OOXML are refused; real files pass', async () => {
  const html = Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\nstartxref\n0\n%%EOF\n');
  assert.equal(contentMatches('pdf', html), false);
  assert.equal(contentMatches('pdf', samplePdf().subarray(0, 200)), false, 'no trailer');
  assert.equal(contentMatches('pdf', Buffer.concat([samplePdf().subarray(0, 100), Buffer.from('/JavaScript'), samplePdf().subarray(100)])), false);
  const png = samplePng();
  assert.equal(contentMatches('png', png.subarray(0, png.length - 12)), false);
  assert.equal(contentMatches('png', Buffer.concat([png.subarray(0, 40), Buffer.from('<script>x</script>'), png.subarray(40)])), false);
  assert.equal(contentMatches('jpg', Buffer.concat([sampleJpeg().subarray(0, 4), Buffer.from('<html>'), Buffer.alloc(200)])), false);
  const xlsx = await sampleXlsx();
  assert.equal(contentMatches('docx', xlsx), false, 'a workbook is not a Word document');
  assert.equal(contentMatches('xlsx', Buffer.from('PK\x03\x04 not really a zip')), false);
  assert.equal(contentMatches('doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(2000)])), false);
  for (const [ext, b] of [
    ['pdf', samplePdf()],
    ['png', png],
    ['jpg', sampleJpeg()],
    ['xlsx', xlsx],
  ] as const) {
    assert.equal(contentMatches(ext, b), true, ext);
  }
  // Through the API: refused with 415 and nothing stored; a real file is stored and downloads as an attachment with nosniff.
  const w = await world();
  const id = await appealIn(w, 'received');
  const upload = (name: string, data: Buffer) =>
    call(w.app, w.users.intake, {
      method: 'POST',
      url: `/api/appeals/${id}/attachments`,
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
      payload: Buffer.concat([
        Buffer.from(`--B\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        data,
        Buffer.from('\r\n--B--\r\n'),
      ]),
    });
  const bad = await upload('letter.pdf', html);
  assert.equal(bad.statusCode, 415);
  assert.match(bad.json().error.fields.file, /扩展名不符|网页或脚本/);
  const [n] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM appeal_attachments WHERE appeal_id = ${id}`);
  assert.equal(n.n, 0);
  const good = await upload('letter.pdf', samplePdf('ok'));
  assert.equal(good.statusCode, 201, good.body);
  const dl = await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals/${id}/attachments/${good.json().id}` });
  assert.equal(dl.statusCode, 200);
  assert.match(String(dl.headers['content-disposition']), /^attachment;/);
  assert.equal(dl.headers['x-content-type-options'], 'nosniff');
});

// ------------------------------------------------------------------ item 7: audit

test('issue 12 item 7: the province auditor reads unknown-username sign-in failures and each city’s log (read-only, by tenant); a city auditor only its own; exports and report downloads are audited', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, city } = await createScene(db);
  const pAud = await createUser(db, province.id, { roles: ['auditor'] });
  const cAud = await createUser(db, city.id, { roles: ['auditor'] });
  const ghost = `ghost_${crypto.randomBytes(4).toString('hex')}`;
  await signIn(ghost, 'Whatever#1x', randomIp());
  const none = await call(app, pAud, { method: 'GET', url: `/api/audit?tenant=none&actor=${ghost}` });
  assert.equal(none.statusCode, 200, none.body);
  assert.equal(none.json().items.length, 1);
  assert.equal(none.json().items[0].action, 'auth.login_failed');
  // The city's own rows, through the province auditor's tenant filter.
  const citySys = await createUser(db, city.id, { roles: ['sysadmin'] });
  const made = await call(app, citySys, {
    method: 'POST',
    url: '/api/users',
    payload: { username: `c_${crypto.randomBytes(3).toString('hex')}`, displayName: '市局账号' },
  });
  assert.equal(made.statusCode, 201);
  const cityCode = city.code;
  const viaProvince = await call(app, pAud, { method: 'GET', url: `/api/audit?tenant=${cityCode}&action=user.create` });
  assert.equal(viaProvince.statusCode, 200);
  assert.equal(viaProvince.json().items.length, 1);
  const scopes = (await call(app, pAud, { method: 'GET', url: '/api/audit/scopes' })).json().items.map((x: { code: string }) => x.code);
  assert.deepEqual(scopes, [province.code, cityCode, 'none']);
  // A city auditor reads its own only.
  assert.equal((await call(app, cAud, { method: 'GET', url: `/api/audit?tenant=${province.code}` })).statusCode, 403);
  assert.equal((await call(app, cAud, { method: 'GET', url: '/api/audit?tenant=none' })).statusCode, 403);
  assert.equal((await call(app, cAud, { method: 'GET', url: '/api/audit?action=user.create' })).json().items.length, 1);
  assert.equal((await call(app, pAud, { method: 'GET', url: '/api/audit?tenant=T0000000' })).statusCode, 400);
  // Export: audited in the auditor's own tenant with what was exported.
  const csv = await call(app, pAud, { method: 'GET', url: `/api/audit/export.csv?tenant=${cityCode}` });
  assert.equal(csv.statusCode, 200);
  const exported = (await auditRows(db, province.id)).filter((r) => r.action === 'audit.export');
  assert.equal(exported.length, 1);
  assert.match(String(exported[0].summary), new RegExp(city.name));
  // The R6.5 monthly report download is audited too.
  const office = await createUser(db, province.id, { roles: ['intake'] });
  const xlsx = await call(app, office, { method: 'GET', url: '/api/leader-reports/xlsx?month=2026-01' });
  assert.equal(xlsx.statusCode, 200, xlsx.body);
  assert.ok((await auditRows(db, province.id)).some((r) => r.action === 'leader_report.download' && r.actor_id === office.id));
});

test('issue 12 item 7: a new city’s first sysadmin, secadmin and auditor are opened by the province’s secadmin, only while the city has none; nobody else can', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province, city } = await createScene(db);
  const pSec = await createUser(db, province.id, { roles: ['secadmin'] });
  const pSys = await createUser(db, province.id, { roles: ['sysadmin'] });
  const cSec = await createUser(db, city.id, { roles: ['secadmin'] });
  const open = (who: typeof pSec, role: string, code = city.code) =>
    call(app, who, {
      method: 'POST',
      url: `/api/cities/${code}/admin-accounts`,
      payload: { role, username: `b_${role}_${crypto.randomBytes(3).toString('hex')}`, displayName: '市局管理员' },
    });
  assert.equal((await open(pSys, 'auditor')).statusCode, 403, 'not sysadmin');
  assert.equal((await open(cSec, 'auditor')).statusCode, 403, 'not a city');
  const first = await open(pSec, 'auditor');
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().user.roles[0], 'auditor');
  assert.equal(first.json().user.mustChangePassword, true);
  assert.equal((await open(pSec, 'auditor')).statusCode, 409, 'the city has an active auditor now');
  assert.equal((await open(pSec, 'secadmin')).statusCode, 409, 'the city already has a secadmin (cSec)');
  assert.equal((await open(pSec, 'sysadmin')).statusCode, 201);
  assert.equal((await open(pSec, 'enterprise')).statusCode, 400);
  assert.equal((await open(pSec, 'auditor', province.code)).statusCode, 404, 'not a city of this province');
  const status = (await call(app, pSec, { method: 'GET', url: '/api/cities/admin-accounts' })).json().items;
  assert.deepEqual(
    status.find((x: { code: string }) => x.code === city.code),
    { code: city.code, name: city.name, sysadmin: 1, secadmin: 1, auditor: 1 },
  );
  // Audited where both sides see it.
  assert.ok((await auditRows(db, province.id)).some((r) => r.action === 'user.bootstrap'));
  assert.equal((await auditRows(db, city.id)).filter((r) => r.action === 'user.bootstrap').length, 2);
});

test('issue 12 item 7: several registration requests for one USCC are all accepted (nobody blocks an enterprise by registering first)', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const [t] = await queryRows<{ code: string }>(db, sql`SELECT code FROM tenants WHERE id = ${province.id}`);
  const uscc = (await import('../enterprises/fixtures.ts')).randomUscc();
  const reg = (username: string) =>
    app.inject({
      method: 'POST',
      url: '/api/portal/register',
      remoteAddress: randomIp(),
      payload: { tenantCode: t.code, uscc, enterpriseName: '抢注测试企业', contactName: '联系人', mobile: '13800000000', username, password: 'Orchid#Lane58' },
    });
  assert.equal((await reg(`first_${crypto.randomBytes(3).toString('hex')}`)).statusCode, 201);
  assert.equal((await reg(`second_${crypto.randomBytes(3).toString('hex')}`)).statusCode, 201);
  const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM enterprise_registrations WHERE uscc = ${uscc} AND status = 'pending'`);
  assert.equal(n.n, 2);
  // The common-password rule applies to registration passwords too.
  const weak = await app.inject({
    method: 'POST',
    url: '/api/portal/register',
    remoteAddress: randomIp(),
    payload: { tenantCode: t.code, uscc, enterpriseName: '抢注测试企业', contactName: '联系人', mobile: '13800000000', password: 'Password1' },
  });
  assert.equal(weak.statusCode, 400);
  assert.match(weak.json().error.fields.password, /过于常见/);
});
