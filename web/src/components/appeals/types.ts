// Types of the appeals API (server/src/modules/appeals/appeals.routes.ts) as the web uses them.
import type {
  AppealAction,
  AppealCategory,
  AppealChannel,
  AppealState,
  EvaluationRating,
  Milestone,
  MilestoneStateId,
  ResultKind,
} from '../../../../shared/appeals.ts';

export type { AppealAction, AppealCategory, AppealChannel, AppealState, EvaluationRating, Milestone, MilestoneStateId, ResultKind };

export interface MilestoneInfo {
  dueAt: string | null;
  doneAt: string | null;
  state: MilestoneStateId;
}

export interface AppealSummary {
  id: string;
  number: string;
  state: AppealState;
  channel: AppealChannel;
  category: AppealCategory;
  title: string;
  enterpriseId: string | null;
  enterpriseName: string;
  leadUnitId: string | null;
  leadUnitName: string | null;
  receivedAt: string;
  isMajor: boolean;
  isSafetyHazard: boolean;
  isConfidential: boolean;
  reopenCount: number;
  urgeCount: number;
  nextDueAt: string | null;
  nextMilestone: Milestone | null;
  overdue: boolean;
  milestones: Record<Milestone, MilestoneInfo>;
  deadlineError: { code: string; year: number | null; message: string } | null;
  closedAt: string | null;
  closeReason: string | null;
  version: number;
}

export interface AppealEvent {
  id: number;
  type: string;
  at: string;
  actorName: string;
  unitName: string | null;
  stateBefore: string | null;
  stateAfter: string | null;
  payload: Record<string, unknown>;
}

export interface AppealRequest {
  id: string;
  kind: string;
  workdays: number | null;
  reason: string;
  status: string;
  needsCoordinator: boolean;
  requestedByName: string;
  requestedAt: string;
  headByName: string | null;
  headComment: string | null;
  coordinatorByName: string | null;
  coordinatorComment: string | null;
}

/** A co-handling unit (协办处室): its assigned part and, once submitted, its text (the lead consolidates). */
export interface CoUnit {
  unitId: string;
  unitName: string;
  part: string;
  status: string;
  submittedText: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  assignedAt: string;
}

export interface AppealAttachment {
  id: string;
  name: string;
  ext: string;
  mime: string;
  size: number;
  note: string;
  unitId: string | null;
  uploadedByName: string;
  createdAt: string;
}

/** GET /api/tenants/transfer-targets: the caller's tenant's city bureaus. */
export interface TransferTarget {
  id: string;
  code: string;
  name: string;
}

/** GET /api/appeals/transferred-out: the province's read-only status of appeals moved to cities. */
export interface TransferredOutItem {
  id: string;
  number: string;
  title: string;
  state: AppealState;
  tenantId: string;
  tenantName: string;
  tenantCode: string;
  receivedAt: string;
  nextDueAt: string | null;
  contactDoneAt: string | null;
  opinionDoneAt: string | null;
  resolutionDoneAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  updatedAt: string;
}

export interface AppealDetail extends AppealSummary {
  identityHidden: boolean;
  contactName: string;
  contactPhone: string;
  enterpriseUscc: string | null;
  sector: string | null;
  content: string;
  backdateReason: string | null;
  externalRef: string | null;
  lulibanRef: string | null;
  originTenantName: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  extendedWorkdays: number;
  pausedAt: string | null;
  opinionText: string | null;
  resultKind: ResultKind | null;
  resultText: string | null;
  replyText: string | null;
  repliedAt: string | null;
  evaluation: EvaluationRating | null;
  evaluationComment: string | null;
  evaluatedAt: string | null;
  evaluationDueAt: string | null;
  returnDueAt: string | null;
  originTenantId: string | null;
  coUnits: CoUnit[];
  events: AppealEvent[];
  requests: AppealRequest[];
  attachments: AppealAttachment[];
  leaders: { id: string; name: string; title: string }[];
  parties: string[];
  allowedActions: AppealAction[];
}

export interface AppealList {
  items: AppealSummary[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface FigureCounts {
  received: number;
  closed: number;
  contactOnTimeRate: number | null;
  opinionOnTimeRate: number | null;
  resolutionOnTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export interface NotificationItem {
  id: string;
  type: string;
  title: string;
  body: string;
  appealId: string | null;
  appealNumber: string | null;
  createdAt: string;
  read: boolean;
}
