// Issue 14 the contact points' periodic task (registered in jobs/tasks.ts): hourly, once across
// instances (the scheduler's lease); each notice has its source key, so a repeated run adds nothing.
import type { TaskDef } from '../../jobs/scheduler.ts';
import { contactPointDuties } from './contacts.year.ts';

export const contactPointsTask: TaskDef = {
  name: 'contact-points',
  intervalSeconds: 3600,
  run: async ({ db, now, tenantIds }) => ({ result: { ...(await contactPointDuties(db, now, { tenantIds })) } }),
};
