// Effective settings of a tenant (R8.1): code defaults (the provincial measures) ⊕ the
// province's overrides ⊕ the city's own overrides.
import {
  DEFAULT_SECURITY_SETTINGS,
  effectiveSettings,
  securitySettingsSchema,
  tenantSettingsOverridesSchema,
  type SecuritySettings,
  type TenantSettings,
} from '../../../../shared/settings.ts';
import type { DbOrTx } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import { getSettingsRows, getSettingsRowsMany } from './tenants.repository.ts';

/** Stored JSON is re-validated on read; unknown or invalid keys (e.g. from an older release) are dropped. */
function cleanOverrides(raw: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    const r = tenantSettingsOverridesSchema.safeParse({ [k]: v });
    if (r.success) out[k] = v;
  }
  return out;
}

function cleanSecurity(raw: Record<string, unknown>) {
  const partial = securitySettingsSchema.partial();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (partial.safeParse({ [k]: v }).success) out[k] = v;
  return out as Partial<SecuritySettings>;
}

export async function loadTenantSettings(db: DbOrTx, tenantId: string) {
  const rows = await getSettingsRows(db, tenantId);
  if (!rows) throw notFound('单位');
  const parentOverrides = rows.parent ? cleanOverrides(rows.parent.overrides) : {};
  const own = cleanOverrides(rows.own.overrides);
  const defaults: TenantSettings = effectiveSettings(parentOverrides);
  return {
    tenantId,
    version: rows.own.version,
    defaults,
    overrides: own,
    settings: effectiveSettings(parentOverrides, own),
  };
}

const fromStored = new Map<string, Readonly<TenantSettings>>();

/**
 * Issue 20: a tenant's effective settings from its overrides and its parent's as stored (the jsonb
 * columns' text; null where there is no row), as the session read answers them with every request
 * (modules/auth findSession, `tenantSettingsColumns`): no statement of their own. Memoised by that
 * text — jsonb prints equal values alike — so a request re-validates nothing; the result is shared,
 * hence frozen.
 */
export function settingsFromStored(own: string | null, parent: string | null): Readonly<TenantSettings> {
  const key = `${own ?? ''}\u0000${parent ?? ''}`;
  let s = fromStored.get(key);
  if (!s) {
    s = Object.freeze(effectiveSettings(parent ? cleanOverrides(JSON.parse(parent)) : {}, own ? cleanOverrides(JSON.parse(own)) : {}));
    if (fromStored.size >= 1_000) fromStored.clear(); // a few shapes per tenant; never grows without bound
    fromStored.set(key, s);
  }
  return s;
}

/**
 * What a statement of another module selects of the settings of the tenant it has joined as `alias`:
 * the overrides that answer `settingsFromStored` (own_overrides, parent_overrides) and the idle
 * timeouts of the security settings (idle_timeout, parent_idle_timeout), through `joins`. The session
 * read of every request (modules/auth findSession) and a work order's token read (modules/integrations)
 * use it; the SQL lives here, with the table's owner.
 */
export function tenantSettingsColumns(alias: string) {
  return {
    joins: `LEFT JOIN tenant_settings own_settings ON own_settings.tenant_id = ${alias}.id
    LEFT JOIN tenant_settings parent_settings ON parent_settings.tenant_id = ${alias}.parent_id`,
    overrides: 'own_settings.overrides::text AS own_overrides, parent_settings.overrides::text AS parent_overrides',
    idleTimeouts: `(own_settings.security_overrides->>'idleTimeoutMinutes')::int AS idle_timeout,
    (parent_settings.security_overrides->>'idleTimeoutMinutes')::int AS parent_idle_timeout`,
  };
}

/** The effective settings of several tenants at once (one query), by tenant id. */
export async function loadTenantSettingsMany(db: DbOrTx, tenantIds: readonly string[]): Promise<Map<string, TenantSettings>> {
  const rows = await getSettingsRowsMany(db, tenantIds);
  const out = new Map<string, TenantSettings>();
  for (const [id, r] of rows) out.set(id, effectiveSettings(r.parent ? cleanOverrides(r.parent.overrides) : {}, cleanOverrides(r.own.overrides)));
  return out;
}

export async function loadSecuritySettings(db: DbOrTx, tenantId: string) {
  const rows = await getSettingsRows(db, tenantId);
  if (!rows) throw notFound('单位');
  const parent = rows.parent ? cleanSecurity(rows.parent.securityOverrides) : {};
  const own = cleanSecurity(rows.own.securityOverrides);
  const settings: SecuritySettings = { ...DEFAULT_SECURITY_SETTINGS, ...parent, ...own };
  return { tenantId, version: rows.own.securityVersion, settings, defaults: { ...DEFAULT_SECURITY_SETTINGS, ...parent } };
}
