// SQL of the enterprise portal: registry look-ups, registration requests, the enterprise's own appeals.
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { enterpriseRegistrations, tenants } from '../../db/schema.ts';

export type RegistrationRow = typeof enterpriseRegistrations.$inferSelect;

export async function tenantByCode(db: DbOrTx, code: string) {
  const [t] = await db.select({ id: tenants.id, name: tenants.name }).from(tenants).where(eq(tenants.code, code));
  return t ?? null;
}

export async function enterpriseById(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await queryRows<{ id: string; name: string; uscc: string; archived: boolean }>(db, sql`
    SELECT id, name, uscc, archived FROM enterprises WHERE id = ${id} AND tenant_id = ${tenantId}`);
  return r ?? null;
}

export async function enterpriseByUscc(db: DbOrTx, tenantId: string, uscc: string) {
  const [r] = await queryRows<{ id: string; name: string; uscc: string; archived: boolean }>(db, sql`
    SELECT id, name, uscc, archived FROM enterprises WHERE tenant_id = ${tenantId} AND uscc = ${uscc}`);
  return r ?? null;
}

export async function pendingRegistrationExists(db: DbOrTx, tenantId: string, uscc: string, username: string) {
  const [r] = await queryRows<{ id: string }>(db, sql`
    SELECT id FROM enterprise_registrations WHERE tenant_id = ${tenantId} AND status = 'pending'
      AND (uscc = ${uscc} OR lower(username) = lower(${username})) LIMIT 1`);
  return Boolean(r);
}

export async function insertRegistration(db: DbOrTx, values: typeof enterpriseRegistrations.$inferInsert) {
  const [row] = await db.insert(enterpriseRegistrations).values(values).returning();
  return row;
}

export async function getRegistration(db: DbOrTx, tenantId: string, id: string): Promise<RegistrationRow | null> {
  const [r] = await db
    .select()
    .from(enterpriseRegistrations)
    .where(and(eq(enterpriseRegistrations.id, id), eq(enterpriseRegistrations.tenantId, tenantId)));
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

/** Owner of an appeal as the portal sees it: its tenant and the registry enterprise it concerns. */
export async function portalAppealOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; enterprise_id: string | null }>(db, sql`
    SELECT tenant_id, enterprise_id FROM appeals WHERE id = ${id}`);
  return r ? { tenantId: r.tenant_id, enterpriseId: r.enterprise_id } : null;
}
