// The portal's path into the appeals service. Intake (appeals.service create) and evaluation
// (appeals.closing evaluate) are written for intake staff: their transition table names the party
// 'intake' and their answer is intake's page. Rather than duplicate them, the portal calls them
// with a *portal actor*: the enterprise user's own identity (user id, name, tenant — so the audit
// row, the timeline event and the idempotency key are the enterprise user's) acting as the intake
// party, with no unit. Callers here have already checked that the appeal is the enterprise's own
// (portal.service.ts); the service's intake-view answer is never sent to the enterprise — the
// portal re-reads and presents the appeal through presentPortal.
import type { AppealCategory, EvaluationRating } from '../../../../shared/appeals.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import * as appeals from '../appeals/appeals.service.ts';

function portalActor(actor: Actor): Actor {
  return { ...actor, roles: ['intake'], scope: 'tenant', unitId: null, portfolioUnitIds: [] };
}
const asPortal = (ctx: AuthedCtx): AuthedCtx => ({ ...ctx, actor: portalActor(ctx.actor) });

export type PortalSubmitInput = { category: AppealCategory; title: string; content: string; contactName: string; contactPhone: string };

/** R3.1 intake through the portal: channel 网站 (website), the account's registry enterprise, into intake's dispatch queue (state received). */
export async function submitAppeal(ctx: AuthedCtx, enterpriseId: string, input: PortalSubmitInput, idempotencyKey?: string) {
  const r = await appeals.create(asPortal(ctx), { ...input, enterpriseId, channel: 'website' }, idempotencyKey);
  return { id: r.body.id, status: r.status, replayed: r.replayed };
}

/** Evaluation by the enterprise (source 'portal'): 满意/基本满意 close, 不满意 reopens (重办) through the appeals service. */
export async function evaluateAppeal(ctx: AuthedCtx, id: string, input: { version: number; rating: EvaluationRating; comment?: string | null }) {
  await appeals.evaluate(asPortal(ctx), id, input, 'portal');
}
