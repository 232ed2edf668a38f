// 三权分立 (issue 12): every path that changes an account, tried by every duty on every kind of
// target. The expected answers are written out below by hand (not computed by
// shared/account-rules.ts, which they check); a refusal must have the policy's 403/404 shape and
// change nothing: not the account row, not its sessions, not its sign-in hold-backs, no audit row.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { accountRefusal, ACCOUNT_MATRIX } from '../../../shared/account-rules.ts';
import type { Role } from '../../../shared/roles.ts';
import { userCli } from '../../src/cli/user-cli.ts';
import { openDatabase, queryRows, type Db } from '../../src/db/client.ts';
import { users } from '../../src/db/schema.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUnit, createUser, type TestUser } from '../helpers/factory.ts';

type Kind = 'staff' | 'sysadmin' | 'secadmin' | 'auditor' | 'enterprise' | 'self';
type Duty = 'sysadmin' | 'secadmin' | 'auditor' | 'intake' | 'unit_staff' | 'leader' | 'enterprise' | 'city_sysadmin' | 'city_secadmin';
type Want = 'ok' | 403 | 404;

const KINDS: Kind[] = ['staff', 'sysadmin', 'secadmin', 'auditor', 'enterprise', 'self'];
const DUTIES: Duty[] = ['sysadmin', 'secadmin', 'auditor', 'intake', 'unit_staff', 'leader', 'enterprise', 'city_sysadmin', 'city_secadmin'];

type Ctx = { app: Awaited<ReturnType<typeof testApp>>['app']; db: Db; otherUnitId: string };
type Target = { id: string; username: string; version: number };
type Path = {
  name: string;
  /** Set the target up for the path (disabled for enable, held back for unlock). */
  prepare?: (db: Db, t: Target) => Promise<void>;
  send: (c: Ctx, actor: TestUser, t: Target, kind: Kind) => ReturnType<typeof call>;
};

const patch = (payload: (t: Target, c: Ctx) => Record<string, unknown>) => (c: Ctx, actor: TestUser, t: Target) =>
  call(c.app, actor, { method: 'PATCH', url: `/api/users/${t.id}`, payload: { version: t.version, ...payload(t, c) } });

const PATHS: Path[] = [
  { name: 'users.edit-name', send: patch(() => ({ displayName: '改过的名字' })) },
  { name: 'users.edit-mobile', send: patch(() => ({ mobile: '13912345678' })) },
  { name: 'users.unit', send: patch((_t, c) => ({ unitId: c.otherUnitId })) },
  { name: 'users.disable', send: patch(() => ({ disabled: true })) },
  { name: 'users.enable', prepare: (db, t) => disable(db, t), send: patch(() => ({ disabled: false })) },
  { name: 'users.reset-password', send: (c, a, t) => call(c.app, a, { method: 'POST', url: `/api/users/${t.id}/reset-password` }) },
  { name: 'users.unlock', prepare: (db, t) => holdBack(db, t), send: (c, a, t) => call(c.app, a, { method: 'POST', url: `/api/users/${t.id}/unlock` }) },
  {
    name: 'users.roles',
    // A business account is given another business role; an admin account is demoted; an enterprise
    // account would be turned into staff.
    send: (c, a, t, kind) =>
      call(c.app, a, {
        method: 'PUT',
        url: `/api/users/${t.id}/roles`,
        payload:
          kind === 'staff' || kind === 'enterprise'
            ? { version: t.version, roles: ['unit_head'], scope: 'unit' }
            : { version: t.version, roles: [], scope: 'tenant' },
      }),
  },
  {
    name: 'users.grant-admin',
    send: (c, a, t) => call(c.app, a, { method: 'PUT', url: `/api/users/${t.id}/roles`, payload: { version: t.version, roles: ['auditor'], scope: 'tenant' } }),
  },
  {
    name: 'accounts.disable',
    send: (c, a, t) => call(c.app, a, { method: 'PATCH', url: `/api/enterprise-accounts/${t.id}`, payload: { version: t.version, disabled: true } }),
  },
  {
    name: 'accounts.enable',
    prepare: (db, t) => disable(db, t),
    send: (c, a, t) => call(c.app, a, { method: 'PATCH', url: `/api/enterprise-accounts/${t.id}`, payload: { version: t.version, disabled: false } }),
  },
  {
    name: 'accounts.reset-password',
    send: (c, a, t) => call(c.app, a, { method: 'POST', url: `/api/enterprise-accounts/${t.id}/reset-password`, payload: { version: t.version } }),
  },
];

