// Response schemas of /api/appeals* and /api/routing-rules (server/src/modules/appeals/appeals.routes.ts):
// the appeals closed loop (R3.*, R6.*, R7.2). docs/APPEALS.md describes the API.
import { z } from 'zod';
import {
  APPEAL_ACTIONS,
  APPEAL_CATEGORIES,
  APPEAL_CHANNELS,
  APPEAL_STATES,
  EVALUATION_RATINGS,
  MILESTONE_STATES,
  MILESTONES,
  RESULT_KINDS,
} from '../appeals.ts';

/** One "2115" milestone of an appeal (R6.2): when it is due, when it was met, its state. */
export const MilestoneInfoSchema = z.object({
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  state: z.enum(MILESTONE_STATES),
  /** R6.2 working days left of a running working-day limit (0 on its last day, negative once overdue); null otherwise. */
  workdaysLeft: z.number().int().nullable(),
});
export type MilestoneInfo = z.infer<typeof MilestoneInfoSchema>;

/** An appeal in a list (workbench, queue, search). */
export const AppealSummarySchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  number: z.string(),
  state: z.enum(APPEAL_STATES),
  channel: z.enum(APPEAL_CHANNELS),
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  leadUnitId: z.string().nullable(),
  leadUnitName: z.string().nullable(),
  receivedAt: z.string(),
  isMajor: z.boolean(),
  isSafetyHazard: z.boolean(),
  isConfidential: z.boolean(),
  reopenCount: z.number(),
  urgeCount: z.number(),
  nextDueAt: z.string().nullable(),
  nextMilestone: z.enum(MILESTONES).nullable(),
  overdue: z.boolean(),
  milestones: z.object({ contact: MilestoneInfoSchema, opinion: MilestoneInfoSchema, resolution: MilestoneInfoSchema }),
  deadlineError: z.object({ code: z.string(), year: z.number().nullable(), message: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type AppealSummary = z.infer<typeof AppealSummarySchema>;

export const AppealAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  ext: z.string(),
  mime: z.string(),
  size: z.number(),
  note: z.string(),
  unitId: z.string().nullable(),
  uploadedByName: z.string(),
  createdAt: z.string(),
});
export type AppealAttachment = z.infer<typeof AppealAttachmentSchema>;

/** A co-handling unit (协办处室): its assigned part and, once submitted, its text (the lead consolidates). */
export const CoUnitSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  part: z.string(),
  status: z.string(),
  submittedText: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  assignedAt: z.string(),
});
export type CoUnit = z.infer<typeof CoUnitSchema>;

