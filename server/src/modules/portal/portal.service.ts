// Enterprise portal (issue 7): enterprise accounts (created by intake, or self-registered and
// approved by intake after checking against the registry) and the enterprise's own appeals.
// An enterprise account is a user with role 'enterprise' and users.enterprise_id set; it signs in
// through the same login (password rules, lockout, rate limit) as staff.
import { sql } from 'drizzle-orm';
import type { AppealCategory, AppealChannel, AppealState, EvaluationRating, ResultKind } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { enterpriseRegistrations } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { evaluationDeadline } from '../../domain/appeals/clock.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { generateInitialPassword, hashPassword, passwordProblem } from '../../lib/password.ts';
import * as appealsRepo from '../appeals/appeals.repository.ts';
import type { AppealRow } from '../appeals/appeals.repository.ts';
import { appealClock, iso, maskedIdentity, presentMilestones, tenantEnv, type TenantEnv } from '../appeals/appeals.view.ts';
import { hitRateLimit } from '../auth/auth.service.ts';
import { loadSecuritySettings } from '../tenants/settings.ts';
import { getUser, insertUser, usernameTaken } from '../users/users.repository.ts';
import { maskMobile, presentUser } from '../users/users.service.ts';
import * as repo from './portal.repository.ts';
import type { RegistrationRow } from './portal.repository.ts';
import { evaluateAppeal, submitAppeal, type PortalSubmitInput } from './portal.submit.ts';

/** Portal submissions per account per minute (issue 7: per-account limit on submit). */
export const SUBMIT_PER_MINUTE = 10;

// ---------------------------------------------------------------- accounts created by intake

export async function createAccount(ctx: AuthedCtx, input: { enterpriseId: string; username: string; displayName: string; mobile?: string | null }) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return withTx(ctx, async (tx) => {
    const e = await repo.enterpriseById(tx, ctx.actor.tenantId, input.enterpriseId);
    const fields: Record<string, string> = {};
    if (!e || e.archived) fields.enterpriseId = '本单位企业名录中没有该企业';
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
    const full = await getUser(tx, ctx.actor.tenantId, row.id);
    return { user: { ...presentUser(full!), enterpriseId: e!.id, enterpriseName: e!.name }, initialPassword };
  });
}

// ---------------------------------------------------------------- self-registration

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

export type RegisterInput = { tenantCode: string; uscc: string; enterpriseName: string; contactName: string; mobile: string; username?: string; password: string };