// ------------------------------------------------------------------ the expected matrix, by hand

const ADMIN: Kind[] = ['sysadmin', 'secadmin', 'auditor'];
const USERS_PATHS = PATHS.filter((p) => p.name.startsWith('users.')).map((p) => p.name);

function want(duty: Duty, kind: Kind, path: string): Want {
  const usersPath = path.startsWith('users.');
  // Route roles (the policy, before the target is looked at).
  const usersRoles: Record<string, Duty[]> = {
    'users.edit-name': ['sysadmin', 'secadmin', 'city_sysadmin', 'city_secadmin'],
    'users.edit-mobile': ['sysadmin', 'secadmin', 'city_sysadmin', 'city_secadmin'],
    'users.unit': ['sysadmin', 'secadmin', 'city_sysadmin', 'city_secadmin'],
    'users.disable': ['sysadmin', 'secadmin', 'city_sysadmin', 'city_secadmin'],
    'users.enable': ['sysadmin', 'secadmin', 'city_sysadmin', 'city_secadmin'],
    'users.reset-password': ['sysadmin', 'secadmin', 'city_sysadmin', 'city_secadmin'],
    'users.unlock': ['secadmin', 'city_secadmin'],
    'users.roles': ['secadmin', 'city_secadmin'],
    'users.grant-admin': ['secadmin', 'city_secadmin'],
  };
  const roles = usersPath ? usersRoles[path] : ['intake'];
  if (!roles.includes(duty)) return 403;
  // Another tenant's account answers like a missing one; their own account is theirs to refuse.
  if (duty.startsWith('city_')) return kind === 'self' ? 403 : 404;
  // The users routes reach staff accounts only; the enterprise-account routes enterprise accounts only.
  const selfKind: Kind = duty === 'enterprise' ? 'enterprise' : duty === 'intake' || duty === 'unit_staff' || duty === 'leader' ? 'staff' : (duty as Kind);
  const realKind = kind === 'self' ? selfKind : kind;
  if (usersPath && realKind === 'enterprise') return 404;
  if (!usersPath && realKind !== 'enterprise') return 404;
  if (kind === 'self') return 403;
  if (duty === 'sysadmin') {
    return kind === 'staff' && ['users.edit-name', 'users.edit-mobile', 'users.unit', 'users.disable', 'users.enable', 'users.reset-password'].includes(path)
      ? 'ok'
      : 403;
  }
  if (duty === 'secadmin') {
    if (kind === 'staff') return ['users.unlock', 'users.roles', 'users.grant-admin'].includes(path) ? 'ok' : 403;
    // Admin accounts: everything but a unit (admin roles hold none).
    return path === 'users.unit' ? 403 : 'ok';
  }
  if (duty === 'intake') return 'ok';
  return 403;
}

// ------------------------------------------------------------------ helpers

async function disable(db: Db, t: Target) {
  await db.update(users).set({ disabled: true }).where(eq(users.id, t.id));
}

async function holdBack(db: Db, t: Target) {
  await db.execute(sql`INSERT INTO login_throttles (ip, username, failures, locks, blocked_until)
    VALUES ('198.51.100.7', ${t.username.toLowerCase()}, 0, 1, now() + interval '15 minutes')`);
}

