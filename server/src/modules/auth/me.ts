// The signed-in user as the web app sees it.
import type { Me } from '../../../../shared/api/auth.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../../lib/context.ts';
import { getTenant } from '../tenants/index.ts';
import { unitName } from '../units/index.ts';

export type { Me };

export async function presentMe(db: DbOrTx, actor: Actor): Promise<Me> {
  const tenant = await getTenant(db, actor.tenantId);
  const unit = await unitName(db, actor.unitId);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    scope: actor.scope,
    mustChangePassword: actor.mustChangePassword,
    tenant: { id: actor.tenantId, code: actor.tenantCode, name: tenant?.name ?? '', kind: actor.tenantKind },
    unit: actor.unitId && unit ? { id: actor.unitId, name: unit } : null,
    portfolioUnitIds: actor.portfolioUnitIds,
    enterpriseId: actor.enterpriseId ?? null,
  };
}
