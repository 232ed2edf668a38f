// Appeals (涉企诉求): intake → dispatch → handling (2115 milestones) → reply → evaluation → closed
// (R3.*, R6.*, R7.2). Rules and access checks live here; the state machine is the table in
// domain/appeals/transitions.ts, the clock is the calendar module (domain/appeals/clock.ts composes
// it). Every change: one transaction with the audit row AND a timeline event; every update carries
// the version it read (stale → 409 VERSION_CONFLICT with the current appeal).
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  APPEAL_ACTION_LABELS,
  APPEAL_STATE_LABELS,
  ATTACHMENTS_PER_APPEAL,
  CLOSE_REASON_LABELS,
  CONTACT_METHOD_LABELS,
  EVALUATION_RATING_LABELS,
  MILESTONES,
  type AppealAction,
  type AppealCategory,
  type AppealChannel,
  type AppealState,
  type ContactMethod,
  type EvaluationRating,
  type Milestone,
  type MilestoneStateId,
  type ResultKind,
} from '../../../../shared/appeals.ts';
import type { TenantSettings } from '../../../../shared/settings.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { DeadlineError } from '../../db/schema-appeals.ts';
import { shanghaiDate, type SlaSettings, type WorkCalendar } from '../../domain/calendar/index.ts';
import {
  cycleDeadlines,
  doneState,
  evaluationDeadline,
  extendResolution,
  milestoneStateOf,
  nextDueAt,
  pauseClock,
  resumeClock,
  returnDeadline,
  type AppealClock,
  type PauseRecord,
} from '../../domain/appeals/clock.ts';
import { allowedActions, checkTransition, partiesOf, resolveNext, type Party } from '../../domain/appeals/transitions.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { getTenantCalendar, slaSettingsFromTenant } from '../calendar/tenant-calendar.ts';
import { loadTenantSettings } from '../tenants/settings.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert, AppealRow, EventInsert } from './appeals.repository.ts';
import { documentWords, likePattern, queryWords } from './appeals.search.ts';

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
function tryCycle(at: Date, env: TenantEnv): { due: Record<Milestone, Date | null>; error: DeadlineError | null } {
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

// ---------------------------------------------------------------- visibility (R7.2, data scope)

type Owner = { tenantId: string; leadUnitId: string | null; coUnitIds: readonly string[] };

/** Roles that see every appeal of their tenant whatever their scope: intake's queue, coordination, oversight (R7.2, read-only). */
const TENANT_WIDE_ROLES = ['intake', 'coordinator', 'oversight'] as const;

function scopeUnits(actor: Actor): string[] | 'all' {
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

const uuidList = (ids: readonly string[]) => sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `);

function visibilityWhere(actor: Actor): SQL {
  const units = scopeUnits(actor);
  if (units === 'all') return sql`true`;
  if (units.length === 0) return sql`false`;
  return sql`(a.lead_unit_id IN (${uuidList(units)}) OR EXISTS (SELECT 1 FROM appeal_units au
    WHERE au.appeal_id = a.id AND au.status <> 'withdrawn' AND au.unit_id IN (${uuidList(units)})))`;
}

/** Confidential appeals hide the person's identity from everyone but intake and oversight. */
const seesIdentity = (actor: Actor) => hasRole(actor, 'intake', 'oversight');

// ---------------------------------------------------------------- presentation

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

function clockOf(r: AppealRow): AppealClock {
  return {
    contact: { dueAt: r.contactDueAt, doneAt: r.contactDoneAt },
    opinion: { dueAt: r.opinionDueAt, doneAt: r.opinionDoneAt },
    resolution: { dueAt: r.resolutionDueAt, doneAt: r.resolutionDoneAt },
  };
}

function presentMilestones(r: AppealRow, env: TenantEnv, now: Date) {
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

function nextMilestone(r: AppealRow): Milestone | null {
  if (!r.nextDueAt) return null;
  const c = clockOf(r);
  return MILESTONES.find((m) => !c[m].doneAt && c[m].dueAt && c[m].dueAt.getTime() === r.nextDueAt!.getTime()) ?? null;
}

function presentSummary(r: AppealRow & { leadUnitName?: string | null }, env: TenantEnv, now: Date) {
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

function maskedIdentity(r: AppealRow, actor: Actor) {
  const hidden = r.isConfidential && !seesIdentity(actor);
  return {
    identityHidden: hidden,
    contactName: hidden ? '（保密）' : r.contactName,
    contactPhone: hidden ? '（保密）' : r.contactPhone,
  };
}

function presentDetail(d: AppealRow & repo.DetailExtras, actor: Actor, env: TenantEnv, now: Date) {
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
async function loadDetail(db: DbOrTx, actor: Actor, id: string, env?: TenantEnv, afterOwnAction = false) {
  const d = await repo.getDetailRow(db, actor.tenantId, id);
  if (!d || (!afterOwnAction && !canSee(actor, { tenantId: d.tenantId, leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.filter((c) => c.status !== 'withdrawn').map((c) => c.unitId) }))) {
    throw notFound('诉求');
  }
  return presentDetail(d, actor, env ?? (await tenantEnv(db, actor.tenantId)), appealClock.now());
}

// ---------------------------------------------------------------- reading

export async function get(ctx: AuthedCtx, id: string) {
  return loadDetail(ctx.db, ctx.actor, id);
}

export type ListQuery = {
  view?: 'all' | 'lead' | 'co' | 'portfolio' | 'queue';
  open?: boolean;
  state?: AppealState[];
  channel?: AppealChannel[];
  category?: AppealCategory[];
  overdue?: boolean;
  major?: boolean;
  hazard?: boolean;
  enterpriseId?: string;
  leadUnitId?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  q?: string;
  sort?: 'due' | 'received';
  page: number;
  pageSize: number;
};

const COUNT_CAP = 10_000;

/** Workbench lists, intake's queue, a leader's portfolio view and keyword search (one endpoint). */
export async function list(ctx: AuthedCtx, q: ListQuery) {
  const actor = ctx.actor;
  const now = appealClock.now();
  const w: SQL[] = [sql`a.tenant_id = ${actor.tenantId}`, visibilityWhere(actor)];
  const view = q.view ?? 'all';
  if (view === 'lead') w.push(actor.unitId ? sql`a.lead_unit_id = ${actor.unitId}` : sql`false`);
  if (view === 'co') {
    w.push(actor.unitId ? sql`EXISTS (SELECT 1 FROM appeal_units au WHERE au.appeal_id = a.id AND au.unit_id = ${actor.unitId} AND au.status <> 'withdrawn')` : sql`false`);
  }
  if (view === 'portfolio') w.push(actor.portfolioUnitIds.length ? sql`a.lead_unit_id IN (${uuidList(actor.portfolioUnitIds)})` : sql`false`);
  if (view === 'queue') w.push(sql`a.state IN ('received', 'returned')`);
  if (q.open === true) w.push(sql`a.closed_at IS NULL`);
  if (q.open === false) w.push(sql`a.closed_at IS NOT NULL`);
  const inList = (col: SQL, vals: readonly string[]) => sql`${col} IN (${sql.join(vals.map((v) => sql`${v}`), sql`, `)})`;
  if (q.state?.length) w.push(inList(sql`a.state`, q.state));
  if (q.channel?.length) w.push(inList(sql`a.channel`, q.channel));
  if (q.category?.length) w.push(inList(sql`a.category`, q.category));
  if (q.overdue === true) w.push(sql`a.next_due_at < ${now}`);
  if (q.overdue === false) w.push(sql`(a.next_due_at IS NULL OR a.next_due_at >= ${now})`);
  if (q.major !== undefined) w.push(sql`a.is_major = ${q.major}`);
  if (q.hazard !== undefined) w.push(sql`a.is_safety_hazard = ${q.hazard}`);
  if (q.enterpriseId) w.push(sql`a.enterprise_id = ${q.enterpriseId}`);
  if (q.leadUnitId) w.push(sql`a.lead_unit_id = ${q.leadUnitId}`);
  if (q.receivedFrom) w.push(sql`a.received_at >= ${q.receivedFrom}`);
  if (q.receivedTo) w.push(sql`a.received_at < ${q.receivedTo}`);
  const keyword = q.q?.trim();
  if (keyword) {
    const words = queryWords(keyword);
    const like = sql`a.title ILIKE ${likePattern(keyword)}`;
    w.push(words ? sql`(a.search_vector @@ plainto_tsquery('simple', ${words}) OR ${like})` : like);
  }
  const where = sql.join(w, sql` AND `);
  const sort = q.sort ?? (view === 'queue' ? 'received' : keyword ? 'received' : 'due');
  const orderBy =
    view === 'queue' && !q.sort
      ? sql`a.is_safety_hazard DESC, a.received_at, a.id`
      : sort === 'due'
        ? sql`a.next_due_at ASC NULLS LAST, a.id`
        : sql`a.received_at DESC, a.id`;
  const [rows, total, env] = await Promise.all([
    repo.listAppealRows(ctx.db, where, orderBy, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countAppeals(ctx.db, where, COUNT_CAP),
    tenantEnv(ctx.db, actor.tenantId),
  ]);
  return {
    items: rows.map((r) => presentSummary(r, env, now)),
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** R3.2: the province's read-only status links to appeals it transferred to city bureaus. */
export async function listTransferredOut(ctx: AuthedCtx, page: number, pageSize: number) {
  const { rows, total } = await repo.transferredOut(ctx.db, ctx.actor.tenantId, pageSize, (page - 1) * pageSize);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      number: String(r.number),
      title: String(r.title),
      state: r.state as AppealState,
      tenantId: String(r.tenantId),
      tenantName: String(r.tenantName),
      tenantCode: String(r.tenantCode),
      receivedAt: iso(r.receivedAt as Date)!,
      nextDueAt: iso(r.nextDueAt as Date | null),
      contactDoneAt: iso(r.contactDoneAt as Date | null),
      opinionDoneAt: iso(r.opinionDoneAt as Date | null),
      resolutionDoneAt: iso(r.resolutionDoneAt as Date | null),
      closedAt: iso(r.closedAt as Date | null),
      closeReason: (r.closeReason as string | null) ?? null,
      updatedAt: iso(r.updatedAt as Date)!,
    })),
    total,
  };
}

// ---------------------------------------------------------------- intake (R3.1, R6.1)

export type CreateInput = {
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  enterpriseUscc?: string | null;
  sector?: string | null;
  contactName: string;
  contactPhone: string;
  channel: AppealChannel;
  category: AppealCategory;
  title: string;
  content: string;
  receivedAt?: Date;
  backdateReason?: string | null;
  externalRef?: string | null;
  lulibanRef?: string | null;
  isMajor?: boolean;
  isSafetyHazard?: boolean;
  isConfidential?: boolean;
  /** 当场答复 (R6.1): the answer given on the spot; the appeal closes at intake. */
  answerOnSpot?: string | null;
  /** 即转: dispatch at once. */
  dispatch?: { leadUnitId: string; coUnits?: { unitId: string; part: string }[] } | null;
};

/** Received more than this before now counts as backdated (needs a reason, audited). */
const BACKDATE_TOLERANCE_MS = 10 * 60_000;
const FUTURE_TOLERANCE_MS = 60_000;

function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

function actorEvent(ctx: AuthedCtx): Pick<EventInsert, 'actorId' | 'actorName' | 'unitId'> {
  return { actorId: ctx.actor.userId, actorName: ctx.actor.displayName, unitId: ctx.actor.unitId };
}

/**
 * R3.1 / R6.1 intake. With an Idempotency-Key a repeated submission answers the stored response
 * (same status and body); the same key with a different body → 422 IDEMPOTENCY_KEY_REUSED.
 */
export async function create(ctx: AuthedCtx, input: CreateInput, idempotencyKey?: string): Promise<{ status: number; body: AppealDetail; replayed: boolean }> {
  const actor = ctx.actor;
  const hash = idempotencyKey ? crypto.createHash('sha256').update(canonicalJson(input)).digest('hex') : '';
  // The human number is drawn before the transaction (its own short statement), so concurrent intakes
  // do not queue on the counter row for a whole transaction. Numbers are unique, not gapless.
  const receivedYear = Number(shanghaiDate(input.receivedAt ?? appealClock.now()).slice(0, 4));
  const number = await repo.nextNumber(ctx.db, actor.tenantId, actor.tenantCode, receivedYear);
  return withTx(ctx, async (tx) => {
    if (idempotencyKey) {
      const claimed = await repo.claimIdempotencyKey(tx, actor.tenantId, actor.userId, idempotencyKey, hash);
      if (!claimed) {
        const prior = await repo.readIdempotencyKey(tx, actor.tenantId, actor.userId, idempotencyKey);
        if (!prior || prior.requestHash !== hash || !prior.response) {
          throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, '该幂等键（Idempotency-Key）已用于内容不同的登记，请换一个键', {
            fields: { 'header.idempotency-key': '已用于内容不同的请求' },
          });
        }
        return { status: prior.statusCode, body: prior.response as AppealDetail, replayed: true };
      }
    }
    const now = appealClock.now();
    const env = await tenantEnv(tx, actor.tenantId);
    const fields: Record<string, string> = {};

    // Enterprise: registered (snapshot) or unregistered (captured as given).
    let enterprise: { id: string | null; name: string; uscc: string | null; sector: string | null };
    if (input.enterpriseId) {
      const e = await repo.getEnterpriseForAppeal(tx, actor.tenantId, input.enterpriseId);
      if (!e) fields.enterpriseId = '本单位企业名录中没有该企业';
      enterprise = { id: e?.id ?? null, name: e?.name ?? '', uscc: e?.uscc ?? null, sector: e?.sector ?? null };
    } else {
      if (!input.enterpriseName) fields.enterpriseName = '请选择名录中的企业，或填写企业名称';
      let uscc: string | null = null;
      if (input.enterpriseUscc) {
        const c = checkUscc(input.enterpriseUscc);
        if (!c.valid) fields.enterpriseUscc = c.error ?? '统一社会信用代码不正确';
        uscc = c.normalized;
      }
      enterprise = { id: null, name: input.enterpriseName ?? '', uscc, sector: input.sector ?? null };
    }
    const receivedAt = input.receivedAt ?? now;
    if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) fields.receivedAt = '受理时间不能晚于当前时间';
    const backdated = receivedAt.getTime() < now.getTime() - BACKDATE_TOLERANCE_MS;
    if (backdated && !input.backdateReason) fields.backdateReason = '补录较早的受理时间须说明原因';
    if (input.answerOnSpot && input.dispatch) fields.dispatch = '当场答复的诉求无需派单';
    let dispatchUnits: Map<string, { id: string; name: string }> | null = null;
    if (input.dispatch) {
      dispatchUnits = await checkDispatchUnits(tx, actor.tenantId, input.dispatch.leadUnitId, input.dispatch.coUnits ?? [], fields);
    }
    if (Object.keys(fields).length) throw invalid(fields);

    const { due, error } = tryCycle(receivedAt, env);
    const onSpot = Boolean(input.answerOnSpot);
    const base: AppealInsert = {
      tenantId: actor.tenantId,
      number,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      enterpriseUscc: enterprise.uscc,
      sector: enterprise.sector,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      channel: input.channel,
      category: input.category,
      title: input.title,
      content: input.content,
      receivedAt,
      backdateReason: backdated ? (input.backdateReason ?? null) : null,
      externalRef: input.externalRef ?? null,
      lulibanRef: input.lulibanRef ?? null,
      isMajor: input.isMajor ?? false,
      isSafetyHazard: input.isSafetyHazard ?? false,
      isConfidential: input.isConfidential ?? false,
      state: 'received',
      cycleStartedAt: receivedAt,
      contactDueAt: due.contact,
      opinionDueAt: due.opinion,
      resolutionDueAt: due.resolution,
      contactState: error ? 'unknown' : 'pending',
      opinionState: error ? 'unknown' : 'pending',
      resolutionState: error ? 'unknown' : 'pending',
      deadlineError: error,
      createdBy: actor.userId,
    };
    const events: Omit<EventInsert, 'tenantId' | 'appealId'>[] = [
      {
        ...actorEvent(ctx),
        type: 'create',
        at: now,
        stateBefore: null,
        stateAfter: 'received',
        payload: {
          channel: input.channel,
          category: input.category,
          receivedAt: receivedAt.toISOString(),
          ...(backdated ? { backdateReason: input.backdateReason } : {}),
          ...(input.externalRef ? { externalRef: input.externalRef } : {}),
          ...(error ? { deadlineError: error } : {}),
        },
      },
    ];
    if (onSpot) {
      // R6.1 当场答复: answered at receipt; closes at intake with all milestones met.
      Object.assign(base, {
        state: 'closed',
        contactDoneAt: receivedAt,
        opinionDoneAt: receivedAt,
        resolutionDoneAt: receivedAt,
        contactState: 'met_on_time',
        opinionState: 'met_on_time',
        resolutionState: 'met_on_time',
        resultKind: 'solved',
        resultText: input.answerOnSpot,
        replyText: input.answerOnSpot,
        repliedAt: receivedAt,
        closedAt: now,
        closeReason: 'answered_on_spot',
      } satisfies Partial<AppealInsert>);
      events.push({ ...actorEvent(ctx), type: 'answer_on_spot', at: now, stateBefore: 'received', stateAfter: 'closed', payload: { answer: input.answerOnSpot } });
    } else if (input.dispatch && dispatchUnits) {
      Object.assign(base, { state: 'dispatched', leadUnitId: input.dispatch.leadUnitId, dispatchedAt: now } satisfies Partial<AppealInsert>);
      events.push({
        ...actorEvent(ctx),
        type: 'dispatch',
        at: now,
        stateBefore: 'received',
        stateAfter: 'dispatched',
        payload: dispatchPayload(input.dispatch.leadUnitId, input.dispatch.coUnits ?? [], dispatchUnits),
      });
    }
    base.nextDueAt = onSpot ? null : nextDueAt(clockOf(base as AppealRow), false);
    const row = await repo.insertAppeal(tx, base, documentWords(input.title, input.content, enterprise.name, number, input.externalRef));
    if (input.dispatch && !onSpot) await repo.replaceCoUnits(tx, actor.tenantId, row.id, input.dispatch.coUnits ?? []);
    await repo.insertEvents(tx, events.map((e) => ({ ...e, tenantId: actor.tenantId, appealId: row.id })));
    await audit(tx, ctx, {
      action: 'appeal.create',
      entity: 'appeal',
      entityId: row.id,
      summary: `受理诉求 ${number}「${input.title}」${onSpot ? '（当场答复办结）' : input.dispatch ? `并派单至${dispatchUnits!.get(input.dispatch.leadUnitId)!.name}` : ''}${backdated ? `；补录受理时间 ${receivedAt.toISOString()}，原因：${input.backdateReason}` : ''}`,
      after: { ...base, id: row.id },
    });
    const body = await loadDetail(tx, actor, row.id, env);
    if (idempotencyKey) await repo.storeIdempotentResponse(tx, actor.tenantId, actor.userId, idempotencyKey, 201, body);
    return { status: 201, body, replayed: false };
  });
}

async function checkDispatchUnits(tx: Tx, tenantId: string, leadUnitId: string, coUnits: { unitId: string; part: string }[], fields: Record<string, string>) {
  const ids = [leadUnitId, ...coUnits.map((c) => c.unitId)];
  const found = await repo.activeUnitsById(tx, tenantId, ids);
  if (!found.has(leadUnitId)) fields['dispatch.leadUnitId'] = '主办处室不存在或已归档';
  coUnits.forEach((c, i) => {
    if (!found.has(c.unitId)) fields[`coUnits.${i}.unitId`] = '协办处室不存在或已归档';
    else if (c.unitId === leadUnitId) fields[`coUnits.${i}.unitId`] = '协办处室不能与主办处室相同';
  });
  if (new Set(coUnits.map((c) => c.unitId)).size !== coUnits.length) fields.coUnits = '协办处室不能重复';
  return found;
}

function dispatchPayload(leadUnitId: string, coUnits: { unitId: string; part: string }[], names: Map<string, { name: string }>) {
  return {
    leadUnitId,
    leadUnitName: names.get(leadUnitId)?.name ?? null,
    coUnits: coUnits.map((c) => ({ unitId: c.unitId, unitName: names.get(c.unitId)?.name ?? null, part: c.part })),
  };
}

// ---------------------------------------------------------------- the action runner

type Locked = AppealRow & { coUnitIds: string[] };
type ActArgs = { tx: Tx; row: Locked; parties: Party[]; env: TenantEnv; now: Date };
type ActResult = {
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

function refuse(check: { status: 403 | 409; message: string }, state: string): never {
  if (check.status === 403) throw new AppError(ErrorCode.FORBIDDEN, check.message);
  throw new AppError(ErrorCode.INVALID_TRANSITION, check.message, { details: { state } });
}

/** A data guard failed (e.g. a reply before the result): 409 with a Chinese reason. */
export const guard = (message: string) => new AppError(ErrorCode.INVALID_TRANSITION, message);

/**
 * Locks the appeal, checks visibility (404), version (409 VERSION_CONFLICT with the current appeal),
 * the transition table (403 / 409), runs the action, updates the row (version + 1), writes the
 * timeline event(s) and the audit row — one transaction — and answers the appeal page.
 */
async function runAction(ctx: AuthedCtx, id: string, version: number, action: AppealAction, fn: (a: ActArgs) => Promise<ActResult>) {
  const actor = ctx.actor;
  const { env, movedTo } = await withTx(ctx, async (tx) => {
    const env = await tenantEnv(tx, actor.tenantId);
    const row = await repo.lockAppeal(tx, actor.tenantId, id);
    if (!row || !canSee(actor, row)) throw notFound('诉求');
    const now = appealClock.now();
    if (row.version !== version) {
      throw new AppError(ErrorCode.VERSION_CONFLICT, `诉求已被他人更新（当前为「${APPEAL_STATE_LABELS[row.state as AppealState]}」），请刷新后重试`, {
        details: { current: { ...presentSummary(row, env, now), ...maskedIdentity(row, actor) } },
      });
    }
    const parties = partiesOf(actor, row);
    const check = checkTransition(row.state as AppealState, action, parties);
    if (!check.ok) refuse(check, row.state);
    const r = await fn({ tx, row, parties, env, now });
    const next = resolveNext(check.transition.to, r.outcome);
    const state = next === 'same' ? row.state : next;
    const updated = await repo.updateAppeal(tx, id, { ...r.set, state });
    await repo.insertEvents(tx, [
      { ...actorEvent(ctx), tenantId: row.tenantId, appealId: id, type: action, at: now, stateBefore: row.state, stateAfter: state, payload: r.payload ?? {} },
      ...(r.extraEvents ?? []).map((e) => ({ ...actorEvent(ctx), ...e, tenantId: row.tenantId, appealId: id })),
    ]);
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
    return { env, movedTo: updated.tenantId !== actor.tenantId ? updated.tenantId : null };
  });
  if (movedTo) return { moved: true as const, tenantId: movedTo };
  return loadDetail(ctx.db, actor, id, env, true);
}

// ---------------------------------------------------------------- routing (R3.2)

export async function dispatch(ctx: AuthedCtx, id: string, input: { version: number; leadUnitId: string; coUnits?: { unitId: string; part: string }[]; note?: string | null }) {
  return runAction(ctx, id, input.version, 'dispatch', async ({ tx, row, now }) => {
    const fields: Record<string, string> = {};
    const co = input.coUnits ?? [];
    const names = await checkDispatchUnits(tx, row.tenantId, input.leadUnitId, co, fields);
    if (Object.keys(fields).length) throw invalid(fields);
    await repo.replaceCoUnits(tx, row.tenantId, id, co);
    return {
      set: { leadUnitId: input.leadUnitId, dispatchedAt: now, acceptedAt: null },
      payload: { ...dispatchPayload(input.leadUnitId, co, names), ...(input.note ? { note: input.note } : {}) },
      summary: `派单至${names.get(input.leadUnitId)!.name}${co.length ? `，协办：${co.map((c) => names.get(c.unitId)!.name).join('、')}` : ''}`,
    };
  });
}

export async function accept(ctx: AuthedCtx, id: string, input: { version: number }) {
  return runAction(ctx, id, input.version, 'accept', async ({ now }) => ({ set: { acceptedAt: now }, summary: '签收' }));
}

/** 退单 (R3.2): the lead unit's head, with a reason, within returnLimitHours of dispatch; back to intake's queue. */
export async function returnAppeal(ctx: AuthedCtx, id: string, input: { version: number; reason: string }) {
  return runAction(ctx, id, input.version, 'return', async ({ tx, row, env, now }) => {
    const limit = returnDeadline(row.dispatchedAt ?? row.receivedAt, env.settings.returnLimitHours);
    if (now.getTime() > limit.getTime()) {
      throw guard(`已超过退单时限（派单后${env.settings.returnLimitHours}小时内），请联系诉求受理人员转办`);
    }
    await repo.replaceCoUnits(tx, row.tenantId, id, []);
    return {
      set: { leadUnitId: null, dispatchedAt: null, acceptedAt: null },
      payload: { reason: input.reason, fromUnitId: row.leadUnitId, fromUnitName: await repo.unitName(tx, row.leadUnitId) },
      summary: `退单，原因：${input.reason}`,
    };
  });
}

/** Transfer to another unit of the same tenant; the clock keeps running. */
export async function transfer(ctx: AuthedCtx, id: string, input: { version: number; leadUnitId: string; coUnits?: { unitId: string; part: string }[]; reason: string }) {
  return runAction(ctx, id, input.version, 'transfer', async ({ tx, row, now }) => {
    const fields: Record<string, string> = {};
    const co = input.coUnits ?? [];
    if (input.leadUnitId === row.leadUnitId) fields.leadUnitId = '已由该处室主办，请选择其他处室';
    const names = await checkDispatchUnits(tx, row.tenantId, input.leadUnitId, co, fields);
    if (Object.keys(fields).length) throw invalid(fields);
    await repo.replaceCoUnits(tx, row.tenantId, id, co);
    const from = await repo.unitName(tx, row.leadUnitId);
    return {
      set: { leadUnitId: input.leadUnitId, dispatchedAt: now, acceptedAt: null },
      payload: { ...dispatchPayload(input.leadUnitId, co, names), fromUnitId: row.leadUnitId, fromUnitName: from, reason: input.reason },
      summary: `由${from ?? '—'}转至${names.get(input.leadUnitId)!.name}，原因：${input.reason}`,
    };
  });
}

/**
 * Transfer to a city bureau (R3.2): the only way a case file crosses tenants. The appeal, its
 * timeline, requests and attachments move to the city's intake queue; the city's own settings and
 * calendar start a new 2115 cycle at the transfer instant (the city receives it then). The province
 * keeps a read-only status link (GET /api/appeals/transferred-out).
 */
export async function transferToCity(ctx: AuthedCtx, id: string, input: { version: number; tenantId: string; reason: string }) {
  if (ctx.actor.tenantKind !== 'province') throw new AppError(ErrorCode.FORBIDDEN, '只有省厅可以将诉求转市局办理');
  return runAction(ctx, id, input.version, 'transfer_city', async ({ tx, row, now }) => {
    const city = await repo.cityOf(tx, row.tenantId, input.tenantId);
    if (!city) throw invalid({ tenantId: '请选择本省的市应急局' });
    const cityEnv = await tenantEnv(tx, city.id);
    const { due, error } = tryCycle(now, cityEnv);
    const clock: AppealClock = { contact: { dueAt: due.contact, doneAt: null }, opinion: { dueAt: due.opinion, doneAt: null }, resolution: { dueAt: due.resolution, doneAt: null } };
    return {
      set: {
        tenantId: city.id,
        originTenantId: row.tenantId,
        enterpriseId: await repo.enterpriseByUscc(tx, city.id, row.enterpriseUscc),
        leadUnitId: null,
        dispatchedAt: null,
        acceptedAt: null,
        cycleStartedAt: now,
        contactDueAt: due.contact,
        contactDoneAt: null,
        contactState: error ? 'unknown' : 'pending',
        opinionDueAt: due.opinion,
        opinionDoneAt: null,
        opinionState: error ? 'unknown' : 'pending',
        resolutionDueAt: due.resolution,
        resolutionDoneAt: null,
        resolutionState: error ? 'unknown' : 'pending',
        deadlineError: error,
        nextDueAt: nextDueAt(clock, false),
        pause: null,
        pausedAt: null,
      },
      payload: { toTenantId: city.id, toTenantName: city.name, reason: input.reason },
      extraEvents: [{ type: 'transfer_in', at: now, stateBefore: row.state, stateAfter: 'received', payload: { fromTenantId: row.tenantId, reason: input.reason, ...(error ? { deadlineError: error } : {}) } }],
      summary: `转${city.name}办理，原因：${input.reason}`,
      after: async () => repo.moveToTenant(tx, id, city.id),
      alsoAuditTenant: city.id,
    };
  });
}

// ---------------------------------------------------------------- handling: the 2115 milestones (R6.2)

function completeMilestone(row: AppealRow, m: Milestone, at: Date, paused = false): Partial<AppealInsert> {
  const clock = clockOf(row);
  clock[m] = { ...clock[m], doneAt: at };
  const key = m as 'contact' | 'opinion' | 'resolution';
  return {
    [`${key}DoneAt`]: at,
    [`${key}State`]: doneState(clock[m].dueAt, at),
    nextDueAt: nextDueAt(clock, paused),
  } as Partial<AppealInsert>;
}

async function checkAttachments(tx: Tx, appealId: string, ids: string[] | undefined) {
  if (!ids?.length) return [];
  const found = await repo.attachmentIdsOf(tx, appealId, ids);
  const missing = ids.findIndex((i) => !found.has(i));
  if (missing >= 0) throw invalid({ [`attachmentIds.${missing}`]: '附件不存在（请先上传到本诉求）' });
  return ids;
}

/** R6.2 "2": contacted the enterprise (phone / on site / message); the first contact meets the milestone. */
export async function contact(ctx: AuthedCtx, id: string, input: { version: number; method: ContactMethod; withWhom: string; at?: Date; note: string; attachmentIds?: string[] }) {
  return runAction(ctx, id, input.version, 'contact', async ({ tx, row, now }) => {
    const at = input.at ?? now;
    if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid({ at: '联系时间不能晚于当前时间' });
    if (at.getTime() < row.cycleStartedAt.getTime()) throw invalid({ at: '联系时间不能早于受理时间' });
    const attachmentIds = await checkAttachments(tx, id, input.attachmentIds);
    const first = !row.contactDoneAt;
    return {
      set: first ? completeMilestone(row, 'contact', at) : {},
      payload: { method: input.method, withWhom: input.withWhom, at: at.toISOString(), note: input.note, attachmentIds, milestone: first },
      summary: `联系企业（${CONTACT_METHOD_LABELS[input.method]}）${first ? '，联系节点完成' : ''}`,
    };
  });
}

/** R6.2 "1": preliminary opinion to the enterprise. */
export async function opinion(ctx: AuthedCtx, id: string, input: { version: number; text: string }) {
  return runAction(ctx, id, input.version, 'opinion', async ({ row, now }) => {
    if (!row.contactDoneAt) throw guard('请先记录与企业的联系情况，再反馈初步意见');
    const first = !row.opinionDoneAt;
    return {
      set: { ...(first ? completeMilestone(row, 'opinion', now) : {}), opinionText: input.text },
      payload: { text: input.text, milestone: first },
      summary: `反馈初步意见${first ? '，初步意见节点完成' : ''}`,
    };
  });
}

/** A co-handling unit submits its part; the lead unit consolidates it into the result. */
export async function submitPart(ctx: AuthedCtx, id: string, input: { version: number; text: string; attachmentIds?: string[] }) {
  return runAction(ctx, id, input.version, 'submit_part', async ({ tx, row }) => {
    const unitId = ctx.actor.unitId!;
    const attachmentIds = await checkAttachments(tx, id, input.attachmentIds);
    await repo.submitPart(tx, id, unitId, input.text, ctx.actor.displayName);
    return { set: {}, payload: { unitId, text: input.text, attachmentIds }, summary: `协办处室提交意见（${(await repo.unitName(tx, unitId)) ?? ''}）${row.number}` };
  });
}

/** R6.2 "15": solved, or service confirmed (explained; cannot be met under the law; the enterprise informed). */
export async function result(ctx: AuthedCtx, id: string, input: { version: number; kind: ResultKind; text: string }) {
  return runAction(ctx, id, input.version, 'result', async ({ tx, row, now }) => {
    if (!row.opinionDoneAt) throw guard('请先反馈初步意见，再登记办理结果');
    const pendingCo = (await repo.coUnitStatuses(tx, id)).filter((c) => c.status === 'assigned');
    if (pendingCo.length) throw guard(`协办处室尚未提交意见：${pendingCo.map((c) => c.name).join('、')}`);
    const first = !row.resolutionDoneAt;
    return {
      set: { ...(first ? completeMilestone(row, 'resolution', now) : {}), resultKind: input.kind, resultText: input.text },
      payload: { kind: input.kind, text: input.text, milestone: first },
      summary: `${input.kind === 'solved' ? '已解决' : '服务确认'}${first ? '，办结节点完成' : ''}`,
    };
  });
}

/** The reply: the text the enterprise sees. Opens the evaluation window. */
export async function reply(ctx: AuthedCtx, id: string, input: { version: number; text: string }) {
  return runAction(ctx, id, input.version, 'reply', async ({ tx, row, now }) => {
    if (!row.resultKind) throw guard('请先登记办理结果（已解决或服务确认），再答复企业');
    if ((await repo.pendingRequests(tx, id)).length) throw guard('有待审批的延期或挂起申请，请先审批或等待审批完成');
    return { set: { replyText: input.text, repliedAt: now, nextDueAt: null }, payload: { text: input.text }, summary: '答复企业' };
  });
}

// ---------------------------------------------------------------- extension and pause (R6.2)

export async function requestExtension(ctx: AuthedCtx, id: string, input: { version: number; workdays: number; reason: string }) {
  return runAction(ctx, id, input.version, 'request_extension', async ({ tx, row, env }) => {
    if (!row.resolutionDueAt) throw guard('时限尚未计算（节假日安排未载入），暂不能申请延期');
    if (row.resolutionDoneAt) throw guard('已登记办理结果，无需延期');
    if ((await repo.pendingRequests(tx, id)).some((r) => r.kind === 'extension')) throw guard('已有待审批的延期申请');
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
  return runAction(ctx, id, input.version, 'request_pause', async ({ tx, row }) => {
    if (!row.resolutionDueAt) throw guard('时限尚未计算（节假日安排未载入），暂不能申请挂起');
    if (row.resolutionDoneAt) throw guard('已登记办理结果，无需挂起');
    if ((await repo.pendingRequests(tx, id)).some((r) => r.kind === 'pause')) throw guard('已有待审批的挂起申请');
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
      return { payload: { requestId: req.id, kind: req.kind, approve: true, stage, forwardedToCoordinator: true, comment: who.comment }, summary: `处室负责人同意${kindLabel}，提交统筹处室审批` };
    }
    if (req.kind === 'extension') {
      if (!row.resolutionDueAt || row.resolutionDoneAt) throw guard('办结时限已不需要延期');
      const newDue = extendResolution(row.resolutionDueAt, req.workdays!, env.calendar);
      const clock = clockOf(row);
      clock.resolution.dueAt = newDue;
      const effect = { from: row.resolutionDueAt.toISOString(), to: newDue.toISOString(), workdays: req.workdays };
      await repo.updateRequest(tx, req.id, { ...stamp, status: 'approved', effect });
      return {
        set: { resolutionDueAt: newDue, resolutionState: 'pending', extendedWorkdays: row.extendedWorkdays + req.workdays!, nextDueAt: nextDueAt(clock, false) },
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
    return { set, payload: { note: input.note ?? null, moved }, summary: `恢复办理${Object.keys(moved).length ? `，时限顺延：${Object.entries(moved).map(([m, v]) => `${m} ${v.from} → ${v.to}`).join('；')}` : ''}` };
  });
}

// ---------------------------------------------------------------- evaluation, reopen, close

function reopenSet(row: AppealRow, env: TenantEnv, at: Date): { set: Partial<AppealInsert>; error: DeadlineError | null; due: Record<Milestone, Date | null> } {
  const { due, error } = tryCycle(at, env);
  const clock: AppealClock = { contact: { dueAt: due.contact, doneAt: null }, opinion: { dueAt: due.opinion, doneAt: null }, resolution: { dueAt: due.resolution, doneAt: null } };
  return {
    due,
    error,
    set: {
      reopenCount: row.reopenCount + 1,
      cycleStartedAt: at,
      contactDueAt: due.contact,
      contactDoneAt: null,
      contactState: error ? 'unknown' : 'pending',
      opinionDueAt: due.opinion,
      opinionDoneAt: null,
      opinionState: error ? 'unknown' : 'pending',
      resolutionDueAt: due.resolution,
      resolutionDoneAt: null,
      resolutionState: error ? 'unknown' : 'pending',
      deadlineError: error,
      extendedWorkdays: 0,
      nextDueAt: nextDueAt(clock, false),
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
export async function evaluate(ctx: AuthedCtx, id: string, input: { version: number; rating: EvaluationRating; comment?: string | null }) {
  return runAction(ctx, id, input.version, 'evaluate', async ({ row, env, now }) => {
    const base: Partial<AppealInsert> = { evaluation: input.rating, evaluationComment: input.comment ?? null, evaluatedAt: now };
    const payload = { rating: input.rating, comment: input.comment ?? null, source: 'callback' };
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

function evaluationWindowPassed(row: AppealRow, env: TenantEnv, now: Date) {
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

// ---------------------------------------------------------------- attachments

export async function attach(ctx: AuthedCtx, id: string, file: { name: string; ext: string; mime: string; data: Buffer; note: string }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const row = await repo.lockAppeal(tx, actor.tenantId, id);
    if (!row || !canSee(actor, row)) throw notFound('诉求');
    const check = checkTransition(row.state as AppealState, 'attach', partiesOf(actor, row));
    if (!check.ok) refuse(check, row.state);
    if ((await repo.countAttachments(tx, id)) >= ATTACHMENTS_PER_APPEAL) throw guard(`每件诉求最多${ATTACHMENTS_PER_APPEAL}个附件`);
    const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
    const att = await repo.insertAttachment(
      tx,
      { tenantId: row.tenantId, appealId: id, name: file.name, ext: file.ext, mime: file.mime, size: file.data.length, sha256, note: file.note, unitId: actor.unitId, uploadedBy: actor.userId, uploadedByName: actor.displayName },
      file.data,
    );
    const payload = { attachmentId: att.id, name: file.name, size: file.data.length, note: file.note };
    await repo.insertEvents(tx, [{ ...actorEvent(ctx), tenantId: row.tenantId, appealId: id, type: 'attach', at: appealClock.now(), stateBefore: row.state, stateAfter: row.state, payload }]);
    await audit(tx, ctx, { action: 'appeal.attach', entity: 'appeal', entityId: id, summary: `${row.number} 上传附件「${file.name}」（${file.data.length} 字节）`, after: { ...payload, sha256 } });
    return { id: att.id, name: att.name, ext: att.ext, mime: att.mime, size: att.size, note: att.note, unitId: att.unitId, uploadedByName: att.uploadedByName, createdAt: att.createdAt.toISOString() };
  });
}

export async function download(ctx: AuthedCtx, id: string, attachmentId: string) {
  const owner = await repo.appealOwner(ctx.db, id);
  if (!owner || !canSee(ctx.actor, { tenantId: owner.tenantId, leadUnitId: owner.unitId, coUnitIds: owner.coUnitIds })) throw notFound('诉求');
  const a = await repo.getAttachment(ctx.db, ctx.actor.tenantId, id, attachmentId);
  if (!a) throw notFound('附件');
  return a;
}

// ---------------------------------------------------------------- routing rules (R3.2)

export async function listRules(ctx: AuthedCtx) {
  const rows = await repo.listRoutingRules(ctx.db, ctx.actor.tenantId);
  return { items: rows.map((r) => ({ id: r.id, sector: r.sector, category: r.category, unitId: r.unit_id, unitName: r.unit_name, note: r.note })), total: rows.length };
}

export async function replaceRules(ctx: AuthedCtx, rules: { sector: string | null; category: string | null; unitId: string; note: string }[]) {
  return withTx(ctx, async (tx) => {
    const fields: Record<string, string> = {};
    const units = await repo.activeUnitsById(tx, ctx.actor.tenantId, [...new Set(rules.map((r) => r.unitId))]);
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (!units.has(r.unitId)) fields[`rules.${i}.unitId`] = '处室不存在或已归档';
      const k = `${r.sector ?? '*'}|${r.category ?? '*'}`;
      if (seen.has(k)) fields[`rules.${i}`] = '同一行业和诉求类别只能有一条规则';
      seen.add(k);
    });
    if (Object.keys(fields).length) throw invalid(fields);
    const before = await repo.listRoutingRules(tx, ctx.actor.tenantId);
    await repo.replaceRoutingRules(tx, ctx.actor.tenantId, rules);
    await audit(tx, ctx, { action: 'routing_rules.replace', entity: 'routing_rules', summary: `更新业务对口派单规则（${rules.length}条）`, before, after: rules });
    return listRules({ ...ctx, db: tx as unknown as Ctx['db'] });
  });
}

/** R3.2: suggested lead units for an appeal (rules first, then units whose sectors cover the enterprise). */
export async function suggestUnits(ctx: AuthedCtx, id: string) {
  const d = await repo.getDetailRow(ctx.db, ctx.actor.tenantId, id);
  if (!d || !canSee(ctx.actor, { tenantId: d.tenantId, leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.map((c) => c.unitId) })) throw notFound('诉求');
  const rows = await repo.routingSuggestions(ctx.db, ctx.actor.tenantId, d.sector, d.category);
  const seen = new Set<string>();
  const items = rows.filter((r) => !seen.has(r.unit_id) && seen.add(r.unit_id)).map((r) => ({ unitId: r.unit_id, unitName: r.unit_name, source: r.source as 'rule' | 'sector' }));
  return { items, total: items.length };
}
