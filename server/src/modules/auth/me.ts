// The signed-in user as the web app sees it.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ROLES, SCOPES } from '../../../../shared/roles.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../lib/context.ts';

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mustChangePassword: z.boolean(),
  tenant: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(['province', 'city']) }),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  portfolioUnitIds: z.array(z.string()),
  /** Role 'enterprise': the enterprise the account belongs to. */
  enterpriseId: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export async function presentMe(db: DbOrTx, actor: Actor): Promise<Me> {
  const [row] = await queryRows<{ tenant_name: string; unit_name: string | null }>(db, sql`
    SELECT t.name AS tenant_name, un.name AS unit_name FROM tenants t
    LEFT JOIN units un ON un.id = ${actor.unitId} WHERE t.id = ${actor.tenantId}`);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    scope: actor.scope,
    mustChangePassword: actor.mustChangePassword,
    tenant: { id: actor.tenantId, code: actor.tenantCode, name: row.tenant_name, kind: actor.tenantKind },
    unit: actor.unitId && row.unit_name ? { id: actor.unitId, name: row.unit_name } : null,
    portfolioUnitIds: actor.portfolioUnitIds,
    enterpriseId: actor.enterpriseId ?? null,
  };
}
