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
