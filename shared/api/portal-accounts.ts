// Response schemas of enterprise accounts and self-registration (issue 7 "Accounts";
// server/src/modules/portal/portal.accounts.routes.ts): intake's pages and the public registration form.
import { z } from 'zod';
import { ROLES, SCOPES } from '../roles.ts';
import { TENANT_KINDS } from './auth.ts';

export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** An enterprise portal account with its registry enterprise. */
export const EnterpriseAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  version: z.number(),
});
export type EnterpriseAccount = z.infer<typeof EnterpriseAccountSchema>;

/** POST /api/enterprise-accounts and …/reset-password: the account and its initial password (shown once). */
export const IssuedAccountSchema = z.object({ user: EnterpriseAccountSchema, initialPassword: z.string() });
export type IssuedAccount = z.infer<typeof IssuedAccountSchema>;

export const RegistrationSchema = z.object({
  id: z.string(),
  uscc: z.string(),
  enterpriseName: z.string(),
  contactName: z.string(),
  mobile: z.string(),
  username: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  rejectReason: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  userId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

/** The registry enterprise with the request's USCC, next to the request. */
export const RegistryMatchSchema = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  archived: z.boolean(),
  status: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  supervisingUnitName: z.string().nullable(),
  nameMatches: z.boolean(),
});
export type RegistryMatch = z.infer<typeof RegistryMatchSchema>;

/** GET /api/enterprise-registrations/:id. */
export const RegistrationDetailSchema = z.object({
  registration: RegistrationSchema,
  registry: RegistryMatchSchema.nullable(),
  existingAccounts: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), disabled: z.boolean() })),
  usernameTaken: z.boolean(),
  samePendingUsername: z.number(),
  /** Issue 12: other pending requests for the same USCC, shown side by side (approving one rejects the others). */
  samePendingUscc: z.array(RegistrationSchema),
});
export type RegistrationDetail = z.infer<typeof RegistrationDetailSchema>;

/** GET /api/portal/tenants: where an enterprise may register. */
export const PublicTenantsSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(TENANT_KINDS) })) });
export type PublicTenants = z.infer<typeof PublicTenantsSchema>;

/** GET /api/portal/password-rule. */
export const PasswordRuleSchema = z.object({ minLength: z.number(), text: z.string() });
export type PasswordRule = z.infer<typeof PasswordRuleSchema>;

/** POST /api/portal/register. */
export const RegisteredSchema = z.object({ id: z.string(), status: z.literal('pending'), username: z.string() });
export type Registered = z.infer<typeof RegisteredSchema>;
