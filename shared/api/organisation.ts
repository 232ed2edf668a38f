// Response schemas of the organisation and settings routes (server/src/modules/{tenants,units,leaders,users}/*.routes.ts).
import { z } from 'zod';
import { ROLES, SCOPES, SECTORS, UNIT_KINDS } from '../roles.ts';
import { securitySettingsSchema, tenantSettingsOverridesSchema, tenantSettingsSchema } from '../settings.ts';
import { TENANT_KINDS } from './auth.ts';

export const TenantSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(TENANT_KINDS), parentId: z.string().nullable() });
export type Tenant = z.infer<typeof TenantSchema>;

/** GET /api/tenants/transfer-targets: the city bureaus an appeal may be transferred to (R3.2). */
export const TransferTargetSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

export const UnitSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  sectors: z.array(z.enum(SECTORS)),
  duties: z.string(),
  sortOrder: z.number(),
  archived: z.boolean(),
  version: z.number(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const LeaderSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  userId: z.string().nullable(),
  unitIds: z.array(z.string()),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  sortOrder: z.number(),
  archived: z.boolean(),
  version: z.number(),
});
export type Leader = z.infer<typeof LeaderSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
});
export type User = z.infer<typeof UserSchema>;

/** POST /api/users: the account and its initial password (shown once). */
export const UserCreatedSchema = z.object({ user: UserSchema, initialPassword: z.string() });
export type UserCreated = z.infer<typeof UserCreatedSchema>;

/** POST /api/users/:id/reset-password. */
export const InitialPasswordSchema = z.object({ initialPassword: z.string() });
export type InitialPassword = z.infer<typeof InitialPasswordSchema>;

/** GET/PUT /api/tenant-settings (R8.1): effective values, this tenant's overrides, the inherited defaults. */
export const TenantSettingsResponseSchema = z.object({
  tenantId: z.string(),
  version: z.number(),
  settings: tenantSettingsSchema,
  overrides: tenantSettingsOverridesSchema,
  defaults: tenantSettingsSchema,
});
export type TenantSettingsResponse = z.infer<typeof TenantSettingsResponseSchema>;

/** GET/PUT /api/security-settings. */
export const SecuritySettingsResponseSchema = z.object({
  tenantId: z.string(),
  version: z.number(),
  settings: securitySettingsSchema,
  defaults: securitySettingsSchema,
});
export type SecuritySettingsResponse = z.infer<typeof SecuritySettingsResponseSchema>;

/** Issue 12: each city of the province with its active admin accounts per role (the province secadmin's bootstrap card). */
export const CityAdminStatusSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), sysadmin: z.number(), secadmin: z.number(), auditor: z.number() })),
});
export type CityAdminStatus = z.infer<typeof CityAdminStatusSchema>;
export type CityAdminRow = CityAdminStatus['items'][number];

/** A city's first admin account, opened by the province's secadmin; the initial password is shown once. */
export const CityAdminCreatedSchema = z.object({ user: UserSchema, tenantCode: z.string(), initialPassword: z.string() });
export type CityAdminCreated = z.infer<typeof CityAdminCreatedSchema>;

/** A role change; granting an admin role replaces the password and shows the new one once (issue 12). */
export const RolesSetSchema = UserSchema.extend({ initialPassword: z.string().optional() });
export type RolesSet = z.infer<typeof RolesSetSchema>;
