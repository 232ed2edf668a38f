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

/** A pending request for this USCC in the tenant (one pending request per enterprise). */
export async function pendingRegistrationExists(db: DbOrTx, tenantId: string, uscc: string) {
  const [r] = await queryRows<{ id: string }>(db, sql`
    SELECT id FROM enterprise_registrations WHERE tenant_id = ${tenantId} AND status = 'pending' AND uscc = ${uscc} LIMIT 1`);
  return Boolean(r);
}

/** Other pending requests (any tenant: usernames are global) asking for the same username. */
export async function pendingWithUsername(db: DbOrTx, username: string, exceptId: string) {
  const [r] = await queryRows<{ n: number }>(db, sql`
    SELECT count(*)::int AS n FROM enterprise_registrations
    WHERE status = 'pending' AND lower(username) = lower(${username}) AND id <> ${exceptId}`);
  return r.n;
}

export type RegistryMatch = {
  id: string;
  name: string;
  uscc: string;
  archived: boolean;
  status: string;
  regionCode: string;
  address: string | null;
  supervisingUnitName: string | null;
};

/** The registry record with this USCC in the tenant, with its supervising unit (for intake's check). */
export async function registryMatch(db: DbOrTx, tenantId: string, uscc: string): Promise<RegistryMatch | null> {
  const [r] = await queryRows<RegistryMatch>(db, sql`
    SELECT e.id, e.name, e.uscc, e.archived, e.status, e.region_code AS "regionCode", e.address,
           u.name AS "supervisingUnitName"
    FROM enterprises e LEFT JOIN units u ON u.id = e.supervising_unit_id
    WHERE e.tenant_id = ${tenantId} AND e.uscc = ${uscc}`);
  return r ?? null;
}

/** Enterprise accounts already linked to a registry enterprise. */
export async function accountsOfEnterprise(db: DbOrTx, tenantId: string, enterpriseId: string) {
  return queryRows<{ id: string; username: string; displayName: string; disabled: boolean }>(db, sql`
    SELECT id, username, display_name AS "displayName", disabled FROM users
    WHERE tenant_id = ${tenantId} AND enterprise_id = ${enterpriseId} AND 'enterprise' = ANY(roles)
    ORDER BY created_at`);
}

// ---------------------------------------------------------------- enterprise accounts (users with role 'enterprise')

export type AccountRow = {
  id: string;
  username: string;
  displayName: string;
  mobile: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  version: number;
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const accountSelect = sql`
  SELECT u.id, u.username, u.display_name AS "displayName", u.mobile, u.disabled, u.locked_until AS "lockedUntil",
         u.must_change_password AS "mustChangePassword", u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt",
         u.version, u.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", e.uscc
  FROM users u JOIN enterprises e ON e.id = u.enterprise_id AND e.tenant_id = u.tenant_id`;

export async function listAccounts(db: DbOrTx, tenantId: string, q: string | undefined, limit: number, offset: number) {
  const like = q ? `%${escapeLike(q)}%` : null;
  const where = sql`u.tenant_id = ${tenantId} AND 'enterprise' = ANY(u.roles)
    ${like ? sql`AND (u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR e.name ILIKE ${like} OR e.uscc ILIKE ${like})` : sql``}`;
  const [items, [{ total }]] = await Promise.all([
    queryRows<AccountRow>(db, sql`${accountSelect} WHERE ${where} ORDER BY u.created_at DESC, u.id LIMIT ${limit} OFFSET ${offset}`),
    queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM users u JOIN enterprises e ON e.id = u.enterprise_id AND e.tenant_id = u.tenant_id WHERE ${where}`),
  ]);
  return { items, total };
}

export async function getAccount(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<AccountRow | null> {
  const [r] = await queryRows<AccountRow>(db, sql`${accountSelect} WHERE u.id = ${id} AND u.tenant_id = ${tenantId} AND 'enterprise' = ANY(u.roles)
    ${lock ? sql`FOR UPDATE OF u` : sql``}`);
  return r ?? null;
}

/** Policy resource 'enterpriseAccount': only users with role 'enterprise' (a staff account's id answers 404). */
export async function enterpriseAccountOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string }>(db, sql`SELECT tenant_id FROM users WHERE id = ${id} AND 'enterprise' = ANY(roles)`);
  return r ? { tenantId: r.tenant_id } : null;
}

/** Public registration page: the province and the city bureaus an enterprise can register with. */
export async function publicTenants(db: DbOrTx) {
  return queryRows<{ code: string; name: string; kind: 'province' | 'city' }>(db, sql`
    SELECT code, name, kind FROM tenants ORDER BY (kind = 'province') DESC, code`);
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

/** Owner of an appeal as the portal sees it: its tenant and the registry enterprise it concerns. */
export async function portalAppealOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; enterprise_id: string | null }>(db, sql`
    SELECT tenant_id, enterprise_id FROM appeals WHERE id = ${id}`);
  return r ? { tenantId: r.tenant_id, enterpriseId: r.enterprise_id } : null;
}
