import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { leaderUnits, leaders, units } from '../../db/schema.ts';

export type LeaderRow = typeof leaders.$inferSelect;
export type LeaderWithUnits = LeaderRow & { units: { id: string; name: string }[] };

export async function listLeaders(db: DbOrTx, tenantId: string, onlyId?: string): Promise<LeaderWithUnits[]> {
  const rows = await db
    .select()
    .from(leaders)
    .where(and(eq(leaders.tenantId, tenantId), onlyId ? eq(leaders.id, onlyId) : undefined))
    .orderBy(asc(leaders.sortOrder), asc(leaders.name));
  if (rows.length === 0) return [];
  const links = await db
    .select({ leaderId: leaderUnits.leaderId, id: units.id, name: units.name })
    .from(leaderUnits)
    .innerJoin(units, eq(units.id, leaderUnits.unitId))
    .where(
      inArray(
        leaderUnits.leaderId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(units.sortOrder));
  return rows.map((r) => ({ ...r, units: links.filter((l) => l.leaderId === r.id).map(({ id, name }) => ({ id, name })) }));
}

export async function insertLeader(db: DbOrTx, values: typeof leaders.$inferInsert) {
  const [row] = await db.insert(leaders).values(values).returning();
  return row;
}

/** Replaces a leader's portfolio (分管 units). */
export async function setPortfolio(db: DbOrTx, leaderId: string, unitIds: string[]) {
  await db.delete(leaderUnits).where(eq(leaderUnits.leaderId, leaderId));
  if (unitIds.length) await db.insert(leaderUnits).values(unitIds.map((unitId) => ({ leaderId, unitId })));
}

/** R3.5: the user accounts of the active leaders whose portfolio (分管) covers each unit. */
export async function leaderUsersOfUnits(db: DbOrTx, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!unitIds.length) return out;
  const rows = await db
    .select({ unitId: leaderUnits.unitId, userId: leaders.userId })
    .from(leaderUnits)
    .innerJoin(leaders, eq(leaders.id, leaderUnits.leaderId))
    .where(and(inArray(leaderUnits.unitId, [...unitIds]), isNotNull(leaders.userId), eq(leaders.archived, false)));
  for (const r of rows) if (r.userId) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.userId]);
  return out;
}

/** The tenant's active leaders among `ids` (R6.3 / R6.4 attending leaders). */
export async function activeLeadersById(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<{ id: string; name: string; title: string }[]> {
  if (!ids.length) return [];
  return db
    .select({ id: leaders.id, name: leaders.name, title: leaders.title })
    .from(leaders)
    .where(and(eq(leaders.tenantId, tenantId), eq(leaders.archived, false), inArray(leaders.id, [...ids])))
    .orderBy(asc(leaders.sortOrder), asc(leaders.name));
}

/** Issue 14: an active leader of the tenant with the portfolio (分管 unit ids), or null (R1.1, R1.2). */
export async function leaderWithPortfolio(
  db: DbOrTx,
  tenantId: string,
  leaderId: string,
): Promise<{ id: string; name: string; title: string; userId: string | null; unitIds: string[] } | null> {
  const [l] = await db
    .select({ id: leaders.id, name: leaders.name, title: leaders.title, userId: leaders.userId })
    .from(leaders)
    .where(and(eq(leaders.tenantId, tenantId), eq(leaders.id, leaderId), eq(leaders.archived, false)));
  if (!l) return null;
  const us = await db.select({ unitId: leaderUnits.unitId }).from(leaderUnits).where(eq(leaderUnits.leaderId, leaderId));
  return { ...l, unitIds: us.map((u) => u.unitId) };
}

/** The active leader record of a user account (a leader acting on their own contact points), or null. */
export async function leaderIdOfUser(db: DbOrTx, tenantId: string, userId: string): Promise<string | null> {
  const [l] = await db
    .select({ id: leaders.id })
    .from(leaders)
    .where(and(eq(leaders.tenantId, tenantId), eq(leaders.userId, userId), eq(leaders.archived, false)));
  return l?.id ?? null;
}

/** The tenant's active leaders with their portfolios (year at a glance per leader). */
export async function activeLeadersWithPortfolio(db: DbOrTx, tenantId: string) {
  const rows = await listLeaders(db, tenantId);
  return rows.filter((r) => !r.archived).map((r) => ({ id: r.id, name: r.name, title: r.title, userId: r.userId, unitIds: r.units.map((u) => u.id) }));
}
