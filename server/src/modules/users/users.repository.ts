import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { units, users } from '../../db/schema.ts';
import { throttledUntilSql } from '../auth/index.ts';

export type UserRow = typeof users.$inferSelect;
/** A staff account as the lists show it: its unit's name and the latest sign-in hold-back of its username (登录受限至). */
export type UserListRow = UserRow & { unitName: string | null; lockedUntil: Date | null };

/** Staff accounts only: enterprise accounts are intake's (modules/portal) and never reachable here. */
const isStaff = sql`NOT ('enterprise' = ANY(${users.roles})) AND ${users.enterpriseId} IS NULL`;
const lockedUntil = throttledUntilSql().mapWith((v) => (v ? new Date(v as string) : null));

export type UserFilter = { tenantId: string; q?: string; unitId?: string; role?: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: UserFilter): SQL | undefined {
  return and(
    eq(users.tenantId, f.tenantId),
    isStaff,
    f.q ? or(ilike(users.username, `%${escapeLike(f.q)}%`), ilike(users.displayName, `%${escapeLike(f.q)}%`)) : undefined,
    f.unitId ? eq(users.unitId, f.unitId) : undefined,
    f.role ? sql`${f.role} = ANY(${users.roles})` : undefined,
  );
}

export async function listUsers(db: DbOrTx, f: UserFilter, page: { limit: number; offset: number }) {
  const w = where(f);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ user: users, unitName: units.name, lockedUntil })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(w)
      .orderBy(asc(units.sortOrder), asc(users.username))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(users).where(w),
  ]);
  return { items: rows.map((r) => ({ ...r.user, unitName: r.unitName, lockedUntil: r.lockedUntil })), total };
}

/** A staff account of the tenant (an enterprise account's id gives null, like a missing one). */
export async function getUser(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<UserListRow | null> {
  if (lock)
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, id), eq(users.tenantId, tenantId)))
      .for('update');
  const [r] = await db
    .select({ user: users, unitName: units.name, lockedUntil })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, id), eq(users.tenantId, tenantId), isStaff));
  return r ? { ...r.user, unitName: r.unitName, lockedUntil: r.lockedUntil } : null;
}

/** Policy resource 'user': staff accounts only, so an enterprise account's id answers 404 on every /api/users route. */
export async function staffOwner(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ tenantId: users.tenantId })
    .from(users)
    .where(and(eq(users.id, id), isStaff));
  return r ?? null;
}

/** Active (not disabled) accounts of the tenant holding `role`, other than `exceptId`. */
export async function activeHolders(db: DbOrTx, tenantId: string, role: string, exceptId?: string) {
  const [r] = await db
    .select({ n: count() })
    .from(users)
    .where(
      and(eq(users.tenantId, tenantId), sql`${role} = ANY(${users.roles})`, eq(users.disabled, false), exceptId ? sql`${users.id} <> ${exceptId}` : undefined),
    );
  return r.n;
}

export async function usernameTaken(db: DbOrTx, username: string) {
  const [r] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return Boolean(r);
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

/** Active accounts per admin role in each of the given tenants (the cities' bootstrap page). */
export async function adminCountsByTenant(db: DbOrTx, tenantIds: string[]) {
  if (!tenantIds.length) return new Map<string, { sysadmin: number; secadmin: number; auditor: number }>();
  const rows = await queryRows<{ tenantId: string; sysadmin: number; secadmin: number; auditor: number }>(
    db,
    sql`
    SELECT tenant_id AS "tenantId",
      count(*) FILTER (WHERE 'sysadmin' = ANY(roles))::int AS sysadmin,
      count(*) FILTER (WHERE 'secadmin' = ANY(roles))::int AS secadmin,
      count(*) FILTER (WHERE 'auditor' = ANY(roles))::int AS auditor
    FROM users WHERE NOT disabled AND tenant_id IN (${sql.join(
      tenantIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    GROUP BY tenant_id`,
  );
  return new Map(rows.map((r) => [r.tenantId, { sysadmin: r.sysadmin, secadmin: r.secadmin, auditor: r.auditor }]));
}

/** Issue 14: the active staff of the tenant's units (liaison officers, follow-up owners), with their unit and roles. */
export async function activeStaffOfUnits(db: DbOrTx, tenantId: string, unitIds: string[] | 'all') {
  return db
    .select({ id: users.id, displayName: users.displayName, unitId: users.unitId, roles: users.roles })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.disabled, false),
        isStaff,
        sql`${users.unitId} IS NOT NULL`,
        unitIds === 'all'
          ? undefined
          : unitIds.length
            ? sql`${users.unitId} IN (${sql.join(
                unitIds.map((u) => sql`${u}`),
                sql`, `,
              )})`
            : sql`false`,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(500);
}

/** Issue 18: what the notifications module needs to fan a notice out to an account's channels. */
export type AccountReach = { id: string; tenantId: string; unitId: string | null; roles: string[]; mobile: string | null; displayName: string };

/** Active accounts (staff and enterprise) among these ids. */
export async function activeAccountsByIds(db: DbOrTx, ids: readonly string[]): Promise<AccountReach[]> {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, tenantId: users.tenantId, unitId: users.unitId, roles: users.roles, mobile: users.mobile, displayName: users.displayName })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        sql`${users.id} IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      ),
    );
}
