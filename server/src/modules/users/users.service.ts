// Accounts. 三权分立: sysadmin creates and edits accounts and resets passwords; secadmin assigns
// roles and data scope and unlocks; nobody changes their own roles; an account holds at most one
// of the three admin roles and then no business role.
import { ADMIN_ROLES, type Role, type Scope } from '../../../../shared/roles.ts';
import { users } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { generateInitialPassword, hashPassword } from '../../lib/password.ts';
import { deleteUserSessions } from '../auth/session.repository.ts';
import { existingUnitIds } from '../units/units.repository.ts';
import { getUser, insertUser, listUsers, usernameTaken, type UserListRow, type UserRow } from './users.repository.ts';

export const maskMobile = (m: string | null) => (m ? `${m.slice(0, 3)}****${m.slice(-4)}` : null);

export const presentUser = (u: UserRow & { unitName?: string | null }) => ({
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
const auditView = (u: UserRow) => ({
  username: u.username,
  displayName: u.displayName,
  unitId: u.unitId,
  roles: u.roles,
  scope: u.scope,
  mobile: maskMobile(u.mobile),
  disabled: u.disabled,
});

export async function list(ctx: AuthedCtx, q: { q?: string; unitId?: string; role?: string; page: number; pageSize: number }) {
  const r = await listUsers(ctx.db, { tenantId: ctx.actor.tenantId, q: q.q, unitId: q.unitId, role: q.role }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map(presentUser), total: r.total };
}

async function assertUnit(ctx: AuthedCtx, unitId: string | null | undefined, tx = ctx.db) {
  if (!unitId) return;
  const ok = await existingUnitIds(tx, ctx.actor.tenantId, [unitId]);
  if (!ok.has(unitId)) throw invalid({ unitId: '处室不存在或已归档' });
}

export async function create(ctx: AuthedCtx, input: { username: string; displayName: string; unitId?: string | null; mobile?: string | null }) {
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
  if (id === ctx.actor.userId && set.disabled) throw invalid({ disabled: '不能停用自己的账号' });
  return withTx(ctx, async (tx) => {
    await assertUnit(ctx, set.unitId, tx);
    const { before, after } = await updateVersioned(tx, users, { id, tenantId: ctx.actor.tenantId, version }, set, '账号');
    if (after.disabled && !before.disabled) await deleteUserSessions(tx, id);
    const action = after.disabled && !before.disabled ? 'user.disable' : !after.disabled && before.disabled ? 'user.enable' : 'user.update';
    await audit(tx, ctx, { action, entity: 'user', entityId: id, summary: `修改账号「${after.username}」`, before: auditView(before), after: auditView(after) });
    return presentUser((await getUser(tx, ctx.actor.tenantId, id))!);
  });
}

export async function resetPassword(ctx: AuthedCtx, id: string) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const u = await getUser(tx, ctx.actor.tenantId, id);
    if (!u) throw notFound('账号');
    await updateVersioned(tx, users, { id, tenantId: ctx.actor.tenantId, version: u.version }, {
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
    }, '账号');
    await deleteUserSessions(tx, id);
    await audit(tx, ctx, { action: 'user.password_reset', entity: 'user', entityId: id, summary: `重置账号「${u.username}」的密码` });
    return { initialPassword };
  });
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

export async function setRoles(ctx: AuthedCtx, id: string, input: { version: number; roles: Role[]; scope: Scope }) {
  return withTx(ctx, async (tx) => {
    const u = await getUser(tx, ctx.actor.tenantId, id);
    if (!u) throw notFound('账号');
    const problems = roleProblems(ctx.actor, id, input.roles, input.scope, u.unitId);
    if (Object.keys(problems).length) throw invalid(problems);
    const { before, after } = await updateVersioned(tx, users, { id, tenantId: ctx.actor.tenantId, version: input.version }, { roles: input.roles, scope: input.scope }, '账号');
    // New rights take effect at the next login: existing sessions keep nothing stale because the
    // actor is reloaded from the users table on every request.
    await audit(tx, ctx, { action: 'user.roles', entity: 'user', entityId: id, summary: `调整账号「${after.username}」的角色`, before: { roles: before.roles, scope: before.scope }, after: { roles: after.roles, scope: after.scope } });
    return presentUser((await getUser(tx, ctx.actor.tenantId, id))!);
  });
}

export async function unlock(ctx: AuthedCtx, id: string) {
  return withTx(ctx, async (tx) => {
    const u: UserListRow | null = await getUser(tx, ctx.actor.tenantId, id);
    if (!u) throw notFound('账号');
    if (!u.lockedUntil && u.failedAttempts === 0) throw new AppError(ErrorCode.CONFLICT, '该账号未被锁定');
    await updateVersioned(tx, users, { id, tenantId: ctx.actor.tenantId, version: u.version }, { lockedUntil: null, failedAttempts: 0 }, '账号');
    await audit(tx, ctx, { action: 'user.unlock', entity: 'user', entityId: id, summary: `解锁账号「${u.username}」` });
    return presentUser((await getUser(tx, ctx.actor.tenantId, id))!);
  });
}