/** One entry of the timeline (appeal_events). */
export const AppealEventSchema = z.object({
  id: z.number(),
  type: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  stateBefore: z.string().nullable(),
  stateAfter: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type AppealEvent = z.infer<typeof AppealEventSchema>;

/** An extension or pause request and its approvals. */
export const AppealRequestSchema = z.object({
  id: z.string(),
  kind: z.string(),
  workdays: z.number().nullable(),
  reason: z.string(),
  status: z.string(),
  needsCoordinator: z.boolean(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  headByName: z.string().nullable(),
  headAt: z.string().nullable(),
  headComment: z.string().nullable(),
  coordinatorByName: z.string().nullable(),
  coordinatorAt: z.string().nullable(),
  coordinatorComment: z.string().nullable(),
  effect: z.record(z.string(), z.unknown()).nullable(),
});
export type AppealRequest = z.infer<typeof AppealRequestSchema>;

/** One appeal with its timeline, milestones, requests, attachments and the actions the caller may take now. */
export const AppealDetailSchema = AppealSummarySchema.extend({
  identityHidden: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
  enterpriseUscc: z.string().nullable(),
  sector: z.string().nullable(),
  content: z.string(),
  backdateReason: z.string().nullable(),
  externalRef: z.string().nullable(),
  lulibanRef: z.string().nullable(),
  /** R6.6 the 鲁力办 platform's own deadline. */
  lulibanDueAt: z.string().nullable(),
  originTenantId: z.string().nullable(),
  originTenantName: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  cycleStartedAt: z.string(),
  extendedWorkdays: z.number(),
  pausedAt: z.string().nullable(),
  opinionText: z.string().nullable(),
  resultKind: z.enum(RESULT_KINDS).nullable(),
  resultText: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  evaluation: z.enum(EVALUATION_RATINGS).nullable(),
  evaluationComment: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  evaluationDueAt: z.string().nullable(),
  returnDueAt: z.string().nullable(),
  coUnits: z.array(CoUnitSchema),
  events: z.array(AppealEventSchema),
  requests: z.array(AppealRequestSchema),
  attachments: z.array(AppealAttachmentSchema),
  leaders: z.array(z.object({ id: z.string(), name: z.string(), title: z.string() })),
  parties: z.array(z.string()),
  allowedActions: z.array(z.enum(APPEAL_ACTIONS)),
  /**
   * Issue 17: the actions of allowedActions with whether they can be taken now and, if not, the
   * reason the server would refuse with (a precondition missing: "请先登记办理结果…").
   */
  actions: z.array(
    z.object({
      action: z.enum(APPEAL_ACTIONS),
      allowed: z.boolean(),
      reason: z.string().nullable(),
      /** The step that may be recorded in the same call (联系企业 → 初步意见, 办理结果 → 答复企业), as it would stand then. */
      together: z.object({ action: z.enum(APPEAL_ACTIONS), allowed: z.boolean(), reason: z.string().nullable() }).nullable(),
    }),
  ),
  /** The next step of the handling loop for the caller (the page's one primary button), or null. */
  nextAction: z.enum(APPEAL_ACTIONS).nullable(),
});
export type AppealDetail = z.infer<typeof AppealDetailSchema>;

/** GET /api/appeals: one page of the workbench, the queue or a search. */
export const AppealListSchema = z.object({
  items: z.array(AppealSummarySchema),
  total: z.number(),
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});
export type AppealList = z.infer<typeof AppealListSchema>;

/** POST /api/appeals/:id/transfer-city: the appeal left this tenant (R3.2). */
export const AppealMovedSchema = z.object({ moved: z.literal(true), tenantId: z.string() });
export type AppealMoved = z.infer<typeof AppealMovedSchema>;

/** GET /api/appeals/transferred-out: the province's read-only status of an appeal moved to a city. */
export const TransferredOutItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.enum(APPEAL_STATES),
  tenantId: z.string(),
  tenantName: z.string(),
  tenantCode: z.string(),
  receivedAt: z.string(),
  nextDueAt: z.string().nullable(),
  contactDoneAt: z.string().nullable(),
  opinionDoneAt: z.string().nullable(),
  resolutionDoneAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type TransferredOutItem = z.infer<typeof TransferredOutItemSchema>;

/** The counts and rates of the figures (R7.2): 三率 and the 2115 on-time rates. */
export const FigureCountsSchema = z.object({
  received: z.number(),
  closed: z.number(),
  answeredOnSpot: z.number(),
  contactOnTime: z.number(),
  contactDue: z.number(),
  opinionOnTime: z.number(),
  opinionDue: z.number(),
  resolutionOnTime: z.number(),
  resolutionDue: z.number(),
  solved: z.number(),
  resolved: z.number(),
  satisfied: z.number(),
  evaluated: z.number(),
  contactOnTimeRate: z.number().nullable(),
  opinionOnTimeRate: z.number().nullable(),
  resolutionOnTimeRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
});
export type FigureCounts = z.infer<typeof FigureCountsSchema>;

/** GET /api/appeals/figures. */
export const FiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  unitId: z.string().nullable(),
  source: z.enum(['rollup', 'live']),
  totals: FigureCountsSchema,
  byUnit: z.array(FigureCountsSchema.extend({ unitId: z.string().nullable(), unitName: z.string().nullable() })),
});
export type Figures = z.infer<typeof FiguresSchema>;

/** GET /api/appeals/:id/suggested-units: the channel's lead unit (R3.4), then lead units by business alignment (R3.2). */
export const SuggestedUnitsSchema = z.object({
  items: z.array(z.object({ unitId: z.string(), unitName: z.string(), source: z.enum(['channel', 'rule', 'sector']) })),
  total: z.number(),
});
export type SuggestedUnits = z.infer<typeof SuggestedUnitsSchema>;

/** A routing rule (业务对口, R3.2): sector × category → unit. */
export const RoutingRuleSchema = z.object({
  id: z.string(),
  sector: z.string().nullable(),
  category: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  note: z.string(),
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export const RoutingRulesSchema = z.object({ items: z.array(RoutingRuleSchema), total: z.number() });
export type RoutingRules = z.infer<typeof RoutingRulesSchema>;

/** 批量派单 (POST /api/appeals/dispatch-batch): per appeal, dispatched (its new version) or why not (a single dispatch's refusal). */
export const DispatchBatchItemSchema = z.union([
  z.object({ id: z.string(), ok: z.literal(true), version: z.number() }),
  z.object({ id: z.string(), ok: z.literal(false), status: z.number(), code: z.string(), message: z.string() }),
]);
export const DispatchBatchResultSchema = z.object({
  dispatched: z.number(),
  failed: z.number(),
  items: z.array(DispatchBatchItemSchema),
});
export type DispatchBatchResult = z.infer<typeof DispatchBatchResultSchema>;
