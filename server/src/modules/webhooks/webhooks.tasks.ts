// Issue 18: the scheduled task of the webhooks (jobs/tasks.ts registers it). Why the hand-written
// scheduler and not pg-boss / graphile-worker: neither is installed here, both need a PostgreSQL server
// (several connections, LISTEN/NOTIFY or advisory locks) and so would not run on the embedded PGlite,
// which has one session; the scheduler already runs a task once across instances, and the delivery rows
// carry their own SKIP LOCKED leases, which is all a durable at-least-once queue needs (docs/INTEGRATIONS.md).
import { loadConfig } from '../../config.ts';
import type { TaskDef } from '../../jobs/scheduler.ts';
import { latestEventId } from '../appeals/index.ts';
import { deliverDueWebhooks, fanOutWebhooks, WEBHOOKS_TASK } from './webhooks.worker.ts';

/** Re-read window below the cursor (an event committed after a later id was read is still fanned out). */
export const WEBHOOK_LOOKBACK = 500;

/** WEBHOOK_ALLOW_PRIVATE_NETWORKS, read once from the environment (the same one server.ts reads). */
let allowPrivateNetworks: boolean | undefined;

export const webhooksTask: TaskDef = {
  name: WEBHOOKS_TASK,
  intervalSeconds: 5,
  leaseSeconds: 120,
  run: async ({ db, now, state }) => {
    const first = typeof state.cursor !== 'number';
    let cursor = first ? await latestEventId(db) : (state.cursor as number);
    let afterId = first ? cursor : Math.max(0, cursor - WEBHOOK_LOOKBACK);
    let events = 0;
    let queued = 0;
    for (let i = 0; i < 20; i++) {
      const r = await fanOutWebhooks(db, { afterId, limit: 2000 });
      events += r.events;
      queued += r.queued;
      if (r.lastId > cursor) cursor = r.lastId;
      if (r.events < 2000) break;
      afterId = r.lastId;
    }
    allowPrivateNetworks ??= loadConfig().webhookAllowPrivateNetworks;
    const sent = await deliverDueWebhooks(db, now, { limit: 200, allowPrivateNetworks });
    return { state: { cursor }, result: { events, queued, ...sent, cursor } };
  },
};
