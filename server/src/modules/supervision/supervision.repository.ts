// SQL of supervision (R7.2, R7.4): its own tables only, always scoped by tenant_id. Appeals and units
// are read through their modules' indexes.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { rectificationItems, supervisionInterviews, supervisionItems, supervisionNotices } from '../../db/schema.ts';

export type ItemRow = typeof supervisionItems.$inferSelect;
export type NoticeRow = typeof supervisionNotices.$inferSelect;
export type InterviewRow = typeof supervisionInterviews.$inferSelect;
export type RectificationRow = typeof rectificationItems.$inferSelect;

export async function itemOwner(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ tenantId: supervisionItems.tenantId, unitId: supervisionItems.unitId })
    .from(supervisionItems)
    .where(eq(supervisionItems.id, id));
  return r ?? null;
}

export async function rectificationOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; unit_id: string }>(
    db,
    sql`SELECT r.tenant_id, i.unit_id FROM rectification_items r JOIN supervision_interviews i ON i.id = r.interview_id WHERE r.id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.unit_id } : null;
}

export async function insertItem(db: DbOrTx, v: typeof supervisionItems.$inferInsert) {
  const [r] = await db.insert(supervisionItems).values(v).returning();
  return r;
}

export async function getItem(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(supervisionItems)
    .where(and(eq(supervisionItems.id, id), eq(supervisionItems.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export async function listItems(db: DbOrTx, f: { tenantId: string; year?: number; unitId?: string; onlyUnitId?: string | null }) {
  const where: SQL[] = [eq(supervisionItems.tenantId, f.tenantId)];
  if (f.year) where.push(eq(supervisionItems.year, f.year));
  if (f.unitId) where.push(eq(supervisionItems.unitId, f.unitId));
  if (f.onlyUnitId !== undefined) where.push(f.onlyUnitId === null ? sql`false` : eq(supervisionItems.unitId, f.onlyUnitId));
  return db
    .select()
    .from(supervisionItems)
    .where(and(...where))
    .orderBy(desc(supervisionItems.createdAt), desc(supervisionItems.id));
}

export async function nextNoticeSerial(db: DbOrTx, tenantId: string, year: number) {
  // The item row is locked by the caller; notices of a tenant-year are numbered under an advisory lock.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`supervision-notice:${tenantId}:${year}`}))`);
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`SELECT coalesce(max(serial), 0) + 1 AS n FROM supervision_notices WHERE tenant_id = ${tenantId} AND year = ${year}`,
  );
  return r.n;
}

export async function insertNotice(db: DbOrTx, v: typeof supervisionNotices.$inferInsert) {
  const [r] = await db.insert(supervisionNotices).values(v).returning();
  return r;
}

export async function insertInterview(
  db: DbOrTx,
  v: typeof supervisionInterviews.$inferInsert,
  items: Omit<typeof rectificationItems.$inferInsert, 'interviewId' | 'tenantId'>[],
) {
  const [r] = await db.insert(supervisionInterviews).values(v).returning();
  if (items.length) await db.insert(rectificationItems).values(items.map((x, i) => ({ ...x, tenantId: r.tenantId, interviewId: r.id, sortOrder: i })));
  return r;
}

export async function noticesOf(db: DbOrTx, tenantId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(supervisionNotices)
    .where(and(eq(supervisionNotices.tenantId, tenantId), inArray(supervisionNotices.itemId, [...itemIds])));
}

export async function interviewsOf(db: DbOrTx, tenantId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(supervisionInterviews)
    .where(and(eq(supervisionInterviews.tenantId, tenantId), inArray(supervisionInterviews.itemId, [...itemIds])));
}

export async function rectificationsOf(db: DbOrTx, tenantId: string, interviewIds: readonly string[]) {
  if (interviewIds.length === 0) return [];
  return db
    .select()
    .from(rectificationItems)
    .where(and(eq(rectificationItems.tenantId, tenantId), inArray(rectificationItems.interviewId, [...interviewIds])))
    .orderBy(asc(rectificationItems.sortOrder));
}

export async function getRectification(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(rectificationItems)
    .where(and(eq(rectificationItems.id, id), eq(rectificationItems.tenantId, tenantId)));
  return r ?? null;
}

export async function getInterview(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(supervisionInterviews)
    .where(and(eq(supervisionInterviews.id, id), eq(supervisionInterviews.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

/** R8.1 the assessment's supervision columns: per unit and year, items, 通报, 约谈, commendations (ids behind each). */
export async function unitYearCounts(db: DbOrTx, tenantId: string, year: number) {
  return queryRows<{ unit_id: string; items: string[]; notices: string[]; interviews: string[]; commendations: string[] }>(
    db,
    sql`
    SELECT i.unit_id,
      array_agg(i.id) AS items,
      coalesce(array_agg(i.id) FILTER (WHERE i.outcome = 'notice'), '{}') AS notices,
      coalesce(array_agg(i.id) FILTER (WHERE i.outcome = 'interview'), '{}') AS interviews,
      coalesce(array_agg(i.id) FILTER (WHERE i.outcome = 'commendation'), '{}') AS commendations
    FROM supervision_items i WHERE i.tenant_id = ${tenantId} AND i.year = ${year} GROUP BY i.unit_id`,
  );
}

/** R8.1 the province's assessment of cities: per city tenant and year, the same counts. */
export async function tenantYearCounts(db: DbOrTx, tenantIds: readonly string[], year: number) {
  if (tenantIds.length === 0) return [];
  return queryRows<{ tenant_id: string; items: string[]; notices: string[]; interviews: string[]; commendations: string[] }>(
    db,
    sql`
    SELECT i.tenant_id,
      array_agg(i.id) AS items,
      coalesce(array_agg(i.id) FILTER (WHERE i.outcome = 'notice'), '{}') AS notices,
      coalesce(array_agg(i.id) FILTER (WHERE i.outcome = 'interview'), '{}') AS interviews,
      coalesce(array_agg(i.id) FILTER (WHERE i.outcome = 'commendation'), '{}') AS commendations
    FROM supervision_items i WHERE i.tenant_id IN (${sql.join(
      tenantIds.map((t) => sql`${t}`),
      sql`, `,
    )}) AND i.year = ${year} GROUP BY i.tenant_id`,
  );
}

/** Demo data: a rectification item already done. */
export async function markRectificationDone(db: DbOrTx, id: string, v: { at: Date; note: string; byName: string }) {
  await db.update(rectificationItems).set({ doneAt: v.at, doneNote: v.note, doneByName: v.byName }).where(eq(rectificationItems.id, id));
}
