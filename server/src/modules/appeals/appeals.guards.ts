// Appeals: the facts the action guards read (domain/appeals/guards.ts), gathered from an appeal row,
// its co-handling units and its pending requests. The actions refuse with the guard's reason (409);
// the appeal page lists the same reasons beside its buttons (appeals.view.ts) — one source.
import type { AppealAction } from '../../../../shared/appeals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { evaluationDeadline, returnDeadline } from '../../domain/appeals/clock.ts';
import { actionBlock, type GuardFacts, type PendingRequest } from '../../domain/appeals/guards.ts';
import type { Party } from '../../domain/appeals/transitions.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { TenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import type { AppealRow } from './appeals.repository.ts';

/** The evaluation window after the reply has passed (未评价办结 may close it). */
export function evaluationWindowPassed(row: Pick<AppealRow, 'repliedAt'>, env: TenantEnv, now: Date) {
  if (!row.repliedAt) return false;
  try {
    return now.getTime() >= evaluationDeadline(row.repliedAt, env.settings.evaluationWindowWorkdays, env.calendar).getTime();
  } catch {
    return false;
  }
}

export function guardFacts(
  row: AppealRow,
  related: { coUnits: readonly { name: string; status: string }[]; pendingRequests: readonly PendingRequest[] },
  env: TenantEnv,
  now: Date,
): GuardFacts {
  const dispatched = row.dispatchedAt ?? row.receivedAt;
  return {
    contactDone: row.contactDoneAt !== null,
    opinionDone: row.opinionDoneAt !== null,
    resultRecorded: row.resultKind !== null,
    resolutionDueKnown: row.resolutionDueAt !== null,
    resolutionDone: row.resolutionDoneAt !== null,
    pendingCoUnits: related.coUnits.filter((c) => c.status === 'assigned').map((c) => c.name),
    pendingRequests: related.pendingRequests.filter((r) => r.status === 'pending' || r.status === 'pending_coordinator'),
    returnDeadlinePassed: now.getTime() > returnDeadline(dispatched, env.settings.returnLimitHours).getTime(),
    returnLimitHours: env.settings.returnLimitHours,
    evaluationWindowPassed: evaluationWindowPassed(row, env, now),
    evaluationWindowWorkdays: env.settings.evaluationWindowWorkdays,
  };
}

/** The facts of a locked appeal inside the action's transaction. */
export async function lockedFacts(tx: DbOrTx, row: AppealRow, env: TenantEnv, now: Date) {
  const [coUnits, pendingRequests] = await Promise.all([repo.coUnitStatuses(tx, row.id), repo.pendingRequests(tx, row.id)]);
  return guardFacts(row, { coUnits, pendingRequests }, env, now);
}

/** Refuses (409 with the guard's Chinese reason) when a precondition of `action` is missing. */
export function requireReady(action: AppealAction, facts: GuardFacts, parties: readonly Party[] = []) {
  const why = actionBlock(action, facts, parties);
  if (why) throw new AppError(ErrorCode.INVALID_TRANSITION, why);
}
