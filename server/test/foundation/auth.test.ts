// Accounts and security (等保 2.0 level 3 basics): lockout, idle timeout, forced password change,
// CSRF, logout, rate limit, password complexity.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { loginThrottles, sessions, users } from '../../src/db/schema.ts';
import { passwordProblem } from '../../src/lib/password.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser, TEST_PASSWORD } from '../helpers/factory.ts';

/** A small per-IP quota so the rate-limit test stays quick; other tests use distinct IPs. */
const ENV = { LOGIN_RATE_PER_MINUTE: '30' };

/** This run's own client address: the per-IP quota lives in the database, which a server run may share. */
const IP = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

const login = async (username: string, password: string, ip = IP) => {
  const { app } = await testApp(ENV);
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
};
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'zqt_sid')!.value;

test('login sets an HttpOnly SameSite session cookie and /me answers with the user and a CSRF token', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['intake'], signIn: false });
  const res = await login(u.username, TEST_PASSWORD);
  assert.equal(res.statusCode, 200);
  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  const { app } = await testApp(ENV);
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { zqt_sid: cookieOf(res) } });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().user.username, u.username);
  assert.equal(me.json().csrfToken, res.json().csrfToken);
  const rows = await auditRows(db, province.id);
  assert.ok(rows.some((r) => r.action === 'auth.login' && r.actor_id === u.id));
});

test('wrong passwords: five failures from one address hold that address back for 15 minutes; the sixth attempt is refused even with the right password', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['unit_staff'], signIn: false });
  for (let i = 1; i <= 4; i++) assert.equal((await login(u.username, 'Wrong#Pass1')).statusCode, 401, `attempt ${i}`);
  const fifth = await login(u.username, 'Wrong#Pass1');
  assert.equal(fifth.statusCode, 423);
  assert.equal(fifth.json().error.code, 'ACCOUNT_LOCKED');
  const sixth = await login(u.username, TEST_PASSWORD);
  assert.equal(sixth.statusCode, 423);
  assert.ok(sixth.json().error.details.lockedUntil);
  const [row] = await db
    .select()
    .from(loginThrottles)
    .where(and(eq(loginThrottles.ip, IP), eq(loginThrottles.username, u.username.toLowerCase())));
  const minutes = (row.blockedUntil!.getTime() - Date.now()) / 60_000;
  assert.ok(minutes > 14 && minutes <= 15, `locked for ${minutes} min`);
  const rows = await auditRows(db, province.id);
  assert.equal(rows.filter((r) => r.action === 'auth.login_failed' && r.entity_id === u.id).length, 5);
  assert.equal(rows.filter((r) => r.action === 'auth.locked').length, 1);
  assert.ok(!JSON.stringify(rows).includes('Wrong#Pass1'), 'no password in the audit log');

  // secadmin unlocks; the right password then works.
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const { app } = await testApp(ENV);
  assert.equal((await call(app, sec, { method: 'POST', url: `/api/users/${u.id}/unlock` })).statusCode, 200);
  assert.equal((await login(u.username, TEST_PASSWORD)).statusCode, 200);
});

test('lockout threshold follows the tenant security settings set by secadmin', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const { app } = await testApp(ENV);
  const cur = (await call(app, sec, { method: 'GET', url: '/api/security-settings' })).json();
  const put = await call(app, sec, {
    method: 'PUT',
    url: '/api/security-settings',
    payload: { version: cur.version, settings: { ...cur.settings, lockThreshold: 3 } },
  });
  assert.equal(put.statusCode, 200);
  const stale = await call(app, sec, { method: 'PUT', url: '/api/security-settings', payload: { version: cur.version, settings: cur.settings } });
  assert.equal(stale.statusCode, 409);
  const u = await createUser(db, province.id, { roles: ['unit_staff'], signIn: false });
  assert.equal((await login(u.username, 'x')).statusCode, 401);
  assert.equal((await login(u.username, 'x')).statusCode, 401);
  assert.equal((await login(u.username, 'x')).statusCode, 423);
});

test('unknown user and wrong password give the same answer', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { signIn: false });
  const a = (await login('nobody_here_x', 'Whatever#1')).json();
  const b = (await login(u.username, 'Whatever#1')).json();
  assert.deepEqual(a.error, b.error);
});

