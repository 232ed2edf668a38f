// Appeals reading: one appeal's page, the workbench lists (intake's queue, a unit's appeals, a
// leader's portfolio, oversight; keyword search) and the province's status links to appeals it
// transferred to cities (R3.2). Scope and presentation: appeals.view.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { AppealCategory, AppealChannel, AppealState } from '../../../../shared/appeals.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, tenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import { likePattern, queryWords } from './appeals.search.ts';
import { loadDetail, presentSummary, scopeUnits, uuidList, visibilityWhere } from './appeals.view.ts';

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
    w.push(
      actor.unitId
        ? sql`EXISTS (SELECT 1 FROM appeal_units au WHERE au.appeal_id = a.id AND au.unit_id = ${actor.unitId} AND au.status <> 'withdrawn')`
        : sql`false`,
    );
  }
  if (view === 'portfolio') w.push(actor.portfolioUnitIds.length ? sql`a.lead_unit_id IN (${uuidList(actor.portfolioUnitIds)})` : sql`false`);
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
    // Issue 18: a work order's external id (the source platform's ticket number) matches exactly.
    const like = sql`(a.title ILIKE ${likePattern(keyword)} OR a.external_ref = ${keyword})`;
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
