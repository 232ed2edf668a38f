// Background work (capability 7): scheduled tasks that run once across app instances, in-app
// notifications, and the escalations (督办) the SLA sweep raises (R3.5, R6.2, R6.6).
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants, units, users } from './schema-core.ts';
import { appeals } from './schema-appeals.ts';

/**
 * One row per periodic task. An instance claims a due task by moving next_run_at forward and taking
 * a lease (SELECT … FOR UPDATE SKIP LOCKED in a short transaction), runs it outside that
 * transaction, then releases the lease: each run happens once however many instances share the
 * database. A crashed run is retaken when its lease expires.
 */
export const scheduledTasks = pgTable('scheduled_tasks', {
  name: text('name').primaryKey(),
  intervalSeconds: integer('interval_seconds').notNull(),
  nextRunAt: tstz('next_run_at').notNull(),
  leaseUntil: tstz('lease_until'),
  leasedBy: text('leased_by'),
  lastStartedAt: tstz('last_started_at'),
  lastFinishedAt: tstz('last_finished_at'),
  lastOk: boolean('last_ok'),
  lastError: text('last_error'),
  lastDurationMs: integer('last_duration_ms'),
  lastResult: jsonb('last_result'),
  runCount: bigint('run_count', { mode: 'number' }).notNull().default(0),
  /** Task-owned state kept between runs (e.g. the notifier's event cursor). */
  state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/**
 * In-app notifications. Addressed to one user, to every user of a unit, or to every user of the
 * tenant holding a role (intake's queue); read state is per user (notification_reads plus a
 * read-all watermark), so a notice to a unit is one row however many people work there.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    type: text('type').notNull(),
    userId: uuid('user_id').references(() => users.id),
    unitId: uuid('unit_id').references(() => units.id),
    role: text('role'),
    appealId: uuid('appeal_id').references(() => appeals.id),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Dedupe key: the same fact never notifies the same addressee twice (idempotent sweeps). */
    sourceKey: text('source_key').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_source_uq').on(t.sourceKey),
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt.desc()).where(sql`user_id IS NOT NULL`),
    index('notifications_unit_idx').on(t.tenantId, t.unitId, t.createdAt.desc()).where(sql`unit_id IS NOT NULL`),
    index('notifications_role_idx').on(t.tenantId, t.role, t.createdAt.desc()).where(sql`role IS NOT NULL`),
    index('notifications_appeal_idx').on(t.appealId),
  ],
);

export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    readAt: tstz('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

/** "Mark all read": everything created up to read_before counts as read for this user. */
export const notificationReadMarks = pgTable('notification_read_marks', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  readBefore: tstz('read_before').notNull(),
});

/**
 * 督办 raised by the SLA sweep: overdue by more than overdueEscalationWorkdays, or reopened
 * reopenEscalationCount times (R8.1). One row per appeal, reason and cycle (reopen count), so a
 * sweep never escalates the same thing twice.
 */
export const appealEscalations = pgTable(
  'appeal_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    reason: text('reason').$type<'overdue' | 'reopened' | 'repeated'>().notNull(),
    cycle: integer('cycle').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    leaderIds: uuid('leader_ids').array().notNull().default(sql`'{}'::uuid[]`),
    leaderUserIds: uuid('leader_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: tstz('at').notNull(),
  },
  (t) => [uniqueIndex('appeal_escalations_uq').on(t.appealId, t.reason, t.cycle), index('appeal_escalations_tenant_idx').on(t.tenantId, t.at)],
);
