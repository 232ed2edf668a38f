// Enterprise self-registration (issue 7 "Accounts"): the public request, intake's check against the
// registry (same USCC in the tenant, name match, supervising unit) and the decision.
//
// Username probing: the public answer never depends on whether a username exists. `register` does
// not look at the users table at all: a request asking for a taken username is accepted like any
// other, and intake sees the conflict on the request (`usernameTaken`) and approves it with another
// username (`approve({ username })`), telling the contact by phone. Duplicate protection is per
// enterprise: one pending request per USCC in a tenant (the USCC is public registry data, so the
// 409 reveals nothing an enterprise does not already know); two pending requests asking for the
// same username are both accepted and the second approval has to pick another one.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { enterpriseRegistrations } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { fullNameOf } from '../../domain/regions/index.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { hashPassword, passwordProblem } from '../../lib/password.ts';
import { iso } from '../../lib/format.ts';
import { hitRateLimit } from '../auth/index.ts';
import { findByUscc, registryMatch } from '../enterprises/index.ts';
import { listTenants, loadSecuritySettings, tenantByCode } from '../tenants/index.ts';
import { accountsOfEnterprise, insertUser, maskMobile, usernameTaken } from '../users/index.ts';
import * as repo from './portal.repository.ts';
import type { RegistrationRow } from './portal.repository.ts';

export const USERNAME_RULE = /^[A-Za-z0-9_.-]{3,32}$/;

export function presentRegistration(r: RegistrationRow) {
  return {
    id: r.id,
    uscc: r.uscc,
    enterpriseName: r.enterpriseName,
    contactName: r.contactName,
    mobile: r.mobile,
    username: r.username,
    status: r.status,
    rejectReason: r.rejectReason,
    enterpriseId: r.enterpriseId,
    userId: r.userId,
    decidedAt: iso(r.decidedAt),
    createdAt: iso(r.createdAt)!,
    version: r.version,
  };
}

const auditRegistration = (r: RegistrationRow) => ({
  uscc: r.uscc,
  enterpriseName: r.enterpriseName,
  contactName: r.contactName,
  mobile: maskMobile(r.mobile),
  username: r.username,
  status: r.status,
});

/** Names compared the way people write them: full-width/half-width forms and spaces ignored. */
export const sameName = (a: string, b: string) => {
  const n = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return n(a) === n(b);
};

// ---------------------------------------------------------------- public

/** Public registration page: the province first, then the city bureaus, by code. */
export async function publicTenants(ctx: Ctx) {
  const all = await listTenants(ctx.db);
  const items = [...all.filter((t) => t.kind === 'province'), ...all.filter((t) => t.kind !== 'province')].map((t) => ({
    code: t.code,
    name: t.name,
    kind: t.kind,
  }));
  return { items };
}

/** Policy resource 'enterpriseRegistration'. */
export const owner = repo.registrationOwner;

/** The password rule of a tenant as the registration form shows it (same rule as staff, 等保 level 3). */
export async function passwordRule(ctx: Ctx, tenantCode: string) {
  const tenant = await tenantByCode(ctx.db, tenantCode);
  if (!tenant) throw invalid({ tenantCode: '受理单位不存在' });
  const { passwordMinLength } = (await loadSecuritySettings(ctx.db, tenant.id)).settings;
  return { minLength: passwordMinLength, text: `至少${passwordMinLength}位，须包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名` };
}

export type RegisterInput = {
  tenantCode: string;
  uscc: string;
  enterpriseName: string;
  contactName: string;
  mobile: string;
  username?: string;
  password: string;
};

