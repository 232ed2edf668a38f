// Appeals: the clock the module reads and a tenant's environment (R8.1: its settings, its 2115 SLA
// settings and its working-day calendar), which every deadline is computed against.
import type { TenantSettings } from '../../../../shared/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { SlaSettings, WorkCalendar } from '../../domain/calendar/index.ts';
import { getTenantCalendar, slaSettingsFromTenant } from '../calendar/index.ts';
import { loadTenantSettings } from '../tenants/index.ts';

/** The service's clock; tests replace `now` to place actions at chosen instants. */
export const appealClock = { now: () => new Date() };

export type TenantEnv = { tenantId: string; settings: TenantSettings; sla: SlaSettings; calendar: WorkCalendar };

export async function tenantEnv(db: DbOrTx, tenantId: string): Promise<TenantEnv> {
  // Sequential: inside a transaction both run on one connection.
  const s = await loadTenantSettings(db, tenantId);
  const calendar = await getTenantCalendar(db, tenantId);
  return { tenantId, settings: s.settings, sla: slaSettingsFromTenant(s.settings), calendar };
}

/**
 * Issue 20: the same on the pool, outside a transaction — the two reads in parallel (two connections),
 * so a read request waits for one round trip instead of two.
 */
export async function tenantEnvOnPool(db: DbOrTx, tenantId: string): Promise<TenantEnv> {
  const [s, calendar] = await Promise.all([loadTenantSettings(db, tenantId), getTenantCalendar(db, tenantId)]);
  return { tenantId, settings: s.settings, sla: slaSettingsFromTenant(s.settings), calendar };
}
