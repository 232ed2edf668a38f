// Enterprise accounts (issue 7 "Accounts"): public self-registration that does not reveal whether a
// username exists, intake's check against the registry and decision (username override, version →
// 409), intake's account list / disable / enable / password reset, and the staff lockout rule
// applied to enterprise accounts.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { auditRows, createUnit, createUser, TEST_PASSWORD, type TestUser } from '../helpers/factory.ts';
import { createEnterprise, randomUscc } from '../enterprises/fixtures.ts';
import { call, world, type World } from '../appeals/helpers.ts';

const PASSWORD = 'Qiye#2026pass';
const uniq = () => crypto.randomBytes(4).toString('hex');

async function login(w: World, username: string, password: string) {
  const res = await call(w.app, null, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) return { res, user: null };
  const token = res.cookies.find((c) => c.name === 'zqt_sid')!.value;
  const body = res.json();
  const user: TestUser = { id: body.user.id, username, tenantId: body.user.tenant.id, unitId: null, roles: body.user.roles, token, csrfToken: body.csrfToken };
  return { res, user };
}

function register(w: World, payload: Record<string, unknown>) {
  return call(w.app, null, {
    method: 'POST',
    url: '/api/portal/register',
    payload: { tenantCode: w.province.code, contactName: '张经理', mobile: '13912345678', password: PASSWORD, ...payload },
  });
}

const registrationCount = async (w: World) =>
  (await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM enterprise_registrations WHERE tenant_id = ${w.province.id}`))[0].n;

const detail = (w: World, id: string) => call(w.app, w.users.intake, { method: 'GET', url: `/api/enterprise-registrations/${id}` });

test('issue 7 / issue 12: registration answers the same whether the username exists or not; several requests per USCC wait side by side; intake approves one with another username and rejects the rest with a reason', async () => {
  const w = await world();
  const taken = await createUser(w.db, w.province.id, { roles: ['unit_staff'], unitId: w.lead.id, username: `staff_${uniq()}` });
  const a = await createEnterprise(w.db, w.province.id);
  const b = await createEnterprise(w.db, w.province.id);
  const c = await createEnterprise(w.db, w.province.id);

  // Same status, same shape: a taken username is not refused at registration.
  const onTaken = await register(w, { uscc: a.uscc, enterpriseName: a.name, username: taken.username.toUpperCase() });
  const onFree = await register(w, { uscc: b.uscc, enterpriseName: b.name, username: `free_${uniq()}` });
  assert.equal(onTaken.statusCode, 201, onTaken.body);
  assert.equal(onFree.statusCode, 201, onFree.body);
  assert.deepEqual(Object.keys(onTaken.json()).sort(), Object.keys(onFree.json()).sort());
  assert.equal(onTaken.json().status, 'pending');
  assert.equal(onTaken.body.includes('已被使用'), false);
  // Nor is a username another pending request asked for (that would be a probe too).
  const samePending = await register(w, { uscc: c.uscc, enterpriseName: c.name, username: taken.username });
  assert.equal(samePending.statusCode, 201, samePending.body);
  // Issue 12: a second request for the same USCC is kept too (registering first blocks nobody).
  const dup = await register(w, { uscc: a.uscc, enterpriseName: a.name, username: `other_${uniq()}` });
  assert.equal(dup.statusCode, 201, dup.body);

  // Intake sees the conflict on the request.
  const d = await detail(w, onTaken.json().id);
  assert.equal(d.statusCode, 200, d.body);
  assert.equal(d.json().usernameTaken, true);
  assert.equal(d.json().samePendingUsername, 1);
  assert.equal(d.json().registry.id, a.id);
  assert.deepEqual(
    d.json().samePendingUscc.map((x: { id: string }) => x.id),
    [dup.json().id],
    'the other request for the same enterprise, side by side',
  );
  assert.equal((await detail(w, onFree.json().id)).json().usernameTaken, false);

  // Approving with the taken username: 400 on the field, nothing changed.
  const id = onTaken.json().id;
  const refused = await call(w.app, w.users.intake, { method: 'POST', url: `/api/enterprise-registrations/${id}/approve`, payload: { version: 1 } });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.match(refused.json().error.fields.username, /已被使用/);
  assert.match(refused.json().error.fields.rejectOthersReason, /还有1份待审核/);
  const badName = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${id}/approve`,
    payload: { version: 1, username: '张 三' },
  });
  assert.equal(badName.statusCode, 400);
  assert.ok(badName.json().error.fields.username);
  const stillPending = (await detail(w, id)).json().registration;
  assert.equal(stillPending.status, 'pending');
  assert.equal(stillPending.version, 1);

  // Approving with another username: the account gets it and the password chosen at registration.
  const renamed = `ent_${uniq()}`;
  const ok = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${id}/approve`,
    payload: { version: 1, username: renamed, rejectOthersReason: '经电话核实，另一份申请非本企业提交' },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  const other = (await detail(w, dup.json().id)).json().registration;
  assert.equal(other.status, 'rejected');
  assert.equal(other.rejectReason, '经电话核实，另一份申请非本企业提交');
  assert.equal(ok.json().status, 'approved');
  assert.equal(ok.json().username, renamed);
  const signedIn = await login(w, renamed, PASSWORD);
  assert.equal(signedIn.res.statusCode, 200, signedIn.res.body);
  assert.equal(signedIn.res.json().user.enterpriseId, a.id);
  // The staff account that held the name is untouched: its own password still opens it, as staff.
  const staffLogin = await login(w, taken.username, TEST_PASSWORD);
  assert.equal(staffLogin.res.statusCode, 200);
  assert.deepEqual(staffLogin.res.json().user.roles, ['unit_staff']);
  assert.equal((await login(w, taken.username, PASSWORD)).res.statusCode, 401);
  const approveAudit = (await auditRows(w.db, w.province.id)).find((r) => r.action === 'enterprise_registration.approve' && r.entity_id === id);
  assert.match(String(approveAudit?.summary), new RegExp(`改为「${renamed}」`));

  // The other request asking for the same (taken) username also has to pick another one.
  const second = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${samePending.json().id}/approve`,
    payload: { version: 1, username: renamed },
  });
  assert.equal(second.statusCode, 400);
  assert.match(second.json().error.fields.username, new RegExp(renamed));
});