/** Everything a refused call must leave as it was. */
async function snapshot(db: Db, id: string, username: string) {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`SELECT * FROM users WHERE id = ${id}`);
  const [s] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sessions WHERE user_id = ${id}`);
  const throttles = await queryRows(
    db,
    sql`SELECT ip, failures, locks, blocked_until FROM login_throttles WHERE username = ${username.toLowerCase()} ORDER BY ip`,
  );
  const [h] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM password_history WHERE user_id = ${id}`);
  const [a] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${id}`);
  return JSON.stringify({ row, sessions: s.n, throttles, history: h.n, audit: a.n });
}

function rolesOf(kind: Kind): { roles: Role[]; unit: boolean } {
  if (kind === 'staff') return { roles: ['unit_staff'], unit: true };
  if (kind === 'enterprise') return { roles: ['enterprise'], unit: false };
  return { roles: [kind as Role], unit: false };
}

async function actorFor(db: Db, duty: Duty, scene: Awaited<ReturnType<typeof createScene>>) {
  if (duty === 'city_sysadmin') return createUser(db, scene.city.id, { roles: ['sysadmin'] });
  if (duty === 'city_secadmin') return createUser(db, scene.city.id, { roles: ['secadmin'] });
  const business = ['intake', 'unit_staff', 'leader'].includes(duty);
  return createUser(db, scene.province.id, {
    roles: [duty as Role],
    scope: duty === 'unit_staff' ? 'unit' : duty === 'leader' ? 'portfolio' : 'tenant',
    unitId: business ? scene.unit.id : null,
  });
}

test('三权分立: every account path × every duty × every target kind — refusals are 403/404 in the policy shape and change nothing', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  const other = await createUnit(db, scene.province.id);
  const c: Ctx = { app, db, otherUnitId: other.id };
  // A standing auditor, so demoting or disabling the auditor target is not refused as "the last one".
  await createUser(db, scene.province.id, { roles: ['auditor'], signIn: false });
  const missing404 = async (actor: TestUser, p: Path) => {
    const r = await p.send(c, actor, { id: crypto.randomUUID(), username: 'x', version: 1 }, 'staff');
    const { requestId: _r, ...body } = r.json();
    return { status: r.statusCode, body: JSON.stringify(body) };
  };

  const failures: string[] = [];
  let checked = 0;
  let refused = 0;
  for (const duty of DUTIES) {
    for (const kind of KINDS) {
      for (const p of PATHS) {
        const actor = await actorFor(db, duty, scene);
        let t: Target;
        if (kind === 'self') {
          t = { id: actor.id, username: actor.username, version: 1 };
        } else {
          const r = rolesOf(kind);
          const u = await createUser(db, scene.province.id, {
            roles: r.roles,
            scope: kind === 'staff' ? 'unit' : 'tenant',
            unitId: r.unit ? scene.unit.id : null,
          });
          t = { id: u.id, username: u.username, version: 1 };
        }
        // A disabled account has no session to act with: "enable yourself" is tried on an enabled self.
        if (p.prepare && !(kind === 'self' && p.name.endsWith('enable'))) await p.prepare(db, t);
        const expected = want(duty, kind, p.name);
        const before = await snapshot(db, t.id, t.username);
        const res = await p.send(c, actor, t, kind);
        checked++;
        const label = `${duty} → ${kind} ${p.name}: ${res.statusCode}`;
        if (expected === 'ok') {
          if (res.statusCode !== 200 && res.statusCode !== 201) failures.push(`${label}, expected success (${res.body.slice(0, 160)})`);
          else if ((await snapshot(db, t.id, t.username)) === before) failures.push(`${label}: answered success but nothing changed`);
          continue;
        }
        refused++;
        if (res.statusCode !== expected) failures.push(`${label}, expected ${expected} (${res.body.slice(0, 160)})`);
        const code = res.json().error?.code;
        if (expected === 403 && code !== 'FORBIDDEN') failures.push(`${label}: code ${code}`);
        if (expected === 404) {
          // "Not yours" answers exactly like "missing".
          const m = await missing404(await actorFor(db, duty, scene), p);
          const { requestId: _r, ...body } = res.json();
          if (m.status !== 404 || m.body !== JSON.stringify(body)) failures.push(`${label}: differs from a missing id (${m.body} vs ${JSON.stringify(body)})`);
        }
        if ((await snapshot(db, t.id, t.username)) !== before) failures.push(`${label}: refused but the account changed`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(checked, DUTIES.length * KINDS.length * PATHS.length);
  assert.ok(refused > checked / 2, `${refused} of ${checked} refused`);
});

test('三权分立: creating accounts — sysadmin creates staff accounts, intake enterprise accounts, nobody else either', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  const [e] = await queryRows<{ id: string }>(
    db,
    sql`SELECT enterprise_id AS id FROM users WHERE id = ${(await createUser(db, scene.province.id, { roles: ['enterprise'], signIn: false })).id}`,
  );
  for (const duty of DUTIES) {
    const actor = await actorFor(db, duty, scene);
    const staffName = `c_${crypto.randomBytes(4).toString('hex')}`;
    const entName = `e_${crypto.randomBytes(4).toString('hex')}`;
    const s = await call(app, actor, { method: 'POST', url: '/api/users', payload: { username: staffName, displayName: '新账号' } });
    const a = await call(app, actor, {
      method: 'POST',
      url: '/api/enterprise-accounts',
      payload: { enterpriseId: e.id, username: entName, displayName: '企业联系人' },
    });
    const wantStaff = duty === 'sysadmin' || duty === 'city_sysadmin' ? 201 : 403;
    const wantEnt = duty === 'intake' ? 201 : 403;
    assert.equal(s.statusCode, wantStaff, `${duty} POST /api/users`);
    // A city's intake would create in its own tenant; the province's enterprise is not in its registry (400) — not tried here.
    assert.equal(a.statusCode, wantEnt, `${duty} POST /api/enterprise-accounts: ${a.body}`);
    const [n] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users WHERE lower(username) IN (${staffName}, ${entName})`);
    assert.equal(n.n, (wantStaff === 201 ? 1 : 0) + (wantEnt === 201 ? 1 : 0), `${duty}: refused creations leave no account`);
  }
});

