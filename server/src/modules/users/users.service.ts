// Staff accounts. 三权分立: who may do what to which account is decided in ONE place,
// shared/account-rules.ts (`accountRefusal`), asked here on every path that changes an account;
// docs/ARCHITECTURE.md (三权分立) has the matrix. Role rules (`roleProblems`): an account holds at
// most one of the three admin roles and then no business role and no unit; nobody changes their own
// roles; sessions end on every role change; granting an admin role replaces the password.
import { accountRefusal, type AccountAction } from '../../../../shared/account-rules.ts';
import { ADMIN_ROLES, ROLE_LABELS, type Role, type Scope } from '../../../../shared/roles.ts';
import { users } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, ErrorCode, forbidden, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { generateInitialPassword, hashPassword } from '../../lib/password.ts';
import { clearAllThrottles, deleteUserSessions, rememberPassword } from '../auth/index.ts';
import { listChildCities } from '../tenants/index.ts';
import { existingUnitIds } from '../units/index.ts';
import { activeHolders, adminCountsByTenant, getUser, insertUser, listUsers, staffOwner, usernameTaken, type UserListRow } from './users.repository.ts';

/** Policy resource 'user': staff accounts only (an enterprise account's id answers 404, issue 12). */
export const owner = (db: DbOrTx, id: string) => staffOwner(db, id);

export const maskMobile = (m: string | null) => (m ? `${m.slice(0, 3)}****${m.slice(-4)}` : null);

const isAdmin = (r: string) => (ADMIN_ROLES as readonly string[]).includes(r);

export const presentUser = (u: UserListRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  unitName: u.unitName ?? null,
  roles: u.roles as Role[],
  scope: u.scope as Scope,
  mobile: maskMobile(u.mobile),
  disabled: u.disabled,
  lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
  mustChangePassword: u.mustChangePassword,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  version: u.version,
});

/** What an audit row records of an account (no hash, masked mobile). */
const auditView = (u: Omit<UserListRow, 'unitName' | 'lockedUntil'>) => ({
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  roles: u.roles,
  scope: u.scope,
  mobile: maskMobile(u.mobile),
  disabled: u.disabled,
});

export async function list(ctx: AuthedCtx, q: { q?: string; unitId?: string; role?: string; page: number; pageSize: number }) {
  const r = await listUsers(
    ctx.db,
    { tenantId: ctx.actor.tenantId, q: q.q, unitId: q.unitId, role: q.role },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: r.items.map(presentUser), total: r.total };
}

async function assertUnit(ctx: AuthedCtx, unitId: string | null | undefined, tx = ctx.db) {
  if (!unitId) return;
  const ok = await existingUnitIds(tx, ctx.actor.tenantId, [unitId]);
  if (!ok.has(unitId)) throw invalid({ unitId: '处室不存在或已归档' });
}

/** 三权分立: refuses (403, the reason in Chinese) unless the actor may do `action` to the target. */
export function assertMayManage(ctx: AuthedCtx, target: { id: string; roles: readonly string[] } | null, action: AccountAction) {
  const why = accountRefusal(ctx.actor.roles, (target?.roles ?? []) as Role[], action, { self: target?.id === ctx.actor.userId });
  if (why) throw forbidden(why);
}

/** The staff account, locked for the change (404 for a missing or enterprise account). */
async function target(ctx: AuthedCtx, tx: DbOrTx, id: string) {
  const u = await getUser(tx, ctx.actor.tenantId, id, true);
  if (!u) throw notFound('账号');
  return u;
}

/** The 409 body of an account: exactly its row in the account list (GET /api/users). */
const presenter = (ctx: AuthedCtx, tx: DbOrTx, id: string) => async () => presentUser((await getUser(tx, ctx.actor.tenantId, id))!);

/** The watchdog stays: the tenant's last active auditor cannot be disabled or lose the role. */
async function assertNotLastAuditor(tx: DbOrTx, u: UserListRow, field: 'disabled' | 'roles') {
  if (!u.roles.includes('auditor') || u.disabled) return;
  if ((await activeHolders(tx, u.tenantId, 'auditor', u.id)) === 0) {
    throw invalid({ [field]: '这是本单位唯一在用的审计管理员账号，须先开通另一名审计管理员' });
  }
}

export async function create(ctx: AuthedCtx, input: { username: string; displayName: string; unitId?: string | null; mobile?: string | null }) {
  assertMayManage(ctx, null, 'create');
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    if (await usernameTaken(tx, input.username)) throw invalid({ username: '用户名已被使用' });
    await assertUnit(ctx, input.unitId, tx);
    const row = await insertUser(tx, {
      tenantId: ctx.actor.tenantId,
      username: input.username,
      displayName: input.displayName,
      unitId: input.unitId ?? null,
      mobile: input.mobile ?? null,
      passwordHash,
      mustChangePassword: true,
      roles: [],
      scope: 'unit',
    });
    await audit(tx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, summary: `新建账号「${row.username}」`, after: auditView(row) });
    const full = await getUser(tx, ctx.actor.tenantId, row.id);
    return { user: presentUser(full!), initialPassword };
  });
}

