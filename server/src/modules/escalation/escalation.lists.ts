// The escalation page's lists across appeals (issue 17): R6.3 厅长办公会 agenda items with their open
// follow-up actions, and 领导批示 by state; plus the home to-do count of 待签收批示. Rows are what the
// caller sees: the appeals of their data scope (the appeals module's clause); a leader's list of 批示
// is their own, a unit's the ones it must acknowledge.
import type { AgendaState, InstructionState } from '../../../../shared/escalation.ts';
import { addDaysIso } from '../../domain/calendar/index.ts';
import { hasRole, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealVisibilityWhere } from '../appeals/index.ts';
import { present } from './instructions.service.ts';
import * as repo from './instructions.repository.ts';

const LIMIT = 500;
const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;
const TENANT_WIDE = ['intake', 'coordinator', 'oversight'] as const;

/** A follow-up action's due date as the deadline instant: 24:00 of that day (Asia/Shanghai). */
const endOfDay = (day: string) => new Date(`${addDaysIso(day, 1)}T00:00:00+08:00`).toISOString();

/** R6.3 agenda items across appeals, filtered by state and meeting date. */
export async function agendaList(ctx: AuthedCtx, f: { state?: AgendaState; from?: string; to?: string }) {
  const rows = await repo.listAgendaItems(ctx.db, ctx.actor.tenantId, appealVisibilityWhere(ctx.actor), f, LIMIT);
  return {
    items: rows.map((r) => ({
      id: r.id,
      appealId: r.appealId,
      appealNumber: r.number,
      appealTitle: r.appealTitle,
      title: r.title,
      unitName: r.unitName,
      state: r.state,
      meetingDate: r.meetingDate,
      proposedAt: iso(r.proposedAt)!,
      decision: r.decision,
      actions: r.actions.map((x) => ({ ...x, dueAt: endOfDay(x.dueDate) })),
    })),
    truncated: rows.length === LIMIT,
  };
}

/** 领导批示 by state: a leader's own, a unit's to acknowledge, every visible one for the tenant-wide roles. */
export async function instructionList(ctx: AuthedCtx, state: InstructionState | undefined) {
  const a = ctx.actor;
  const who = {
    leaderUserId: hasRole(a, 'leader') ? a.userId : undefined,
    unitId: hasRole(a, ...UNIT_ROLES) && a.unitId ? a.unitId : undefined,
    visible: hasRole(a, ...TENANT_WIDE) ? appealVisibilityWhere(a) : undefined,
  };
  const rows = await repo.listInstructions(ctx.db, a.tenantId, who, state, LIMIT);
  return { items: rows.map((r) => present(r, a)), truncated: rows.length === LIMIT };
}

/** The home to-do (issue 17): 批示 the caller's unit has not yet acknowledged; null when the caller is not of a unit. */
export async function issuedForUnit(ctx: AuthedCtx): Promise<number | null> {
  const a = ctx.actor;
  if (!hasRole(a, ...UNIT_ROLES) || !a.unitId) return null;
  return repo.countIssuedForUnit(ctx.db, a.tenantId, a.unitId);
}