test('三权分立: the rule function agrees with the written-out matrix for every duty, target kind and action', () => {
  // sysadmin: business accounts only.
  for (const a of ['edit', 'unit', 'disable', 'enable', 'reset_password', 'create'] as const)
    assert.equal(accountRefusal(['sysadmin'], ['unit_staff'], a), null, a);
  for (const t of ADMIN)
    for (const a of ['edit', 'disable', 'reset_password', 'unlock', 'roles'] as const) assert.ok(accountRefusal(['sysadmin'], [t as Role], a), `${t} ${a}`);
  assert.match(accountRefusal(['sysadmin'], ['enterprise'], 'reset_password')!, /诉求受理/);
  assert.match(accountRefusal(['sysadmin'], ['sysadmin'], 'unit', { self: true })!, /自己/);
  // secadmin: the admin accounts, and roles / unlock of everyone but enterprise accounts and itself.
  for (const t of ADMIN)
    for (const a of ['edit', 'disable', 'enable', 'reset_password', 'unlock', 'roles'] as const)
      assert.equal(accountRefusal(['secadmin'], [t as Role], a), null);
  for (const t of ADMIN) assert.match(accountRefusal(['secadmin'], [t as Role], 'unit')!, /不属于任何处室/);
  assert.ok(accountRefusal(['secadmin'], ['unit_staff'], 'reset_password'));
  assert.ok(accountRefusal(['secadmin'], [], 'create'));
  // auditor and business roles: nothing; intake: enterprise accounts only.
  for (const k of [['unit_staff'], ['sysadmin'], ['enterprise']] as Role[][]) {
    assert.ok(accountRefusal(['auditor'], k, 'reset_password'));
    assert.ok(accountRefusal(['unit_head', 'leader'], k, 'disable'));
  }
  assert.equal(accountRefusal(['intake'], ['enterprise'], 'reset_password'), null);
  assert.ok(accountRefusal(['intake'], ['unit_staff'], 'reset_password'));
  // The CLI (break-glass): staff and admin accounts, never enterprise accounts.
  assert.equal(accountRefusal('cli', ['secadmin'], 'reset_password'), null);
  assert.ok(accountRefusal('cli', ['enterprise'], 'reset_password'));
  assert.deepEqual(Object.keys(ACCOUNT_MATRIX).sort(), ['auditor', 'cli', 'intake', 'other', 'secadmin', 'sysadmin']);
  assert.deepEqual(USERS_PATHS.length, 9);
});