export async function update(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; displayName?: string; unitId?: string | null; mobile?: string | null; disabled?: boolean },
) {
  const { version, ...set } = input;
  return withTx(ctx, async (tx) => {
    const cur = await target(ctx, tx, id);
    // Each changed field is its own action of the matrix; a request that changes nothing needs 'edit'.
    const actions = new Set<AccountAction>();
    if (set.displayName !== undefined && set.displayName !== cur.displayName) actions.add('edit');
    if (set.mobile !== undefined && set.mobile !== cur.mobile) actions.add('edit');
    if (set.unitId !== undefined && set.unitId !== cur.unitId) actions.add('unit');
    if (set.disabled !== undefined && set.disabled !== cur.disabled) actions.add(set.disabled ? 'disable' : 'enable');
    if (actions.size === 0) actions.add('edit');
    for (const a of actions) assertMayManage(ctx, cur, a);
    await assertUnit(ctx, set.unitId, tx);
    if (set.disabled && !cur.disabled) await assertNotLastAuditor(tx, cur, 'disabled');
    const { before, after } = await updateVersioned(tx, users, { id, tenantId: ctx.actor.tenantId, version }, set, '账号', presenter(ctx, tx, id));
    if (after.disabled && !before.disabled) await deleteUserSessions(tx, id);
    const action = after.disabled && !before.disabled ? 'user.disable' : !after.disabled && before.disabled ? 'user.enable' : 'user.update';
    await audit(tx, ctx, {
      action,
      entity: 'user',
      entityId: id,
      summary: `修改账号「${after.username}」`,
      before: auditView(before),
      after: auditView(after),
    });
    return presentUser((await getUser(tx, ctx.actor.tenantId, id))!);
  });
}

/**
 * New initial password (shown once, changed at next sign-in): sysadmin for business accounts,
 * secadmin for the admin accounts. The replaced hash joins the history; sessions and every
 * address's sign-in hold-back end.
 */
export async function resetPassword(ctx: AuthedCtx, id: string) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const u = await target(ctx, tx, id);
    assertMayManage(ctx, u, 'reset_password');
    await replacePassword(ctx, tx, u, passwordHash);
    const admin = u.roles.some(isAdmin);
    await audit(tx, ctx, {
      action: 'user.password_reset',
      entity: 'user',
      entityId: id,
      summary: `重置${admin ? '管理员' : ''}账号「${u.username}」的密码`,
    });
    return { initialPassword };
  });
}

async function replacePassword(ctx: AuthedCtx, tx: DbOrTx, u: UserListRow, passwordHash: string) {
  await rememberPassword(tx, u.id, u.passwordHash);
  await updateVersioned(
    tx,
    users,
    { id: u.id, tenantId: ctx.actor.tenantId, version: u.version },
    { passwordHash, mustChangePassword: true },
    '账号',
    presenter(ctx, tx, u.id),
  );
  await deleteUserSessions(tx, u.id);
  await clearAllThrottles(tx, u.username);
}

/** The role rules of 三权分立, checked on every role assignment. */
export function roleProblems(actor: { userId: string }, targetId: string, roles: Role[], scope: Scope, unitId: string | null): Record<string, string> {
  const f: Record<string, string> = {};
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r));
  if (targetId === actor.userId) f.roles = '不能修改自己的角色';
  else if (admin.length > 1) f.roles = '系统管理员、安全管理员、审计管理员三种角色不能由同一账号兼任';
  else if (admin.length === 1 && roles.length > 1) f.roles = '管理员账号不能兼任业务角色';
  else if (roles.includes('enterprise')) f.roles = '企业用户账号须通过企业账号管理开通，不能在此分配';
  else if (new Set(roles).size !== roles.length) f.roles = '角色不能重复';
  if (scope === 'unit' && !unitId && roles.some((r) => !(ADMIN_ROLES as readonly string[]).includes(r))) {
    f.scope = '数据范围为“本处室”的账号须先由系统管理员指定所在处室';
  }
  if (scope === 'portfolio' && !roles.includes('leader')) f.scope = '“分管处室”数据范围仅适用于厅领导';
  return f;
}

/**
 * secadmin assigns roles and data scope. Every change ends the account's sessions. An account that
 * becomes an admin loses its unit (admin roles hold no unit, so no business notices) and, when it
 * gains an admin role it did not hold, gets a new initial password for secadmin to hand over: whoever
 * knew the old one (sysadmin created the account and saw its first password) cannot sign in as the
 * new administrator.
 */