test('issue 7: request detail shows the registry record found by USCC (name match or not, supervising unit) and never the password', async () => {
  const w = await world();
  const unit = await createUnit(w.db, w.province.id, { name: `危化品监管处${uniq()}` });
  const e = await createEnterprise(w.db, w.province.id, { name: '鲁中化工（集团）有限公司', supervisingUnitId: unit.id });
  const existing = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id, signIn: false });

  // Full-width vs half-width brackets and spaces are the same name.
  const same = await register(w, { uscc: e.uscc, enterpriseName: ' 鲁中化工(集团)有限公司', username: `lz_${uniq()}` });
  assert.equal(same.statusCode, 201, same.body);
  const d = (await detail(w, same.json().id)).json();
  assert.equal(d.registry.nameMatches, true);
  assert.equal(d.registry.supervisingUnitName, unit.name);
  assert.deepEqual(
    d.existingAccounts.map((x: { id: string }) => x.id),
    [existing.id],
  );
  await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${same.json().id}/reject`,
    payload: { version: 1, reason: '重复申请' },
  });

  const differs = await register(w, { uscc: e.uscc, enterpriseName: '鲁中化工股份有限公司', username: `lz_${uniq()}` });
  assert.equal((await detail(w, differs.json().id)).json().registry.nameMatches, false);

  const unknownUscc = randomUscc();
  const none = await register(w, { uscc: unknownUscc, enterpriseName: '名录外企业', username: `nx_${uniq()}` });
  const nd = await detail(w, none.json().id);
  assert.equal(nd.statusCode, 200);
  assert.equal(nd.json().registry, null);
  assert.deepEqual(nd.json().existingAccounts, []);

  const list = await call(w.app, w.users.intake, { method: 'GET', url: '/api/enterprise-registrations?status=pending&pageSize=100' });
  for (const body of [list.body, nd.body]) {
    assert.equal(/password|argon2/i.test(body), false);
  }
  // Another tenant's intake: 404, like a missing id.
  assert.equal((await call(w.app, w.cityIntake, { method: 'GET', url: `/api/enterprise-registrations/${none.json().id}` })).statusCode, 404);
});

test('issue 7: bad registration input → 400 with field messages and no request stored; the password rule follows the tenant (等保)', async () => {
  const w = await world();
  const before = await registrationCount(w);
  const good = randomUscc();
  const wrongCheckChar = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  // Every field problem in one answer, with Chinese messages.
  const bad = await register(w, { uscc: wrongCheckChar, enterpriseName: '', mobile: '123', username: 'a b', password: 'abc' });
  assert.equal(bad.statusCode, 400, bad.body);
  for (const f of ['uscc', 'enterpriseName', 'mobile', 'username']) assert.ok(bad.json().error.fields[f], f);
  assert.match(bad.json().error.fields.uscc, /校验位错误/);
  const weak = await register(w, { uscc: good, enterpriseName: '某企业', username: `u_${uniq()}`, password: 'abcdefgh' });
  assert.equal(weak.statusCode, 400);
  assert.match(weak.json().error.fields.password, /至少三类/);
  const noTenant = await register(w, { tenantCode: 'nope', uscc: randomUscc(), enterpriseName: '某企业', username: `u_${uniq()}` });
  assert.equal(noTenant.statusCode, 400);
  assert.ok(noTenant.json().error.fields.tenantCode);
  assert.equal(await registrationCount(w), before);

  const tenants = await call(w.app, null, { method: 'GET', url: '/api/portal/tenants' });
  assert.equal(tenants.statusCode, 200);
  assert.ok(tenants.json().items.some((t: { code: string }) => t.code === w.province.code));

  await w.db.execute(sql`INSERT INTO tenant_settings (tenant_id, security_overrides) VALUES (${w.province.id}, '{"passwordMinLength": 14}'::jsonb)
    ON CONFLICT (tenant_id) DO UPDATE SET security_overrides = '{"passwordMinLength": 14}'::jsonb`);
  const rule = await call(w.app, null, { method: 'GET', url: `/api/portal/password-rule?tenantCode=${w.province.code}` });
  assert.equal(rule.statusCode, 200);
  assert.equal(rule.json().minLength, 14);
  assert.match(rule.json().text, /至少14位/);
  const short = await register(w, { uscc: randomUscc(), enterpriseName: '某企业', username: `u_${uniq()}`, password: 'Qiye#2026pw' });
  assert.equal(short.statusCode, 400);
  assert.match(short.json().error.fields.password, /至少14位/);
  assert.equal((await call(w.app, null, { method: 'GET', url: '/api/portal/password-rule?tenantCode=nope' })).statusCode, 400);
});

test('issue 7: approve / reject carry the version — stale → 409 with the current request (no password hash), nothing changed; reject needs a reason', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const r = await register(w, { uscc: e.uscc, enterpriseName: e.name, username: `v_${uniq()}` });
  const id = r.json().id;
  const noReason = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${id}/reject`,
    payload: { version: 1, reason: '  ' },
  });
  assert.equal(noReason.statusCode, 400);
  assert.ok(noReason.json().error.fields.reason);

  const stale = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${id}/reject`,
    payload: { version: 7, reason: '资料不符' },
  });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.equal(stale.json().error.details.current.status, 'pending');
  assert.equal(/password|argon2/i.test(stale.body), false);
  const staleApprove = await call(w.app, w.users.intake, { method: 'POST', url: `/api/enterprise-registrations/${id}/approve`, payload: { version: 2 } });
  assert.equal(staleApprove.statusCode, 409);
  assert.equal((await detail(w, id)).json().registration.status, 'pending');

  // Decided by one intake officer; the other one, still on version 1, gets 409 and changes nothing.
  const rejected = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-registrations/${id}/reject`,
    payload: { version: 1, reason: '资料不符' },
  });
  assert.equal(rejected.statusCode, 200, rejected.body);
  const late = await call(w.app, w.users.intake, { method: 'POST', url: `/api/enterprise-registrations/${id}/approve`, payload: { version: 1 } });
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().error.details.current.status, 'rejected');
  assert.equal((await detail(w, id)).json().registration.status, 'rejected');
  assert.equal((await login(w, r.json().username, PASSWORD)).res.statusCode, 401);
});

