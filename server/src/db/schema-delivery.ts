// Issue 18 (capability 7): events out (webhooks) and messages delivered (e-mail, SMS fan-out, preferences).
// webhook_* belong to modules/webhooks; notification_preferences and notification_deliveries to
// modules/notifications. The SMS outbox itself (sms_outbox, schema-links.ts) stays the portal's; this
// feature's migration adds its delivery columns (attempts, next_attempt_at, last_error, locked_until).
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants, users } from './schema-core.ts';
import { integrationClients } from './schema-integrations.ts';

/** A tenant's webhook endpoint, managed by sysadmin. The secret (whsec_…) signs; it is shown once. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** Event types (shared/webhooks.ts WEBHOOK_EVENTS). */
    events: jsonb('events').$type<string[]>().notNull(),
    /** Issue 18: only the events of appeals that came from this integration client (null: every appeal). */
    clientId: uuid('client_id').references(() => integrationClients.id),
    secret: text('secret').notNull(),
    /** After a rotation the previous secret also signs until previous_secret_until (receivers switch over). */
    previousSecret: text('previous_secret'),
    previousSecretUntil: tstz('previous_secret_until'),
    /** 'active' | 'disabled' */
    status: text('status').notNull().default('active'),
    disabledReason: text('disabled_reason'),
    disabledAt: tstz('disabled_at'),
    /** Set at the first failed attempt after a success; cleared by the next success. */
    failingSince: tstz('failing_since'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_subscriptions_tenant_idx').on(t.tenantId)],
);

/** One message to one subscription: the durable queue and, with webhook_attempts, the delivery log. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    /** The appeal_events row the message comes from (unique per subscription: fan-out is idempotent). */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    /** The body sent, fixed at fan-out (a redelivery sends the same bytes under the same webhook-id). */
    body: text('body').notNull(),
    /** 'pending' | 'delivered' | 'failed' */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lockedUntil: tstz('locked_until'),
    lockedBy: text('locked_by'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: tstz('delivered_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.subscriptionId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_sub_idx').on(t.subscriptionId, t.createdAt.desc()),
  ],
);

/** Every attempt: when, which try, the receiver's status code or the error, how long. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: tstz('at').notNull(),
    ok: boolean('ok').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    /** 'auto' | 'manual' (a sysadmin's redelivery) */
    trigger: text('trigger').notNull().default('auto'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);

/** A user's channels per notification type (in-app is always on) and the daily digest option. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  email: text('email'),
  /** Notification types also sent by SMS (to the account's mobile) / by e-mail. */
  smsTypes: jsonb('sms_types').$type<string[]>().notNull().default([]),
  emailTypes: jsonb('email_types').$type<string[]>().notNull().default([]),
  /** E-mail notices gathered into one message a day (08:00 Asia/Shanghai) instead of one each. */
  emailDigest: boolean('email_digest').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/**
 * A notification fanned out to one user on one channel. E-mail rows are the mail queue (pending →
 * sent / failed, or 'digest' until the day's digest takes them); SMS rows record the hand-over to
 * the portal's sms_outbox ('queued'), so a notice is never queued twice.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    notificationId: uuid('notification_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** 'pending' | 'digest' | 'sent' | 'failed' | 'queued' (SMS handed to the outbox) | 'in_digest' */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error'),
    sentAt: tstz('sent_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_uq').on(t.notificationId, t.userId, t.channel),
    index('notification_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status IN ('pending', 'digest')`),
  ],
);
