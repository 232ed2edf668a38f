import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryPrepared, sqlArray, type DbOrTx } from '../../db/client.ts';
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
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.name, name)));
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

/** The active units of the tenant among `ids`, with their names (dispatch, routing rules, agenda items). */
export async function activeUnitsById(db: DbOrTx, tenantId: string, ids: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  if (ids.length === 0) return new Map();
  // One text whatever the number of ids (a prepared statement: it runs on every intake and dispatch).
  const rows = await queryPrepared<{ id: string; name: string }>(
    db,
    'units_active_by_id',
    sql`SELECT id, name FROM units
        WHERE tenant_id = ${tenantId} AND NOT archived AND id = ANY(${sqlArray(ids, 'uuid')})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * activeUnitsById, and in the same statement the active unit that another module names by a scalar
 * subquery of its own (`one.idSql`, a fixed text, so the statement stays one prepared text under
 * `one.statement`): at intake and at the first dispatch, the channel's lead unit (R3.4) — one round
 * trip instead of two (issue 20). `one` is null when the subquery names no unit or an archived one.
 */
export async function activeUnitsAndOne(
  db: DbOrTx,
  tenantId: string,
  ids: readonly string[],
  one: { statement: string; idSql: SQL },
): Promise<{ units: Map<string, { id: string; name: string }>; one: { id: string; name: string } | null }> {
  const rows = await queryPrepared<{ id: string; name: string; listed: boolean; is_one: boolean }>(
    db,
    one.statement,
    sql`WITH o AS (SELECT ${one.idSql} AS id)
        SELECT u.id, u.name, u.id = ANY(${sqlArray(ids, 'uuid')}) AS listed, u.id IS NOT DISTINCT FROM o.id AS is_one
        FROM units u, o
        WHERE u.tenant_id = ${tenantId} AND NOT u.archived AND (u.id = ANY(${sqlArray(ids, 'uuid')}) OR u.id = o.id)`,
  );
  const unit = (r: { id: string; name: string }) => ({ id: r.id, name: r.name });
  const found = rows.find((r) => r.is_one);
  return { units: new Map(rows.filter((r) => r.listed).map((r) => [r.id, unit(r)])), one: found ? unit(found) : null };
}

/** A unit's name (archived ones too: history names the unit it was), or null. */
export async function unitName(db: DbOrTx, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const [r] = await db.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return r?.name ?? null;
}

/** R3.2 routing suggestion: the tenant's active business units whose sectors (分管行业) cover `sector`. */
export async function businessUnitsForSector(db: DbOrTx, tenantId: string, sector: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.archived, false), eq(units.kind, 'business'), sql`${sector}::text = ANY(${units.sectors})`))
    .orderBy(asc(units.name));
}

/** R5.2 the tenant's coordinating unit (政策法规处, kind coordinator): it leads a meeting touching several units. */
export async function coordinatorUnit(db: DbOrTx, tenantId: string): Promise<{ id: string; name: string } | null> {
  const [r] = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.archived, false), eq(units.kind, 'coordinator')))
    .orderBy(asc(units.sortOrder), asc(units.name))
    .limit(1);
  return r ?? null;
}

/** Issue 14: the tenant's active units among `ids` with their kind and sectors (R1.2 portfolio, R1.6 "an enterprise of its sectors"). */
export async function unitFacts(
  db: DbOrTx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string; kind: string; sectors: string[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind, sectors: units.sectors })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.archived, false), inArray(units.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r]));
}