/** Public: an enterprise asks for an account; intake checks and approves or rejects it. Rate-limited per IP. */
export async function register(ctx: Ctx, input: RegisterInput, opts: { ratePerMinute: number }) {
  try {
    await hitRateLimit(ctx.db, `portal-register:${ctx.ip}`, opts.ratePerMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '注册申请过于频繁，请一分钟后再试');
    throw err;
  }
  const fields: Record<string, string> = {};
  const tenant = await tenantByCode(ctx.db, input.tenantCode);
  if (!tenant) fields.tenantCode = '受理单位不存在';
  const c = checkUscc(input.uscc);
  if (!c.valid) fields.uscc = c.error ?? '统一社会信用代码不正确';
  const uscc = c.normalized ?? input.uscc.toUpperCase();
  const username = input.username ?? uscc;
  if (!USERNAME_RULE.test(username)) fields.username = '用户名为3–32位字母、数字或 _ . -';
  if (tenant) {
    const sec = (await loadSecuritySettings(ctx.db, tenant.id)).settings;
    const problem = passwordProblem(input.password, sec.passwordMinLength, username);
    if (problem) fields.password = problem;
  }
  if (Object.keys(fields).length) throw invalid(fields);
  const passwordHash = await hashPassword(input.password);
  return withTx(ctx, async (tx) => {
    // No look-up of the users table here: whether the username exists must not change the answer.
    // Several pending requests per USCC are kept (issue 12): intake compares them and approves the right one.
    const row = await repo.insertRegistration(tx, {
      tenantId: tenant!.id,
      uscc,
      enterpriseName: input.enterpriseName,
      contactName: input.contactName,
      mobile: input.mobile,
      username,
      passwordHash,
      ip: ctx.ip,
    });
    await audit(tx, ctx, {
      tenantId: tenant!.id,
      actorId: null,
      actorName: `${input.contactName}（企业自助注册）`,
      action: 'enterprise_registration.create',
      entity: 'enterprise_registration',
      entityId: row.id,
      summary: `企业「${input.enterpriseName}」（${uscc}）申请开通企业账号「${username}」`,
      after: auditRegistration(row),
    });
    return { id: row.id, status: row.status, username };
  });
}

// ---------------------------------------------------------------- intake

export async function listRegistrations(ctx: AuthedCtx, q: { status?: string; page: number; pageSize: number }) {
  const r = await repo.listRegistrations(ctx.db, ctx.actor.tenantId, q.status, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: r.items.map(presentRegistration), total: r.total };
}

/** The request next to what intake checks it against: the registry record with that USCC, accounts, username conflicts. */
export async function getRegistration(ctx: AuthedCtx, id: string) {
  const r = await repo.getRegistration(ctx.db, ctx.actor.tenantId, id);
  if (!r) throw notFound('注册申请');
  const e = await registryMatch(ctx.db, ctx.actor.tenantId, r.uscc);
  const pending = r.status === 'pending';
  return {
    registration: presentRegistration(r),
    registry: e ? { ...e, regionName: fullNameOf(e.regionCode) ?? e.regionCode, nameMatches: sameName(e.name, r.enterpriseName) } : null,
    existingAccounts: e ? await accountsOfEnterprise(ctx.db, ctx.actor.tenantId, e.id) : [],
    // Only while pending: afterwards the username is the account's own.
    usernameTaken: pending ? await usernameTaken(ctx.db, r.username) : false,
    samePendingUsername: pending ? await repo.pendingWithUsername(ctx.db, r.username, r.id) : 0,
    // The other pending requests for the same USCC, shown side by side (approving one rejects them).
    samePendingUscc: pending ? (await repo.otherPendingOfUscc(ctx.db, ctx.actor.tenantId, r.uscc, r.id)).map(presentRegistration) : [],
  };
}

/** The pending request, locked; its version is checked here so a conflict never carries the password hash. */
async function pendingLocked(ctx: AuthedCtx, tx: DbOrTx, id: string, version: number) {
  const r = await repo.getRegistration(tx, ctx.actor.tenantId, id, true);
  if (!r) throw notFound('注册申请');
  if (r.version !== version) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: presentRegistration(r) } });
  if (r.status !== 'pending' || !r.passwordHash) throw new AppError(ErrorCode.CONFLICT, '该注册申请已处理');
  return { ...r, passwordHash: r.passwordHash };
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

/**
 * Intake approves after checking: the account is linked to the registry enterprise with that USCC
 * in this tenant. `username` overrides the requested one (taken, or unsuitable); the enterprise keeps
 * the password it chose at registration.
 */
