// SQL of the working-day calendar (R6.2, R8.1): national notices loaded at run time, per-tenant
// overrides, and the revision counter that invalidates every instance's in-memory calendars.
import { asc, eq, sql } from 'drizzle-orm';
import { queryPrepared, queryRows, type DbOrTx } from '../../db/client.ts';
import { calendarNotices, calendarOverrides } from '../../db/schema.ts';
import type { CalendarOverride, Notice } from '../../domain/calendar/index.ts';

export type NoticeRow = typeof calendarNotices.$inferSelect;
export type OverrideItem = Required<CalendarOverride>;

/** The current calendar revision (0 before the first change): one primary-key read. */
export async function readRevision(db: DbOrTx): Promise<number> {
  // Read on every request that computes a deadline (the calendar cache's key): a named prepared statement (queryPrepared).
  const rows = await queryPrepared<{ revision: string | number }>(db, 'calendar_revision', sql`SELECT revision FROM calendar_revision WHERE id = 1`);
  return rows.length ? Number(rows[0].revision) : 0;
}

/**
 * Moves the revision to a fresh number from calendar_revision_seq inside the caller's transaction
 * (serialises concurrent changes on the row lock). A sequence never hands out a number twice, even
 * when the transaction rolls back: caches keyed by revision rely on that (tenant-calendar.ts).
 */
export async function bumpRevision(db: DbOrTx): Promise<number> {
  const rows = await queryRows<{ revision: string | number }>(
    db,
    sql`INSERT INTO calendar_revision (id, revision) VALUES (1, nextval('calendar_revision_seq'))
        ON CONFLICT (id) DO UPDATE SET revision = nextval('calendar_revision_seq'), updated_at = now()
        RETURNING revision`,
  );
  return Number(rows[0].revision);
}

export const listNoticeRows = (db: DbOrTx) => db.select().from(calendarNotices).orderBy(asc(calendarNotices.year));

export async function getNoticeRow(db: DbOrTx, year: number, forUpdate = false): Promise<NoticeRow | null> {
  const q = db.select().from(calendarNotices).where(eq(calendarNotices.year, year));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** Inserts a new year; null if the year was inserted concurrently. */
export async function insertNoticeRow(db: DbOrTx, values: { year: number; notice: Notice; loadedBy: string | null; loadedByName: string }) {
  const [row] = await db.insert(calendarNotices).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Replaces a year's notice if its version is still `expectedVersion`; null otherwise. */
export async function replaceNoticeRow(
  db: DbOrTx,
  year: number,
  expectedVersion: number,
  values: { notice: Notice; loadedBy: string | null; loadedByName: string },
) {
  const [row] = await db
    .update(calendarNotices)
    .set({ ...values, version: sql`${calendarNotices.version} + 1`, updatedAt: sql`now()` })
    .where(sql`${calendarNotices.year} = ${year} AND ${calendarNotices.version} = ${expectedVersion}`)
    .returning();
  return row ?? null;
}

/** A tenant's overrides ([] and version 1 if it has none yet; the row is created on demand). */
export async function getOverridesRow(db: DbOrTx, tenantId: string, forUpdate = false): Promise<{ items: OverrideItem[]; version: number }> {
  if (forUpdate) await db.insert(calendarOverrides).values({ tenantId }).onConflictDoNothing();
  const q = db.select().from(calendarOverrides).where(eq(calendarOverrides.tenantId, tenantId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ? { items: row.items, version: row.version } : { items: [], version: 1 };
}

export async function updateOverridesRow(db: DbOrTx, tenantId: string, items: OverrideItem[], expectedVersion: number) {
  const [row] = await db
    .update(calendarOverrides)
    .set({ items, version: sql`${calendarOverrides.version} + 1`, updatedAt: sql`now()` })
    .where(sql`${calendarOverrides.tenantId} = ${tenantId} AND ${calendarOverrides.version} = ${expectedVersion}`)
    .returning();
  return row ? { items: row.items, version: row.version } : null;
}

/** Issue 22: the tenants with their own overrides (a city with its own calendar hears of a missing year too). */
export async function tenantIdsWithOverrides(db: DbOrTx): Promise<Set<string>> {
  const rows = await db.select({ tenantId: calendarOverrides.tenantId }).from(calendarOverrides).where(sql`jsonb_array_length(${calendarOverrides.items}) > 0`);
  return new Set(rows.map((r) => r.tenantId));
}
