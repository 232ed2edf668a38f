// Appeals: the tenant environment (settings, SLA, calendar; R8.1), who sees what (data scope,
// R7.2, confidential identities) and how an appeal is presented (milestones, summary, detail).
import { sql, type SQL } from 'drizzle-orm';
import { MILESTONES, type AppealCategory, type AppealChannel, type AppealState, type EvaluationRating, type Milestone, type MilestoneStateId, type ResultKind } from '../../../../shared/appeals.ts';
import type { TenantSettings } from '../../../../shared/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { DeadlineError } from '../../db/schema-appeals.ts';
import { type SlaSettings, type WorkCalendar } from '../../domain/calendar/index.ts';
import { cycleDeadlines, evaluationDeadline, milestoneStateOf, nextDueAt, returnDeadline, type AppealClock } from '../../domain/appeals/clock.ts';
import { allowedActions, partiesOf } from '../../domain/appeals/transitions.ts';
import { AppError, ErrorCode, notFound } from '../../errors.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import { getTenantCalendar, slaSettingsFromTenant } from '../calendar/tenant-calendar.ts';
import { loadTenantSettings } from '../tenants/settings.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert, AppealRow } from './appeals.repository.ts';

/** The service's clock; tests replace `now` to place actions at chosen instants. */
export const appealClock = { now: () => new Date() };

// ---------------------------------------------------------------- tenant environment (R8.1)

export type TenantEnv = { tenantId: string; settings: TenantSettings; sla: SlaSettings; calendar: WorkCalendar };

export async function tenantEnv(db: DbOrTx, tenantId: string): Promise<TenantEnv> {
  // Sequential: inside a transaction both run on one connection.
  const s = await loadTenantSettings(db, tenantId);
  const calendar = await getTenantCalendar(db, tenantId);
  return { tenantId, settings: s.settings, sla: slaSettingsFromTenant(s.settings), calendar };
}

/** The three deadlines of a cycle starting at `at`, or the reason they cannot be computed yet. */
export function tryCycle(at: Date, env: TenantEnv): { due: Record<Milestone, Date | null>; error: DeadlineError | null } {
  try {
    return { due: cycleDeadlines(at, env.sla, env.calendar), error: null };
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.CALENDAR_YEAR_NOT_LOADED) {
      const year = (err.details as { year?: number } | undefined)?.year ?? null;
      return { due: { contact: null, opinion: null, resolution: null }, error: { code: 'CALENDAR_YEAR_NOT_LOADED', year, message: err.message } };
    }
    throw err;
  }
}

/** A new 2115 cycle starting at `at` (transfer to a city, reopen): fresh deadlines, nothing done yet. */
export function newCycle(at: Date, env: TenantEnv): { due: Record<Milestone, Date | null>; error: DeadlineError | null; set: Partial<AppealInsert> } {
  const { due, error } = tryCycle(at, env);
  const clock: AppealClock = { contact: { dueAt: due.contact, doneAt: null }, opinion: { dueAt: due.opinion, doneAt: null }, resolution: { dueAt: due.resolution, doneAt: null } };
  const state = error ? 'unknown' : 'pending';
  return {
    due,
    error,
    set: {
      cycleStartedAt: at,
      contactDueAt: due.contact,
      contactDoneAt: null,
      contactState: state,
      opinionDueAt: due.opinion,
      opinionDoneAt: null,
      opinionState: state,
      resolutionDueAt: due.resolution,
      resolutionDoneAt: null,
      resolutionState: state,
      deadlineError: error,
      nextDueAt: nextDueAt(clock, false),
    },
  };
}

// ---------------------------------------------------------------- visibility (R7.2, data scope)

export type Owner = { tenantId: string; leadUnitId: string | null; coUnitIds: readonly string[] };

/** Roles that see every appeal of their tenant whatever their scope: intake's queue, coordination, oversight (R7.2, read-only). */
export const TENANT_WIDE_ROLES = ['intake', 'coordinator', 'oversight'] as const;

export function scopeUnits(actor: Actor): string[] | 'all' {
  if (actor.scope === 'tenant' || hasRole(actor, ...TENANT_WIDE_ROLES)) return 'all';
  if (actor.scope === 'portfolio') return actor.portfolioUnitIds;
  return actor.unitId ? [actor.unitId] : [];
}

