// Appeals (涉企诉求, capability 4; R3.*, R6.*, R7.2). Custom SQL (pg_trgm index on title, the
// append-only trigger on appeal_events) lives in the custom migration `appeals_custom`.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz, bytea, tsvector } from './columns.ts';
import { tenants, units, users } from './schema-core.ts';
import { enterprises } from './schema-enterprises.ts';
import type { DeadlineError } from '../domain/appeals/clock.ts';

/** Filled by the app: jieba words → to_tsvector('simple', words). */

export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The province when it transferred the appeal to this city (it keeps a read-only status link). */
    originTenantId: uuid('origin_tenant_id').references(() => tenants.id),
    /** ZQT-370000-2026-000123, unique per tenant. */
    number: text('number').notNull(),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    /** Snapshot of the registered enterprise, or the unregistered one as captured by intake. */
    enterpriseName: text('enterprise_name').notNull(),
    enterpriseUscc: text('enterprise_uscc'),
    sector: text('sector'),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    channel: text('channel').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    receivedAt: tstz('received_at').notNull(),
    backdateReason: text('backdate_reason'),
    externalRef: text('external_ref'),
    /** R6.6 鲁力办 supervision reference. */
    lulibanRef: text('luliban_ref'),
    /** R6.6 the 鲁力办 platform's own deadline for the supervised matter (beside the 2115 ones). */
    lulibanDueAt: tstz('luliban_due_at'),
    isMajor: boolean('is_major').notNull().default(false),
    isSafetyHazard: boolean('is_safety_hazard').notNull().default(false),
    isConfidential: boolean('is_confidential').notNull().default(false),
    state: text('state').notNull(),
    leadUnitId: uuid('lead_unit_id').references(() => units.id),
    dispatchedAt: tstz('dispatched_at'),
    acceptedAt: tstz('accepted_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /**
     * R3.5: the cycle (reopen_count) whose overdue 督办 the SLA sweep has raised; null before any. The
     * sweep passes over the overdue appeals escalated for their cycle without looking them up in
     * appeal_escalations (it did so for every long-overdue open appeal, every minute).
     */
    overdueEscalatedCycle: integer('overdue_escalated_cycle'),
    /** Start of the current 2115 cycle (received_at, or the reopen instant). */
    cycleStartedAt: tstz('cycle_started_at').notNull(),
    contactDueAt: tstz('contact_due_at'),
    contactDoneAt: tstz('contact_done_at'),
    contactState: text('contact_state').notNull().default('pending'),
    opinionDueAt: tstz('opinion_due_at'),
    opinionDoneAt: tstz('opinion_done_at'),
    opinionState: text('opinion_state').notNull().default('pending'),
    resolutionDueAt: tstz('resolution_due_at'),
    resolutionDoneAt: tstz('resolution_done_at'),
    resolutionState: text('resolution_state').notNull().default('pending'),
    /** Earliest open milestone deadline (the workbench order); null when paused, replied or closed. */
    nextDueAt: tstz('next_due_at'),
    deadlineError: jsonb('deadline_error').$type<DeadlineError | null>(),
    extendedWorkdays: integer('extended_workdays').notNull().default(0),
    pausedAt: tstz('paused_at'),
    pause: jsonb('pause'),
    opinionText: text('opinion_text'),
    resultKind: text('result_kind'),
    resultText: text('result_text'),
    replyText: text('reply_text'),
    repliedAt: tstz('replied_at'),
    evaluation: text('evaluation'),
    evaluationComment: text('evaluation_comment'),
    evaluatedAt: tstz('evaluated_at'),
    urgeCount: integer('urge_count').notNull().default(0),
    lastUrgedAt: tstz('last_urged_at'),
    closedAt: tstz('closed_at'),
    closeReason: text('close_reason'),
    searchVector: tsvector('search_vector'),
    /** Capability 8: the earlier similar appeal of the same enterprise within repeatWindowDays (重复诉求). */
    repeatOfId: uuid('repeat_of_id'),
    /** How many times in a row the matter came back (1 = the first repeat); 督办 at reopenEscalationCount. */
    repeatCount: integer('repeat_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appeals_tenant_number_uq').on(t.tenantId, t.number),
    // Workbench: 20 open appeals of a unit in due order, read straight from the index (PERFORMANCE.md).
    index('appeals_open_unit_due_idx').on(t.tenantId, t.leadUnitId, t.nextDueAt, t.id).where(sql`closed_at IS NULL`),
    index('appeals_tenant_received_idx').on(t.tenantId, t.receivedAt.desc(), t.id),
    // A unit's appeals newest first (workbench of a unit over all states, keyword search within a unit):
    // a page reads 20 index entries instead of sorting every appeal of the unit.
    index('appeals_lead_received_idx').on(t.tenantId, t.leadUnitId, t.receivedAt.desc(), t.id),
    // Figures roll-up: the appeals closed on a given day of a tenant.
    index('appeals_tenant_closed_idx').on(t.tenantId, t.closedAt).where(sql`closed_at IS NOT NULL`),
    // SLA sweep, 督办 on reopening (R6.6): the few open appeals that were reopened.
    index('appeals_open_reopened_idx').on(t.tenantId).where(sql`closed_at IS NULL AND reopen_count > 0`),
    // SLA sweep, 督办 on repeats (capability 8): the few open appeals that repeat an earlier one.
    index('appeals_open_repeated_idx').on(t.tenantId).where(sql`closed_at IS NULL AND repeat_count > 0`),
    // SLA sweep (R6.2, issue 20): each milestone's open clocks by stored state and deadline, so a sweep
    // reads only the deadlines just passed (to mark overdue) and those inside the due-soon horizon,
    // not every open appeal (migration 0041).
    ...(['contact', 'opinion', 'resolution'] as const).map((m) =>
      index(`appeals_${m}_clock_idx`)
        .on(t[`${m}State`], t[`${m}DueAt`])
        .where(sql.raw(`closed_at IS NULL AND ${m}_done_at IS NULL`)),
    ),
    index('appeals_queue_idx').on(t.tenantId, t.receivedAt).where(sql`state IN ('received', 'returned')`),
    index('appeals_sweep_idx').on(t.nextDueAt).where(sql`closed_at IS NULL AND next_due_at IS NOT NULL`),
    // Overdue now of a tenant (the dashboard's count by unit and list, the province's count per city,
    // the home page's to-dos): its open appeals past their next deadline, by an index-only range. Through
    // appeals_sweep_idx the province-wide overdue rows were read from the heap and filtered by tenant
    // (13 ms at 1M against 0.9 ms; issue 20).
    index('appeals_open_due_idx').on(t.tenantId, t.nextDueAt, t.leadUnitId).where(sql`closed_at IS NULL`),
    index('appeals_replied_idx').on(t.tenantId, t.repliedAt).where(sql`state = 'replied'`),
    // The evaluation-link task (every 5 s) looks for replied appeals without a link in reply order: an
    // index-only anti-join over this, then the rows of at most 500 (80 → 7 ms with 3,900 replied at 1M).
    index('appeals_replied_order_idx').on(t.repliedAt, t.id, t.reopenCount).where(sql`state = 'replied'`),
    index('appeals_enterprise_idx').on(t.tenantId, t.enterpriseId),
    // Repeat detection of unregistered enterprises by their USCC (capability 8).
    index('appeals_uscc_idx').on(t.tenantId, t.enterpriseUscc).where(sql`enterprise_uscc IS NOT NULL`),
    index('appeals_origin_idx').on(t.originTenantId).where(sql`origin_tenant_id IS NOT NULL`),
    // R6.6 the 鲁力办 list of 办公室: the few supervised appeals of a tenant, by the platform's deadline.
    // Issue 22: the open appeals waiting on a missing calendar year (时限待计算), counted for the sysadmins' reminder.
    index('appeals_deadline_missing_idx').on(t.tenantId).where(sql`deadline_error IS NOT NULL AND closed_at IS NULL`),
    index('appeals_luliban_idx').on(t.tenantId, t.lulibanDueAt).where(sql`luliban_ref IS NOT NULL`),
    // Issue 20: tenant first (btree_gin, migration 0039): a keyword search reads only its tenant's matches.
    index('appeals_tenant_search_idx').using('gin', t.tenantId, t.searchVector),
    // Issue 18: a work order's external id (12345 / 鲁力办 ticket number) is searched exactly.
    index('appeals_external_ref_idx').on(t.tenantId, t.externalRef).where(sql`external_ref IS NOT NULL`),
  ],
);

