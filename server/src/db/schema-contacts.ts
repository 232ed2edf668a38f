// Contact points (联系点) with their selection timeline, and field records (visits R1.8, licensing
// checks R4.1, inspections R4.2, enforcement / complaint verification R4.3; research R2.* later)
// with their follow-ups, linked appeals and attachments (issue 14).
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz, bytea } from './columns.ts';
import type { FieldKind, PointKind, PointState, ServiceRating, VisitForm } from '../../../shared/contacts.ts';
import { leaders, tenants, units, users } from './schema-core.ts';
import { enterprises } from './schema-enterprises.ts';
import { appeals } from './schema-appeals.ts';

const day = (name: string) => date(name, { mode: 'string' });

/**
 * One contact point. `unit_id`: the liaison unit of a leader point (R1.2) or the unit holding a unit
 * point (R1.6) — the unit that proposes it, visits it and sees it. Terms are civil dates
 * (Asia/Shanghai), [term_start, term_end).
 */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').$type<PointKind>().notNull(),
    leaderId: uuid('leader_id').references(() => leaders.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** R1.6 the unit's named liaison officer. */
    liaisonUserId: uuid('liaison_user_id').references(() => users.id),
    state: text('state').$type<PointState>().notNull(),
    reason: text('reason').notNull().default(''),
    /** The coordinator accepted that the enterprise is also another holder's point. */
    overlapAccepted: text('overlap_accepted'),
    confirmedAt: tstz('confirmed_at'),
    termStart: day('term_start'),
    termEnd: day('term_end'),
    endedAt: tstz('ended_at'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('contact_points_tenant_state_idx').on(t.tenantId, t.state),
    index('contact_points_leader_idx').on(t.tenantId, t.leaderId),
    index('contact_points_unit_idx').on(t.tenantId, t.unitId),
    index('contact_points_enterprise_idx').on(t.tenantId, t.enterpriseId),
  ],
);

/** The point's timeline: every step of the selection and its life (append-only by use). */
export const contactPointEvents = pgTable(
  'contact_point_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    pointId: uuid('point_id')
      .notNull()
      .references(() => contactPoints.id),
    at: tstz('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    type: text('type').notNull(),
    stateBefore: text('state_before'),
    stateAfter: text('state_after'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('contact_point_events_point_idx').on(t.pointId, t.id)],
);

/**
 * A record of a contact with an enterprise in the field. `kind` says which (R1.8, R4.1–R4.3, later
 * R2.* research); `point_id` when it is a visit to a contact point; `unit_id` the recording unit.
 * R7.1: findings are required (and at least one follow-up, a row of field_follow_ups).
 */
export const fieldRecords = pgTable(
  'field_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').$type<FieldKind>().notNull(),
    pointId: uuid('point_id').references(() => contactPoints.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    visitedOn: day('visited_on').notNull(),
    form: text('form').$type<VisitForm>().notNull(),
    /** Leaders who went (ids) and staff (names as written). */
    leaderIds: uuid('leader_ids').array().notNull().default(sql`'{}'::uuid[]`),
    staffNames: text('staff_names').notNull().default(''),
    /** R1.8 宣讲 / difficulties learned / suggestions heard. */
    policies: text('policies').notNull().default(''),
    difficulties: text('difficulties').notNull().default(''),
    suggestions: text('suggestions').notNull().default(''),
    /** R7.1 what was found. */
    findings: text('findings').notNull(),
    /** R4.* the case or licence reference. */
    reference: text('reference'),
    /** R4.1 the enterprise's rating of the licensing service and its comments. */
    serviceRating: text('service_rating').$type<ServiceRating>(),
    serviceComment: text('service_comment'),
    /** R4.3 the enterprise's statement and defence (陈述、申辩). */
    statement: text('statement'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Year at a glance: a point's visits of a year, read from the index.
    index('field_records_point_idx').on(t.pointId, t.visitedOn).where(sql`point_id IS NOT NULL`),
    index('field_records_tenant_day_idx').on(t.tenantId, t.visitedOn.desc()),
    index('field_records_enterprise_idx').on(t.tenantId, t.enterpriseId),
  ],
);

/**
 * R1.4 / R1.8 the year at a glance reads these counters, not the visits: a point's visits of a year
 * (field records of kind 'visit'), kept in the transaction that records a visit.
 */
export const contactPointVisits = pgTable(
  'contact_point_visits',
  {
    pointId: uuid('point_id')
      .notNull()
      .references(() => contactPoints.id),
    year: integer('year').notNull(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    visits: integer('visits').notNull().default(0),
    lastVisit: day('last_visit'),
  },
  (t) => [primaryKey({ columns: [t.pointId, t.year] })],
);

/** R7.1 what follows: an owner and a due date, tracked to done. */
export const fieldFollowUps = pgTable(
  'field_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => fieldRecords.id),
    description: text('description').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    ownerName: text('owner_name').notNull(),
    dueOn: day('due_on').notNull(),
    doneAt: tstz('done_at'),
    doneNote: text('done_note'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('field_follow_ups_record_idx').on(t.recordId), index('field_follow_ups_open_idx').on(t.tenantId, t.dueOn).where(sql`done_at IS NULL`)],
);

/** Appeals raised in the field (R4.2 …), linked both ways (the appeal's timeline names the record). */
export const fieldRecordAppeals = pgTable(
  'field_record_appeals',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => fieldRecords.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.appealId] }), index('field_record_appeals_appeal_idx').on(t.appealId)],
);

/** Photos, sign-in sheets, statements (R4.3): the appeals' type, size and content checks. */
export const fieldRecordFiles = pgTable(
  'field_record_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => fieldRecords.id),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('field_record_files_record_idx').on(t.recordId)],
);