/** Public: an enterprise asks for an account; intake checks and approves or rejects it. Rate-limited per IP. */
export async function register(ctx: Ctx, input: RegisterInput, opts: { ratePerMinute: number }) {
  try {
    await hitRateLimit(ctx.db, `portal-register:${ctx.ip}`, opts.ratePerMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '注册申请过于频繁，请一分钟后再试');
    throw err;
  }
  const fields: Record<string, string> = {};
  const tenant = await repo.tenantByCode(ctx.db, input.tenantCode);
  if (!tenant) fields.tenantCode = '受理单位不存在';
  const c = checkUscc(input.uscc);
  if (!c.valid) fields.uscc = c.error ?? '统一社会信用代码不正确';
  const uscc = c.normalized ?? input.uscc.toUpperCase();
  const username = input.username ?? uscc;
  if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) fields.username = '用户名为3–32位字母、数字或 _ . -';
  if (tenant) {
    const sec = (await loadSecuritySettings(ctx.db, tenant.id)).settings;
    const problem = passwordProblem(input.password, sec.passwordMinLength, username);
    if (problem) fields.password = problem;
  }
  if (Object.keys(fields).length) throw invalid(fields);
  const passwordHash = await hashPassword(input.password);
  return withTx(ctx, async (tx) => {
    if (await usernameTaken(tx, username)) throw invalid({ username: '用户名已被使用' });
    if (await repo.pendingRegistrationExists(tx, tenant!.id, uscc, username)) {
      throw new AppError(ErrorCode.CONFLICT, '该企业或用户名已有待审核的注册申请，请等待审核结果');
    }
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

export async function listRegistrations(ctx: AuthedCtx, q: { status?: string; page: number; pageSize: number }) {
  const r = await repo.listRegistrations(ctx.db, ctx.actor.tenantId, q.status, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: r.items.map(presentRegistration), total: r.total };
}

async function pending(ctx: AuthedCtx, tx: DbOrTx, id: string) {
  const r = await repo.getRegistration(tx, ctx.actor.tenantId, id);
  if (!r) throw notFound('注册申请');
  if (r.status !== 'pending') throw new AppError(ErrorCode.CONFLICT, '该注册申请已处理');
  return r;
}

/** Intake approves after checking: the account is linked to the registry enterprise with that USCC in this tenant. */
export async function approve(ctx: AuthedCtx, id: string, input: { version: number }) {
  return withTx(ctx, async (tx) => {
    const r = await pending(ctx, tx, id);
    const e = await repo.enterpriseByUscc(tx, ctx.actor.tenantId, r.uscc);
    if (!e || e.archived) throw invalid({ uscc: '本单位企业名录中没有该统一社会信用代码的企业，请先核实并录入名录' });
    if (await usernameTaken(tx, r.username)) throw invalid({ username: '用户名已被使用，请驳回并请企业更换用户名' });
    if (!r.passwordHash) throw new AppError(ErrorCode.CONFLICT, '该注册申请已处理');
    const user = await insertUser(tx, {
      tenantId: ctx.actor.tenantId,
      username: r.username,
      displayName: r.contactName,
      mobile: r.mobile,
      // The password the enterprise chose at registration (checked against the rules then).
      passwordHash: r.passwordHash,
      mustChangePassword: false,
      passwordChangedAt: r.createdAt,
      roles: ['enterprise'],
      scope: 'unit',
      unitId: null,
      enterpriseId: e.id,
    });
    const { before, after } = await updateVersioned(
      tx,
      enterpriseRegistrations,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { status: 'approved', enterpriseId: e.id, userId: user.id, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, passwordHash: null },
      '注册申请',
    );
    await audit(tx, ctx, {
      action: 'enterprise_registration.approve',
      entity: 'enterprise_registration',
      entityId: id,
      summary: `通过企业「${e.name}」（${e.uscc}）的注册申请，开通企业账号「${user.username}」`,
      before: auditRegistration(before),
      after: { ...auditRegistration(after), enterpriseId: e.id, userId: user.id },
    });
    await audit(tx, ctx, {
      action: 'enterprise_account.create',
      entity: 'user',
      entityId: user.id,
      summary: `企业账号「${user.username}」（注册申请审核通过）`,
      after: { username: user.username, displayName: user.displayName, enterpriseId: e.id, uscc: e.uscc, mobile: maskMobile(user.mobile) },
    });
    return presentRegistration(after);
  });
}

export async function reject(ctx: AuthedCtx, id: string, input: { version: number; reason: string }) {
  return withTx(ctx, async (tx) => {
    await pending(ctx, tx, id);
    const { before, after } = await updateVersioned(
      tx,
      enterpriseRegistrations,
      { id, tenantId: ctx.actor.tenantId, version: input.version },
      { status: 'rejected', rejectReason: input.reason, decidedBy: ctx.actor.userId, decidedAt: sql`now()`, passwordHash: null },
      '注册申请',
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

// ---------------------------------------------------------------- the enterprise's own appeals

function ownEnterprise(ctx: AuthedCtx): string {
  // Role 'enterprise' without a linked enterprise sees nothing (and cannot submit).
  if (!ctx.actor.enterpriseId) throw new AppError(ErrorCode.FORBIDDEN, '该账号未关联企业，请联系受理人员');
  return ctx.actor.enterpriseId;
}

/**
 * What the enterprise sees of its appeal: state, the three milestones with dates, the reply and
 * its evaluation. Never internal notes (opinion/result texts, co-handling parts, requests), the
 * internal timeline, handling units' people, nor the identity fields of a confidential appeal.
 */
export function presentPortal(r: AppealRow, env: TenantEnv, actor: AuthedCtx['actor'], now: Date) {
  const m = presentMilestones(r, env, now);
  let evaluationDueAt: string | null = null;
  if (r.state === 'replied' && r.repliedAt) {
    try {
      evaluationDueAt = iso(evaluationDeadline(r.repliedAt, env.settings.evaluationWindowWorkdays, env.calendar));
    } catch {
      evaluationDueAt = null;
    }
  }
  const { identityHidden, contactName, contactPhone } = maskedIdentity(r, actor);
  return {
    id: r.id,
    number: r.number,
    state: r.state as AppealState,
    channel: r.channel as AppealChannel,
    category: r.category as AppealCategory,
    title: r.title,
    content: r.content,
    enterpriseName: r.enterpriseName,
    identityHidden,
    contactName,
    contactPhone,
    receivedAt: iso(r.receivedAt)!,
    milestones: {
      contact: { label: '联系企业', dueAt: m.contact.dueAt, doneAt: m.contact.doneAt },
      opinion: { label: '初步意见', dueAt: m.opinion.dueAt, doneAt: m.opinion.doneAt },
      resolution: { label: '办理结果', dueAt: m.resolution.dueAt, doneAt: m.resolution.doneAt },
    },
    resultKind: (r.resultKind as ResultKind | null) ?? null,
    replyText: r.replyText,
    repliedAt: iso(r.repliedAt),
    canEvaluate: r.state === 'replied',
    evaluationDueAt,
    evaluation: (r.evaluation as EvaluationRating | null) ?? null,
    evaluationComment: r.evaluationComment,
    evaluatedAt: iso(r.evaluatedAt),
    reopenCount: r.reopenCount,
    closedAt: iso(r.closedAt),
    version: r.version,
  };
}
export type PortalAppeal = ReturnType<typeof presentPortal>;

export async function listAppeals(ctx: AuthedCtx, q: { page: number; pageSize: number }) {
  const enterpriseId = ownEnterprise(ctx);
  const where = sql`a.tenant_id = ${ctx.actor.tenantId} AND a.enterprise_id = ${enterpriseId}`;
  const [rows, total, env] = await Promise.all([
    appealsRepo.listAppealRows(ctx.db, where, sql`a.received_at DESC, a.id`, q.pageSize, (q.page - 1) * q.pageSize),
    appealsRepo.countAppeals(ctx.db, where, 10_000),
    tenantEnv(ctx.db, ctx.actor.tenantId),
  ]);
  const now = appealClock.now();
  return { items: rows.map((r) => presentPortal(r, env, ctx.actor, now)), total };
}

export async function getAppeal(ctx: AuthedCtx, id: string): Promise<PortalAppeal> {
  const enterpriseId = ownEnterprise(ctx);
  const [row] = await appealsRepo.listAppealRows(ctx.db, sql`a.id = ${id} AND a.tenant_id = ${ctx.actor.tenantId} AND a.enterprise_id = ${enterpriseId}`, sql`a.id`, 1, 0);
  // The policy layer already answered 404 for another enterprise's id; this is the same answer.
  if (!row) throw new AppError(ErrorCode.NOT_FOUND);
  return presentPortal(row, await tenantEnv(ctx.db, ctx.actor.tenantId), ctx.actor, appealClock.now());
}

export async function submit(ctx: AuthedCtx, input: PortalSubmitInput, idempotencyKey?: string) {
  const enterpriseId = ownEnterprise(ctx);
  await hitRateLimit(ctx.db, `portal-submit:${ctx.actor.userId}`, SUBMIT_PER_MINUTE).catch((err) => {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '提交过于频繁，请一分钟后再试');
    throw err;
  });
  const r = await submitAppeal(ctx, enterpriseId, input, idempotencyKey);
  return { status: r.status, replayed: r.replayed, body: await getAppeal(ctx, r.id) };
}

export async function evaluate(ctx: AuthedCtx, id: string, input: { version: number; rating: EvaluationRating; comment?: string | null }) {
  await getAppeal(ctx, id); // own appeal or 404
  await evaluateAppeal(ctx, id, input);
  return getAppeal(ctx, id);
}
