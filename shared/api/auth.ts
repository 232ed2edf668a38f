// Response schemas of /api/auth/* (server/src/modules/auth/auth.routes.ts).
import { z } from 'zod';
import { ROLES, SCOPES } from '../roles.ts';

export const TENANT_KINDS = ['province', 'city'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** The signed-in user as the web app sees it. */
export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  scope: z.enum(SCOPES),
  mustChangePassword: z.boolean(),
  tenant: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(TENANT_KINDS) }),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Units in a leader's portfolio (分管), for scope 'portfolio'. */
  portfolioUnitIds: z.array(z.string()),
  /** Role 'enterprise': the registry enterprise the account belongs to. */
  enterpriseId: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/** POST /api/auth/login, GET /api/auth/me. */
export const SessionSchema = z.object({ user: MeSchema, csrfToken: z.string() });
export type Session = z.infer<typeof SessionSchema>;

/** GET /api/auth/session: always 200; `user` is null when signed out. */
export const SessionStateSchema = z.object({ user: MeSchema.nullable(), csrfToken: z.string().nullable() });
export type SessionState = z.infer<typeof SessionStateSchema>;
