// Appeals actions: extension (延期) and pause (挂起) with approval (R6.2).
import { extendResolution, nextDueAt, pauseClock, resumeClock, type PauseRecord } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert } from './appeals.repository.ts';
import { clockOf } from './appeals.common.ts';
import { lockedFacts, requireReady } from './appeals.guards.ts';
import { guard, runAction } from './appeals.runner.ts';

// ---------------------------------------------------------------- extension and pause (R6.2)

export async function requestExtension(ctx: AuthedCtx, id: string, input: { version: number; workdays: number; reason: string }) {
  return runAction(ctx, id, input.version, 'request_extension', async ({ tx, row, env, now }) => {
    requireReady('request_extension', await lockedFacts(tx, row, env, now));
    const needsCoordinator = input.workdays > env.settings.extensionCoordinatorThresholdWorkdays;
    const req = await repo.insertRequest(tx, {
      tenantId: row.tenantId,
      appealId: id,
      kind: 'extension',
      workdays: input.workdays,
      reason: input.reason,
      status: 'pending',
      needsCoordinator,
      requestedBy: ctx.actor.userId,
      requestedByName: ctx.actor.displayName,
    });
    return {
      payload: { requestId: req.id, workdays: input.workdays, reason: input.reason, needsCoordinator },
      summary: `申请延期${input.workdays}个工作日${needsCoordinator ? '（超过阈值，须统筹处室审批）' : ''}，原因：${input.reason}`,
    };
  });
}

export async function requestPause(ctx: AuthedCtx, id: string, input: { version: number; reason: string }) {
  return runAction(ctx, id, input.version, 'request_pause', async ({ tx, row, env, now }) => {
    requireReady('request_pause', await lockedFacts(tx, row, env, now));
    const req = await repo.insertRequest(tx, {
      tenantId: row.tenantId,
      appealId: id,
      kind: 'pause',
      reason: input.reason,
      status: 'pending',
      requestedBy: ctx.actor.userId,
      requestedByName: ctx.actor.displayName,
    });
    return { payload: { requestId: req.id, reason: input.reason }, summary: `申请挂起，原因：${input.reason}` };
  });
}

/**
 * Approve or refuse a pending request. First the lead unit's head; an extension over the tenant's
 * threshold then also the coordinator. An approved extension moves the resolution deadline from its
 * current value; an approved pause stops the working-day clocks (docs/CALENDAR.md §5).
 */
export async function decide(ctx: AuthedCtx, id: string, input: { version: number; requestId: string; approve: boolean; comment?: string | null }) {
  return runAction(ctx, id, input.version, 'decide_request', async ({ tx, row, parties, env, now }) => {
    const req = await repo.getRequest(tx, id, input.requestId);
    if (!req || !['pending', 'pending_coordinator'].includes(req.status)) throw invalid({ requestId: '没有待审批的该项申请' });
    const stage = req.status === 'pending' ? 'head' : 'coordinator';
    if (stage === 'head' && !parties.includes('lead_head')) throw new AppError(ErrorCode.FORBIDDEN, '该申请须由主办处室负责人审批');
    if (stage === 'coordinator' && !parties.includes('coordinator')) throw new AppError(ErrorCode.FORBIDDEN, '该申请已由处室负责人同意，须由统筹处室审批');
    const who = { by: ctx.actor.userId, name: ctx.actor.displayName, comment: input.comment ?? null };
    const stamp =
      stage === 'head'
        ? { headBy: who.by, headByName: who.name, headAt: now, headComment: who.comment }
        : { coordinatorBy: who.by, coordinatorByName: who.name, coordinatorAt: now, coordinatorComment: who.comment };
    const kindLabel = req.kind === 'extension' ? `延期${req.workdays}个工作日` : '挂起';
    if (!input.approve) {
      await repo.updateRequest(tx, req.id, { ...stamp, status: 'refused' });
      return { payload: { requestId: req.id, kind: req.kind, approve: false, stage, comment: who.comment }, summary: `不同意${kindLabel}` };
    }
    if (stage === 'head' && req.needsCoordinator) {
      await repo.updateRequest(tx, req.id, { ...stamp, status: 'pending_coordinator' });
      return {
        payload: { requestId: req.id, kind: req.kind, approve: true, stage, forwardedToCoordinator: true, comment: who.comment },
        summary: `处室负责人同意${kindLabel}，提交统筹处室审批`,
      };
    }
    if (req.kind === 'extension') {
      if (!row.resolutionDueAt || row.resolutionDoneAt) throw guard('办结时限已不需要延期');
      const newDue = extendResolution(row.resolutionDueAt, req.workdays!, env.calendar);
      const clock = clockOf(row);
      clock.resolution.dueAt = newDue;
      const effect = { from: row.resolutionDueAt.toISOString(), to: newDue.toISOString(), workdays: req.workdays };
      await repo.updateRequest(tx, req.id, { ...stamp, status: 'approved', effect });
      return {
        set: {
          resolutionDueAt: newDue,
          resolutionState: 'pending',
          extendedWorkdays: row.extendedWorkdays + req.workdays!,
          nextDueAt: nextDueAt(clock, false),
        },
        payload: { requestId: req.id, kind: 'extension', approve: true, stage, comment: who.comment, effect },
        summary: `同意${kindLabel}，办结时限由 ${effect.from} 延至 ${effect.to}`,
      };
    }
    const rec = pauseClock(clockOf(row), now, env.calendar, req.id);
    const effect = { pausedAt: rec.pausedAt, milestones: rec.milestones };
    await repo.updateRequest(tx, req.id, { ...stamp, status: 'approved', effect });
    return {
      set: { pause: rec, pausedAt: now, nextDueAt: null },
      outcome: 'approved_pause',
      payload: { requestId: req.id, kind: 'pause', approve: true, stage, comment: who.comment, effect },
      summary: '同意挂起，时限停止计算',
    };
  });
}

/** Resume after a pause: the paused milestones get their new deadlines (docs/CALENDAR.md §5.2). */
export async function resume(ctx: AuthedCtx, id: string, input: { version: number; note?: string | null }) {
  return runAction(ctx, id, input.version, 'resume', async ({ row, env, now }) => {
    const rec = row.pause as PauseRecord | null;
    const clock = clockOf(row);
    const set: Partial<AppealInsert> = { pause: null, pausedAt: null };
    const moved: Record<string, { from: string; to: string }> = {};
    if (rec) {
      const newDue = resumeClock(rec, now, env.calendar);
      for (const m of ['opinion', 'resolution'] as const) {
        const d = newDue[m];
        if (!d) continue;
        moved[m] = { from: clock[m].dueAt!.toISOString(), to: d.toISOString() };
        clock[m].dueAt = d;
        set[`${m}DueAt`] = d;
      }
    }
    set.nextDueAt = nextDueAt(clock, false);
    return {
      set,
      payload: { note: input.note ?? null, moved },
      summary: `恢复办理${
        Object.keys(moved).length
          ? `，时限顺延：${Object.entries(moved)
              .map(([m, v]) => `${m} ${v.from} → ${v.to}`)
              .join('；')}`
          : ''
      }`,
    };
  });
}
