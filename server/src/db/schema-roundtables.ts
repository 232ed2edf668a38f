// Roundtables (R5.*, R7.1): 政企沟通圆桌会、座谈会、走进企业家会客厅 — the meeting record with its
// lead unit (R5.2), the appeal items collected before and raised on the day (each answered on site or
// turned into an appeal through the appeals module), the invited enterprises and their replies, the
// leaders' attendance (R5.3), and the minutes with findings and what follows (R7.1).
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type {
  InvitationReply,
  ItemDisposition,
  ItemSource,
  LeaderAttendance,
  RoundtableKind,
  RoundtableOrganiser,
  RoundtableState,
} from '../../../shared/roundtables.ts';
import type { AppealCategory } from '../../../shared/appeals.ts';
import { leaders, tenants, units, users } from './schema-core.ts';
import { enterprises } from './schema-enterprises.ts';
import { appeals } from './schema-appeals.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const roundtables = pgTable(
  'roundtables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').$type<RoundtableKind>().notNull(),
    organiser: text('organiser').$type<RoundtableOrganiser>().notNull(),
    title: text('title').notNull(),
    topics: text('topics').notNull(),
    meetingDate: day('meeting_date').notNull(),
    place: text('place').notNull(),
    /** The period in which appeals are collected from the enterprises concerned (R5.1). */
    collectFrom: day('collect_from').notNull(),
    collectUntil: day('collect_until').notNull(),
    /** The units the meeting's matters touch; the lead unit follows from them (R5.2). */
    unitIds: uuid('unit_ids').array().notNull(),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => units.id),
    state: text('state').$type<RoundtableState>().notNull().default('collecting'),
    /** R7.1: what was found and what follows; the minutes themselves. */
    minutes: text('minutes'),
    findings: text('findings'),
    followUp: text('follow_up'),
    minutesByName: text('minutes_by_name'),
    minutesAt: tstz('minutes_at'),
    closedAt: tstz('closed_at'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('roundtables_tenant_date_idx').on(t.tenantId, t.meetingDate), check('roundtables_period_ck', sql`${t.collectFrom} <= ${t.collectUntil}`)],
);

/** An appeal item of a meeting: collected before (staff, portal) or raised in the room; disposed on the day. */
export const roundtableItems = pgTable(
  'roundtable_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id),
    source: text('source').$type<ItemSource>().notNull(),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    enterpriseName: text('enterprise_name').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    category: text('category').$type<AppealCategory>().notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    disposition: text('disposition').$type<ItemDisposition>().notNull().default('pending'),
    answer: text('answer'),
    /** The unit the tracked appeal was dispatched to. */
    unitId: uuid('unit_id').references(() => units.id),
    /** The appeal born of the item (both dispositions: an on-site answer is a closed appeal). */
    appealId: uuid('appeal_id').references(() => appeals.id),
    createdByName: text('created_by_name').notNull(),
    disposedByName: text('disposed_by_name'),
    disposedAt: tstz('disposed_at'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('roundtable_items_meeting_idx').on(t.roundtableId, t.createdAt), index('roundtable_items_appeal_idx').on(t.appealId)],
);

/** An enterprise proposed for invitation, and its reply (attending, the attendee's name). */
export const roundtableInvitations = pgTable(
  'roundtable_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    enterpriseName: text('enterprise_name').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    reply: text('reply').$type<InvitationReply>().notNull().default('pending'),
    attendeeName: text('attendee_name'),
    repliedByName: text('replied_by_name'),
    repliedAt: tstz('replied_at'),
    invitedByName: text('invited_by_name').notNull(),
    invitedAt: tstz('invited_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('roundtable_invitations_uq').on(t.roundtableId, t.enterpriseId),
    index('roundtable_invitations_enterprise_idx').on(t.tenantId, t.enterpriseId),
  ],
);

/** R5.3 a leader's attendance, arranged by 办公室. */
export const roundtableLeaders = pgTable(
  'roundtable_leaders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    roundtableId: uuid('roundtable_id')
      .notNull()
      .references(() => roundtables.id),
    leaderId: uuid('leader_id')
      .notNull()
      .references(() => leaders.id),
    leaderName: text('leader_name').notNull(),
    status: text('status').$type<LeaderAttendance>().notNull(),
    note: text('note'),
    arrangedByName: text('arranged_by_name').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roundtable_leaders_uq').on(t.roundtableId, t.leaderId)],
);