test('三权分立 chain: sysadmin creates an account and knows its first password; secadmin grants it an admin role — the old password stops working and sysadmin cannot get back in', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  const sys = await createUser(db, scene.province.id, { roles: ['sysadmin'] });
  const sec = await createUser(db, scene.province.id, { roles: ['secadmin'] });
  await createUser(db, scene.province.id, { roles: ['auditor'], signIn: false });
  const username = `x_${crypto.randomBytes(4).toString('hex')}`;
  const created = await call(app, sys, { method: 'POST', url: '/api/users', payload: { username, displayName: '新审计员', unitId: scene.unit.id } });
  assert.equal(created.statusCode, 201);
  const { user, initialPassword } = created.json();
  const login = (password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `203.0.113.${1 + Math.floor(Math.random() * 250)}` });
  // sysadmin signs in with the first password and sets one it knows.
  const first = await login(initialPassword);
  assert.equal(first.statusCode, 200);
  const cookie = first.cookies.find((k) => k.name === 'zqt_sid')!.value;
  const changed = await app.inject({
    method: 'POST',
    url: '/api/auth/change-password',
    cookies: { zqt_sid: cookie },
    headers: { 'x-csrf-token': first.json().csrfToken },
    payload: { currentPassword: initialPassword, newPassword: 'Known#ToSys42' },
  });
  assert.equal(changed.statusCode, 204);
  const v = (await db.select().from(users).where(eq(users.id, user.id)))[0].version;
  const grant = await call(app, sec, { method: 'PUT', url: `/api/users/${user.id}/roles`, payload: { version: v, roles: ['auditor'], scope: 'tenant' } });
  assert.equal(grant.statusCode, 200, grant.body);
  assert.ok(grant.json().initialPassword, 'secadmin receives a new initial password to hand over');
  assert.equal(grant.json().unitId, null, 'an admin account holds no unit');
  assert.equal(
    (await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { zqt_sid: cookie } })).statusCode,
    401,
    'the session ended with the role change',
  );
  assert.equal((await login('Known#ToSys42')).statusCode, 401, 'the password sysadmin knew no longer works');
  // sysadmin can neither reset nor disable nor move the new auditor.
  const now = (await db.select().from(users).where(eq(users.id, user.id)))[0].version;
  assert.equal((await call(app, sys, { method: 'POST', url: `/api/users/${user.id}/reset-password` })).statusCode, 403);
  assert.equal((await call(app, sys, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: now, disabled: true } })).statusCode, 403);
  assert.equal((await call(app, sys, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: now, unitId: scene.unit.id } })).statusCode, 403);
  // The holder signs in with secadmin's password and must change it first.
  const holder = await login(grant.json().initialPassword);
  assert.equal(holder.statusCode, 200);
  assert.equal(holder.json().user.mustChangePassword, true);
});

