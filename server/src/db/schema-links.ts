// Evaluation without logging in (issue 7): signed single-use links sent with the reply, and the
// outbox of SMS messages a real gateway would drain (there is no gateway in this deployment).
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants } from './schema-core.ts';
import { appeals } from './schema-appeals.ts';

/**
 * One link per reply (appeal, cycle = the appeal's reopen_count when it was replied). Only the
 * sha256 of the token is stored; the token itself exists only in the message that carries it.
 */
export const evaluationLinks = pgTable(
  'evaluation_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    cycle: integer('cycle').notNull(),
    /** sha256 (hex) of the token. */
    tokenHash: text('token_hash').notNull(),
    /** evaluationLinkWorkdays working days after issue; null while the calendar year is not loaded. */
    expiresAt: tstz('expires_at'),
    usedAt: tstz('used_at'),
    /** A newer reply of the same appeal (after a reopen) replaced this link. */
    revokedAt: tstz('revoked_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_links_token_uq').on(t.tokenHash),
    uniqueIndex('evaluation_links_appeal_cycle_uq').on(t.appealId, t.cycle),
    index('evaluation_links_pending_expiry_idx').on(t.createdAt).where(sql`expires_at IS NULL AND used_at IS NULL AND revoked_at IS NULL`),
  ],
);

export type SmsStatus = 'pending' | 'sent' | 'failed';

/** Outbound SMS waiting for a gateway: it sends the pending rows in created_at order and marks them. */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id').references(() => appeals.id),
    /** What the message is for, e.g. 'evaluation_link'. */
    kind: text('kind').notNull(),
    toPhone: text('to_phone').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<SmsStatus>().notNull().default('pending'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    sentAt: tstz('sent_at'),
    /** Issue 18: the gateway adapter's retries (portal.sms.ts drainSmsOutbox). */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error'),
  },
  (t) => [index('sms_outbox_pending_idx').on(t.createdAt).where(sql`status = 'pending'`), index('sms_outbox_appeal_idx').on(t.appealId)],
);
