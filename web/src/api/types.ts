// Types mirroring the server API contract (see web/README.md).

// Role / scope / unit-kind / sector ids are shared with the server.
import type { Role, Scope, Sector, UnitKind } from '../../../shared/roles.ts';

export type { Role, Scope, Sector, UnitKind };
export type TenantKind = 'province' | 'city';

export interface TenantRef {
  id: string;
  code: string;
  name: string;
  kind: TenantKind;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  scope: Scope;
  mustChangePassword: boolean;
  tenant: TenantRef;
  unit: { id: string; name: string } | null;
  /** Units in the leader's portfolio (分管), for scope 'portfolio'. */
  portfolioUnitIds?: string[];
  /** Role 'enterprise': the registry enterprise the account belongs to. */
  enterpriseId?: string | null;
}

export interface SessionResponse {
  user: Me;
  csrfToken: string;
}

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export interface Tenant extends TenantRef {
  parentId: string | null;
}

export interface Unit {
  id: string;
  tenantId: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  sectors: Sector[];
  duties: string;
  sortOrder: number;
  archived: boolean;
  version: number;
}

export interface UnitInput {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  sectors: Sector[];
  duties: string;
  sortOrder?: number;
}

export interface Leader {
  id: string;
  name: string;
  title: string;
  userId: string | null;
  unitIds: string[];
  units: { id: string; name: string }[];
  sortOrder: number;
  archived: boolean;
  version: number;
}

export interface LeaderInput {
  name: string;
  title: string;
  userId?: string | null;
  unitIds: string[];
  sortOrder?: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  roles: Role[];
  scope: Scope;
  mobile: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  version: number;
}

export interface UserCreateInput {
  username: string;
  displayName: string;
  unitId?: string;
  mobile?: string;
}

export interface UserCreateResponse {
  user: User;
  initialPassword: string;
}

export type ContactClock = 'natural' | 'working';

export interface TenantSettingsValues {
  contactHours: number;
  contactClock: ContactClock;
  opinionWorkdays: number;
  resolutionWorkdays: number;
  officeHours: string;
  leaderContactPointRotationYears: number;
  unitContactPointRotationYears: number;
  leaderVisitsPerYear: number;
  unitVisitsPerYear: number;
  researchVisitsPerYear: number;
  returnLimitHours: number;
  extensionCoordinatorThresholdWorkdays: number;
  evaluationWindowWorkdays: number;
  evaluationLinkWorkdays: number;
  overdueEscalationWorkdays: number;
  reopenEscalationCount: number;
  dueSoonContactMinutes: number;
  dueSoonOpinionWorkingHours: number;
  dueSoonResolutionWorkdays: number;
}

export type SettingKey = keyof TenantSettingsValues;

export interface TenantSettingsResponse {
  tenantId: string;
  version: number;
  settings: TenantSettingsValues;
  overrides: Partial<TenantSettingsValues>;
  defaults: TenantSettingsValues;
}

export interface SecuritySettingsValues {
  lockThreshold: number;
  lockMinutes: number;
  idleTimeoutMinutes: number;
  /** In the contract but not (yet) in the server's schema; shown only when the server sends it. */
  loginRatePerMinute?: number;
  passwordMinLength: number;
}

export interface SecuritySettingsResponse {
  tenantId?: string;
  version: number;
  settings: SecuritySettingsValues;
  defaults?: SecuritySettingsValues;
}

export interface AuditEntry {
  id: number | string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    details?: unknown;
  };
  requestId?: string;
}
