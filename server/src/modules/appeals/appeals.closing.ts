// Appeals actions: evaluation, reopen (重办), close, unevaluated close; supervision (R6.6, R3.5).
import { sql } from 'drizzle-orm';
import { CLOSE_REASON_LABELS, EVALUATION_RATING_LABELS, type EvaluationRating, type EvaluationSource, type Milestone } from '../../../../shared/appeals.ts';
import type { DeadlineError } from '../../db/schema-appeals.ts';
import { evaluationDeadline } from '../../domain/appeals/clock.ts';
import { checkTransition } from '../../domain/appeals/transitions.ts';
import { invalid } from '../../errors.ts';
import { audit, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert, AppealRow } from './appeals.repository.ts';
import { type TenantEnv, appealClock, clockOf, iso, newCycle, tenantEnv } from './appeals.view.ts';
import { guard, runAction } from './appeals.runner.ts';

// ---------------------------------------------------------------- evaluation, reopen, close

export function reopenSet(row: AppealRow, env: TenantEnv, at: Date): { set: Partial<AppealInsert>; error: DeadlineError | null; due: Record<Milestone, Date | null> } {
  const { due, error, set: cycle } = newCycle(at, env);
  return {
    due,
    error,
    set: {
      reopenCount: row.reopenCount + 1,
      ...cycle,
      extendedWorkdays: 0,
      opinionText: null,
      resultKind: null,
      resultText: null,
      replyText: null,
      repliedAt: null,
    },
  };
}

/**
 * Evaluation (回访 recorded by intake; the enterprise portal later). 满意 / 基本满意 → closed;
 * 不满意 → reopened (重办): the same appeal back to handling with a new 2115 cycle from now and reopen_count + 1.
 */
export async function evaluate(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; rating: EvaluationRating; comment?: string | null },
  /** Who recorded the evaluation: intake's 回访 ('callback', default), the enterprise in the portal ('portal') or through the SMS link without logging in ('link'). */
  source: EvaluationSource = 'callback',
) {
  return runAction(ctx, id, input.version, 'evaluate', async ({ row, env, now }) => {
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
            due: { contact: iso(r.due.contact), opinion: iso(r.due.opinion), resolution: iso(r.due.resolution) },
            ...(r.error ? { deadlineError: r.error } : {}),
          },
        },
      ],
      summary: `评价「不满意」，重办（第${row.reopenCount + 1}次），新办结时限 ${iso(r.due.resolution) ?? '待计算'}`,
    };
  });
}

export function evaluationWindowPassed(row: AppealRow, env: TenantEnv, now: Date) {
  if (!row.repliedAt) return false;
  try {
    return now.getTime() >= evaluationDeadline(row.repliedAt, env.settings.evaluationWindowWorkdays, env.calendar).getTime();
  } catch {
    return false;
  }
}

/** No evaluation within evaluationWindowWorkdays of the reply → closed as 未评价 (intake, or the sweep via closeUnevaluatedDue). */
export async function closeUnevaluated(ctx: AuthedCtx, id: string, input: { version: number }) {
  return runAction(ctx, id, input.version, 'close_unevaluated', async ({ row, env, now }) => {
    if (!evaluationWindowPassed(row, env, now)) throw guard(`评价期限（答复后${env.settings.evaluationWindowWorkdays}个工作日）尚未届满`);
    return {
      set: { closedAt: now, closeReason: 'unevaluated', nextDueAt: null },
      extraEvents: [{ type: 'close', at: now, stateBefore: 'closed', stateAfter: 'closed', payload: { closeReason: 'unevaluated' } }],
      summary: CLOSE_REASON_LABELS.unevaluated,
    };
  });
}

/**
 * For the SLA sweep (server/src/jobs/sla-sweep.ts): closes every replied appeal whose evaluation
 * window has passed at `now`, as 未评价, each in its own transaction with audit row and timeline
 * events. Returns the ids closed.
 */
export async function closeUnevaluatedDue(db: Ctx['db'], opts: { tenantId?: string; limit?: number; now?: Date } = {}): Promise<string[]> {
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
    const done = await db.transaction(async (tx) => {
      const row = await repo.lockAppeal(tx, c.tenantId, c.id);
      if (!row || row.state !== 'replied' || !evaluationWindowPassed(row, envs.get(c.tenantId)!, now)) return false;
      const check = checkTransition('replied', 'close_unevaluated', ['system']);
      if (!check.ok) return false;
      await repo.updateAppeal(tx, row.id, { state: 'closed', closedAt: now, closeReason: 'unevaluated', nextDueAt: null });
      const sys = { actorId: null, actorName: '系统', unitId: null, tenantId: row.tenantId, appealId: row.id, at: now };
      await repo.insertEvents(tx, [
        { ...sys, type: 'close_unevaluated', stateBefore: 'replied', stateAfter: 'closed', payload: { windowWorkdays: envs.get(c.tenantId)!.settings.evaluationWindowWorkdays } },
        { ...sys, type: 'close', stateBefore: 'closed', stateAfter: 'closed', payload: { closeReason: 'unevaluated' } },
      ]);
      await audit(tx, { db, actor: null, ip: '', requestId: 'sla-sweep' }, {
        tenantId: row.tenantId,
        actorName: '系统',
        action: 'appeal.close_unevaluated',
        entity: 'appeal',
        entityId: row.id,
        summary: `${row.number} 评价期满未评价，自动办结`,
        before: { state: 'replied', version: row.version },
        after: { state: 'closed', closeReason: 'unevaluated' },
      });
      return true;
    });
    if (done) closed.push(c.id);
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
export async function flag(ctx: AuthedCtx, id: string, input: { version: number; isMajor?: boolean; isSafetyHazard?: boolean; lulibanRef?: string | null }) {
  return runAction(ctx, id, input.version, 'flag', async ({ row }) => {
    const set: Partial<AppealInsert> = {};
    const changes: Record<string, unknown> = {};
    if (input.isMajor !== undefined && input.isMajor !== row.isMajor) set.isMajor = changes.isMajor = input.isMajor;
    if (input.isSafetyHazard !== undefined && input.isSafetyHazard !== row.isSafetyHazard) set.isSafetyHazard = changes.isSafetyHazard = input.isSafetyHazard;
    if (input.lulibanRef !== undefined && input.lulibanRef !== row.lulibanRef) set.lulibanRef = changes.lulibanRef = input.lulibanRef;
    if (!Object.keys(changes).length) throw invalid({ _: '没有需要修改的标记' });
    const parts = [
      changes.isMajor !== undefined ? (changes.isMajor ? '标记为重大涉企事项' : '取消重大涉企事项标记') : '',
      changes.isSafetyHazard !== undefined ? (changes.isSafetyHazard ? '标记为安全隐患（紧急）' : '取消安全隐患标记') : '',
      changes.lulibanRef !== undefined ? `鲁力办督办编号：${changes.lulibanRef ?? '（清除）'}` : '',
    ].filter(Boolean);
    return { set, payload: changes, summary: parts.join('；') };
  });
}
