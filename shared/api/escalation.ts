// Response schemas of escalation (server/src/modules/escalation/escalation.routes.ts): R6.3
// 厅长办公会 agenda items, R6.4 省政府常务会议 items, R6.5 the monthly report of 省政府领导转办 appeals.
import { z } from 'zod';
import { AGENDA_STATES, INSTRUCTION_ACTIONS, INSTRUCTION_STATES } from '../escalation.ts';

/** A follow-up action decided by the director's office meeting (R6.3). */
export const AgendaActionViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  description: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  dueDate: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneNote: z.string().nullable(),
  version: z.number(),
  canComplete: z.boolean(),
});
export type AgendaActionView = z.infer<typeof AgendaActionViewSchema>;

/** An agenda item for the director's office meeting (R6.3), with what the caller may do to it. */
export const AgendaItemViewSchema = z.object({
  id: z.string(),
  appealId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  background: z.string(),
  request: z.string(),
  state: z.enum(AGENDA_STATES),
  proposedByName: z.string(),
  proposedAt: z.string(),
  meetingDate: z.string().nullable(),
  scheduledByName: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  decision: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  version: z.number(),
  actions: z.array(AgendaActionViewSchema),
  /** Of 'schedule', 'decide', 'withdraw'. */
  allowedActions: z.array(z.string()),
});
export type AgendaItemView = z.infer<typeof AgendaItemViewSchema>;

/** A provincial executive meeting item (R6.4). */
export const ExecutiveItemViewSchema = z.object({
  id: z.string(),
  appealId: z.string(),
  meetingDate: z.string(),
  materials: z.string(),
  attachmentId: z.string().nullable(),
  attachmentName: z.string().nullable(),
  leaderIds: z.array(z.string()),
  leaders: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  outcome: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  canEdit: z.boolean(),
});
export type ExecutiveItemView = z.infer<typeof ExecutiveItemViewSchema>;

/** GET /api/appeals/:id/escalation. */
export const EscalationViewSchema = z.object({
  appealId: z.string(),
  agendaItems: z.array(AgendaItemViewSchema),
  executiveItems: z.array(ExecutiveItemViewSchema),
  canPropose: z.boolean(),
  canRecordExecutive: z.boolean(),
  /** Issue 22: transferred from the province — its agenda and executive-meeting items, read-only. */
  transferredFrom: z
    .object({ tenantName: z.string(), agendaItems: z.array(AgendaItemViewSchema), executiveItems: z.array(ExecutiveItemViewSchema) })
    .nullable()
    .optional(),
});
export type EscalationView = z.infer<typeof EscalationViewSchema>;

/** GET /api/leader-reports (R6.5): a month's report, its deadline and whether it was submitted. */
export const LeaderReportStatusSchema = z.object({
  month: z.string(),
  dueAt: z.string(),
  remindOn: z.string(),
  appealCount: z.number().int(),
  submitted: z.boolean(),
  submission: z
    .object({ submittedOn: z.string(), submittedByName: z.string(), note: z.string(), appealCount: z.number().int(), recordedAt: z.string() })
    .nullable(),
  overdue: z.boolean(),
  submittedLate: z.boolean(),
});
export type LeaderReportStatus = z.infer<typeof LeaderReportStatusSchema>;

/** GET/POST /api/leader-reports/rows (R6.5, issue 22): the handling units' rows of a month's report. */
export const LeaderReportRowsSchema = z.object({
  month: z.string(),
  /** Why rows cannot be written now (before the 20th, or the report already registered); null when they can. */
  writeRefusal: z.string().nullable(),
  items: z.array(
    z.object({
      appealId: z.string(),
      number: z.string(),
      title: z.string(),
      enterpriseName: z.string(),
      leadUnitId: z.string().nullable(),
      leadUnitName: z.string(),
      state: z.string(),
      milestones: z.string(),
      progress: z.string(),
      confirmedAt: z.string().nullable(),
      confirmedByName: z.string().nullable(),
      canWrite: z.boolean(),
    }),
  ),
  total: z.number().int(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), rows: z.number().int(), confirmed: z.number().int(), allConfirmed: z.boolean() })),
  /** 办公室: the units that have not confirmed all their rows. */
  unconfirmedUnits: z.array(z.string()),
});
export type LeaderReportRows = z.infer<typeof LeaderReportRowsSchema>;

/** R6.3/leader 批示: a leader's instruction on an appeal, with what the caller may do to it. */
export const InstructionViewSchema = z.object({
  id: z.string(),
  appealId: z.string(),
  appealNumber: z.string(),
  appealTitle: z.string(),
  /** The lead unit that acknowledges it. */
  unitId: z.string(),
  unitName: z.string(),
  leaderName: z.string(),
  text: z.string(),
  /** Requested completion date (a working day) and its deadline instant (24:00 of that day); null when none. */
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  state: z.enum(INSTRUCTION_STATES),
  issuedAt: z.string(),
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgeNote: z.string().nullable(),
  reportedByName: z.string().nullable(),
  reportedAt: z.string().nullable(),
  report: z.string().nullable(),
  version: z.number(),
  allowedActions: z.array(z.enum(INSTRUCTION_ACTIONS)),
});
export type InstructionView = z.infer<typeof InstructionViewSchema>;

/** GET /api/appeals/:id/instructions. */
export const AppealInstructionsSchema = z.object({ appealId: z.string(), items: z.array(InstructionViewSchema), canIssue: z.boolean() });
export type AppealInstructions = z.infer<typeof AppealInstructionsSchema>;

/** GET /api/escalation/instructions. */
export const InstructionListSchema = z.object({ items: z.array(InstructionViewSchema), truncated: z.boolean() });
export type InstructionList = z.infer<typeof InstructionListSchema>;

/** GET /api/escalation/agenda (R6.3): agenda items across appeals with their follow-up actions. */
export const AgendaListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      appealId: z.string(),
      appealNumber: z.string(),
      appealTitle: z.string(),
      title: z.string(),
      unitName: z.string(),
      state: z.enum(AGENDA_STATES),
      meetingDate: z.string().nullable(),
      proposedAt: z.string(),
      decision: z.string().nullable(),
      actions: z.array(z.object({ id: z.string(), description: z.string(), unitName: z.string(), dueDate: z.string(), dueAt: z.string(), done: z.boolean() })),
    }),
  ),
  truncated: z.boolean(),
});
export type AgendaList = z.infer<typeof AgendaListSchema>;