test('per-IP login rate limit answers 429 once the minute quota is used', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { signIn: false });
  const { config } = await testApp(ENV);
  const ip = `172.16.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  // The quota is a fixed one-minute window: start well inside a minute so all attempts share one.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));
  // Sent together: the limiter is the first step of a sign-in, so all of them count within one window
  // even on a loaded machine (each refused sign-in also verifies an argon2 hash, issue 12).
  const statuses = await Promise.all(Array.from({ length: config.loginRatePerMinute + 1 }, async (_, i) => (await login(`nobody_${i}`, 'x', ip)).statusCode));
  assert.ok(statuses.includes(429), `no 429 among ${statuses.join(',')}`);
  assert.equal(statuses.filter((x) => x === 429).length, 1, 'exactly one over the quota');
  // Another IP is not affected.
  assert.equal((await login(u.username, TEST_PASSWORD)).statusCode, 200);
});

test('writes need the CSRF header; reads do not', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const { app } = await testApp(ENV);
  const noCsrf = await call(app, admin, {
    method: 'POST',
    url: '/api/units',
    headers: { 'x-csrf-token': 'forged' },
    payload: { name: '新处室', kind: 'business' },
  });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'CSRF_FAILED');
  assert.equal((await call(app, admin, { method: 'GET', url: '/api/units', headers: { 'x-csrf-token': '' } })).statusCode, 200);
  const ok = await call(app, admin, { method: 'POST', url: '/api/units', payload: { name: '新处室', kind: 'business' } });
  assert.equal(ok.statusCode, 201);
});

test('idle timeout: a session unused for longer than 30 minutes is gone', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['intake'] });
  const { app } = await testApp(ENV);
  assert.equal((await call(app, u, { method: 'GET', url: '/api/auth/me' })).statusCode, 200);
  await db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${u.id}`);
  assert.equal((await call(app, u, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  assert.equal((await db.select().from(sessions).where(eq(sessions.userId, u.id))).length, 0);
});

test('logout ends the session', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const u = await createUser(db, province.id, { roles: ['intake'] });
  const { app } = await testApp(ENV);
  assert.equal((await call(app, u, { method: 'POST', url: '/api/auth/logout' })).statusCode, 204);
  assert.equal((await call(app, u, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
});

test('an account created by an admin must change its password before doing anything else', async () => {
  const db = (await testDatabase()).db;
  const { province, unit } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const sec = await createUser(db, province.id, { roles: ['secadmin'] });
  const { app } = await testApp(ENV);
  const created = await call(app, admin, {
    method: 'POST',
    url: '/api/users',
    payload: { username: `new_${Date.now()}`, displayName: '新同事', unitId: unit.id },
  });
  assert.equal(created.statusCode, 201);
  const { user, initialPassword } = created.json();
  assert.equal(passwordProblem(initialPassword), null);
  const roles = await call(app, sec, {
    method: 'PUT',
    url: `/api/users/${user.id}/roles`,
    payload: { version: user.version, roles: ['unit_staff'], scope: 'unit' },
  });
  assert.equal(roles.statusCode, 200);

  const res = await login(user.username, initialPassword);
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().user.mustChangePassword, true);
  const cookies = { zqt_sid: cookieOf(res) };
  const headers = { 'x-csrf-token': res.json().csrfToken };
  const blocked = await app.inject({ method: 'GET', url: '/api/units', cookies });
  assert.equal(blocked.statusCode, 403);
  assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
  const weak = await app.inject({
    method: 'POST',
    url: '/api/auth/change-password',
    cookies,
    headers,
    payload: { currentPassword: initialPassword, newPassword: 'abcdefgh' },
  });
  assert.equal(weak.statusCode, 400);
  assert.match(weak.json().error.fields.newPassword, /至少三类/);
  const changed = await app.inject({
    method: 'POST',
    url: '/api/auth/change-password',
    cookies,
    headers,
    payload: { currentPassword: initialPassword, newPassword: 'Changed#2026' },
  });
  assert.equal(changed.statusCode, 204);
  assert.equal((await app.inject({ method: 'GET', url: '/api/units', cookies })).statusCode, 200);
  assert.equal((await login(user.username, 'Changed#2026')).statusCode, 200);
});

test('password complexity: at least 8 characters and 3 of 4 classes', () => {
  assert.equal(passwordProblem('Ab1#'), '密码长度至少8位');
  assert.match(passwordProblem('abcdefgh1')!, /至少三类/);
  assert.equal(passwordProblem('lampfence7A'), null);
  assert.equal(passwordProblem('lampfence7#'), null);
  assert.equal(passwordProblem('LAMPFENCE7#'), null);
  assert.match(passwordProblem('Zhang#2026x', 8, 'zhang')!, /用户名/);
});

test('a disabled account cannot sign in (answered exactly like a wrong password) and loses its sessions', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const admin = await createUser(db, province.id, { roles: ['sysadmin'] });
  const u = await createUser(db, province.id, { roles: ['intake'] });
  const { app } = await testApp(ENV);
  const [row] = await db.select().from(users).where(eq(users.id, u.id));
  const res = await call(app, admin, { method: 'PATCH', url: `/api/users/${u.id}`, payload: { version: row.version, disabled: true } });
  assert.equal(res.statusCode, 200);
  assert.equal((await call(app, u, { method: 'GET', url: '/api/auth/me' })).statusCode, 401);
  const right = await login(u.username, TEST_PASSWORD);
  const wrong = await login(u.username, 'Wrong#Pass1');
  assert.equal(right.statusCode, 401);
  assert.deepEqual(right.json().error, wrong.json().error, 'right and wrong password of a disabled account answer alike');
  // A stale version gets 409 with the current record — never its password hash.
  const stale = await call(app, admin, { method: 'PATCH', url: `/api/users/${u.id}`, payload: { version: row.version, disabled: false } });
  assert.equal(stale.statusCode, 409);
  const current = stale.json().error.details.current;
  assert.equal(current.id, u.id);
  assert.equal(current.disabled, true);
  assert.ok(!('passwordHash' in current) && !/argon2/.test(stale.body), 'no password hash in the 409 body');
});
