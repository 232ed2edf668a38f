// Appeals actions: evaluation (by intake's 回访, the enterprise in the portal, or the SMS link),
// reopen (重办), 未评价 close (by intake or the SLA sweep as the system); supervision (R6.6, R3.5).
import { formatDeadline } from '../../../../shared/format.ts';
import { sql } from 'drizzle-orm';
import { CLOSE_REASON_LABELS, EVALUATION_RATING_LABELS, type EvaluationRating, type EvaluationSource } from '../../../../shared/appeals.ts';
import type { Db } from '../../db/client.ts';
import { startCycle, type CycleStart } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { iso } from '../../lib/format.ts';
import { systemActor, type ActingCtx, type AnyActor, type AuthedCtx } from '../../lib/context.ts';
import { clockOf, cycleColumns } from './appeals.common.ts';
import { appealClock, tenantEnv, type TenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert, AppealRow } from './appeals.repository.ts';
import { evaluationWindowPassed, lockedFacts, requireReady } from './appeals.guards.ts';
import { act, runAction, type ActArgs, type ActResult } from './appeals.runner.ts';
import { markAppealNoticesDone } from '../notifications/index.ts';

/** The enterprise's 请评价 notices: done once the appeal is evaluated or closed unevaluated (issue 17). */
const EVALUATION_NOTICES = ['evaluation_link'] as const;

// ---------------------------------------------------------------- evaluation, reopen, close

/** 重办: a new 2115 cycle from `at` (domain/appeals/clock.ts startCycle), reopen_count + 1, the handling results cleared. */
export function reopenSet(row: AppealRow, env: TenantEnv, at: Date): { set: Partial<AppealInsert>; cycle: CycleStart } {
  const cycle = startCycle(at, env.sla, env.calendar);
  return {
    cycle,
    set: {
      reopenCount: row.reopenCount + 1,
      ...cycleColumns(cycle),
      extendedWorkdays: 0,
      opinionText: null,
      resultKind: null,
      resultText: null,
      replyText: null,
      repliedAt: null,
    },
  };
}

/** Where an evaluation came from, by who recorded it: intake's 回访, the enterprise in the portal, the SMS link. */
function sourceOf(actor: AnyActor): EvaluationSource {
  if (actor.kind === 'enterprise') return 'portal';
  if (actor.kind === 'link') return 'link';
  return 'callback';
}

/**
 * Evaluation (R3.2 closed loop). 满意 / 基本满意 → closed; 不满意 → reopened (重办): the same appeal
 * back to handling with a new 2115 cycle from now and reopen_count + 1.
 */
function evaluation(actor: AnyActor, input: { rating: EvaluationRating; comment?: string | null }) {
  const source = sourceOf(actor);
  return async ({ tx, row, env, now }: ActArgs): Promise<ActResult> => {
    await markAppealNoticesDone(tx, row.id, EVALUATION_NOTICES);
    const base: Partial<AppealInsert> = { evaluation: input.rating, evaluationComment: input.comment ?? null, evaluatedAt: now };
    const payload = { rating: input.rating, comment: input.comment ?? null, source };
    if (input.rating !== 'dissatisfied') {
      return {
        set: { ...base, closedAt: now, closeReason: input.rating, nextDueAt: null },
        outcome: input.rating,
        payload,
        extraEvents: [{ type: 'close', at: now, stateBefore: 'closed', stateAfter: 'closed', payload: { closeReason: input.rating } }],
        summary: `评价「${EVALUATION_RATING_LABELS[input.rating]}」，办结`,
      };
    }
    const r = reopenSet(row, env, now);
    return {
      set: { ...base, ...r.set },
      outcome: 'dissatisfied',
      payload,
      extraEvents: [
        {
          type: 'reopen',
          at: now,
          stateBefore: 'replied',
          stateAfter: 'handling',
          payload: {
            reopenCount: row.reopenCount + 1,
            previous: { resultKind: row.resultKind, resultText: row.resultText, replyText: row.replyText, milestones: clockOf(row) },
            due: { contact: iso(r.cycle.due.contact), opinion: iso(r.cycle.due.opinion), resolution: iso(r.cycle.due.resolution) },
            ...(r.cycle.error ? { deadlineError: r.cycle.error } : {}),
          },
        },
      ],
      summary: `评价「不满意」，重办（第${row.reopenCount + 1}次），新办结时限 ${iso(r.cycle.due.resolution) ?? '待计算'}`,
    };
  };
}

type EvaluationInput = { version: number; rating: EvaluationRating; comment?: string | null };

/** 回访: intake records the enterprise's evaluation; the answer is the appeal page. */
export async function evaluate(ctx: AuthedCtx, id: string, input: EvaluationInput) {
  return runAction(ctx, id, input.version, 'evaluate', evaluation(ctx.actor, input));
}

/**
 * The enterprise evaluates its own appeal: in the portal (party 'enterprise') or through the SMS
 * link without an account (party 'link'; the caller's transaction may be passed as ctx.db so the
 * evaluation commits with the link's used_at). The caller presents the result its own way.
 */
export async function recordEvaluation(ctx: ActingCtx, id: string, input: EvaluationInput) {
  await act(ctx, id, input.version, 'evaluate', evaluation(ctx.actor, input));
}

/** No evaluation within evaluationWindowWorkdays of the reply → closed as 未评价 (intake, or the sweep as the system). */
async function unevaluatedClose({ tx, row, env, now }: ActArgs): Promise<ActResult> {
  requireReady('close_unevaluated', await lockedFacts(tx, row, env, now));
  await markAppealNoticesDone(tx, row.id, EVALUATION_NOTICES);
  return {
    set: { closedAt: now, closeReason: 'unevaluated', nextDueAt: null },
    payload: { windowWorkdays: env.settings.evaluationWindowWorkdays },
    extraEvents: [{ type: 'close', at: now, stateBefore: 'closed', stateAfter: 'closed', payload: { closeReason: 'unevaluated' } }],
    summary: CLOSE_REASON_LABELS.unevaluated,
  };
}

