// Appeals (涉企诉求): intake → dispatch → handling (2115 milestones) → reply → evaluation → closed
// (R3.*, R6.*, R7.2). Rules and access checks live here; the state machine is the table in
// domain/appeals/transitions.ts, the clock is the calendar module (domain/appeals/clock.ts composes
// it). Every change: one transaction with the audit row AND a timeline event; every update carries
// the version it read (stale → 409 VERSION_CONFLICT with the current appeal).
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { type AppealCategory, type AppealChannel, type AppealState } from '../../../../shared/appeals.ts';
import type { Tx } from '../../db/client.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { nextDueAt } from '../../domain/appeals/clock.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import * as repo from './appeals.repository.ts';
import type { AppealInsert, AppealRow, EventInsert } from './appeals.repository.ts';
import { documentWords, likePattern, queryWords } from './appeals.search.ts';
import { type AppealDetail, appealClock, clockOf, iso, loadDetail, presentSummary, tenantEnv, tryCycle, uuidList, visibilityWhere } from './appeals.view.ts';

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

export const COUNT_CAP = 10_000;
/**
 * A keyword search counts at most this many matches ("超过 1000 件"): every counted match is a heap
 * read to test the words, so a common word over a year of a province would otherwise cost a scan.
 */
export const SEARCH_COUNT_CAP = 1_000;

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
        : // NULLS LAST as in the indexes (drizzle's .desc()); received_at is never null, and the
          // matching order lets a page read 20 index entries instead of sorting every match.
          sql`a.received_at DESC NULLS LAST, a.id`;
  const cap = keyword ? SEARCH_COUNT_CAP : COUNT_CAP;
  const [rows, total, env] = await Promise.all([
    repo.listAppealRows(ctx.db, where, orderBy, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countAppeals(ctx.db, where, cap),
    tenantEnv(ctx.db, actor.tenantId),
  ]);
  return {
    items: rows.map((r) => presentSummary(r, env, now)),
    total: Math.min(total, cap),
    totalCapped: total > cap,
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
export const BACKDATE_TOLERANCE_MS = 10 * 60_000;
export const FUTURE_TOLERANCE_MS = 60_000;

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}

export function actorEvent(ctx: AuthedCtx): Pick<EventInsert, 'actorId' | 'actorName' | 'unitId'> {
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
    // A new appeal has no co-units yet: insert only (no delete round trip on the intake hot path).
    if (input.dispatch?.coUnits?.length && !onSpot) await repo.insertCoUnits(tx, actor.tenantId, row.id, input.dispatch.coUnits);
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

export async function checkDispatchUnits(tx: Tx, tenantId: string, leadUnitId: string, coUnits: { unitId: string; part: string }[], fields: Record<string, string>) {
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

export function dispatchPayload(leadUnitId: string, coUnits: { unitId: string; part: string }[], names: Map<string, { name: string }>) {
  return {
    leadUnitId,
    leadUnitName: names.get(leadUnitId)?.name ?? null,
    coUnits: coUnits.map((c) => ({ unitId: c.unitId, unitName: names.get(c.unitId)?.name ?? null, part: c.part })),
  };
}

// The module's public surface stays here: routes, jobs and tests import from appeals.service.ts.
export * from './appeals.view.ts';
export * from './appeals.runner.ts';
export * from './appeals.actions.ts';
export * from './appeals.requests.ts';
export * from './appeals.closing.ts';
export * from './appeals.files.ts';