/** Who may see an appeal: tenant-wide roles; unit scope: lead or co-handling unit; portfolio (leaders): units in charge. */
export function canSee(actor: Actor, a: Owner): boolean {
  if (a.tenantId !== actor.tenantId) return false;
  const units = scopeUnits(actor);
  if (units === 'all') return true;
  return [a.leadUnitId, ...a.coUnitIds].some((u) => u !== null && units.includes(u));
}

export const uuidList = (ids: readonly string[]) => sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `);

export function visibilityWhere(actor: Actor): SQL {
  const units = scopeUnits(actor);
  if (units === 'all') return sql`true`;
  if (units.length === 0) return sql`false`;
  return sql`(a.lead_unit_id IN (${uuidList(units)}) OR EXISTS (SELECT 1 FROM appeal_units au
    WHERE au.appeal_id = a.id AND au.status <> 'withdrawn' AND au.unit_id IN (${uuidList(units)})))`;
}

/** Confidential appeals hide the person's identity from everyone but intake and oversight. */
export const seesIdentity = (actor: Actor) => hasRole(actor, 'intake', 'oversight');

// ---------------------------------------------------------------- presentation

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function clockOf(r: AppealRow): AppealClock {
  return {
    contact: { dueAt: r.contactDueAt, doneAt: r.contactDoneAt },
    opinion: { dueAt: r.opinionDueAt, doneAt: r.opinionDoneAt },
    resolution: { dueAt: r.resolutionDueAt, doneAt: r.resolutionDoneAt },
  };
}

export function presentMilestones(r: AppealRow, env: TenantEnv, now: Date) {
  const c = clockOf(r);
  const paused = r.state === 'paused';
  const out = {} as Record<Milestone, { dueAt: string | null; doneAt: string | null; state: MilestoneStateId }>;
  for (const m of MILESTONES) {
    out[m] = {
      dueAt: iso(c[m].dueAt),
      doneAt: iso(c[m].doneAt),
      state: r.state === 'closed' && !c[m].doneAt ? 'unknown' : milestoneStateOf(m, c[m], now, env.sla, env.calendar, paused),
    };
  }
  return out;
}

export function nextMilestone(r: AppealRow): Milestone | null {
  if (!r.nextDueAt) return null;
  const c = clockOf(r);
  return MILESTONES.find((m) => !c[m].doneAt && c[m].dueAt && c[m].dueAt.getTime() === r.nextDueAt!.getTime()) ?? null;
}

export function presentSummary(r: AppealRow & { leadUnitName?: string | null }, env: TenantEnv, now: Date) {
  return {
    id: r.id,
    tenantId: r.tenantId,
    number: r.number,
    state: r.state as AppealState,
    channel: r.channel as AppealChannel,
    category: r.category as AppealCategory,
    title: r.title,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    leadUnitId: r.leadUnitId,
    leadUnitName: r.leadUnitName ?? null,
    receivedAt: iso(r.receivedAt)!,
    isMajor: r.isMajor,
    isSafetyHazard: r.isSafetyHazard,
    isConfidential: r.isConfidential,
    reopenCount: r.reopenCount,
    urgeCount: r.urgeCount,
    nextDueAt: iso(r.nextDueAt),
    nextMilestone: nextMilestone(r),
    overdue: r.nextDueAt !== null && r.nextDueAt.getTime() < now.getTime(),
    milestones: presentMilestones(r, env, now),
    deadlineError: r.deadlineError ?? null,
    closedAt: iso(r.closedAt),
    closeReason: r.closeReason,
    version: r.version,
    updatedAt: iso(r.updatedAt)!,
  };
}
export type AppealSummary = ReturnType<typeof presentSummary>;

export function maskedIdentity(r: AppealRow, actor: Actor) {
  const hidden = r.isConfidential && !seesIdentity(actor);
  return {
    identityHidden: hidden,
    contactName: hidden ? '（保密）' : r.contactName,
    contactPhone: hidden ? '（保密）' : r.contactPhone,
  };
}

export function presentDetail(d: AppealRow & repo.DetailExtras, actor: Actor, env: TenantEnv, now: Date) {
  const parties = partiesOf(actor, { leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.filter((c) => c.status !== 'withdrawn').map((c) => c.unitId) });
  let evalDue: string | null = null;
  if (d.state === 'replied' && d.repliedAt) {
    try {
      evalDue = iso(evaluationDeadline(d.repliedAt, env.settings.evaluationWindowWorkdays, env.calendar));
    } catch {
      evalDue = null;
    }
  }
  const hidden = d.isConfidential && !seesIdentity(actor);
  return {
    ...presentSummary(d, env, now),
    ...maskedIdentity(d, actor),
    enterpriseUscc: d.enterpriseUscc,
    sector: d.sector,
    content: d.content,
    backdateReason: d.backdateReason,
    externalRef: d.externalRef,
    lulibanRef: d.lulibanRef,
    originTenantId: d.originTenantId,
    originTenantName: d.originTenantName,
    dispatchedAt: iso(d.dispatchedAt),
    acceptedAt: iso(d.acceptedAt),
    cycleStartedAt: iso(d.cycleStartedAt)!,
    extendedWorkdays: d.extendedWorkdays,
    pausedAt: iso(d.pausedAt),
    opinionText: d.opinionText,
    resultKind: d.resultKind as ResultKind | null,
    resultText: d.resultText,
    replyText: d.replyText,
    repliedAt: iso(d.repliedAt),
    evaluation: d.evaluation as EvaluationRating | null,
    evaluationComment: d.evaluationComment,
    evaluatedAt: iso(d.evaluatedAt),
    evaluationDueAt: evalDue,
    returnDueAt: ['dispatched', 'handling'].includes(d.state) && d.dispatchedAt ? iso(returnDeadline(d.dispatchedAt, env.settings.returnLimitHours)) : null,
    coUnits: d.coUnits.map((c) => ({ ...c, submittedAt: iso(c.submittedAt), assignedAt: iso(c.assignedAt)! })),
    events: d.events.map((e) => ({
      ...e,
      at: iso(e.at)!,
      // Contact records name the person contacted: hidden like the contact person on confidential appeals.
      payload: hidden && e.payload && 'withWhom' in e.payload ? { ...e.payload, withWhom: '（保密）' } : e.payload,
    })),
    requests: d.requests.map((q) => ({
      id: String(q.id),
      kind: String(q.kind),
      workdays: (q.workdays as number | null) ?? null,
      reason: String(q.reason),
      status: String(q.status),
      needsCoordinator: Boolean(q.needsCoordinator),
      requestedByName: String(q.requestedByName),
      requestedAt: iso(q.requestedAt as string)!,
      headByName: (q.headByName as string | null) ?? null,
      headAt: iso(q.headAt as string | null),
      headComment: (q.headComment as string | null) ?? null,
      coordinatorByName: (q.coordinatorByName as string | null) ?? null,
      coordinatorAt: iso(q.coordinatorAt as string | null),
      coordinatorComment: (q.coordinatorComment as string | null) ?? null,
      effect: (q.effect as Record<string, unknown> | null) ?? null,
    })),
    attachments: d.attachments.map((t) => ({ ...t, createdAt: iso(t.createdAt)! })),
    leaders: d.leaders,
    parties,
    allowedActions: allowedActions(d.state as AppealState, parties),
  };
}
export type AppealDetail = ReturnType<typeof presentDetail>;

/** `afterOwnAction`: the answer to the caller's own action, even if it took the appeal out of their scope (return, transfer). */
export async function loadDetail(db: DbOrTx, actor: Actor, id: string, env?: TenantEnv, afterOwnAction = false) {
  const d = await repo.getDetailRow(db, actor.tenantId, id);
  if (!d || (!afterOwnAction && !canSee(actor, { tenantId: d.tenantId, leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.filter((c) => c.status !== 'withdrawn').map((c) => c.unitId) }))) {
    throw notFound('诉求');
  }
  return presentDetail(d, actor, env ?? (await tenantEnv(db, actor.tenantId)), appealClock.now());
}
