// R6.5 the reminder as a periodic task (registered in jobs/tasks.ts): hourly; acts from the 20th
// until the 24th (Asia/Shanghai), once per tenant and month.
import type { Db } from '../../db/client.ts';
import type { TaskDef } from '../../jobs/scheduler.ts';
import { remindLeaderReports } from './escalation.report.ts';
import { remindUnits } from './escalation.unit-rows.ts';

/** One run of the task: 办公室 and (issue 22) the handling units, who write and confirm their rows from the 20th. Every tenant unless `tenantIds` is given. */
export async function leaderReportReminders(db: Db, now: Date, opts: { tenantIds?: readonly string[] } = {}) {
  return { ...(await remindLeaderReports(db, now, opts)), units: (await remindUnits(db, now, opts)).created };
}

export const leaderReportReminderTask: TaskDef = {
  name: 'leader-report-reminder',
  intervalSeconds: 3600,
  run: async ({ db, now, tenantIds }) => ({ result: await leaderReportReminders(db, now, { tenantIds }) }),
};
