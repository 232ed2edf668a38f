// Integrations (issue 18, capability 7): the systems that feed work orders in — 12345转办, 鲁力办,
// 省长信箱, 接诉即办 … — registered per tenant by sysadmin, their API tokens (only the sha256 of a
// token is stored; the token is shown once), and each work order received (one appeal per
// (client, external id); a changed resend is an update on that appeal's timeline).
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants, users } from './schema-core.ts';
import { appeals } from './schema-appeals.ts';

export const integrationClients = pgTable(
  'integration_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** The appeal channel its work orders arrive through (shared/appeals.ts APPEAL_CHANNELS). */
    channel: text('channel').notNull(),
    /** Requests per minute across all of the client's tokens. */
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull(),
    /** Addresses or CIDR blocks allowed to call; empty = any address. */
    ipAllowList: jsonb('ip_allow_list').$type<string[]>().notNull().default([]),
    /** 自动派单: a new work order goes straight to its channel's lead unit (R3.4) when one is set; else intake's queue. */
    autoDispatch: boolean('auto_dispatch').notNull().default(false),
    disabledAt: tstz('disabled_at'),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('integration_clients_tenant_name_idx').on(t.tenantId, t.name)],
);

export const integrationTokens = pgTable(
  'integration_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => integrationClients.id),
    /** sha256 (hex) of the whole token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, shown to tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    lastUsedAt: tstz('last_used_at'),
    lastUsedIp: text('last_used_ip'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('integration_tokens_hash_idx').on(t.tokenHash), index('integration_tokens_client_idx').on(t.clientId)],
);

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => integrationClients.id),
    externalId: text('external_id').notNull(),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    /** sha256 of the canonical JSON of the latest payload: an identical resend replays the stored answer. */
    payloadHash: text('payload_hash').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** 1 at receipt, +1 for each changed resend. */
    revision: integer('revision').notNull().default(1),
    /** The answer given for the latest revision (status and body), replayed for an identical resend. */
    responseStatus: integer('response_status').notNull(),
    response: jsonb('response').$type<Record<string, unknown>>().notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('work_orders_client_external_idx').on(t.clientId, t.externalId), index('work_orders_appeal_idx').on(t.appealId)],
);