export async function closeUnevaluated(ctx: AuthedCtx, id: string, input: { version: number }) {
  return runAction(ctx, id, input.version, 'close_unevaluated', unevaluatedClose);
}

/** Refusals that mean "not (or no longer) due": the appeal changed, left the tenant, or is not awaiting evaluation. */
const NOT_DUE: readonly ErrorCode[] = [ErrorCode.VERSION_CONFLICT, ErrorCode.INVALID_TRANSITION, ErrorCode.NOT_FOUND];

/**
 * For the SLA sweep (appeals.sweep.ts): closes every replied appeal whose evaluation window has
 * passed at `now`, as 未评价, each through the action runner as the system party (its own
 * transaction, audit row and timeline events). Returns the ids closed.
 */
export async function closeUnevaluatedDue(db: Db, opts: { tenantId?: string; limit?: number; now?: Date } = {}): Promise<string[]> {
  const now = opts.now ?? appealClock.now();
  const candidates = await repo.listAppealRows(
    db,
    sql.join([sql`a.state = 'replied'`, opts.tenantId ? sql`a.tenant_id = ${opts.tenantId}` : sql`true`], sql` AND `),
    sql`a.replied_at, a.id`,
    opts.limit ?? 1000,
    0,
  );
  const envs = new Map<string, TenantEnv>();
  const closed: string[] = [];
  for (const c of candidates) {
    if (!envs.has(c.tenantId)) envs.set(c.tenantId, await tenantEnv(db, c.tenantId));
    if (!evaluationWindowPassed(c, envs.get(c.tenantId)!, now)) continue;
    const ctx: ActingCtx = { db, actor: systemActor(c.tenantId, 'sla-sweep'), ip: '', requestId: 'sla-sweep' };
    // The version read with the candidates, then once more if something else changed the appeal meanwhile.
    for (const version of [c.version, null]) {
      try {
        const v = version ?? (await repo.appealVersion(db, c.id));
        if (v === null) break;
        await act(ctx, c.id, v, 'close_unevaluated', unevaluatedClose, now);
        closed.push(c.id);
        break;
      } catch (err) {
        if (!(err instanceof AppError) || !NOT_DUE.includes(err.code)) throw err;
        if (err.code !== ErrorCode.VERSION_CONFLICT) break;
      }
    }
  }
  return closed;
}

// ---------------------------------------------------------------- supervision (R6.6, R3.5)

/** 催办 (R6.6): 办公室 urges the unit, e.g. on appeals supervised on the 鲁力办 platform. */
export async function urge(ctx: AuthedCtx, id: string, input: { version: number; note: string }) {
  return runAction(ctx, id, input.version, 'urge', async ({ row, now }) => ({
    set: { urgeCount: row.urgeCount + 1, lastUrgedAt: now },
    payload: { note: input.note, lulibanRef: row.lulibanRef, urgeCount: row.urgeCount + 1, leadUnitId: row.leadUnitId },
    summary: `催办（第${row.urgeCount + 1}次）${row.lulibanRef ? `，鲁力办 ${row.lulibanRef}` : ''}：${input.note}`,
  }));
}

/** R3.5 major matter (重大涉企事项): visible at once to the leaders whose portfolio covers the lead unit; R6.6 鲁力办 reference. */
export async function flag(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; isMajor?: boolean; isSafetyHazard?: boolean; lulibanRef?: string | null; lulibanDueAt?: Date | null },
) {
  return runAction(ctx, id, input.version, 'flag', async ({ row }) => {
    const set: Partial<AppealInsert> = {};
    const changes: Record<string, unknown> = {};
    if (input.isMajor !== undefined && input.isMajor !== row.isMajor) set.isMajor = changes.isMajor = input.isMajor;
    if (input.isSafetyHazard !== undefined && input.isSafetyHazard !== row.isSafetyHazard) set.isSafetyHazard = changes.isSafetyHazard = input.isSafetyHazard;
    if (input.lulibanRef !== undefined && input.lulibanRef !== row.lulibanRef) set.lulibanRef = changes.lulibanRef = input.lulibanRef;
    // R6.6 the platform's own deadline (cleared with the reference).
    const dueAt = (input.lulibanRef === null ? null : input.lulibanDueAt) ?? null;
    if ((input.lulibanDueAt !== undefined || input.lulibanRef === null) && dueAt?.getTime() !== row.lulibanDueAt?.getTime()) {
      set.lulibanDueAt = dueAt;
      changes.lulibanDueAt = dueAt?.toISOString() ?? null;
    }
    if (!Object.keys(changes).length) throw invalid({ _: '没有需要修改的标记' });
    const parts = [
      changes.isMajor !== undefined ? (changes.isMajor ? '标记为重大涉企事项' : '取消重大涉企事项标记') : '',
      changes.isSafetyHazard !== undefined ? (changes.isSafetyHazard ? '标记为安全隐患（紧急）' : '取消安全隐患标记') : '',
      changes.lulibanRef !== undefined ? `鲁力办督办编号：${changes.lulibanRef ?? '（清除）'}` : '',
      changes.lulibanDueAt !== undefined ? `鲁力办办理时限：${dueAt ? formatDeadline(dueAt, { year: true }) : '（清除）'}` : '',
    ].filter(Boolean);
    return { set, payload: changes, summary: parts.join('；') };
  });
}
