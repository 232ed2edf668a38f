// Capability 8 (R6.1): what helps answer on the spot. While intake types an appeal: the 5 most
// similar past appeals of the tenant (closed ones with their reply and evaluation first), the best
// matching published knowledge answers, and — when the enterprise is known — the earlier appeal that
// saving would flag as a repeat (重复诉求). On the portal's submit form: the matching published
// answers only. Everything within the caller's tenant: another tenant's appeals and articles are
// never candidates (the appeals and knowledge reads filter on tenant_id).
import type { PortalAnswers, Suggestions } from '../../../../shared/api/knowledge.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, findRepeat, similarAppeals, tenantEnv } from '../appeals/index.ts';
import { enterpriseById } from '../enterprises/index.ts';
import { matchingAnswers } from '../knowledge/index.ts';

export async function suggestions(
  ctx: AuthedCtx,
  input: { title: string; content: string; enterpriseId?: string | null; enterpriseUscc?: string | null },
): Promise<Suggestions> {
  const tenantId = ctx.actor.tenantId;
  const [similar, answers] = await Promise.all([
    similarAppeals(ctx.db, tenantId, { title: input.title, content: input.content, limit: 5 }),
    matchingAnswers(ctx.db, tenantId, input.title, input.content, 3),
  ]);
  let repeat: Suggestions['repeat'] = null;
  const e = input.enterpriseId ? await enterpriseById(ctx.db, tenantId, input.enterpriseId) : null;
  const uscc = e?.uscc ?? input.enterpriseUscc ?? null;
  if (e || uscc) {
    const env = await tenantEnv(ctx.db, tenantId, ctx.tenantSnapshot);
    const since = new Date(appealClock.now().getTime() - env.settings.repeatWindowDays * 86_400_000);
    const m = await findRepeat(ctx.db, tenantId, { enterpriseId: e?.id ?? null, uscc, title: input.title, content: input.content, since });
    if (m) repeat = { id: m.id, number: m.number, title: m.title, repeatCount: m.count, receivedAt: iso(m.receivedAt)! };
  }
  return {
    similar: similar.map((s) => ({ ...s, receivedAt: iso(s.receivedAt)!, closedAt: iso(s.closedAt) })),
    answers,
    repeat,
  };
}

/** The portal's submit form: published, valid answers of the enterprise's own tenant. */
export async function portalAnswers(ctx: AuthedCtx, input: { title: string; content: string }): Promise<PortalAnswers> {
  if (ctx.actor.kind !== 'enterprise') throw new AppError(ErrorCode.FORBIDDEN);
  return { answers: await matchingAnswers(ctx.db, ctx.actor.tenantId, input.title, input.content, 3) };
}
