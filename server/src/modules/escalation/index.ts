// The escalation module's public surface: the R6.5 report reminder, run by the scheduler (jobs/tasks.ts),
// and the R6.5 report's lines for the reports module (the .docx of issue 16).
export { leaderReportReminderTask } from './escalation.tasks.ts';
export {
  leaderReportLines,
  monthLines as leaderReportMonthLines,
  REPORT_HEADERS as LEADER_REPORT_HEADERS,
  status as leaderReportStatus,
  type ReportLine as LeaderReportLine,
} from './escalation.report.ts';
export { monthBounds } from './escalation.months.ts';
export { remindUnits as remindLeaderReportUnits } from './escalation.unit-rows.ts';
// The home page's to-do (issue 17): the caller's unit's R6.5 rows not yet confirmed.
export { unconfirmedRowsOfUnit as unconfirmedLeaderReportRows } from './escalation.unit-rows.ts';
// The home page's to-do (issue 17): 领导批示 the caller's unit has not yet acknowledged (待签收批示).
export { issuedForUnit as unacknowledgedInstructions } from './escalation.lists.ts';
// Demo data (seed/demo.ts): 批示 and 厅长办公会 agenda items on the demo unit's open appeals.
export { loadEscalationDemo } from './escalation.demo.ts';
