import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { units, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type UserListRow = UserRow & { unitName: string | null };

export type UserFilter = { tenantId: string; q?: string; unitId?: string; role?: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: UserFilter): SQL | undefined {
  return and(
    eq(users.tenantId, f.tenantId),
    f.q ? or(ilike(users.username, `%${escapeLike(f.q)}%`), ilike(users.displayName, `%${escapeLike(f.q)}%`)) : undefined,
    f.unitId ? eq(users.unitId, f.unitId) : undefined,
    f.role ? sql`${f.role} = ANY(${users.roles})` : undefined,
  );
}

export async function listUsers(db: DbOrTx, f: UserFilter, page: { limit: number; offset: number }) {
  const w = where(f);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ user: users, unitName: units.name })
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(w)
      .orderBy(asc(units.sortOrder), asc(users.username))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(users).where(w),
  ]);
  return { items: rows.map((r) => ({ ...r.user, unitName: r.unitName })), total };
}

export async function getUser(db: DbOrTx, tenantId: string, id: string): Promise<UserListRow | null> {
  const [r] = await db
    .select({ user: users, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
  return r ? { ...r.user, unitName: r.unitName } : null;
}

export async function usernameTaken(db: DbOrTx, username: string) {
  const [r] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return Boolean(r);
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}
