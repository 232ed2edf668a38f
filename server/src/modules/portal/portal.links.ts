// Evaluation without logging in (issue 7): the public side of the signed evaluation link that
// comes with every reply (portal.links.issue.ts issues it).
// - Reading (GET) shows the reply and the link's state and records NOTHING — no audit row, no
//   used_at, no evaluation — so link scanners and previews cannot vote. (Only the per-IP rate-limit
//   counter, which is not business data, is counted.)
// - Submitting (POST) records the evaluation through the appeals service's own evaluate (source
//   'link'; 不满意 reopens, R3.2 closed loop) and marks the link used in the same transaction. The
//   link and appeal rows are locked first, so of two simultaneous submissions exactly one wins; the
//   other finds the link used.
// Reused, revoked, expired, unknown or forged tokens and appeals no longer awaiting evaluation get
// distinct error codes (errors.ts EVALUATION_*) and change nothing.
import { EVALUATION_RATING_LABELS, type EvaluationRating } from '../../../../shared/appeals.ts';
import { LINK_STATES, type LinkState } from '../../../../shared/portal.ts';
import type { Db } from '../../db/client.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { audit, type ActingCtx, type Ctx, type LinkActor } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, lockAppealRow, recordEvaluation } from '../appeals/index.ts';
import { hitRateLimit } from '../auth/index.ts';
import { TOKEN_PATTERN, tokenHash } from './portal.links.issue.ts';
import * as repo from './portal.links.repository.ts';
import type { LinkRow } from './portal.links.repository.ts';

export { LINK_STATES, type LinkState };

/** The link's state at `now`; the order decides what the page says when several apply. */
export function stateOf(l: LinkRow, now: Date): LinkState {
  if (l.usedAt) return 'used';
  // Revoked by a newer reply, or the newer reply exists and its link is still being issued.
  if (l.revokedAt || (l.cycle < l.reopenCount && l.state === 'replied')) return 'superseded';
  if (l.expiresAt && now.getTime() >= l.expiresAt.getTime()) return 'expired';
  if (l.state !== 'replied' || l.cycle !== l.reopenCount) return 'not_awaiting';
  return 'valid';
}

const STATE_ERRORS: Record<Exclude<LinkState, 'valid'>, ErrorCode> = {
  used: ErrorCode.EVALUATION_LINK_USED,
  superseded: ErrorCode.EVALUATION_LINK_SUPERSEDED,
  expired: ErrorCode.EVALUATION_LINK_EXPIRED,
  not_awaiting: ErrorCode.EVALUATION_NOT_AWAITING,
};

const invalidLink = () => new AppError(ErrorCode.EVALUATION_LINK_INVALID);

async function rateLimit(ctx: Ctx, perMinute: number) {
  try {
    await hitRateLimit(ctx.db, `evaluation-link:${ctx.ip}`, perMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '操作过于频繁，请一分钟后再试');
    throw err;
  }
}

/** Unknown and malformed (forged) tokens answer the same. */
async function findLink(db: Ctx['db'], token: string) {
  if (!TOKEN_PATTERN.test(token)) throw invalidLink();
  const link = await repo.linkByHash(db, tokenHash(token));
  if (!link) throw invalidLink();
  return link;
}

/** The link re-read under lock: its appeal first, then the link (the issuer's order). */
async function lockLink(tx: Db, token: string) {
  const first = await findLink(tx, token);
  await lockAppealRow(tx, first.appealId);
  const link = await repo.linkByHash(tx, tokenHash(token), true);
  if (!link) throw invalidLink();
  return link;
}

export type PublicEvaluation = {
  state: LinkState;
  number: string;
  title: string;
  enterpriseName: string;
  replyText: string | null;
  repliedAt: string | null;
  expiresAt: string | null;
  usedAt: string | null;
};

/**
 * GET: what the page shows. The reply itself only while the link is usable; otherwise the number
 * and title, so the person knows which appeal the message was about. Never the contact fields
 * (confidential appeals hide them), never internal texts.
 */
export async function view(ctx: Ctx, token: string, opts: { ratePerMinute: number }): Promise<PublicEvaluation> {
  await rateLimit(ctx, opts.ratePerMinute);
  const link = await findLink(ctx.db, token);
  const state = stateOf(link, appealClock.now());
  const valid = state === 'valid';
  return {
    state,
    number: link.number,
    title: link.title,
    enterpriseName: link.enterpriseName,
    replyText: valid ? link.replyText : null,
    repliedAt: valid ? iso(link.repliedAt) : null,
    expiresAt: iso(link.expiresAt),
    usedAt: iso(link.usedAt),
  };
}

/**
 * Whoever holds the link has no account: the 'link' party of the transition table, on the one appeal
 * the link was issued for. The timeline event and the audit row carry no actor id and name it
 * 短信评价链接 (lib/context.ts actorNames).
 */
const linkActor = (link: LinkRow): LinkActor => ({ kind: 'link', tenantId: link.appealTenantId, linkId: link.id, appealId: link.appealId });

export type LinkEvaluationInput = { rating: EvaluationRating; comment?: string | null };

/** POST: records the evaluation once (R3.2: 满意/基本满意 close, 不满意 reopens — 重办). */
export async function submit(ctx: Ctx, token: string, input: LinkEvaluationInput, opts: { ratePerMinute: number }) {
  await rateLimit(ctx, opts.ratePerMinute);
  if (!TOKEN_PATTERN.test(token)) throw invalidLink();
  const comment = input.comment ? input.comment : null;
  return ctx.db.transaction(async (tx) => {
    // Locks the appeal and the link: a concurrent submission waits here and then sees used_at.
    const link = await lockLink(tx as Db, token);
    const now = appealClock.now();
    const state = stateOf(link, now);
    if (state !== 'valid') throw new AppError(STATE_ERRORS[state]);
    // The outer transaction is the appeals module's: its withTx becomes a savepoint of this one.
    const lctx: ActingCtx = { db: tx as Db, actor: linkActor(link), ip: ctx.ip, requestId: ctx.requestId };
    try {
      await recordEvaluation(lctx, link.appealId, { version: link.version, rating: input.rating, comment });
    } catch (err) {
      // Never pass the staff-side details of a refusal (e.g. the appeal summary) to an anonymous caller.
      if (
        err instanceof AppError &&
        (err.code === ErrorCode.VERSION_CONFLICT || err.code === ErrorCode.INVALID_TRANSITION || err.code === ErrorCode.NOT_FOUND)
      ) {
        throw new AppError(ErrorCode.EVALUATION_NOT_AWAITING);
      }
      throw err;
    }
    await repo.markUsed(tx, link.id, now);
    const label = EVALUATION_RATING_LABELS[input.rating];
    await audit(tx, lctx, {
      action: 'evaluation_link.use',
      entity: 'appeal',
      entityId: link.appealId,
      summary: `${link.number} 通过免登录评价链接评价「${label}」${input.rating === 'dissatisfied' ? '，诉求重办' : '，办结'}`,
      before: { linkId: link.id, cycle: link.cycle, usedAt: null },
      after: { linkId: link.id, cycle: link.cycle, usedAt: now.toISOString(), rating: input.rating },
    });
    return { state: 'used' as const, number: link.number, rating: input.rating, reopened: input.rating === 'dissatisfied', usedAt: now.toISOString() };
  });
}
