// The portal's path into the appeals service. Intake (appeals.service create) and evaluation
// (appeals.closing evaluate) are written for intake staff: their transition table names the party
// 'intake' and their answer is intake's page. Rather than duplicate them, the portal calls them
// with a *portal actor*: the enterprise user's own identity (user id, name, tenant — so the audit
// row, the timeline event and the idempotency key are the enterprise user's) acting as the intake
// party, with no unit. Callers here have already checked that the appeal is the enterprise's own
// (portal.service.ts); the service's intake-view answer is never sent to the enterprise — the
// portal re-reads and presents the appeal through presentPortal.
import type { AppealCategory, EvaluationRating } from '../../../../shared/appeals.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import * as appeals from '../appeals/appeals.service.ts';
import { hitRateLimit } from '../auth/auth.service.ts';

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
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '您所在网络提交诉求过于频繁，请一分钟后再试');
    throw err;
  }
}

function portalActor(actor: Actor): Actor {
  return { ...actor, roles: ['intake'], scope: 'tenant', unitId: null, portfolioUnitIds: [] };
}
const asPortal = (ctx: AuthedCtx): AuthedCtx => ({ ...ctx, actor: portalActor(ctx.actor) });

export type PortalSubmitInput = { category: AppealCategory; title: string; content: string; contactName: string; contactPhone: string };

/** R3.1 intake through the portal: channel 网站 (website), the account's registry enterprise, into intake's dispatch queue (state received). */
export async function submitAppeal(ctx: AuthedCtx, enterpriseId: string, input: PortalSubmitInput, idempotencyKey?: string) {
  await ipLimit(ctx);
  const r = await appeals.create(asPortal(ctx), { ...input, enterpriseId, channel: 'website' }, idempotencyKey);
  return { id: r.body.id, status: r.status, replayed: r.replayed };
}

/** Evaluation by the enterprise (source 'portal'): 满意/基本满意 close, 不满意 reopens (重办) through the appeals service. */
export async function evaluateAppeal(ctx: AuthedCtx, id: string, input: { version: number; rating: EvaluationRating; comment?: string | null }) {
  await appeals.evaluate(asPortal(ctx), id, input, 'portal');
}

/**
 * An attachment uploaded by the enterprise (issue 7): the appeals service's attach (the appeal's
 * state must allow it — not once closed — and the per-appeal total), as the portal actor, so the
 * timeline and the audit row name the enterprise user and the file has no unit.
 */
export async function attachFile(ctx: AuthedCtx, id: string, file: { name: string; ext: string; mime: string; data: Buffer; note: string }) {
  return appeals.attach(asPortal(ctx), id, file);
}
