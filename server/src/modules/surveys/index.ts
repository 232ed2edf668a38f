// The survey module's public surface (R7.3): the reminder task for the scheduler (jobs/tasks.ts), and
// the weighted satisfaction index of a tenant-year for the annual assessment and the dashboard.
export { surveyRemindersTask } from './surveys.tasks.ts';
export { surveyIndexOfYear } from './surveys.results.ts';
// Demo data (seed/demo.ts).
export { loadSurveyDemo } from './surveys.demo.ts';
