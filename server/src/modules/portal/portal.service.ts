// Enterprise portal (issue 7): the enterprise's own appeals. An enterprise account is a user with
// role 'enterprise' and users.enterprise_id set (portal.accounts.ts: opened by intake;
// portal.registrations.ts: self-registered and approved by intake); it signs in through the same
// login (password rules, lockout, rate limit) as staff.
import {
  portalStateOf,
  type AppealCategory,
  type AppealChannel,
  type AppealState,
  type EvaluationRating,
  type ResultKind,
} from '../../../../shared/appeals.ts';
import { evaluationDeadline } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import {
  appealClock,
  enterpriseAppeal,
  enterpriseAppeals,
  maskedIdentity,
  portalAppealOwner,
  presentMilestones,
  tenantEnv,
  type AppealRow,
  type TenantEnv,
} from '../appeals/index.ts';
import { hitRateLimit } from '../auth/index.ts';
import { evaluateAppeal, submitAppeal, type PortalSubmitInput } from './portal.submit.ts';

/** Policy resource 'portalAppeal': the appeal's tenant and the registry enterprise it concerns. */
export const owner = portalAppealOwner;

/** Portal submissions per account per minute (issue 7: per-account limit on submit). */
export const SUBMIT_PER_MINUTE = 10;

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
    state: portalStateOf(r.state as AppealState),
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
  const [{ rows, total }, env] = await Promise.all([
    enterpriseAppeals(ctx.db, ctx.actor.tenantId, enterpriseId, q.pageSize, (q.page - 1) * q.pageSize),
    tenantEnv(ctx.db, ctx.actor.tenantId, ctx.tenantSnapshot),
  ]);
  const now = appealClock.now();
  return { items: rows.map((r) => presentPortal(r, env, ctx.actor, now)), total };
}

export async function getAppeal(ctx: AuthedCtx, id: string): Promise<PortalAppeal> {
  const enterpriseId = ownEnterprise(ctx);
  const row = await enterpriseAppeal(ctx.db, ctx.actor.tenantId, enterpriseId, id);
  // The policy layer already answered 404 for another enterprise's id; this is the same answer.
  if (!row) throw new AppError(ErrorCode.NOT_FOUND);
  return presentPortal(row, await tenantEnv(ctx.db, ctx.actor.tenantId, ctx.tenantSnapshot), ctx.actor, appealClock.now());
}

export async function submit(ctx: AuthedCtx, input: PortalSubmitInput, idempotencyKey?: string) {
  ownEnterprise(ctx);
  await hitRateLimit(ctx.db, `portal-submit:${ctx.actor.userId}`, SUBMIT_PER_MINUTE).catch((err) => {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '提交过于频繁，请一分钟后再试');
    throw err;
  });
  const r = await submitAppeal(ctx, input, idempotencyKey);
  return { status: r.status, replayed: r.replayed, body: await getAppeal(ctx, r.id) };
}

export async function evaluate(ctx: AuthedCtx, id: string, input: { version: number; rating: EvaluationRating; comment?: string | null }) {
  await getAppeal(ctx, id); // own appeal or 404
  await evaluateAppeal(ctx, id, input);
  return getAppeal(ctx, id);
}
