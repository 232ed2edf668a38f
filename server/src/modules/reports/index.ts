// The reports module's public surface (issue 16): the scheduler's task, and building a
// report without storing it (bench, CLI).
export { periodicReportsTask, REPORTS_TASK } from './reports.tasks.ts';
export { buildReport, generateScheduled } from './reports.service.ts';
export { renderChart } from './reports.charts.ts';
