// Research (调研, R2.1–R2.4, R7.1): a task by topic with its organising unit, leaders, form (thematic or
// joined with an inspection), period and the enterprises to visit (their profile snapshot for the R2.2
// coverage); findings, good practice, solutions with owner/due/status and 成果运用.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type { EnterpriseSize, Ownership, Sector } from '../../../shared/enterprises.ts';
import type { ResearchForm, ResearchState, ResearchTopic, ResultUse, SolutionStatus, VisitStatus } from '../../../shared/research.ts';
import { tenants, units, users } from './schema-core.ts';
import { enterprises } from './schema-enterprises.ts';
import { fieldRecords } from './schema-contacts.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const researchTasks = pgTable(
  'research_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    topic: text('topic').$type<ResearchTopic>().notNull(),
    title: text('title').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    leaderIds: uuid('leader_ids').array().notNull().default(sql`'{}'::uuid[]`),
    form: text('form').$type<ResearchForm>().notNull(),
    /** R2.3 the inspection it is joined with (a reference until inspections are recorded here). */
    inspectionRef: text('inspection_ref'),
    periodFrom: day('period_from').notNull(),
    periodTo: day('period_to').notNull(),
    state: text('state').$type<ResearchState>().notNull().default('planned'),
    findings: text('findings'),
    goodPractice: text('good_practice'),
    noSolutionReason: text('no_solution_reason'),
    closedAt: tstz('closed_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('research_tasks_tenant_idx').on(t.tenantId, t.periodFrom), check('research_tasks_period_ck', sql`${t.periodFrom} <= ${t.periodTo}`)],
);

/**
 * An enterprise of a task, with the profile it had when chosen (R2.2 coverage) and its visit status.
 * A visit is a field record of kind `research` (contacts owns it, created through its index) whose id
 * is kept here; visits marked before that (`visited_at` without `field_record_id`, `visit_note`) stay.
 */
export const researchTaskEnterprises = pgTable(
  'research_task_enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => researchTasks.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    enterpriseName: text('enterprise_name').notNull(),
    sector: text('sector').$type<Sector>().notNull(),
    size: text('size').$type<EnterpriseSize>().notNull(),
    ownership: text('ownership').$type<Ownership>().notNull(),
    struggling: boolean('struggling').notNull(),
    status: text('status').$type<VisitStatus>().notNull().default('planned'),
    visitedAt: tstz('visited_at'),
    visitNote: text('visit_note'),
    /** R2.4 the visit's field record (kind `research`); null for visits marked the old way. */
    fieldRecordId: uuid('field_record_id').references(() => fieldRecords.id),
  },
  (t) => [uniqueIndex('research_task_enterprises_uq').on(t.taskId, t.enterpriseId), index('research_task_enterprises_visited_idx').on(t.tenantId, t.visitedAt)],
);

/** R2.4 a proposed solution: owner unit, due date, status, and how the result was used (成果运用) with evidence. */
export const researchSolutions = pgTable(
  'research_solutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    taskId: uuid('task_id')
      .notNull()
      .references(() => researchTasks.id),
    description: text('description').notNull(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    dueDate: day('due_date').notNull(),
    status: text('status').$type<SolutionStatus>().notNull().default('proposed'),
    useKind: text('use_kind').$type<ResultUse>(),
    useEvidence: text('use_evidence'),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('research_solutions_task_idx').on(t.taskId)],
);
