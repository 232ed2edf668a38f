import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { tenantSettings, tenants } from '../../db/schema.ts';

export type TenantRow = typeof tenants.$inferSelect;

export const listTenants = (db: DbOrTx) => db.select().from(tenants).orderBy(asc(tenants.code));

/** The city bureaus under a tenant (a city has none): targets of a transfer to a city (R3.2). */
export const listChildCities = (db: DbOrTx, parentId: string) =>
  db
    .select({ id: tenants.id, code: tenants.code, name: tenants.name })
    .from(tenants)
    .where(and(eq(tenants.parentId, parentId), eq(tenants.kind, 'city')))
    .orderBy(asc(tenants.code));

/** A tenant's name ('' when the id is unknown): headings of dashboards and reports. */
export async function tenantName(db: DbOrTx, id: string): Promise<string> {
  const [row] = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, id));
  return row?.name ?? '';
}

export async function getTenant(db: DbOrTx, id: string): Promise<TenantRow | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}

export type SettingsRows = {
  tenant: TenantRow;
  own: { overrides: Record<string, unknown>; securityOverrides: Record<string, unknown>; version: number; securityVersion: number };
  parent: { overrides: Record<string, unknown>; securityOverrides: Record<string, unknown> } | null;
};

const NO_ROW = { overrides: {}, securityOverrides: {}, version: 1, securityVersion: 1 };
const parentSettings = alias(tenantSettings, 'parent_settings');

/**
 * The tenant's own settings row and its parent's (the province's values are the city's defaults,
 * R8.1). Reading takes one query and neither writes nor locks (it runs on every appeal page and
 * deadline); a tenant that never saved settings reads the defaults at version 1. `forUpdate`
 * (a change) creates the row if needed and locks it.
 */
export async function getSettingsRows(db: DbOrTx, tenantId: string, forUpdate = false): Promise<SettingsRows | null> {
  if (forUpdate) {
    if (!(await getTenant(db, tenantId))) return null;
    await db.insert(tenantSettings).values({ tenantId }).onConflictDoNothing();
  }
  const cols = { tenant: tenants, own: tenantSettings, parent: parentSettings };
  // FOR UPDATE may only lock the inner side of a join, hence the two shapes.
  const [r] = forUpdate
    ? await db
        .select(cols)
        .from(tenantSettings)
        .innerJoin(tenants, eq(tenants.id, tenantSettings.tenantId))
        .leftJoin(parentSettings, eq(parentSettings.tenantId, tenants.parentId))
        .where(eq(tenants.id, tenantId))
        .for('update', { of: tenantSettings })
    : await db
        .select(cols)
        .from(tenants)
        .leftJoin(tenantSettings, eq(tenantSettings.tenantId, tenants.id))
        .leftJoin(parentSettings, eq(parentSettings.tenantId, tenants.parentId))
        .where(eq(tenants.id, tenantId))
        // Read on most requests (the appeal page, the workbench): a named prepared statement on the
        // server, planned once per connection (db/client.ts queryPrepared says why).
        .prepare('tenant_settings_read')
        .execute();
  if (!r) return null;
  const own = r.own ?? NO_ROW;
  const parent = !r.tenant.parentId
    ? null
    : r.parent
      ? { overrides: r.parent.overrides, securityOverrides: r.parent.securityOverrides }
      : { overrides: {}, securityOverrides: {} };
  return {
    tenant: r.tenant,
    own: { overrides: own.overrides, securityOverrides: own.securityOverrides, version: own.version, securityVersion: own.securityVersion },
    parent,
  };
}

export async function updateOverrides(db: DbOrTx, tenantId: string, overrides: Record<string, unknown>, expectedVersion: number) {
  const rows = await db
    .update(tenantSettings)
    .set({ overrides, version: sql`${tenantSettings.version} + 1`, updatedAt: sql`now()` })
    .where(sql`${tenantSettings.tenantId} = ${tenantId} AND ${tenantSettings.version} = ${expectedVersion}`)
    .returning();
  return rows[0] ?? null;
}

export async function updateSecurityOverrides(db: DbOrTx, tenantId: string, overrides: Record<string, unknown>, expectedVersion: number) {
  const rows = await db
    .update(tenantSettings)
    .set({ securityOverrides: overrides, securityVersion: sql`${tenantSettings.securityVersion} + 1`, updatedAt: sql`now()` })
    .where(sql`${tenantSettings.tenantId} = ${tenantId} AND ${tenantSettings.securityVersion} = ${expectedVersion}`)
    .returning();
  return rows[0] ?? null;
}

export async function tenantByCode(db: DbOrTx, code: string): Promise<TenantRow | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.code, code));
  return row ?? null;
}

/** R3.2: a city bureau under the province (the only tenant a transfer to a city may reach), or null. */
export async function cityOf(db: DbOrTx, provinceId: string, cityId: string): Promise<TenantRow | null> {
  const [row] = await db
    .select()
    .from(tenants)
    .where(and(eq(tenants.id, cityId), eq(tenants.parentId, provinceId), eq(tenants.kind, 'city')));
  return row ?? null;
}

/** Issue 14: the settings rows of several tenants in one query (the province's year at a glance reads every city's numbers). */
export async function getSettingsRowsMany(db: DbOrTx, tenantIds: readonly string[]): Promise<Map<string, SettingsRows>> {
  const out = new Map<string, SettingsRows>();
  if (!tenantIds.length) return out;
  const rows = await db
    .select({ tenant: tenants, own: tenantSettings, parent: parentSettings })
    .from(tenants)
    .leftJoin(tenantSettings, eq(tenantSettings.tenantId, tenants.id))
    .leftJoin(parentSettings, eq(parentSettings.tenantId, tenants.parentId))
    .where(inArray(tenants.id, [...tenantIds]));
  for (const r of rows) {
    const own = r.own ?? NO_ROW;
    const parent = !r.tenant.parentId
      ? null
      : r.parent
        ? { overrides: r.parent.overrides, securityOverrides: r.parent.securityOverrides }
        : { overrides: {}, securityOverrides: {} };
    out.set(r.tenant.id, {
      tenant: r.tenant,
      own: { overrides: own.overrides, securityOverrides: own.securityOverrides, version: own.version, securityVersion: own.securityVersion },
      parent,
    });
  }
  return out;
}
