// The appeals module's public surface: what other modules (portal, escalation, notifications via
// their producers), jobs, seed data and the CLI may use. A small, deliberate list — everything else
// is the module's own (its routes call appeals.service.ts).

// Acting on appeals as a party of the transition table (domain/appeals/transitions.ts).
export { receiveFromField, receiveWithin, submitByEnterprise, type CreateInput as AppealIntake, type EnterpriseSubmission } from './appeals.intake.ts';
export { closeUnevaluatedDue, recordEvaluation } from './appeals.closing.ts';
export { attach } from './appeals.files.ts';
export { recordTimelineEvent } from './appeals.timeline.ts';
// Issue 18: work orders pushed by integration clients (modules/integrations).
export {
  drawAppealNumber,
  receiveWorkOrder,
  receiveWorkOrderTogether,
  type IntegrationCtx,
  type ReceivedWorkOrder,
  type WorkOrderIntake,
} from './appeals.intake.ts';
export type { IntakeCompanion } from './appeals.intake-batch.ts';
export { recordWorkOrderUpdate, workOrderAppealStatus, type WorkOrderAppealStatus } from './appeals.work-orders.ts';

// Who sees what, and how an appeal is shown.
export { canSee, maskedIdentity, presentMilestones, seesIdentity, type Owner } from './appeals.view.ts';
// The caller's data scope as a WHERE clause on the alias `a` (appeals): cross-appeal lists of other capabilities (escalation's 议题/批示 lists).
export { visibilityWhere as appealVisibilityWhere } from './appeals.view.ts';
export { appealClock, tenantEnv, type TenantEnv } from './appeals.env.ts';
export type { AppealRow } from './appeals.repository.ts';
export { appealOwner } from './appeals.repository.ts';
// The workbench list's filters counted for the caller, in the caller's data scope (the home page's to-do, issue 17).
export { countMatching as countAppealsMatching, type ListQuery as AppealListQuery } from './appeals.read.ts';

// Reads for other capabilities (appeals.public.repository.ts).
export {
  appealBrief,
  appealsOpenDuring,
  attachmentFileUploadedBy,
  attachmentOf,
  attachmentsUploadedBy,
  enterpriseAppeal,
  enterpriseAppeals,
  lockAppealRow,
  lockReplied,
  oldestOpenAppealIdsOfUnit,
  portalAppealOwner,
  type AppealBrief,
  type RepliedAppeal,
  type ReportRow,
  type UploadedAttachment,
} from './appeals.public.repository.ts';

// Background work (jobs/tasks.ts) and generated data (seed/).
export { notifyFromEvents } from './appeals.notify.ts';
export { latestEventId, timelineEventsForExport, type ExportedEvent } from './appeals.public.repository.ts';
export { slaSweep, type SweepOptions, type SweepResult } from './appeals.sweep.ts';
export { ROLLUP_TASK, runFiguresRollup } from './appeals.rollup.ts';
export { documentWords } from './appeals.search.ts';
export { purgeIdempotencyKeys } from './appeals.idempotency-purge.ts';
export { calendarReminderTask, remindMissingCalendarYears } from './appeals.calendar-reminder.ts';

// The figures' roll-up buckets, read by the dashboard and the reports (issue 16).
export { COUNT_COLUMNS } from './appeals.rollup.ts';
export { monthlyCounts, overdueCounts, overdueNow, type CountRow, type MonthRow, type OverdueRow } from './appeals.rollup-read.ts';
export { majorMatters, reopenedIn, tenantIdsWithAppeals, type MajorRow, type ReopenRow } from './appeals.public.repository.ts';
export { appealsByContactPhone, type AppealHolding } from './appeals.privacy.ts';

// Capability 8 (R6.1): similar past appeals of a tenant, repeat detection, jieba words (modules/assistance, modules/knowledge).
export {
  appealBag,
  candidateQueries,
  appealReply,
  appealTextsBetween,
  findRepeat,
  flagLoadedRepeats,
  similarAppeals,
  type AppealText,
  type RepeatMatch,
  type SimilarAppeal,
} from './appeals.similar.ts';
export { contentWords, queryWords } from './appeals.search.ts';
// Issue 19: the hot-topic roll-up (appeal_words_daily / appeal_categories_daily, owned here) and its readers.
export {
  WORDS_ROLLUP_TASK,
  appealKeywords,
  hotWordCounts,
  runHotWordsRollup,
  type HotCounts,
  type KeyCounts,
} from './appeals.words-rollup.ts';
export { appealsBehindTopics, appealsMentioning, type MentioningAppeal } from './appeals.topic-appeals.ts';
// The appeals behind a unit's figure (the assessment's drill-down, issue 16).
export { FIGURE_MEASURES, figureAppeals, type FigureAppeal, type FigureMeasure } from './appeals.figure-appeals.ts';
