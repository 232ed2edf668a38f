// Response schemas of 建议提案 (server/src/modules/proposals/proposals.routes.ts), R3.3.
import { z } from 'zod';
import { PROPOSAL_ACTIONS, PROPOSAL_DEADLINE_STATES, PROPOSAL_EVALUATIONS, PROPOSAL_KINDS, PROPOSAL_STATES } from '../proposals.ts';

export const ProposalRoundSchema = z.object({
  round: z.number(),
  startedOn: z.string(),
  replyDue: z.string(),
  reopenReason: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedOn: z.string().nullable(),
  repliedByName: z.string().nullable(),
  evaluation: z.enum(PROPOSAL_EVALUATIONS).nullable(),
  evaluationLabel: z.string().nullable(),
  evaluationNote: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  evaluatedByName: z.string().nullable(),
  deadlineState: z.enum(PROPOSAL_DEADLINE_STATES),
  deadlineLabel: z.string(),
});

export const ProposalBriefSchema = z.object({
  id: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  kindLabel: z.string(),
  number: z.string(),
  session: z.string(),
  proposerName: z.string(),
  delegation: z.string(),
  title: z.string(),
  assignedOn: z.string(),
  year: z.number(),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  appealId: z.string(),
  appealNumber: z.string(),
  state: z.enum(PROPOSAL_STATES),
  stateLabel: z.string(),
  round: z.number(),
  replyDue: z.string(),
  deadlineState: z.enum(PROPOSAL_DEADLINE_STATES),
  deadlineLabel: z.string(),
  /** The latest evaluation recorded (any round). */
  evaluation: z.enum(PROPOSAL_EVALUATIONS).nullable(),
  evaluationLabel: z.string().nullable(),
});
export type ProposalBrief = z.infer<typeof ProposalBriefSchema>;

export const ProposalViewSchema = ProposalBriefSchema.extend({
  content: z.string(),
  registeredByName: z.string(),
  createdAt: z.string(),
  version: z.number(),
  allowedActions: z.array(z.enum(PROPOSAL_ACTIONS)),
  rounds: z.array(ProposalRoundSchema),
});
export type ProposalView = z.infer<typeof ProposalViewSchema>;
export type ProposalRound = z.infer<typeof ProposalRoundSchema>;

export const ProposalListSchema = z.object({
  items: z.array(ProposalBriefSchema),
  canRegister: z.boolean(),
  /** The tenant's reply period (months from assignment) and due-soon notice (days), R3.3 settings. */
  replyMonths: z.number(),
  dueSoonDays: z.number(),
});
export type ProposalList = z.infer<typeof ProposalListSchema>;

/** The proposal behind an appeal, for the appeal page (its deadline beside the 2115 milestones). */
export const AppealProposalSchema = z.object({ proposal: ProposalBriefSchema.nullable() });
export type AppealProposal = z.infer<typeof AppealProposalSchema>;
