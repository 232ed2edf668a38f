// Task `knowledge-expiry` (capability 8): hourly, published articles past their validity → their unit
// is told once (the suggestions hide them already by their date).
import type { TaskDef } from '../../jobs/scheduler.ts';
import { notifyExpired } from './knowledge.service.ts';

export const knowledgeExpiryTask: TaskDef = {
  name: 'knowledge-expiry',
  intervalSeconds: 3600,
  run: async ({ db, now, tenantIds }) => ({ result: { told: await notifyExpired(db, now, { tenantIds }) } }),
};