/** Per-tenant, per-year counter for the human number. */
export const appealCounters = pgTable(
  'appeal_counters',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

/** Co-handling units (协办) with their part; the lead unit is appeals.lead_unit_id. */
export const appealUnits = pgTable(
  'appeal_units',
  {
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    part: text('part').notNull().default(''),
    status: text('status').notNull().default('assigned'),
    submittedText: text('submitted_text'),
    submittedAt: tstz('submitted_at'),
    submittedByName: text('submitted_by_name'),
    assignedAt: tstz('assigned_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.unitId] }), index('appeal_units_unit_idx').on(t.tenantId, t.unitId, t.status)],
);

/** The timeline: every action with actor, unit, time and payload. Append-only (trigger). */
export const appealEvents = pgTable(
  'appeal_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    type: text('type').notNull(),
    at: tstz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    unitId: uuid('unit_id'),
    unitName: text('unit_name'),
    stateBefore: text('state_before'),
    stateAfter: text('state_after'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * Whether the event can change a figure (R7.2; issue 20): false for an action that left every column
     * the figures count unchanged (accepting, urging, a second contact …; appeals.runner.ts with
     * changesFigures). The figures roll-up and its readers recompute only the days of events that can.
     */
    touchesFigures: boolean('touches_figures').notNull().default(true),
  },
  (t) => [
    index('appeal_events_appeal_idx').on(t.appealId, t.id),
    index('appeal_events_tenant_at_idx').on(t.tenantId, t.at),
    // Figures (R7.2): the evaluations given on a day of a tenant. Without it the planner scanned all
    // ~9M events of a 1M-appeal province for every day touched since the roll-up's last run (34 s).
    index('appeal_events_evaluate_idx').on(t.tenantId, t.at).where(sql`type = 'evaluate'`),
  ],
);

/** Extension (延期) and pause (挂起) requests with their approvals. */
export const appealRequests = pgTable(
  'appeal_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    kind: text('kind').notNull(),
    workdays: integer('workdays'),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    needsCoordinator: boolean('needs_coordinator').notNull().default(false),
    requestedBy: uuid('requested_by'),
    requestedByName: text('requested_by_name').notNull(),
    requestedAt: tstz('requested_at').notNull().defaultNow(),
    headBy: uuid('head_by'),
    headByName: text('head_by_name'),
    headAt: tstz('head_at'),
    headComment: text('head_comment'),
    coordinatorBy: uuid('coordinator_by'),
    coordinatorByName: text('coordinator_by_name'),
    coordinatorAt: tstz('coordinator_at'),
    coordinatorComment: text('coordinator_comment'),
    effect: jsonb('effect'),
  },
  (t) => [
    index('appeal_requests_appeal_idx').on(t.appealId),
    index('appeal_requests_pending_idx').on(t.tenantId, t.status).where(sql`status IN ('pending', 'pending_coordinator')`),
  ],
);

/** R3.2 business alignment: tenant × sector × category → suggested lead unit (null = any). */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sector: text('sector'),
    category: text('category'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    note: text('note').notNull().default(''),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('routing_rules_uq').on(t.tenantId, sql`coalesce(${t.sector}, '')`, sql`coalesce(${t.category}, '')`)],
);

/** Intake's Idempotency-Key: a repeated submission answers the stored response. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull().default(0),
    response: jsonb('response'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

export const appealAttachments = pgTable(
  'appeal_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    name: text('name').notNull(),
    ext: text('ext').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    note: text('note').notNull().default(''),
    unitId: uuid('unit_id'),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    /** Withdrawn (issue 22): kept for the audit, hidden from lists; who, when and why. */
    withdrawnAt: tstz('withdrawn_at'),
    withdrawnByName: text('withdrawn_by_name'),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [index('appeal_attachments_appeal_idx').on(t.appealId)],
);

export const appealAttachmentData = pgTable('appeal_attachment_data', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => appealAttachments.id),
  data: bytea('data').notNull(),
});