test('issue 7: intake lists and searches enterprise accounts of its tenant (enterprise name, USCC, username); staff accounts are not listed', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id, { name: `检索用企业${uniq()}有限公司` });
  const tag = uniq();
  const created = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/enterprise-accounts',
    payload: { enterpriseId: e.id, username: `srch_${tag}`, displayName: '王会计', mobile: '13912345678' },
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().user.uscc, e.uscc);
  assert.equal(created.json().user.mobile, '139****5678');
  const cityEnt = await createEnterprise(w.db, w.city.id, { name: e.name });
  await createUser(w.db, w.city.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: cityEnt.id, username: `srch_city_${tag}`, signIn: false });

  const q = (s: string) => call(w.app, w.users.intake, { method: 'GET', url: `/api/enterprise-accounts?q=${encodeURIComponent(s)}` });
  for (const s of [e.name.slice(0, 9), e.uscc, `srch_${tag}`, '王会计']) {
    const res = await q(s);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(
      res.json().items.some((a: { id: string }) => a.id === created.json().user.id),
      s,
    );
    assert.equal(
      res.json().items.some((a: { username: string }) => a.username === `srch_city_${tag}`),
      false,
      'other tenant',
    );
  }
  const all = await call(w.app, w.users.intake, { method: 'GET', url: '/api/enterprise-accounts?pageSize=200' });
  assert.ok(all.json().items.every((a: { roles: string[] }) => a.roles.includes('enterprise')));
  assert.equal(
    all.json().items.some((a: { id: string }) => a.id === w.users.leadStaff.id),
    false,
  );
  assert.equal((await q('%')).json().total, 0, 'LIKE wildcards are literal');
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/enterprise-accounts' })).statusCode, 403);
});

