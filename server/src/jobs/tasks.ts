// The periodic tasks of the product, and the one call server.ts makes to run them.
import type { Db } from '../db/client.ts';
import { latestEventId, notifyFromEvents } from '../modules/notifications/notify-events.ts';
import { registerTask, startScheduler, type Scheduler, type TaskDef } from './scheduler.ts';
import { slaSweep } from './sla-sweep.ts';
import { ROLLUP_TASK, runFiguresRollup } from '../modules/appeals/appeals.rollup.ts';
import { leaderReportReminderTask } from '../modules/escalation/escalation.tasks.ts';
import { evaluationLinksTask } from '../modules/portal/portal.links.issue.ts';

/** R6.2 / R6.6 / R3.5: the SLA sweep, every minute. */
export const slaSweepTask: TaskDef = {
  name: 'sla-sweep',
  intervalSeconds: 60,
  run: async ({ db, now }) => ({ result: { ...(await slaSweep(db, now)) } }),
};

/**
 * Timeline events → in-app notifications, every 5 seconds. The cursor is the last event id read;
 * each run re-reads a short window below it, so an event committed late (a transaction that took
 * its id earlier) is still notified; source keys make the re-read harmless.
 */
export const NOTIFIER_LOOKBACK = 500;
export const notifierTask: TaskDef = {
  name: 'appeal-notifier',
  intervalSeconds: 5,
  run: async ({ db, state }) => {
    const first = typeof state.cursor !== 'number';
    let cursor = first ? await latestEventId(db) : (state.cursor as number);
    let created = 0;
    let events = 0;
    // A new notifier starts at the latest event: history (e.g. demo data) is not re-notified.
    let afterId = first ? cursor : Math.max(0, cursor - NOTIFIER_LOOKBACK);
    for (let i = 0; i < 20; i++) {
      const r = await notifyFromEvents(db, { afterId, limit: 5000 });
      created += r.created;
      events += r.events;
      if (r.lastId > cursor) cursor = r.lastId;
      if (r.events < 5000) break;
      afterId = r.lastId;
    }
    return { state: { cursor }, result: { events, created, cursor } };
  },
};

/**
 * Issue 8 / R7.2: the figures roll-up (appeals.rollup.ts), every 30 seconds; the first run builds
 * every bucket, later runs recompute the buckets touched by new timeline events.
 */
export const figuresRollupTask: TaskDef = {
  name: ROLLUP_TASK,
  intervalSeconds: 30,
  run: async ({ db, now }) => runFiguresRollup(db, now),
};

/** Issue 7: every reply gets its signed evaluation link (SMS outbox + in-app notice), every 5 seconds. */
export const DEFAULT_TASKS: readonly TaskDef[] = [slaSweepTask, notifierTask, leaderReportReminderTask, evaluationLinksTask, figuresRollupTask];
for (const t of DEFAULT_TASKS) registerTask(t);

/** server.ts: start the background work (stop it before closing the database). */
export function startBackgroundJobs(db: Db, opts: { tickMs?: number } = {}): Scheduler {
  return startScheduler(db, { tickMs: opts.tickMs, tasks: DEFAULT_TASKS });
}
