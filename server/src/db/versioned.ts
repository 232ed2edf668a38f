// Optimistic concurrency: every update carries the version it read. A stale version gets 409
// with the current record as the resource's normal read presents it; a row outside the tenant is "not found", like a missing one.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';
import { AppError, ErrorCode, notFound } from '../errors.ts';

type VersionedTable = PgTable & { id: PgColumn; tenantId: PgColumn; version: PgColumn; updatedAt: PgColumn };

export async function updateVersioned<T extends VersionedTable>(
  db: DbOrTx,
  table: T,
  where: { id: string; tenantId: string; version: number },
  set: Record<string, unknown>,
  what: string,
  /**
   * What the 409 shows of the current record: exactly the resource's normal read (its GET / list
   * presentation), never the raw row (issue 12: a raw users row carried the full mobile and lockout
   * fields). Required: there is no default that dumps the row.
   */
  present: (row: T['$inferSelect']) => unknown,
): Promise<{ before: T['$inferSelect']; after: T['$inferSelect'] }> {
  const scope: SQL = and(eq(table.id, where.id), eq(table.tenantId, where.tenantId))!;
  const [before] = (await db
    .select()
    .from(table as PgTable)
    .where(scope)
    .for('update')) as T['$inferSelect'][];
  if (!before) throw notFound(what);
  if ((before as { version: number }).version !== where.version) {
    throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: await present(before) } });
  }
  const [after] = (await db
    .update(table)
    .set({ ...set, version: sql`${table.version} + 1`, updatedAt: sql`now()` } as never)
    .where(scope)
    .returning()) as T['$inferSelect'][];
  return { before, after };
}

/** Loads `{ tenantId }` of a row by id, for the policy layer's resource resolvers. */
export async function ownerOf(db: DbOrTx, table: PgTable & { id: PgColumn; tenantId: PgColumn }, id: string) {
  const [row] = await db
    .select({ tenantId: table.tenantId })
    .from(table as PgTable)
    .where(eq(table.id, id));
  return (row as { tenantId: string } | undefined) ?? null;
}