export async function approve(ctx: AuthedCtx, id: string, input: { version: number; username?: string; rejectOthersReason?: string }) {
  return withTx(ctx, async (tx) => {
    const r = await pendingLocked(ctx, tx, id, input.version);
    // Anyone may have registered the same USCC: the others are rejected with intake's reason, together.
    const others = await repo.otherPendingOfUscc(tx, ctx.actor.tenantId, r.uscc, r.id, true);

    const e = await findByUscc(tx, ctx.actor.tenantId, r.uscc);
    const username = input.username ?? r.username;
    const fields: Record<string, string> = {};
    if (!e || e.archived) fields.uscc = '本单位企业名录中没有该统一社会信用代码的企业，请先核实并录入名录';
    if (await usernameTaken(tx, username)) {
      fields.username = input.username ? `用户名「${username}」已被使用，请另定一个` : `申请的用户名「${username}」已被使用，请另定用户名后再通过`;
    }
    if (others.length && !input.rejectOthersReason) {
      fields.rejectOthersReason = `该企业还有${others.length}份待审核的注册申请，通过本申请须同时驳回，请填写驳回理由`;
    }
    if (Object.keys(fields).length) throw invalid(fields);
    let user;
    try {
      user = await insertUser(tx, {
        tenantId: ctx.actor.tenantId,
        username,
        displayName: r.contactName,
        mobile: r.mobile,
        // The password the enterprise chose at registration (checked against the rules then).
        passwordHash: r.passwordHash,
        mustChangePassword: false,
        passwordChangedAt: r.createdAt,
        roles: ['enterprise'],
        scope: 'unit',
        unitId: null,
        enterpriseId: e!.id,
      });
    } catch (err) {
      // Another approval took the same username a moment ago.
      if (isUniqueViolation(err)) throw invalid({ username: `用户名「${username}」已被使用，请另定一个` });
      throw err;
    }
    const { before, after } = await updateVersioned(
      tx,
      enterpriseRegistrations,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { status: 'approved', username, enterpriseId: e!.id, userId: user.id, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, passwordHash: null },
      '注册申请',
      presentRegistration,
    );
    const renamed = username !== r.username ? `（申请用户名「${r.username}」已被使用，改为「${username}」）` : '';
    await audit(tx, ctx, {
      action: 'enterprise_registration.approve',
      entity: 'enterprise_registration',
      entityId: id,
      summary: `通过企业「${e!.name}」（${e!.uscc}）的注册申请，开通企业账号「${user.username}」${renamed}`,
      before: auditRegistration(before),
      after: { ...auditRegistration(after), enterpriseId: e!.id, userId: user.id },
    });
    await audit(tx, ctx, {
      action: 'enterprise_account.create',
      entity: 'user',
      entityId: user.id,
      summary: `企业账号「${user.username}」（注册申请审核通过）`,
      after: { username: user.username, displayName: user.displayName, enterpriseId: e!.id, uscc: e!.uscc, mobile: maskMobile(user.mobile) },
    });
    for (const o of others) {
      const { before: ob, after: oa } = await updateVersioned(
        tx,
        enterpriseRegistrations,
        { id: o.id, tenantId: ctx.actor.tenantId, version: o.version },
        { status: 'rejected', rejectReason: input.rejectOthersReason!, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, passwordHash: null },
        '注册申请',
        presentRegistration,
      );
      await audit(tx, ctx, {
        action: 'enterprise_registration.reject',
        entity: 'enterprise_registration',
        entityId: o.id,
        summary: `驳回企业「${ob.enterpriseName}」（${ob.uscc}）的注册申请（已通过同一企业的另一份申请）：${input.rejectOthersReason}`,
        before: auditRegistration(ob),
        after: { ...auditRegistration(oa), rejectReason: input.rejectOthersReason },
      });
    }
    return presentRegistration(after);
  });
}

export async function reject(ctx: AuthedCtx, id: string, input: { version: number; reason: string }) {
  return withTx(ctx, async (tx) => {
    await pendingLocked(ctx, tx, id, input.version);
    const { before, after } = await updateVersioned(
      tx,
      enterpriseRegistrations,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { status: 'rejected', rejectReason: input.reason, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, passwordHash: null },
      '注册申请',
      presentRegistration,
    );
    await audit(tx, ctx, {
      action: 'enterprise_registration.reject',
      entity: 'enterprise_registration',
      entityId: id,
      summary: `驳回企业「${before.enterpriseName}」（${before.uscc}）的注册申请：${input.reason}`,
      before: auditRegistration(before),
      after: { ...auditRegistration(after), rejectReason: input.reason },
    });
    return presentRegistration(after);
  });
}
