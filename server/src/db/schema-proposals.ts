// R3.3 建议提案: NPC deputies' suggestions and CPPCC members' proposals, each linked to the appeal that
// carries the enterprise's matter through the 2115 milestones. One row per proposal (its current
// round) and one per handling round (reply period, reply letter, the deputy's evaluation).
import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';
import type { ProposalEvaluation, ProposalKind, ProposalState } from '../../../shared/proposals.ts';
import { tenants, units, users } from './schema-core.ts';
import { appeals } from './schema-appeals.ts';

const day = (name: string) => date(name, { mode: 'string' });

export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').$type<ProposalKind>().notNull(),
    /** As the session numbers it, e.g. 第0123号. */
    number: text('number').notNull(),
    /** e.g. 省十四届人大三次会议 / 省政协十三届三次会议. */
    session: text('session').notNull(),
    proposerName: text('proposer_name').notNull(),
    /** 代表团 (NPC) or 界别 (CPPCC). */
    delegation: text('delegation').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** 交办日期: the reply period counts from it. */
    assignedOn: day('assigned_on').notNull(),
    /** The year of the yearly 办理 list (of the assignment date). */
    year: integer('year').notNull(),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => units.id),
    /** The appeal of the enterprise's matter (2115 milestones), created through the appeals module. */
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    /** The appeal's number when linked (it keeps its number wherever it goes). */
    appealNumber: text('appeal_number').notNull(),
    state: text('state').$type<ProposalState>().notNull().default('handling'),
    /** The current handling round (1, then +1 at each 重新办理 after a 不满意). */
    round: integer('round').notNull().default(1),
    /** The current round's reply due date (copied from its round row, for lists and the sweep). */
    replyDue: day('reply_due').notNull(),
    registeredBy: uuid('registered_by').references(() => users.id),
    registeredByName: text('registered_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proposals_number_uq').on(t.tenantId, t.kind, t.session, t.number),
    index('proposals_tenant_year_idx').on(t.tenantId, t.year, t.leadUnitId),
    index('proposals_appeal_idx').on(t.appealId),
    index('proposals_due_idx').on(t.state, t.replyDue),
  ],
);

/** One handling round: its period, the reply letter, the evaluation, and the sweep's notices. */
export const proposalRounds = pgTable(
  'proposal_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    round: integer('round').notNull(),
    /** Round 1: the assignment date; later rounds: the day handling was reopened. */
    startedOn: day('started_on').notNull(),
    replyDue: day('reply_due').notNull(),
    /** Why it is handled again (rounds after the first). */
    reopenReason: text('reopen_reason'),
    replyText: text('reply_text'),
    repliedOn: day('replied_on'),
    repliedAt: tstz('replied_at'),
    repliedByName: text('replied_by_name'),
    evaluation: text('evaluation').$type<ProposalEvaluation>(),
    evaluationNote: text('evaluation_note'),
    evaluatedAt: tstz('evaluated_at'),
    evaluatedByName: text('evaluated_by_name'),
    dueSoonNotifiedAt: tstz('due_soon_notified_at'),
    overdueNotifiedAt: tstz('overdue_notified_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('proposal_rounds_uq').on(t.proposalId, t.round), index('proposal_rounds_tenant_idx').on(t.tenantId)],
);
