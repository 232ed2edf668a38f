import { and, asc, eq, inArray } from 'drizzle-orm';
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
    .where(inArray(leaderUnits.leaderId, rows.map((r) => r.id)))
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
