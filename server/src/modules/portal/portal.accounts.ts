// Enterprise accounts managed by intake (issue 7 "Accounts"): open an account for a registry
// enterprise (initial password shown once, changed at first login), list and search, disable /
// enable, reset the password. Only users with role 'enterprise' are reachable here: a staff
// account's id answers 404 (policy resource 'enterpriseAccount'), so intake never touches staff.
import { users } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { generateInitialPassword, hashPassword } from '../../lib/password.ts';
import { iso } from '../appeals/appeals.view.ts';
import { deleteUserSessions } from '../auth/session.repository.ts';
import { insertUser, usernameTaken } from '../users/users.repository.ts';
import { maskMobile } from '../users/users.service.ts';
import * as repo from './portal.repository.ts';
import type { AccountRow } from './portal.repository.ts';

export function presentAccount(a: AccountRow) {
  const lockedUntil = a.lockedUntil ? new Date(a.lockedUntil) : null;
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    roles: ['enterprise' as const],
    scope: 'unit' as const,
    mobile: maskMobile(a.mobile),
    disabled: a.disabled,
    lockedUntil: lockedUntil && lockedUntil.getTime() > Date.now() ? lockedUntil.toISOString() : null,
    mustChangePassword: a.mustChangePassword,
    lastLoginAt: iso(a.lastLoginAt),
    createdAt: iso(a.createdAt)!,
    enterpriseId: a.enterpriseId,
    enterpriseName: a.enterpriseName,
    uscc: a.uscc,
    version: a.version,
  };
}

const auditView = (a: AccountRow) => ({ username: a.username, displayName: a.displayName, enterpriseId: a.enterpriseId, uscc: a.uscc, disabled: a.disabled });

export async function createAccount(ctx: AuthedCtx, input: { enterpriseId: string; username: string; displayName: string; mobile?: string | null }) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const e = await repo.enterpriseById(tx, ctx.actor.tenantId, input.enterpriseId);
    const fields: Record<string, string> = {};
    if (!e || e.archived) fields.enterpriseId = '本单位企业名录中没有该企业';
    // Staff-only form: telling intake that a username is taken reveals nothing to the public.
    if (await usernameTaken(tx, input.username)) fields.username = '用户名已被使用';
    if (Object.keys(fields).length) throw invalid(fields);
    const row = await insertUser(tx, {
      tenantId: ctx.actor.tenantId,
      username: input.username,
      displayName: input.displayName,
      mobile: input.mobile ?? null,
      passwordHash,
      mustChangePassword: true,
      roles: ['enterprise'],
      scope: 'unit',
      unitId: null,
      enterpriseId: e!.id,
    });
    await audit(tx, ctx, {
      action: 'enterprise_account.create',
      entity: 'user',
      entityId: row.id,
      summary: `为企业「${e!.name}」开通企业账号「${row.username}」`,
      after: { username: row.username, displayName: row.displayName, enterpriseId: e!.id, uscc: e!.uscc, mobile: maskMobile(row.mobile) },
    });
    const account = await repo.getAccount(tx, ctx.actor.tenantId, row.id);
    return { user: presentAccount(account!), initialPassword };
  });
}

export async function listAccounts(ctx: AuthedCtx, q: { q?: string; page: number; pageSize: number }) {
  const r = await repo.listAccounts(ctx.db, ctx.actor.tenantId, q.q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: r.items.map(presentAccount), total: r.total };
}

/** The account, locked, at the version the caller read (409 carries the presented account, never the hash). */
async function lockedAt(ctx: AuthedCtx, tx: DbOrTx, id: string, version: number) {
  const a = await repo.getAccount(tx, ctx.actor.tenantId, id, true);
  if (!a) throw notFound('企业账号');
  if (a.version !== version) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: presentAccount(a) } });
  return a;
}

/** Disable (sessions end at once) or enable an enterprise account. */
export async function setDisabled(ctx: AuthedCtx, id: string, input: { version: number; disabled: boolean }) {
  return withTx(ctx, async (tx) => {
    const before = await lockedAt(ctx, tx, id, input.version);
    if (before.disabled === input.disabled) {
      throw new AppError(ErrorCode.CONFLICT, input.disabled ? '该企业账号已是停用状态' : '该企业账号已是启用状态');
    }
    await updateVersioned(tx, users, { id, tenantId: ctx.actor.tenantId, version: input.version }, { disabled: input.disabled }, '企业账号');
    if (input.disabled) await deleteUserSessions(tx, id);
    const after = (await repo.getAccount(tx, ctx.actor.tenantId, id))!;
    await audit(tx, ctx, {
      action: input.disabled ? 'enterprise_account.disable' : 'enterprise_account.enable',
      entity: 'user',
      entityId: id,
      summary: `${input.disabled ? '停用' : '启用'}企业「${after.enterpriseName}」的企业账号「${after.username}」`,
      before: auditView(before),
      after: auditView(after),
    });
    return presentAccount(after);
  });
}

/** New initial password (shown once; must be changed at next login); clears a lockout and ends sessions. */
export async function resetPassword(ctx: AuthedCtx, id: string, input: { version: number }) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const a = await lockedAt(ctx, tx, id, input.version);
    await updateVersioned(
      tx,
      users,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null },
      '企业账号',
    );
    await deleteUserSessions(tx, id);
    await audit(tx, ctx, {
      action: 'enterprise_account.password_reset',
      entity: 'user',
      entityId: id,
      summary: `重置企业「${a.enterpriseName}」的企业账号「${a.username}」的密码`,
    });
    return { user: presentAccount((await repo.getAccount(tx, ctx.actor.tenantId, id))!), initialPassword };
  });
}
