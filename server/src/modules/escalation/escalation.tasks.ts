// R6.5 the reminder as a periodic task (registered in jobs/tasks.ts): hourly; acts from the 20th
// until the 24th (Asia/Shanghai), once per tenant and month.
import type { TaskDef } from '../../jobs/scheduler.ts';
import { remindLeaderReports } from './escalation.report.ts';
import { remindUnits } from './escalation.unit-rows.ts';

export const leaderReportReminderTask: TaskDef = {
  name: 'leader-report-reminder',
  intervalSeconds: 3600,
  // Issue 22: the handling units hear it too (they write and confirm their rows from the 20th).
  run: async ({ db, now }) => ({ result: { ...(await remindLeaderReports(db, now)), units: (await remindUnits(db, now)).created } }),
};