test('issue 7: disable ends the sessions and blocks login, enable restores; stale version → 409; staff account or other tenant → 404', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const username = `dis_${uniq()}`;
  const created = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/enterprise-accounts',
    payload: { enterpriseId: e.id, username, displayName: '李主任' },
  });
  const acc = created.json().user;
  const { user } = await login(w, username, created.json().initialPassword);
  await call(w.app, user, {
    method: 'POST',
    url: '/api/auth/change-password',
    payload: { currentPassword: created.json().initialPassword, newPassword: PASSWORD },
  });
  assert.equal((await call(w.app, user, { method: 'GET', url: '/api/portal/appeals' })).statusCode, 200);

  const url = `/api/enterprise-accounts/${acc.id}`;
  const cur = (await call(w.app, w.users.intake, { method: 'GET', url: `/api/enterprise-accounts?q=${username}` })).json().items[0];
  const stale = await call(w.app, w.users.intake, { method: 'PATCH', url, payload: { version: cur.version + 5, disabled: true } });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.details.current.disabled, false);
  assert.equal(/password|argon2/i.test(stale.body.replace(/mustChangePassword/g, '')), false);

  const off = await call(w.app, w.users.intake, { method: 'PATCH', url, payload: { version: cur.version, disabled: true } });
  assert.equal(off.statusCode, 200, off.body);
  assert.equal(off.json().disabled, true);
  assert.equal((await call(w.app, user, { method: 'GET', url: '/api/portal/appeals' })).statusCode, 401, 'session ended');
  const refused = await login(w, username, PASSWORD);
  // Issue 12: a disabled account answers exactly like a wrong password.
  assert.equal(refused.res.statusCode, 401);
  assert.equal(refused.res.json().error.code, 'INVALID_CREDENTIALS');
  const again = await call(w.app, w.users.intake, { method: 'PATCH', url, payload: { version: off.json().version, disabled: true } });
  assert.equal(again.statusCode, 409);

  const on = await call(w.app, w.users.intake, { method: 'PATCH', url, payload: { version: off.json().version, disabled: false } });
  assert.equal(on.statusCode, 200, on.body);
  assert.equal((await login(w, username, PASSWORD)).res.statusCode, 200);
  const actions = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === acc.id).map((r) => r.action);
  for (const a of ['enterprise_account.disable', 'enterprise_account.enable']) assert.ok(actions.includes(a), a);

  // Intake cannot reach staff accounts through this API, nor another tenant's enterprise accounts.
  const staff = await call(w.app, w.users.intake, {
    method: 'PATCH',
    url: `/api/enterprise-accounts/${w.users.leadStaff.id}`,
    payload: { version: 1, disabled: true },
  });
  assert.equal(staff.statusCode, 404);
  const cityUser = await createUser(w.db, w.city.id, { roles: ['enterprise'], scope: 'unit', signIn: false });
  assert.equal(
    (await call(w.app, w.users.intake, { method: 'PATCH', url: `/api/enterprise-accounts/${cityUser.id}`, payload: { version: 1, disabled: true } }))
      .statusCode,
    404,
  );
  const bad = await call(w.app, w.users.intake, { method: 'PATCH', url, payload: { version: on.json().version } });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.disabled);
});