test('三权分立: sysadmin cannot give itself a unit; an admin account cannot get one; the last active auditor stays', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const scene = await createScene(db);
  const sys = await createUser(db, scene.province.id, { roles: ['sysadmin'] });
  const sec = await createUser(db, scene.province.id, { roles: ['secadmin'] });
  const own = await call(app, sys, { method: 'PATCH', url: `/api/users/${sys.id}`, payload: { version: 1, unitId: scene.unit.id } });
  assert.equal(own.statusCode, 403);
  const aud = await createUser(db, scene.province.id, { roles: ['auditor'], signIn: false });
  const toAdmin = await call(app, sec, { method: 'PATCH', url: `/api/users/${aud.id}`, payload: { version: 1, unitId: scene.unit.id } });
  assert.equal(toAdmin.statusCode, 403);
  assert.match(toAdmin.json().error.message, /不属于任何处室/);
  // The only active auditor can be neither disabled nor demoted (someone must be able to read the log).
  const off = await call(app, sec, { method: 'PATCH', url: `/api/users/${aud.id}`, payload: { version: 1, disabled: true } });
  assert.equal(off.statusCode, 400);
  assert.match(off.json().error.fields.disabled, /唯一在用的审计管理员/);
  const demote = await call(app, sec, { method: 'PUT', url: `/api/users/${aud.id}/roles`, payload: { version: 1, roles: [], scope: 'tenant' } });
  assert.equal(demote.statusCode, 400);
  await createUser(db, scene.province.id, { roles: ['auditor'], signIn: false });
  assert.equal((await call(app, sec, { method: 'PATCH', url: `/api/users/${aud.id}`, payload: { version: 1, disabled: true } })).statusCode, 200);
});

test('三权分立 CLI (zqt user, break-glass): creates and resets staff and admin accounts with an audit row; refuses enterprise accounts and a unit on an admin', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-sep-'));
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = '';
  try {
    const run = (...argv: string[]) => userCli(argv);
    for (const role of ['sysadmin', 'secadmin', 'auditor', 'intake'] as const) {
      const c = await run('create', '--tenant', '370000', '--username', `cli_${role}`, '--name', role, '--role', role);
      assert.equal(c.exitCode, 0, c.stderr);
      const r = await run('reset-password', '--username', `cli_${role}`);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.notEqual(JSON.parse(r.stdout).initialPassword, JSON.parse(c.stdout).initialPassword);
      assert.equal((await run('unlock', '--username', `cli_${role}`)).exitCode, 0);
    }
    const ent = await run('create', '--tenant', '370000', '--username', 'cli_ent', '--name', '企业', '--role', 'enterprise');
    assert.equal(ent.exitCode, 1);
    assert.match(ent.stderr, /诉求受理/);
    const unit = await run('create', '--tenant', '370000', '--username', 'cli_adm_unit', '--name', 'x', '--role', 'auditor', '--unit', '办公室');
    assert.equal(unit.exitCode, 1);
    // An enterprise account (approved by intake) cannot be reset from the CLI either; nothing changes.
    const database = await openDatabase({ dataDir: dir });
    let before: string;
    try {
      const [t] = await queryRows<{ id: string }>(database.db, sql`SELECT id FROM tenants WHERE code = '370000'`);
      await database.db.insert(users).values({
        tenantId: t.id,
        username: 'cli_enterprise',
        displayName: '企业',
        passwordHash: 'x',
        roles: ['enterprise'],
        enterpriseId: crypto.randomUUID(),
      });
      before = JSON.stringify(await queryRows(database.db, sql`SELECT * FROM users WHERE username = 'cli_enterprise'`));
    } finally {
      await database.close();
    }
    const refused = await run('reset-password', '--username', 'cli_enterprise');
    assert.equal(refused.exitCode, 1);
    const again = await openDatabase({ dataDir: dir });
    try {
      assert.equal(JSON.stringify(await queryRows(again.db, sql`SELECT * FROM users WHERE username = 'cli_enterprise'`)), before);
      const rows = await queryRows<{ action: string; actor_name: string }>(
        again.db,
        sql`SELECT action, actor_name FROM audit_log WHERE actor_name = '命令行' ORDER BY id`,
      );
      assert.equal(rows.filter((r) => r.action === 'user.create').length, 4);
      assert.equal(rows.filter((r) => r.action === 'user.password_reset').length, 4);
      assert.equal(rows.filter((r) => r.action === 'user.unlock').length, 4);
    } finally {
      await again.close();
    }
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