export async function setRoles(ctx: AuthedCtx, id: string, input: { version: number; roles: Role[]; scope: Scope }) {
  return withTx(ctx, async (tx) => {
    const u = await target(ctx, tx, id);
    assertMayManage(ctx, u, 'roles');
    const becomesAdmin = input.roles.some(isAdmin);
    const unitId = becomesAdmin ? null : u.unitId;
    const problems = roleProblems(ctx.actor, id, input.roles, input.scope, unitId);
    if (Object.keys(problems).length) throw invalid(problems);
    if (!input.roles.includes('auditor')) await assertNotLastAuditor(tx, u, 'roles');
    const newAdminRole = input.roles.find((r) => isAdmin(r) && !u.roles.includes(r));
    const { before, after } = await updateVersioned(
      tx,
      users,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { roles: input.roles, scope: input.scope, unitId },
      '账号',
      presenter(ctx, tx, id),
    );
    await deleteUserSessions(tx, id);
    let initialPassword: string | undefined;
    if (newAdminRole) {
      initialPassword = generateInitialPassword();
      await replacePassword(ctx, tx, { ...u, version: after.version }, await hashPassword(initialPassword));
    }
    await audit(tx, ctx, {
      action: 'user.roles',
      entity: 'user',
      entityId: id,
      summary: `调整账号「${after.username}」的角色${initialPassword ? '（授予管理员角色，已重置密码）' : ''}`,
      before: { roles: before.roles, scope: before.scope, unitId: before.unitId },
      after: { roles: after.roles, scope: after.scope, unitId: after.unitId },
    });
    const user = presentUser((await getUser(tx, ctx.actor.tenantId, id))!);
    return initialPassword ? { ...user, initialPassword } : user;
  });
}

/** secadmin ends every address's sign-in hold-back of an account. */
export async function unlock(ctx: AuthedCtx, id: string) {
  return withTx(ctx, async (tx) => {
    const u = await target(ctx, tx, id);
    assertMayManage(ctx, u, 'unlock');
    if ((await clearAllThrottles(tx, u.username)) === 0) throw new AppError(ErrorCode.CONFLICT, '该账号未被锁定');
    await audit(tx, ctx, { action: 'user.unlock', entity: 'user', entityId: id, summary: `解锁账号「${u.username}」` });
    return presentUser((await getUser(tx, ctx.actor.tenantId, id))!);
  });
}

// ---------------------------------------------------------------- a new city's first admin accounts

export type AdminRole = (typeof ADMIN_ROLES)[number];

/** The province's cities and how many active sysadmin / secadmin / auditor accounts each has. */
export async function citiesAdminStatus(ctx: AuthedCtx) {
  if (ctx.actor.tenantKind !== 'province') throw forbidden('只有省厅安全管理员可以查看各市管理员开通情况');
  const cities = await listChildCities(ctx.db, ctx.actor.tenantId);
  const counts = await adminCountsByTenant(
    ctx.db,
    cities.map((c) => c.id),
  );
  return { items: cities.map((c) => ({ code: c.code, name: c.name, ...(counts.get(c.id) ?? { sysadmin: 0, secadmin: 0, auditor: 0 }) })) };
}

/**
 * Issue 12: a new city has no auditor or secadmin, so nobody could read its audit log or manage its
 * accounts. The province's secadmin opens a city's first account of an admin role — only while the
 * city has no active account of that role; afterwards the city's own duties manage it (三权分立).
 * The initial password is shown once; the change is audited in the province and in the city.
 */
export async function bootstrapCityAdmin(
  ctx: AuthedCtx,
  code: string,
  input: { role: AdminRole; username: string; displayName: string; mobile?: string | null },
) {
  if (ctx.actor.tenantKind !== 'province') throw forbidden('只有省厅安全管理员可以为各市开通首个管理员账号');
  const why = accountRefusal(ctx.actor.roles, [input.role], 'bootstrap');
  if (why) throw forbidden(why);
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const city = (await listChildCities(tx, ctx.actor.tenantId)).find((c) => c.code === code);
    if (!city) throw notFound('市局');
    if ((await activeHolders(tx, city.id, input.role)) > 0) {
      throw new AppError(ErrorCode.CONFLICT, `${city.name}已有在用的${ROLE_LABELS[input.role]}账号，请由该市自行管理`);
    }
    if (await usernameTaken(tx, input.username)) throw invalid({ username: '用户名已被使用' });
    const row = await insertUser(tx, {
      tenantId: city.id,
      username: input.username,
      displayName: input.displayName,
      mobile: input.mobile ?? null,
      unitId: null,
      passwordHash,
      mustChangePassword: true,
      roles: [input.role],
      scope: 'tenant',
    });
    const entry = {
      action: 'user.bootstrap',
      entity: 'user',
      entityId: row.id,
      summary: `省厅为${city.name}开通首个${ROLE_LABELS[input.role]}账号「${row.username}」`,
      after: auditView(row),
    };
    await audit(tx, ctx, entry);
    await audit(tx, ctx, { ...entry, tenantId: city.id });
    return { user: presentUser((await getUser(tx, city.id, row.id))!), tenantCode: city.code, initialPassword };
  });
}
