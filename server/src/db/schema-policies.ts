// Policy consultation (R2.5): a draft enterprise-related policy (涉企政策) with its drafting unit, text,
// the research tasks it rests on, and one consultation round (征求意见) — the enterprises asked, the
// period, their responses and for each adopted or not with the reason.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type { PolicyState, ResponseSource } from '../../../shared/policies.ts';
import { tenants, units, users } from './schema-core.ts';
import { enterprises } from './schema-enterprises.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const policyDrafts = pgTable(
  'policy_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    title: text('title').notNull(),
    draftingUnitId: uuid('drafting_unit_id')
      .notNull()
      .references(() => units.id),
    body: text('body').notNull(),
    /** The research tasks (R2.1–R2.4) the draft rests on. */
    researchTaskIds: uuid('research_task_ids').array().notNull().default(sql`'{}'::uuid[]`),
    state: text('state').$type<PolicyState>().notNull().default('drafting'),
    consultFrom: day('consult_from'),
    consultUntil: day('consult_until'),
    /** How the enterprises were chosen (sector / region / size). */
    criteria: jsonb('criteria').$type<{ sectors: string[]; regions: string[]; sizes: string[] }>(),
    roundClosedAt: tstz('round_closed_at'),
    issuedAt: tstz('issued_at'),
    issuedRef: text('issued_ref'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('policy_drafts_tenant_idx').on(t.tenantId, t.createdAt)],
);

export const policyConsultees = pgTable(
  'policy_consultees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => policyDrafts.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    enterpriseName: text('enterprise_name').notNull(),
  },
  (t) => [uniqueIndex('policy_consultees_uq').on(t.draftId, t.enterpriseId), index('policy_consultees_enterprise_idx').on(t.tenantId, t.enterpriseId)],
);

export const policyResponses = pgTable(
  'policy_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    draftId: uuid('draft_id')
      .notNull()
      .references(() => policyDrafts.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    enterpriseName: text('enterprise_name').notNull(),
    source: text('source').$type<ResponseSource>().notNull(),
    content: text('content').notNull(),
    adopted: boolean('adopted'),
    reason: text('reason'),
    decidedByName: text('decided_by_name'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('policy_responses_draft_idx').on(t.draftId, t.createdAt)],
);
