// Enterprise accounts managed by intake (issue 7 "Accounts"): open an account for a registry
// enterprise (initial password shown once, changed at first login), list and search, disable /
// enable, reset the password. Only users with role 'enterprise' are reachable here: a staff
// account's id answers 404 (policy resource 'enterpriseAccount'), so intake never touches staff.
// 三权分立: every path asks shared/account-rules.ts (enterprise accounts are intake's, never sysadmin's).
import { accountRefusal, type AccountAction } from '../../../../shared/account-rules.ts';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, ErrorCode, forbidden, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { generateInitialPassword, hashPassword } from '../../lib/password.ts';
import { clearAllThrottles, deleteUserSessions, rememberPassword } from '../auth/index.ts';
import { enterpriseById } from '../enterprises/index.ts';
import {
  enterpriseAccountOwner,
  getEnterpriseAccount,
  insertUser,
  listEnterpriseAccounts,
  maskMobile,
  updateEnterpriseAccount,
  usernameTaken,
  type EnterpriseAccountRow as AccountRow,
} from '../users/index.ts';

/** Policy resource 'enterpriseAccount': only users with role 'enterprise' (a staff account's id answers 404). */
export const owner = enterpriseAccountOwner;

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

function assertMayManage(ctx: AuthedCtx, action: AccountAction) {
  const why = accountRefusal(ctx.actor.roles, ['enterprise'], action);
  if (why) throw forbidden(why);
}

/** The 409 body of an enterprise account: exactly its row in the list (GET /api/enterprise-accounts). */
const presenter = (ctx: AuthedCtx, tx: DbOrTx, id: string) => async () => presentAccount((await getEnterpriseAccount(tx, ctx.actor.tenantId, id))!);

const auditView = (a: AccountRow) => ({ username: a.username, displayName: a.displayName, enterpriseId: a.enterpriseId, uscc: a.uscc, disabled: a.disabled });

export async function createAccount(ctx: AuthedCtx, input: { enterpriseId: string; username: string; displayName: string; mobile?: string | null }) {
  assertMayManage(ctx, 'create');
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const e = await enterpriseById(tx, ctx.actor.tenantId, input.enterpriseId);
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
    const account = await getEnterpriseAccount(tx, ctx.actor.tenantId, row.id);
    return { user: presentAccount(account!), initialPassword };
  });
}

export async function listAccounts(ctx: AuthedCtx, q: { q?: string; page: number; pageSize: number }) {
  const r = await listEnterpriseAccounts(ctx.db, ctx.actor.tenantId, q.q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: r.items.map(presentAccount), total: r.total };
}

/** The account, locked, at the version the caller read (409 carries the presented account, never the hash). */
async function lockedAt(ctx: AuthedCtx, tx: DbOrTx, id: string, version: number) {
  const a = await getEnterpriseAccount(tx, ctx.actor.tenantId, id, true);
  if (!a) throw notFound('企业账号');
  if (a.version !== version) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: presentAccount(a) } });
  return a;
}

/** Disable (sessions end at once) or enable an enterprise account. */
export async function setDisabled(ctx: AuthedCtx, id: string, input: { version: number; disabled: boolean }) {
  assertMayManage(ctx, input.disabled ? 'disable' : 'enable');
  return withTx(ctx, async (tx) => {
    const before = await lockedAt(ctx, tx, id, input.version);
    if (before.disabled === input.disabled) {
      throw new AppError(ErrorCode.CONFLICT, input.disabled ? '该企业账号已是停用状态' : '该企业账号已是启用状态');
    }
    await updateEnterpriseAccount(tx, { id, tenantId: ctx.actor.tenantId, version: input.version }, { disabled: input.disabled }, presenter(ctx, tx, id));
    if (input.disabled) await deleteUserSessions(tx, id);
    const after = (await getEnterpriseAccount(tx, ctx.actor.tenantId, id))!;
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

/** New initial password (shown once; must be changed at next login); ends every address's sign-in hold-back and the sessions. */
export async function resetPassword(ctx: AuthedCtx, id: string, input: { version: number }) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  assertMayManage(ctx, 'reset_password');
  return withTx(ctx, async (tx) => {
    const a = await lockedAt(ctx, tx, id, input.version);
    const { before } = await updateEnterpriseAccount(
      tx,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { passwordHash, mustChangePassword: true },
      presenter(ctx, tx, id),
    );
    await rememberPassword(tx, id, before.passwordHash);
    await deleteUserSessions(tx, id);
    await clearAllThrottles(tx, a.username);
    await audit(tx, ctx, {
      action: 'enterprise_account.password_reset',
      entity: 'user',
      entityId: id,
      summary: `重置企业「${a.enterpriseName}」的企业账号「${a.username}」的密码`,
    });
    return { user: presentAccount((await getEnterpriseAccount(tx, ctx.actor.tenantId, id))!), initialPassword };
  });
}
