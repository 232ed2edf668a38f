// The portal's path into the appeals module: the enterprise acts on its own appeals as the
// 'enterprise' party of the transition table (domain/appeals/transitions.ts) — submitting (intake
// through the portal, channel 网站), evaluating, attaching files — with its own identity (user id,
// name, tenant), so the audit row and the timeline name 企业用户 X and the idempotency key is the
// account's own. Callers here have already checked that the appeal is the enterprise's own
// (portal.service.ts, portal.messages.ts); the appeals module checks it again (canSee).
import type { EvaluationRating } from '../../../../shared/appeals.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { attach, recordEvaluation, submitByEnterprise, type EnterpriseSubmission } from '../appeals/index.ts';
import { hitRateLimit } from '../auth/index.ts';

/**
 * Issue 7 "per-IP rate limits on submit": on top of the per-account limit (portal.service.ts), one
 * address may submit at most this many appeals a minute whichever accounts it uses (the PostgreSQL
 * limiter of the login, so it holds across instances). Several accounts of one enterprise behind one
 * office address stay well below it. Tests lower it.
 */
export const submitLimits = { perIpPerMinute: 30 };

async function ipLimit(ctx: AuthedCtx) {
  try {
    await hitRateLimit(ctx.db, `portal-submit-ip:${ctx.ip}`, submitLimits.perIpPerMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED)
      throw new AppError(ErrorCode.RATE_LIMITED, '您所在网络提交诉求过于频繁，请一分钟后再试');
    throw err;
  }
}

export type PortalSubmitInput = EnterpriseSubmission;

/** R3.1 intake through the portal: channel 网站 (website), the account's registry enterprise, into intake's dispatch queue (state received). */
export async function submitAppeal(ctx: AuthedCtx, input: PortalSubmitInput, idempotencyKey?: string) {
  await ipLimit(ctx);
  const r = await submitByEnterprise(ctx, input, idempotencyKey);
  return { id: r.body.id, status: r.status, replayed: r.replayed };
}

/** Evaluation by the enterprise (source 'portal'): 满意/基本满意 close, 不满意 reopens (重办) through the appeals module. */
export async function evaluateAppeal(ctx: AuthedCtx, id: string, input: { version: number; rating: EvaluationRating; comment?: string | null }) {
  await recordEvaluation(ctx, id, input);
}

/**
 * An attachment uploaded by the enterprise (issue 7): the appeals module's attach (the appeal's
 * state must allow it — not once closed — and the per-appeal total), as the enterprise party, so the
 * timeline and the audit row name the enterprise user and the file has no unit.
 */
export async function attachFile(ctx: AuthedCtx, id: string, file: { name: string; ext: string; mime: string; data: Buffer; note: string }) {
  return attach(ctx, id, file);
}
