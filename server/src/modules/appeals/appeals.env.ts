// Appeals: the clock the module reads and a tenant's environment (R8.1: its settings, its 2115 SLA
// settings and its working-day calendar), which every deadline is computed against.
import type { TenantSettings } from '../../../../shared/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { SlaSettings, WorkCalendar } from '../../domain/calendar/index.ts';
import type { TenantSnapshot } from '../../lib/context.ts';
import { getTenantCalendar, getTenantCalendarAt, slaSettingsFromTenant } from '../calendar/index.ts';
import { loadTenantSettings, settingsFromStored } from '../tenants/index.ts';

/** The service's clock; tests replace `now` to place actions at chosen instants. */
export const appealClock = { now: () => new Date() };

export type TenantEnv = { tenantId: string; settings: TenantSettings; sla: SlaSettings; calendar: WorkCalendar };

/**
 * `known`: what the request's session read answered of the actor's tenant (Ctx.tenantSnapshot), used
 * when it is this tenant's — then nothing is read but a calendar not cached yet (issue 20: two
 * statements fewer on every request that computes deadlines). Never pass it inside a transaction that
 * changes the tenant's settings or the calendar: they would not be seen.
 */
export async function tenantEnv(db: DbOrTx, tenantId: string, known?: TenantSnapshot | null): Promise<TenantEnv> {
  if (known?.tenantId === tenantId) return fromSnapshot(db, known);
  // Sequential: inside a transaction both run on one connection.
  const s = await loadTenantSettings(db, tenantId);
  const calendar = await getTenantCalendar(db, tenantId);
  return { tenantId, settings: s.settings, sla: slaSettingsFromTenant(s.settings), calendar };
}

/**
 * Issue 20: the same on the pool, outside a transaction — the two reads in parallel (two connections),
 * so a read request waits for one round trip instead of two (none with `known`).
 */
export async function tenantEnvOnPool(db: DbOrTx, tenantId: string, known?: TenantSnapshot | null): Promise<TenantEnv> {
  if (known?.tenantId === tenantId) return fromSnapshot(db, known);
  const [s, calendar] = await Promise.all([loadTenantSettings(db, tenantId), getTenantCalendar(db, tenantId)]);
  return { tenantId, settings: s.settings, sla: slaSettingsFromTenant(s.settings), calendar };
}

/** The SLA settings of a shared settings object (settingsFromStored memoises those), computed once. */
const slaOf = new WeakMap<TenantSettings, SlaSettings>();

async function fromSnapshot(db: DbOrTx, known: TenantSnapshot): Promise<TenantEnv> {
  const settings = settingsFromStored(known.ownOverrides, known.parentOverrides);
  let sla = slaOf.get(settings);
  if (!sla) {
    sla = slaSettingsFromTenant(settings);
    slaOf.set(settings, sla);
  }
  const calendar = await getTenantCalendarAt(db, known.tenantId, known.calendarRevision);
  return { tenantId: known.tenantId, settings, sla, calendar };
}
