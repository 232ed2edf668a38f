// R7.3 the public side of the survey link (like the evaluation link, portal.links.ts):
// - GET shows the questionnaire and the link's state and records NOTHING (no audit, no use), so
//   scanners and previews cannot answer.
// - POST records the answers once: the sample row is locked, so of two submissions exactly one wins.
// Unknown and forged tokens answer the same (404), and so does a link a reminder replaced (only the
// newest hash is kept); a used link 409, an expired one 410, a closed survey 409. Nothing changes on
// refusal.
import type { SurveyAnswers, SurveyLinkState } from '../../../../shared/surveys.ts';
import type { Db } from '../../db/client.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { Ctx } from '../../lib/context.ts';
import { hitRateLimit } from '../auth/index.ts';
import * as repo from './surveys.repository.ts';
import { linkExpiry, recordLinkAnswer, surveyTokenHash } from './surveys.service.ts';

export const SURVEY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const invalidLink = () => new AppError(ErrorCode.EVALUATION_LINK_INVALID, '问卷链接无效，请核对短信中的链接');

export function linkState(l: repo.LinkRow, now: Date): SurveyLinkState {
  if (l.respondedAt) return 'used';
  if (l.surveyState === 'closed') return 'closed';
  if (now.getTime() >= linkExpiry(l.closesOn).getTime()) return 'expired';
  return 'valid';
}

const STATE_ERRORS: Record<Exclude<SurveyLinkState, 'valid'>, AppError> = {
  used: new AppError(ErrorCode.EVALUATION_LINK_USED, '该问卷链接已使用，感谢您的参与'),
  closed: new AppError(ErrorCode.EVALUATION_NOT_AWAITING, '本次调查已结束'),
  expired: new AppError(ErrorCode.EVALUATION_LINK_EXPIRED, '问卷链接已过期'),
};

async function rateLimit(ctx: Ctx, perMinute: number) {
  try {
    await hitRateLimit(ctx.db, `survey-link:${ctx.ip}`, perMinute);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) throw new AppError(ErrorCode.RATE_LIMITED, '操作过于频繁，请一分钟后再试');
    throw err;
  }
}

/** Unknown and malformed (forged) tokens answer the same. A reminder's new token replaces the hash: the old link reads as unknown. */
async function find(db: Db, token: string, lock = false) {
  if (!SURVEY_TOKEN_PATTERN.test(token)) throw invalidLink();
  const l = await repo.sampleByHash(db, surveyTokenHash(token), lock);
  if (!l) throw invalidLink();
  return l;
}

export async function view(ctx: Ctx, token: string, opts: { ratePerMinute: number; now?: Date }) {
  await rateLimit(ctx, opts.ratePerMinute);
  const l = await find(ctx.db, token);
  const state = linkState(l, opts.now ?? new Date());
  return { state, title: l.title, year: l.year, closesOn: l.closesOn, questions: state === 'valid' ? l.questions : [] };
}

export async function submit(ctx: Ctx, token: string, answers: SurveyAnswers, opts: { ratePerMinute: number; now?: Date }) {
  await rateLimit(ctx, opts.ratePerMinute);
  if (!SURVEY_TOKEN_PATTERN.test(token)) throw invalidLink();
  return ctx.db.transaction(async (tx) => {
    const l = await find(tx as Db, token, true);
    const now = opts.now ?? new Date();
    const state = linkState(l, now);
    if (state !== 'valid') throw STATE_ERRORS[state];
    // The link holder has no account (the 'respondent' party of domain/surveys/transitions.ts): the audit
    // row names it 满意度调查问卷链接, with no actor id.
    await recordLinkAnswer(tx, { ...ctx, db: tx as Db }, l, answers, now);
    return { state: 'used' as const, title: l.title };
  });
}
