// SQL of the enterprise portal's registration requests (issue 7 self-registration). The registry,
// the accounts and the appeals are read through their modules' index.ts.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { enterpriseRegistrations } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';

export type RegistrationRow = typeof enterpriseRegistrations.$inferSelect;

/** A pending request for this USCC in the tenant (one pending request per enterprise). */
/**
 * The other pending requests for the same USCC in the tenant (issue 12: several may wait side by side,
 * so nobody blocks an enterprise's registration by registering its USCC first). `lock` for approve.
 */
export async function otherPendingOfUscc(db: DbOrTx, tenantId: string, uscc: string, exceptId: string, lock = false): Promise<RegistrationRow[]> {
  const q = db
    .select()
    .from(enterpriseRegistrations)
    .where(
      and(
        eq(enterpriseRegistrations.tenantId, tenantId),
        eq(enterpriseRegistrations.uscc, uscc),
        eq(enterpriseRegistrations.status, 'pending'),
        sql`${enterpriseRegistrations.id} <> ${exceptId}`,
      ),
    )
    .orderBy(enterpriseRegistrations.createdAt);
  return lock ? await q.for('update') : await q;
}

export async function pendingWithUsername(db: DbOrTx, username: string, exceptId: string) {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`
    SELECT count(*)::int AS n FROM enterprise_registrations
    WHERE status = 'pending' AND lower(username) = lower(${username}) AND id <> ${exceptId}`,
  );
  return r.n;
}

export async function insertRegistration(db: DbOrTx, values: typeof enterpriseRegistrations.$inferInsert) {
  const [row] = await db.insert(enterpriseRegistrations).values(values).returning();
  return row;
}

/** `lock`: FOR UPDATE, so a decision checks the version and status it then writes. */
export async function getRegistration(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<RegistrationRow | null> {
  const q = db
    .select()
    .from(enterpriseRegistrations)
    .where(and(eq(enterpriseRegistrations.id, id), eq(enterpriseRegistrations.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export async function listRegistrations(db: DbOrTx, tenantId: string, status: string | undefined, limit: number, offset: number) {
  const w = and(eq(enterpriseRegistrations.tenantId, tenantId), status ? eq(enterpriseRegistrations.status, status as 'pending') : undefined);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(enterpriseRegistrations).where(w).orderBy(desc(enterpriseRegistrations.createdAt)).limit(limit).offset(offset),
    db.select({ total: count() }).from(enterpriseRegistrations).where(w),
  ]);
  return { items, total };
}

/** Policy resource 'enterpriseRegistration': the request's tenant. */
export const registrationOwner = (db: DbOrTx, id: string) => ownerOf(db, enterpriseRegistrations, id);