test('issue 7 (same lockout as staff): an enterprise account is locked after 5 wrong passwords; intake’s password reset unlocks with a one-time password', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const r = await register(w, { uscc: e.uscc, enterpriseName: e.name, username: `lock_${uniq()}` });
  const approved = await call(w.app, w.users.intake, { method: 'POST', url: `/api/enterprise-registrations/${r.json().id}/approve`, payload: { version: 1 } });
  assert.equal(approved.statusCode, 200, approved.body);
  const username = r.json().username;

  for (let i = 1; i <= 4; i++) assert.equal((await login(w, username, 'Wrong#Pass1')).res.statusCode, 401, `attempt ${i}`);
  const fifth = await login(w, username, 'Wrong#Pass1');
  assert.equal(fifth.res.statusCode, 423, fifth.res.body);
  assert.equal(fifth.res.json().error.code, 'ACCOUNT_LOCKED');
  const right = await login(w, username, PASSWORD);
  assert.equal(right.res.statusCode, 423, 'locked even with the right password');
  const actions = (await auditRows(w.db, w.province.id)).filter((x) => x.entity_id === approved.json().userId).map((x) => x.action);
  assert.ok(actions.includes('auth.locked'));

  const listed = (await call(w.app, w.users.intake, { method: 'GET', url: `/api/enterprise-accounts?q=${username}` })).json().items[0];
  assert.ok(listed.lockedUntil, 'the list shows the lock');
  const stale = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-accounts/${listed.id}/reset-password`,
    payload: { version: listed.version + 1 },
  });
  assert.equal(stale.statusCode, 409);
  const reset = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/enterprise-accounts/${listed.id}/reset-password`,
    payload: { version: listed.version },
  });
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal(reset.json().user.lockedUntil, null);
  assert.equal(reset.json().user.mustChangePassword, true);
  assert.equal((await login(w, username, PASSWORD)).res.statusCode, 401, 'the old password is gone');
  const fresh = await login(w, username, reset.json().initialPassword);
  assert.equal(fresh.res.statusCode, 200);
  assert.equal(fresh.res.json().user.mustChangePassword, true);
  assert.ok((await auditRows(w.db, w.province.id)).some((x) => x.action === 'enterprise_account.password_reset' && x.entity_id === listed.id));
  assert.equal(
    (await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/enterprise-accounts/${listed.id}/reset-password`, payload: { version: 1 } })).statusCode,
    403,
  );
});
