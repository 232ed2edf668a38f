// Chinese labels for enum-like values of the API. Role, scope, unit-kind and sector labels come
// from shared/roles.ts (one source for server and web).
import type { TenantKind } from '../../../shared/api/auth.ts';
import type { Role, Scope, UnitKind } from '../../../shared/roles.ts';
import type { TenantSettings } from '../../../shared/settings.ts';
import { ADMIN_ROLES as SHARED_ADMIN_ROLES, ROLES } from '../../../shared/roles.ts';

export { ROLE_LABELS, SCOPE_LABELS, SECTOR_LABELS, UNIT_KIND_LABELS } from '../../../shared/roles.ts';

export const ALL_ROLES: readonly Role[] = ROLES;
/** 三员 — separated administration duties. */
export const ADMIN_ROLES: readonly Role[] = SHARED_ADMIN_ROLES;
/** Staff roles of the appeals business (not enterprise, not the three administrators). */
export const STAFF_ROLES: readonly Role[] = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'];

export const SCOPE_HINTS: Record<Scope, string> = {
  tenant: '可查看本厅（局）全部数据',
  unit: '仅可查看所在处室的数据',
  portfolio: '可查看分管处室的数据（厅领导）',
};

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  intake: 'cyan',
  coordinator: 'geekblue',
  oversight: 'purple',
  business: 'blue',
  enforcement: 'volcano',
  service: 'green',
  general: 'default',
};

export const TENANT_KIND_LABELS: Record<TenantKind, string> = {
  province: '省厅',
  city: '市局',
};

export const CONTACT_CLOCK_LABELS: Record<TenantSettings['contactClock'], string> = {
  natural: '自然小时',
  working: '工作时间',
};

export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
