// Appeals: the one path every action takes, whoever acts (staff, the enterprise, the link holder,
// the scheduler) — lock, check the transition table, run the action's rule, write the change, the
// timeline events and the audit row in one transaction.
import { APPEAL_ACTION_LABELS, APPEAL_STATE_LABELS, type AppealAction, type AppealState } from '../../../../shared/appeals.ts';
import type { Tx } from '../../db/client.ts';
import { checkTransition, partiesOf, resolveNext, type Party } from '../../domain/appeals/transitions.ts';
import { AppError, ErrorCode, notFound } from '../../errors.ts';
import { audit, withTx, type ActingCtx, type AuthedCtx } from '../../lib/context.ts';
import { actorEvent } from './appeals.common.ts';
import { appealClock, tenantEnv, type TenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import { changesFigures } from './appeals.rollup.ts';
import type { AppealInsert, AppealRow, EventInsert } from './appeals.repository.ts';
import { canSee, loadDetail, maskedIdentity, presentSummary } from './appeals.view.ts';

// ---------------------------------------------------------------- the action runner

export type Locked = AppealRow & { coUnitIds: string[] };
export type ActArgs = { tx: Tx; row: Locked; parties: Party[]; env: TenantEnv; now: Date };
export type ActResult = {
  set?: Partial<AppealInsert>;
  /** Payload of the action's timeline event. */
  payload?: Record<string, unknown>;
  /** Outcome choosing the next state where the table says it depends (evaluate, decide_request). */
  outcome?: string;
  /** More timeline events after the action's own (e.g. reopen). */
  extraEvents?: Omit<EventInsert, 'tenantId' | 'appealId' | 'actorId' | 'actorName' | 'unitId'>[];
  summary: string;
  /** Runs after the appeal row is updated (same transaction). */
  after?: (updated: AppealRow) => Promise<void>;
  /** Tenant whose audit log also gets a row (transfer to a city). */
  alsoAuditTenant?: string;
};

export function refuse(check: { status: 403 | 409; message: string }, state: string): never {
  if (check.status === 403) throw new AppError(ErrorCode.FORBIDDEN, check.message);
  throw new AppError(ErrorCode.INVALID_TRANSITION, check.message, { details: { state } });
}

/** A data guard failed (e.g. a reply before the result): 409 with a Chinese reason. */
export const guard = (message: string) => new AppError(ErrorCode.INVALID_TRANSITION, message);

/** The parties of the caller on the locked appeal (the transition table's columns). */
export const partiesOn = (ctx: ActingCtx, row: Locked) => partiesOf(ctx.actor, row);

export type ActDone = { env: TenantEnv; movedTo: string | null; version: number };

/**
 * Locks the appeal, checks visibility (404), version (409 VERSION_CONFLICT), the transition table
 * (403 / 409), runs the action, updates the row (version + 1), writes the timeline event(s) and the
 * audit row — one transaction. Any party: the table decides what each may do. `at`: the instant the
 * action happens (the sweep's run time); default the clock's now.
 */
export async function act(
  ctx: ActingCtx,
  id: string,
  version: number,
  action: AppealAction,
  fn: (a: ActArgs) => Promise<ActResult>,
  at?: Date,
): Promise<ActDone> {
  return withTx(ctx, (tx) => actIn(tx, ctx, id, version, action, fn, at));
}

/** act() inside the caller's transaction (several actions that must commit together). */
async function actIn(
  tx: Tx,
  ctx: ActingCtx,
  id: string,
  version: number,
  action: AppealAction,
  fn: (a: ActArgs) => Promise<ActResult>,
  at?: Date,
): Promise<ActDone> {
  const actor = ctx.actor;
  // The session's snapshot of the tenant (issue 20): no action changes settings or the calendar.
  const env = await tenantEnv(tx, actor.tenantId, ctx.tenantSnapshot);
  const row = await repo.lockAppeal(tx, actor.tenantId, id);
  if (!row || !canSee(actor, row)) throw notFound('诉求');
  const now = at ?? appealClock.now();
  if (row.version !== version) {
    const message = `诉求已被他人更新（当前为「${APPEAL_STATE_LABELS[row.state as AppealState]}」），请刷新后重试`;
    // Staff get the current appeal to compare with; the portal and the link re-read their own view.
    if (actor.kind !== 'staff') throw new AppError(ErrorCode.VERSION_CONFLICT, message);
    throw new AppError(ErrorCode.VERSION_CONFLICT, message, {
      details: { current: { ...presentSummary(row, env, now), ...maskedIdentity(row, actor) } },
    });
  }
  const parties = partiesOn(ctx, row);
  const check = checkTransition(row.state as AppealState, action, parties);
  if (!check.ok) refuse(check, row.state);
  const r = await fn({ tx, row, parties, env, now });
  const next = resolveNext(check.transition.to, r.outcome);
  const state = next === 'same' ? row.state : next;
  const updated = await repo.updateAppeal(tx, id, { ...r.set, state });
  const who = actorEvent(actor);
  // R7.2 / issue 20: an action that changed nothing the figures count (accepting, urging, a second
  // contact …) marks its events so: the figures roll-up and its readers recompute no day for them.
  const touchesFigures = changesFigures(row, updated);
  await repo.insertEvents(
    tx,
    [
      { ...who, tenantId: row.tenantId, appealId: id, type: action, at: now, stateBefore: row.state, stateAfter: state, payload: r.payload ?? {} },
      ...(r.extraEvents ?? []).map((e) => ({ ...who, ...e, tenantId: row.tenantId, appealId: id })),
    ].map((e) => ({ ...e, touchesFigures: touchesFigures || e.type === 'evaluate' })),
  );
  if (r.after) await r.after(updated);
  const entry = {
    action: `appeal.${action}`,
    entity: 'appeal',
    entityId: id,
    summary: `${row.number} ${APPEAL_ACTION_LABELS[action]}：${r.summary}`,
    before: { state: row.state, version: row.version },
    after: { state, version: updated.version, ...(r.payload ?? {}) },
  };
  await audit(tx, ctx, entry);
  if (r.alsoAuditTenant) await audit(tx, ctx, { ...entry, tenantId: r.alsoAuditTenant });
  return { env, movedTo: updated.tenantId !== actor.tenantId ? updated.tenantId : null, version: updated.version };
}

/** A staff member's action (act), answered with the appeal page — or where it went when it left the tenant. */
export async function runAction(ctx: AuthedCtx, id: string, version: number, action: AppealAction, fn: (a: ActArgs) => Promise<ActResult>) {
  const { env, movedTo } = await act(ctx, id, version, action, fn);
  if (movedTo) return { moved: true as const, tenantId: movedTo };
  return loadDetail(ctx.db, ctx.actor, id, env, true);
}

/**
 * Several actions of one staff member on one appeal in ONE transaction (issue 17: 办理结果 and
 * 答复企业 from one dialog): each passes the table and its guards on the row the previous one left,
 * each writes its own timeline event and audit row; any refusal rolls back all of them.
 */
export async function runActions(ctx: AuthedCtx, id: string, version: number, steps: { action: AppealAction; fn: (a: ActArgs) => Promise<ActResult> }[]) {
  const { env } = await withTx(ctx, async (tx) => {
    let done: ActDone | null = null;
    for (const step of steps) done = await actIn(tx, ctx, id, done ? done.version : version, step.action, step.fn);
    return done!;
  });
  return loadDetail(ctx.db, ctx.actor, id, env, true);
}
