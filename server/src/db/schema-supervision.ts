// R7.2 / R7.4 supervision by 机关党委: items on an appeal, a unit or a contact point; the unit's
// explanation; the outcome — 通报 (a notice to units), 约谈 (a meeting record with rectification items
// tracked to done) or commendation.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type { InterviewState, SupervisionCategory, SupervisionOutcome, SupervisionState, SupervisionTarget } from '../../../shared/supervision.ts';
import { tenants, units, users } from './schema-core.ts';
import { appeals } from './schema-appeals.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const supervisionItems = pgTable(
  'supervision_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The year the item counts toward (Asia/Shanghai, when opened). */
    year: integer('year').notNull(),
    targetType: text('target_type').$type<SupervisionTarget>().notNull(),
    /** The appeal (target 'appeal'), the contact point (later); null for a unit. */
    targetId: uuid('target_id'),
    appealId: uuid('appeal_id').references(() => appeals.id),
    /** What the target was when opened, e.g. the appeal number and title. */
    targetLabel: text('target_label').notNull(),
    /** The responsible unit: it explains and sees the item. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    category: text('category').$type<SupervisionCategory>().notNull(),
    description: text('description').notNull(),
    state: text('state').$type<SupervisionState>().notNull().default('open'),
    explanationRequest: text('explanation_request'),
    explanationDue: day('explanation_due'),
    explanation: text('explanation'),
    explainedByName: text('explained_by_name'),
    explainedAt: tstz('explained_at'),
    outcome: text('outcome').$type<SupervisionOutcome>(),
    conclusion: text('conclusion'),
    concludedByName: text('concluded_by_name'),
    concludedAt: tstz('concluded_at'),
    openedBy: uuid('opened_by').references(() => users.id),
    openedByName: text('opened_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('supervision_items_tenant_year_idx').on(t.tenantId, t.year, t.unitId), index('supervision_items_appeal_idx').on(t.appealId)],
);

/** R7.4 通报 (criticism or commendation): the notice text to units, issued with the item's conclusion. */
export const supervisionNotices = pgTable(
  'supervision_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => supervisionItems.id),
    kind: text('kind').$type<'criticism' | 'commendation'>().notNull(),
    /** 文号, e.g. 机关党委通报〔2026〕3号 — numbered per tenant and year. */
    serial: integer('serial').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    recipientUnitIds: uuid('recipient_unit_ids').array().notNull().default(sql`'{}'::uuid[]`),
    issuedByName: text('issued_by_name').notNull(),
    issuedAt: tstz('issued_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('supervision_notices_item_uq').on(t.itemId), uniqueIndex('supervision_notices_serial_uq').on(t.tenantId, t.year, t.serial)],
);

/** R7.4 约谈: the meeting record with the unit head. */
export const supervisionInterviews = pgTable(
  'supervision_interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => supervisionItems.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    heldOn: day('held_on').notNull(),
    unitHeadName: text('unit_head_name').notNull(),
    interviewerNames: text('interviewer_names').notNull(),
    findings: text('findings').notNull(),
    state: text('state').$type<InterviewState>().notNull().default('rectifying'),
    completedByName: text('completed_by_name'),
    completedAt: tstz('completed_at'),
    recordedByName: text('recorded_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('supervision_interviews_item_uq').on(t.itemId)],
);

/** A rectification item of a 约谈: an owner, a deadline, done later (销号). */
export const rectificationItems = pgTable(
  'rectification_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => supervisionInterviews.id),
    description: text('description').notNull(),
    ownerName: text('owner_name').notNull(),
    dueDate: day('due_date').notNull(),
    doneAt: tstz('done_at'),
    doneNote: text('done_note'),
    doneByName: text('done_by_name'),
    sortOrder: integer('sort_order').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('rectification_items_interview_idx').on(t.interviewId)],
);
