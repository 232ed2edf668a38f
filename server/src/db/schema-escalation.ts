// Escalation (R6.3, R6.4, R6.5): 厅长办公会 agenda items with follow-up actions, 省政府常务会议
// items, and the monthly 报送 of appeals transferred by provincial government leaders.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import { tenants, units, users } from './schema-core.ts';
import { appealAttachments, appeals } from './schema-appeals.ts';

const day = (name: string) => date(name, { mode: 'string' });

/** R6.3 an item the lead unit proposes for the 厅长办公会: proposed → scheduled → decided (or withdrawn). */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    /** The proposing (lead) unit. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    title: text('title').notNull(),
    background: text('background').notNull(),
    request: text('request').notNull(),
    state: text('state').$type<'proposed' | 'scheduled' | 'decided' | 'withdrawn'>().notNull().default('proposed'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedByName: text('proposed_by_name').notNull(),
    proposedAt: tstz('proposed_at').notNull().defaultNow(),
    meetingDate: day('meeting_date'),
    scheduledByName: text('scheduled_by_name'),
    scheduledAt: tstz('scheduled_at'),
    decision: text('decision'),
    decidedByName: text('decided_by_name'),
    decidedAt: tstz('decided_at'),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnByName: text('withdrawn_by_name'),
    withdrawnAt: tstz('withdrawn_at'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('agenda_items_appeal_idx').on(t.appealId), index('agenda_items_tenant_state_idx').on(t.tenantId, t.state, t.meetingDate)],
);

/** R6.3 follow-up actions of a decided agenda item: a responsible unit, a due date, done later. */
export const agendaActions = pgTable(
  'agenda_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    description: text('description').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    dueDate: day('due_date').notNull(),
    doneAt: tstz('done_at'),
    doneByName: text('done_by_name'),
    doneNote: text('done_note'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('agenda_actions_item_idx').on(t.itemId), index('agenda_actions_unit_idx').on(t.tenantId, t.unitId).where(sql`done_at IS NULL`)],
);

/** R6.4 an appeal on the 省政府常务会议 agenda: 办公室's materials, the leaders attending, the outcome. */
export const executiveMeetingItems = pgTable(
  'executive_meeting_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    meetingDate: day('meeting_date').notNull(),
    materials: text('materials').notNull(),
    attachmentId: uuid('attachment_id').references(() => appealAttachments.id),
    leaderIds: uuid('leader_ids').array().notNull().default(sql`'{}'::uuid[]`),
    outcome: text('outcome'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedByName: text('recorded_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('executive_meeting_items_appeal_idx').on(t.appealId)],
);

/** R6.5 the monthly report of 省政府领导转办 appeals: 报送 to the provincial general office, once per tenant and month. */
export const leaderReportSubmissions = pgTable(
  'leader_report_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** 'YYYY-MM' */
    month: text('month').notNull(),
    dueAt: tstz('due_at').notNull(),
    submittedOn: day('submitted_on').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedByName: text('submitted_by_name').notNull(),
    note: text('note').notNull().default(''),
    appealCount: integer('appeal_count').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('leader_report_submissions_uq').on(t.tenantId, t.month)],
);

/**
 * R3.5 / R6.3 a leader's instruction (领导批示) on an appeal: issued → acknowledged (签收) → reported
 * (落实情况), by the appeal's lead unit at the time of the 批示 (server/src/domain/instructions).
 */
export const leaderInstructions = pgTable(
  'leader_instructions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    /** The lead unit that must acknowledge it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    leaderUserId: uuid('leader_user_id')
      .notNull()
      .references(() => users.id),
    leaderName: text('leader_name').notNull(),
    text: text('text').notNull(),
    /** Requested completion date (a working day), optional. */
    dueDate: day('due_date'),
    state: text('state').$type<'issued' | 'acknowledged' | 'reported'>().notNull().default('issued'),
    issuedAt: tstz('issued_at').notNull().defaultNow(),
    acknowledgedByName: text('acknowledged_by_name'),
    acknowledgedAt: tstz('acknowledged_at'),
    acknowledgeNote: text('acknowledge_note'),
    reportedByName: text('reported_by_name'),
    reportedAt: tstz('reported_at'),
    report: text('report'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('leader_instructions_appeal_idx').on(t.appealId),
    index('leader_instructions_unit_idx').on(t.tenantId, t.unitId, t.state),
    index('leader_instructions_leader_idx').on(t.tenantId, t.leaderUserId, t.state),
  ],
);
