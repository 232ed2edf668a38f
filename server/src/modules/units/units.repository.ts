import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { units } from '../../db/schema.ts';

export type UnitRow = typeof units.$inferSelect;

export function listUnits(db: DbOrTx, tenantId: string, includeArchived: boolean) {
  return db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), includeArchived ? undefined : eq(units.archived, false)))
    .orderBy(asc(units.sortOrder), asc(units.name));
}

export async function findUnitByName(db: DbOrTx, tenantId: string, name: string) {
  const [row] = await db.select().from(units).where(and(eq(units.tenantId, tenantId), eq(units.name, name)));
  return row ?? null;
}

/** Returns the ids among `ids` that are active units of the tenant. */
export async function existingUnitIds(db: DbOrTx, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.archived, false), inArray(units.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function insertUnit(db: DbOrTx, values: typeof units.$inferInsert) {
  const [row] = await db.insert(units).values(values).returning();
  return row;
}
