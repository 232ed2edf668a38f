// R6.6 鲁力办: the appeals supervised on the 鲁力办 platform (a reference stored on the appeal) are a
// filtered list for 办公室, searchable by the platform's reference, with the platform's own deadline
// beside the 2115 ones; urging (催办) happens from there through the ordinary urge action.
import { sql, type SQL } from 'drizzle-orm';
import type { AuthedCtx } from '../../lib/context.ts';
import { appealClock, tenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';
import { presentSummary, visibilityWhere } from './appeals.view.ts';

export type LulibanQuery = { q?: string; open?: boolean; overdue?: boolean; page: number; pageSize: number };

/** A LIKE pattern that matches `s` literally. */
const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listLuliban(ctx: AuthedCtx, q: LulibanQuery) {
  const actor = ctx.actor;
  const now = appealClock.now();
  const w: SQL[] = [sql`a.tenant_id = ${actor.tenantId}`, visibilityWhere(actor), sql`a.luliban_ref IS NOT NULL`];
  if (q.open === true) w.push(sql`a.closed_at IS NULL`);
  if (q.open === false) w.push(sql`a.closed_at IS NOT NULL`);
  // The platform's deadline passed while the appeal is still open.
  if (q.overdue === true) w.push(sql`a.closed_at IS NULL AND a.luliban_due_at < ${now}`);
  const term = q.q?.trim();
  if (term) w.push(sql`(a.luliban_ref ILIKE ${contains(term)} OR a.number ILIKE ${contains(term)} OR a.title ILIKE ${contains(term)})`);
  const where = sql.join(w, sql` AND `);
  const order = sql`(a.closed_at IS NOT NULL), a.luliban_due_at ASC NULLS LAST, a.next_due_at ASC NULLS LAST, a.id`;
  const [rows, total] = await Promise.all([
    repo.listAppealRows(ctx.db, where, order, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countAppeals(ctx.db, where, 10_000),
  ]);
  const env = await tenantEnv(ctx.db, actor.tenantId, ctx.tenantSnapshot);
  const items = rows.map((r) => ({
    ...presentSummary(r, env, now),
    lulibanRef: r.lulibanRef ?? '',
    lulibanDueAt: r.lulibanDueAt?.toISOString() ?? null,
    lulibanOverdue: r.closedAt === null && r.lulibanDueAt !== null && r.lulibanDueAt.getTime() < now.getTime(),
    lastUrgedAt: r.lastUrgedAt?.toISOString() ?? null,
  }));
  return { items, total: Math.min(total, 10_000) };
}
