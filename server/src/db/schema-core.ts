// Drizzle tables of the organisation and the platform: tenants, units, users, leaders, sessions,
// rate limits, the audit log. Every other schema-<feature>.ts imports its references from HERE, never
// from schema.ts (which re-exports them all, so importing it back would be an import cycle).
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';

const createdAt = () => tstz('created_at').notNull().defaultNow();
const updatedAt = () => tstz('updated_at').notNull().defaultNow();

/** Province (370000) and the 16 city bureaus (R8.1). */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').$type<'province' | 'city'>().notNull(),
  parentId: uuid('parent_id'),
  createdAt: createdAt(),
});

/** R8.1: per-tenant overrides of the measures' numbers; effective = defaults ⊕ province ⊕ city. */
export const tenantSettings = pgTable('tenant_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  overrides: jsonb('overrides').$type<Record<string, unknown>>().notNull().default({}),
  securityOverrides: jsonb('security_overrides').$type<Record<string, unknown>>().notNull().default({}),
  version: integer('version').notNull().default(1),
  securityVersion: integer('security_version').notNull().default(1),
  updatedAt: updatedAt(),
});

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    sectors: text('sectors').array().notNull().default(sql`'{}'::text[]`),
    duties: text('duties').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    archived: boolean('archived').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('units_tenant_name_uq').on(t.tenantId, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: uuid('unit_id').references(() => units.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    scope: text('scope').notNull().default('unit'),
    mobile: text('mobile'),
    disabled: boolean('disabled').notNull().default(false),
    /** Role 'enterprise': the registry enterprise (enterprises.id) this account belongs to. */
    enterpriseId: uuid('enterprise_id'),
    lastLoginAt: tstz('last_login_at'),
    passwordChangedAt: tstz('password_changed_at'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_tenant_idx').on(t.tenantId),
    index('users_enterprise_idx').on(t.enterpriseId),
  ],
);

/** 厅领导 and their portfolio (分管 units). */
export const leaders = pgTable('leaders', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  name: text('name').notNull(),
  title: text('title').notNull(),
  userId: uuid('user_id').references(() => users.id),
  sortOrder: integer('sort_order').notNull().default(0),
  archived: boolean('archived').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const leaderUnits = pgTable(
  'leader_units',
  {
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => leaders.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.leaderId, t.unitId] })],
);

/** Server-side sessions so several app instances can serve behind a load balancer. */
export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Fixed-window counters (login attempts per IP), shared by all instances. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: tstz('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

// ---- sign-in security (issue 12): throttling per (IP, username), password history

/**
 * Failed sign-ins of one username from one IP address. `username` is the lower-cased name as typed,
 * whether or not such an account exists, so an unknown name is throttled exactly like a real one.
 * After the tenant's `lockThreshold` failures within `lockMinutes` the pair is blocked for
 * lockMinutes × 2^(locks−1) (at most a day); other addresses are not affected.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    ip: text('ip').notNull(),
    username: text('username').notNull(),
    failures: integer('failures').notNull().default(0),
    locks: integer('locks').notNull().default(0),
    lastFailureAt: tstz('last_failure_at').notNull().defaultNow(),
    blockedUntil: tstz('blocked_until'),
  },
  (t) => [
    primaryKey({ columns: [t.ip, t.username] }),
    index('login_throttles_username_idx').on(t.username),
    index('login_throttles_last_idx').on(t.lastFailureAt),
  ],
);

/** Earlier password hashes (argon2id) of an account: a new password may not be one of the last N (security setting). */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    createdAt: tstz('created_at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.createdAt.desc())],
);

/** Append-only audit trail; a trigger refuses UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id'),
    at: tstz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_tenant_at_idx').on(t.tenantId, t.at.desc())],
);

/** Small key/value facts about this database (e.g. when demo data was loaded). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
