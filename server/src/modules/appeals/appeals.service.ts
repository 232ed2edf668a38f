// Appeals (涉企诉求): intake → dispatch → handling (2115 milestones) → reply → evaluation → closed
// (R3.*, R6.*, R7.2). The facade the routes call: it only points down at the parts, which never
// import it back —
//   appeals.intake.ts    intake (R3.1, R6.1) by staff, and the enterprise's submission (issue 7)
//   appeals.read.ts      one appeal, the workbench lists, the transferred-out status links
//   appeals.runner.ts    the one action path: lock, transition table, rule, change, timeline, audit
//   appeals.actions.ts   routing (R3.2) and the 2115 milestones (R6.2)
//   appeals.requests.ts  extension and pause with approval (R6.2)
//   appeals.closing.ts   evaluation, reopen, 未评价 close, 催办, flags (R3.5, R6.6)
//   appeals.files.ts     attachments and the routing rules (R3.2)
//   appeals.dispatch-batch.ts  批量派单: the single dispatch applied to each of several appeals
//   appeals.export.ts    the filtered list as .xlsx (the list's own query), audited
// sharing appeals.common.ts (what the parts share), appeals.env.ts (clock, tenant environment),
// appeals.view.ts (scope and presentation) and appeals.repository.ts (SQL). The state machine is the
// table in domain/appeals/transitions.ts; every deadline comes from domain/appeals/clock.ts. Every
// change: one transaction with the audit row AND a timeline event; every update carries the version
// it read (stale → 409 VERSION_CONFLICT with the current appeal). Other modules use index.ts.
export { create, type CreateInput } from './appeals.intake.ts';
export { COUNT_CAP, SEARCH_COUNT_CAP, countMatching, get, list, listTransferredOut, type ListQuery } from './appeals.read.ts';
export { accept, contact, dispatch, opinion, reply, result, returnAppeal, submitPart, transfer, transferToCity } from './appeals.actions.ts';
export { decide, requestExtension, requestPause, resume } from './appeals.requests.ts';
export { closeUnevaluated, evaluate, flag, urge } from './appeals.closing.ts';
export { attach, download, listRules, replaceRules, suggestUnits } from './appeals.files.ts';
export { figures } from './appeals.figures.ts';
export { DISPATCH_BATCH_MAX, dispatchBatch } from './appeals.dispatch-batch.ts';
export { EXPORT_MAX_ROWS, exportXlsx } from './appeals.export.ts';
export { canSee } from './appeals.view.ts';
/** Policy resource 'appeal': tenant, lead unit, co-handling units. */
export { appealOwner as owner } from './appeals.repository.ts';
