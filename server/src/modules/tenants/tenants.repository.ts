import { and, asc, eq, sql } from 'drizzle-orm';
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

export async function getTenant(db: DbOrTx, id: string): Promise<TenantRow | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}

export type SettingsRows = {
  tenant: TenantRow;
  own: { overrides: Record<string, unknown>; securityOverrides: Record<string, unknown>; version: number; securityVersion: number };
  parent: { overrides: Record<string, unknown>; securityOverrides: Record<string, unknown> } | null;
};

/** The tenant's own settings row and its parent's (the province's values are the city's defaults, R8.1). */
export async function getSettingsRows(db: DbOrTx, tenantId: string, forUpdate = false): Promise<SettingsRows | null> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) return null;
  await db.insert(tenantSettings).values({ tenantId }).onConflictDoNothing();
  const [own] = await db
    .select()
    .from(tenantSettings)
    .where(eq(tenantSettings.tenantId, tenantId))
    .for(forUpdate ? 'update' : 'share');
  let parent: SettingsRows['parent'] = null;
  if (tenant.parentId) {
    const [p] = await db.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenant.parentId));
    parent = p ? { overrides: p.overrides, securityOverrides: p.securityOverrides } : { overrides: {}, securityOverrides: {} };
  }
  return { tenant, own, parent };
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
