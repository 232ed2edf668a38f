// Appeals: who sees what (data scope, R7.2, confidential identities; the enterprise its own
// appeals, a link holder its one appeal) and how an appeal is presented (milestones, summary,
// detail). Presentation only: deadlines are computed by domain/appeals/clock.ts and stored by the
// actions; here they are read and shown.
import { sql, type SQL } from 'drizzle-orm';
import {
  MILESTONES,
  type AppealAction,
  type AppealCategory,
  type AppealChannel,
  type AppealState,
  type EvaluationRating,
  type Milestone,
  type MilestoneStateId,
  type ResultKind,
} from '../../../../shared/appeals.ts';
import { sqlUuidList, type DbOrTx } from '../../db/client.ts';
import { evaluationDeadline, milestoneStateOf, returnDeadline } from '../../domain/appeals/clock.ts';
import { actionBlock, nextStep, type GuardFacts } from '../../domain/appeals/guards.ts';
import { allowedActions, partiesOf, type Party } from '../../domain/appeals/transitions.ts';
import { notFound } from '../../errors.ts';
import { iso } from '../../lib/format.ts';
import { hasRole, type Actor, type AnyActor } from '../../lib/context.ts';
import { workdaysLeft } from '../../domain/calendar/index.ts';
import { clockOf } from './appeals.common.ts';
import { guardFacts } from './appeals.guards.ts';
import { appealClock, tenantEnv, type TenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import type { AppealRow, SummaryRow } from './appeals.repository.ts';

// ---------------------------------------------------------------- visibility (R7.2, data scope)

export type Owner = {
  tenantId: string;
  leadUnitId: string | null;
  coUnitIds: readonly string[];
  /** For the parties outside the staff: the appeal (a link is issued for one) and its registry enterprise. */
  id?: string;
  enterpriseId?: string | null;
};

/** Roles that see every appeal of their tenant whatever their scope: intake's queue, coordination, oversight (R7.2, read-only). */
export const TENANT_WIDE_ROLES = ['intake', 'coordinator', 'oversight'] as const;

/** The units whose appeals a staff member sees ('all': the whole tenant); nothing for other accounts. */
export function scopeUnits(actor: Actor): string[] | 'all' {
  if (actor.kind !== 'staff') return [];
  if (actor.scope === 'tenant' || hasRole(actor, ...TENANT_WIDE_ROLES)) return 'all';
  if (actor.scope === 'portfolio') return actor.portfolioUnitIds;
  return actor.unitId ? [actor.unitId] : [];
}

/**
 * Who may see an appeal. Staff: tenant-wide roles; unit scope: lead or co-handling unit; portfolio
 * (leaders): units in charge (R7.2). An enterprise account: its own enterprise's appeals (issue 7).
 * A link holder: the appeal the link was issued for. The system: its tenant's.
 */
export function canSee(actor: AnyActor, a: Owner): boolean {
  if (a.tenantId !== actor.tenantId) return false;
  switch (actor.kind) {
    case 'system':
      return true;
    case 'integration':
      // Issue 18: a work order's status is read through modules/integrations (its own rows), never here.
      return false;
    case 'link':
      return a.id === actor.appealId;
    case 'enterprise':
      return Boolean(actor.enterpriseId) && a.enterpriseId === actor.enterpriseId;
    case 'staff': {
      const units = scopeUnits(actor);
      if (units === 'all') return true;
      return [a.leadUnitId, ...a.coUnitIds].some((u) => u !== null && units.includes(u));
    }
  }
}

export function visibilityWhere(actor: Actor): SQL {
  const units = scopeUnits(actor);
  if (units === 'all') return sql`true`;
  if (units.length === 0) return sql`false`;
  return sql`(a.lead_unit_id IN (${sqlUuidList(units)}) OR EXISTS (SELECT 1 FROM appeal_units au
    WHERE au.appeal_id = a.id AND au.status <> 'withdrawn' AND au.unit_id IN (${sqlUuidList(units)})))`;
}

/** Confidential appeals hide the person's identity from everyone but intake and oversight staff. */
export const seesIdentity = (actor: AnyActor) => actor.kind === 'staff' && hasRole(actor, 'intake', 'oversight');

// ---------------------------------------------------------------- presentation

type MilestoneColumns = Pick<AppealRow, 'contactDueAt' | 'contactDoneAt' | 'opinionDueAt' | 'opinionDoneAt' | 'resolutionDueAt' | 'resolutionDoneAt'>;

export function presentMilestones(r: Pick<AppealRow, 'state' | keyof MilestoneColumns>, env: TenantEnv, now: Date) {
  const c = clockOf(r);
  const paused = r.state === 'paused';
  const out = {} as Record<Milestone, { dueAt: string | null; doneAt: string | null; state: MilestoneStateId; workdaysLeft: number | null }>;
  for (const m of MILESTONES) {
    const running = r.state !== 'closed' && !paused && !c[m].doneAt && c[m].dueAt;
    out[m] = {
      dueAt: iso(c[m].dueAt),
      doneAt: iso(c[m].doneAt),
      state: r.state === 'closed' && !c[m].doneAt ? 'unknown' : milestoneStateOf(m, c[m], now, env.sla, env.calendar, paused),
      // R6.2 the opinion (1) and the resolution (15) count working days; the contact limit counts hours.
      workdaysLeft: running && m !== 'contact' ? workdaysLeft(c[m].dueAt!, now, env.calendar) : null,
    };
  }
  return out;
}

export function nextMilestone(r: Pick<AppealRow, 'nextDueAt' | keyof MilestoneColumns>): Milestone | null {
  if (!r.nextDueAt) return null;
  const c = clockOf(r);
  return MILESTONES.find((m) => !c[m].doneAt && c[m].dueAt && c[m].dueAt.getTime() === r.nextDueAt!.getTime()) ?? null;
}

export function presentSummary(r: Omit<SummaryRow, 'leadUnitName'> & { leadUnitName?: string | null }, env: TenantEnv, now: Date) {
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

export function maskedIdentity(r: AppealRow, actor: AnyActor) {
  const hidden = r.isConfidential && !seesIdentity(actor);
  return {
    identityHidden: hidden,
    contactName: hidden ? '（保密）' : r.contactName,
    contactPhone: hidden ? '（保密）' : r.contactPhone,
  };
}

/**
 * Issue 17: every action the table allows the caller now, each with `allowed` and — when a
 * precondition is missing — the reason the server would refuse with (domain/appeals/guards.ts),
 * and the next step of the loop (the page's one primary button).
 */
function actionsOf(d: AppealRow & repo.DetailExtras, parties: Party[], allowed: AppealAction[], env: TenantEnv, now: Date) {
  const facts = guardFacts(
    d,
    {
      coUnits: d.coUnits.map((c) => ({ name: c.unitName, status: c.status })),
      pendingRequests: d.requests.map((q) => ({ kind: String(q.kind), status: String(q.status) })),
    },
    env,
    now,
  );
  const entry = (action: AppealAction, f: GuardFacts) => {
    const reason = actionBlock(action, f, parties);
    return { action, allowed: reason === null, reason };
  };
  // The step that may be recorded in the same call (contact → opinion, result → reply), judged as it
  // would be once the first is recorded.
  const follow = (action: AppealAction) => {
    if (action === 'contact' && allowed.includes('opinion') && !facts.opinionDone) return entry('opinion', { ...facts, contactDone: true });
    if (action === 'result' && allowed.includes('reply')) return entry('reply', { ...facts, resultRecorded: true });
    return null;
  };
  const actions = allowed.map((action) => ({ ...entry(action, facts), together: follow(action) }));
  return { actions, nextAction: nextStep(d.state as AppealState, allowed, facts, parties) };
}

export function presentDetail(d: AppealRow & repo.DetailExtras, actor: Actor, env: TenantEnv, now: Date) {
  const parties = partiesOf(actor, {
    id: d.id,
    enterpriseId: d.enterpriseId,
    leadUnitId: d.leadUnitId,
    coUnitIds: d.coUnits.filter((c) => c.status !== 'withdrawn').map((c) => c.unitId),
  });
  const allowed = allowedActions(d.state as AppealState, parties);
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
    lulibanDueAt: iso(d.lulibanDueAt),
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
    allowedActions: allowed,
    ...actionsOf(d, parties, allowed, env, now),
  };
}
export type AppealDetail = ReturnType<typeof presentDetail>;

/** `afterOwnAction`: the answer to the caller's own action, even if it took the appeal out of their scope (return, transfer). */
export async function loadDetail(db: DbOrTx, actor: Actor, id: string, env?: TenantEnv | Promise<TenantEnv>, afterOwnAction = false) {
  const d = await repo.getDetailRow(db, actor.tenantId, id);
  if (!d || (!afterOwnAction && !seesDetail(actor, d))) throw notFound('诉求');
  return presentDetail(d, actor, (await env) ?? (await tenantEnv(db, actor.tenantId)), appealClock.now());
}

const seesDetail = (actor: Actor, d: AppealRow & repo.DetailExtras) =>
  canSee(actor, { tenantId: d.tenantId, leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.filter((c) => c.status !== 'withdrawn').map((c) => c.unitId) });

/** The appeal page of a row already read (intake answers what it wrote: no re-read); like loadDetail. */
export function detailOf(d: AppealRow & repo.DetailExtras, actor: Actor, env: TenantEnv): AppealDetail {
  if (!seesDetail(actor, d)) throw notFound('诉求');
  return presentDetail(d, actor, env, appealClock.now());
}
