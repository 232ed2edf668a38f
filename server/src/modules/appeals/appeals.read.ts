// Appeals reading: one appeal's page, the workbench lists (intake's queue, a unit's appeals, a
// leader's portfolio, oversight; keyword search) and the province's status links to appeals it
// transferred to cities (R3.2). Scope and presentation: appeals.view.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { AppealCategory, AppealChannel, AppealListSort, AppealState } from '../../../../shared/appeals.ts';
import { sqlUuidList } from '../../db/client.ts';
import { addDaysIso, shanghaiDate } from '../../domain/calendar/index.ts';
import { hasRole, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, tenantEnvOnPool } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import { likePattern, queryWords } from './appeals.search.ts';
import { loadDetail, presentSummary, scopeUnits, visibilityWhere } from './appeals.view.ts';

export async function get(ctx: AuthedCtx, id: string) {
  // Issue 20: the tenant's environment is read while the appeal is (the pool, no transaction).
  const env = tenantEnvOnPool(ctx.db, ctx.actor.tenantId, ctx.tenantSnapshot);
  env.catch(() => undefined); // awaited by loadDetail, unless the appeal is not found first
  return loadDetail(ctx.db, ctx.actor, id, env);
}

export type ListQuery = {
  view?: 'all' | 'lead' | 'co' | 'portfolio' | 'queue';
  open?: boolean;
  state?: AppealState[];
  channel?: AppealChannel[];
  category?: AppealCategory[];
  overdue?: boolean;
  /** R6.2: 'today' — the next deadline falls before 24:00 today (Asia/Shanghai); 'soon' — a milestone is in its due-soon window. */
  due?: 'today' | 'soon';
  /** 延期/挂起 requests the caller may decide now (R6.2: the lead unit's head, then the coordinator). */
  approval?: boolean;
  major?: boolean;
  hazard?: boolean;
  enterpriseId?: string;
  leadUnitId?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
  q?: string;
  sort?: ListSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

/** Columns a list may be sorted by (APPEAL_LIST_SORTS, a whitelist: the query never names a column itself). */
type ListSort = AppealListSort;

/** An appeal number or a fragment of one (ZQT-370000-2026-000123, 000123): matched on the number too. */
const NUMBER_LIKE = /^[A-Za-z0-9-]{3,}$/;

export const COUNT_CAP = 10_000;
/**
 * A keyword search counts at most this many matches ("超过 1000 件"): every counted match is a heap
 * read to test the words, so a common word over a year of a province would otherwise cost a scan.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** 24:00 today in Asia/Shanghai (a working-day deadline ending today is stored as this instant). */
function endOfBusinessDay(now: Date): Date {
  return new Date(`${addDaysIso(shanghaiDate(now), 1)}T00:00:00+08:00`);
}

/**
 * R6.2 extension / pause requests the caller decides now: a pending request of its own unit's appeal
 * for a unit head (lead_head), one forwarded to the coordinator for the coordinator — the parties
 * appeals.actions.ts decide() accepts.
 */
function approvalWhere(actor: AuthedCtx['actor']): SQL {
  const stages: SQL[] = [];
  if (hasRole(actor, 'unit_head') && actor.unitId) stages.push(sql`(r.status = 'pending' AND a.lead_unit_id = ${actor.unitId})`);
  if (hasRole(actor, 'coordinator')) stages.push(sql`r.status = 'pending_coordinator'`);
  if (!stages.length) return sql`false`;
  return sql`EXISTS (SELECT 1 FROM appeal_requests r WHERE r.appeal_id = a.id AND (${sql.join(stages, sql` OR `)}))`;
}

/** The WHERE of a list: the caller's data scope (appeals.view.ts visibilityWhere), the view and the filters. */
function listWhere(actor: AuthedCtx['actor'], q: Omit<ListQuery, 'page' | 'pageSize'>, now: Date): SQL {
  const w: SQL[] = [sql`a.tenant_id = ${actor.tenantId}`, visibilityWhere(actor)];
  const view = q.view ?? 'all';
  if (view === 'lead') w.push(actor.unitId ? sql`a.lead_unit_id = ${actor.unitId}` : sql`false`);
  if (view === 'co') {
    w.push(
      actor.unitId
        ? sql`EXISTS (SELECT 1 FROM appeal_units au WHERE au.appeal_id = a.id AND au.unit_id = ${actor.unitId} AND au.status <> 'withdrawn')`
        : sql`false`,
    );
  }
  if (view === 'portfolio') w.push(actor.portfolioUnitIds.length ? sql`a.lead_unit_id IN (${sqlUuidList(actor.portfolioUnitIds)})` : sql`false`);
  if (view === 'queue') w.push(sql`a.state IN ('received', 'returned')`);
  if (q.open === true) w.push(sql`a.closed_at IS NULL`);
  if (q.open === false) w.push(sql`a.closed_at IS NOT NULL`);
  const inList = (col: SQL, vals: readonly string[]) =>
    sql`${col} IN (${sql.join(
      vals.map((v) => sql`${v}`),
      sql`, `,
    )})`;
  if (q.state?.length) w.push(inList(sql`a.state`, q.state));
  if (q.channel?.length) w.push(inList(sql`a.channel`, q.channel));
  if (q.category?.length) w.push(inList(sql`a.category`, q.category));
  // R6.2 the next deadline (appeals.next_due_at, kept by the actions; null when paused or nothing is open).
  if (q.overdue === true) w.push(sql`a.next_due_at < ${now}`);
  if (q.overdue === false) w.push(sql`(a.next_due_at IS NULL OR a.next_due_at >= ${now})`);
  if (q.due === 'today') w.push(sql`a.next_due_at >= ${now} AND a.next_due_at <= ${endOfBusinessDay(now)}`);
  // R6.2 due soon: the SLA sweep moves a milestone into 'due_soon' when it enters the tenant's
  // threshold (calendar-aware: minutes, working hours or working days) and out of it when it passes.
  if (q.due === 'soon') {
    w.push(sql`a.next_due_at >= ${now} AND (
      (a.contact_done_at IS NULL AND a.contact_state = 'due_soon') OR
      (a.opinion_done_at IS NULL AND a.opinion_state = 'due_soon') OR
      (a.resolution_done_at IS NULL AND a.resolution_state = 'due_soon'))`);
  }
  if (q.approval === true) w.push(approvalWhere(actor));
  if (q.major !== undefined) w.push(sql`a.is_major = ${q.major}`);
  if (q.hazard !== undefined) w.push(sql`a.is_safety_hazard = ${q.hazard}`);
  if (q.enterpriseId) w.push(sql`a.enterprise_id = ${q.enterpriseId}`);
  if (q.leadUnitId) w.push(sql`a.lead_unit_id = ${q.leadUnitId}`);
  if (q.receivedFrom) w.push(sql`a.received_at >= ${q.receivedFrom}`);
  if (q.receivedTo) w.push(sql`a.received_at < ${q.receivedTo}`);
  const keyword = q.q?.trim();
  if (keyword) {
    const words = queryWords(keyword);
    // Issue 18: a work order's external id (the source platform's ticket number) matches exactly;
    // issue 17: the appeal's own number, whole or a fragment (the workbench's quick search).
    const byNumber = NUMBER_LIKE.test(keyword) ? sql` OR a.number ILIKE ${likePattern(keyword)}` : sql``;
    const like = sql`(a.title ILIKE ${likePattern(keyword)} OR a.external_ref = ${keyword}${byNumber})`;
    w.push(words ? sql`(a.search_vector @@ plainto_tsquery('simple', ${words}) OR ${like})` : like);
  }
  return sql.join(w, sql` AND `);
}

/**
 * The order of a list. Sorting is server-side over whitelisted columns (LIST_SORTS), each with its
 * natural default direction (deadline: soonest first; received time and number: newest first).
 * Intake's queue without a sort: safety hazards first, then what can still be done in time by the
 * nearest deadline (R6.2: the 2-hour contact clock of a new appeal), then the overdue ones newest
 * first — a new appeal never lands behind the overdue ones.
 */
function listOrder(view: ListQuery['view'], sort: ListSort | undefined, order: 'asc' | 'desc' | undefined, keyword: boolean, now: Date): SQL {
  if (view === 'queue' && !sort) {
    return sql`a.is_safety_hazard DESC, (a.next_due_at IS NOT NULL AND a.next_due_at < ${now}) ASC,
      CASE WHEN a.next_due_at >= ${now} THEN a.next_due_at END ASC NULLS LAST, a.received_at DESC, a.id`;
  }
  const by = sort ?? (view === 'queue' || keyword ? 'received' : 'due');
  const dir = order ?? (by === 'due' ? 'asc' : 'desc');
  const d = dir === 'asc' ? sql`ASC` : sql`DESC`;
  // NULLS LAST as in the indexes (drizzle's .desc()); received_at is never null, and the matching
  // order lets a page read 20 index entries instead of sorting every match.
  if (by === 'due') return sql`a.next_due_at ${d} NULLS LAST, a.id ${d}`;
  if (by === 'number') return sql`a.number ${d}, a.id ${d}`;
  return sql`a.received_at ${d} NULLS LAST, a.id ${d}`;
}

/** How many appeals a list query matches for the caller (capped at COUNT_CAP): the home page's to-do counts. */
export async function countMatching(ctx: AuthedCtx, q: Omit<ListQuery, 'page' | 'pageSize'>): Promise<number> {
  const n = await repo.countAppeals(ctx.db, listWhere(ctx.actor, q, appealClock.now()), COUNT_CAP);
  return Math.min(n, COUNT_CAP);
}

/** Workbench lists, intake's queue, a leader's portfolio view and keyword search (one endpoint). */
export async function list(ctx: AuthedCtx, q: ListQuery) {
  const actor = ctx.actor;
  const now = appealClock.now();
  const where = listWhere(actor, q, now);
  const keyword = Boolean(q.q?.trim());
  const orderBy = listOrder(q.view, q.sort, q.order, keyword, now);
  const cap = keyword ? SEARCH_COUNT_CAP : COUNT_CAP;
  const [rows, total, env] = await Promise.all([
    repo.listSummaryRows(ctx.db, where, orderBy, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countAppeals(ctx.db, where, cap),
    tenantEnvOnPool(ctx.db, actor.tenantId, ctx.tenantSnapshot),
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
  // Same data scope as the appeal itself (appeals.view.ts scopeUnits / canSee), issue 12.
  const { rows, total } = await repo.transferredOut(ctx.db, ctx.actor.tenantId, scopeUnits(ctx.actor), pageSize, (page - 1) * pageSize);
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
