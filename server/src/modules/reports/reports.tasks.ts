// The scheduler's task for the reports (registered in jobs/tasks.ts): every 10 minutes; from the 1st of
// a month it stores every tenant's report of the month before (and in January, of the year before),
// once. Two limits keep it out of the way: an instance that started less than 5 minutes ago leaves the
// work for later (a start — demo data, migrations, the first roll-up — is not slowed by seconds of
// report building), and one run stops taking new tenants after 60 s (the rest follow in the next run),
// so stopping the server never waits long for it.
import type { TaskDef } from '../../jobs/scheduler.ts';
import { generateScheduled } from './reports.service.ts';

export const REPORTS_TASK = 'periodic-reports';
export const REPORTS_STARTUP_GRACE_SECONDS = 300;
export const REPORTS_RUN_BUDGET_MS = 60_000;

export const periodicReportsTask: TaskDef = {
  name: REPORTS_TASK,
  intervalSeconds: 600,
  leaseSeconds: 900,
  run: async ({ db, now, tenantIds }) => {
    if (process.uptime() < REPORTS_STARTUP_GRACE_SECONDS) return { result: { skipped: 'starting' } };
    return { result: await generateScheduled(db, now, { budgetMs: REPORTS_RUN_BUDGET_MS, tenantIds }) };
  },
};
