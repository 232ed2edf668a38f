// The periodic tasks of the product, and the one call server.ts makes to run them. The work itself
// belongs to the modules (through their index.ts): the SLA sweep, the notifier and the figures
// roll-up to appeals, the report reminder to escalation, the evaluation links to the portal.
import type { Db } from '../db/client.ts';
import {
  latestEventId,
  notifyFromEvents,
  purgeIdempotencyKeys,
  ROLLUP_TASK,
  runFiguresRollup,
  runHotWordsRollup,
  slaSweep,
  WORDS_ROLLUP_TASK,
} from '../modules/appeals/index.ts';
import { leaderReportReminderTask } from '../modules/escalation/index.ts';
import { evaluationLinksTask, smsGatewayTask } from '../modules/portal/index.ts';
import { registerTask, startScheduler, type Scheduler, type TaskDef } from './scheduler.ts';
import { periodicReportsTask } from '../modules/reports/index.ts';
import { ARCHIVE_TASK, archiveAuditLog } from '../modules/audit/index.ts';

/**
 * Issue 21: audit rows older than each tenant's retention (≥ 180 days) are archived to verifiable
 * files, hourly, once across instances (the lease of scheduler.ts).
 */
export const auditArchiveTask: TaskDef = {
  name: ARCHIVE_TASK,
  intervalSeconds: 3600,
  leaseSeconds: 300,
  run: async ({ db, now }) => ({ result: { ...(await archiveAuditLog(db, now)) } }),
};
import { contactPointsTask } from '../modules/contacts/index.ts';
import { knowledgeExpiryTask } from '../modules/knowledge/index.ts';
import { surveyRemindersTask } from '../modules/surveys/index.ts';
import { PROPOSAL_SWEEP_TASK, proposalDeadlineSweep } from '../modules/proposals/index.ts';

/** R3.3: the reply deadlines of 建议提案, due-soon and overdue notices to the lead unit, every 10 minutes. */
export const proposalDeadlinesTask: TaskDef = {
  name: PROPOSAL_SWEEP_TASK,
  intervalSeconds: 600,
  run: async ({ db, now, tenantIds }) => ({ result: { ...(await proposalDeadlineSweep(db, now, { tenantIds })) } }),
};
import { webhooksTask } from '../modules/webhooks/index.ts';
import { deliverMail, fanOutChannels } from '../modules/notifications/index.ts';
import { queueSms } from '../modules/portal/index.ts';
import { loadConfig, type SmtpConfig } from '../config.ts';

/** Re-read window of the channel fan-out (a notification committed late is still sent; idempotent). */
export const CHANNELS_LOOKBACK_MS = 120_000;
let smtpFromEnv: SmtpConfig | null | undefined;

/**
 * Issue 18: notices out by SMS and e-mail as each user chose (notifications.channels.ts), every 10
 * seconds: new notifications fan out (SMS handed to the portal's outbox, e-mail queued), then due e-mail
 * and daily digests go through SMTP when SMTP_HOST is set.
 */
export const notificationChannelsTask: TaskDef = {
  name: 'notification-channels',
  intervalSeconds: 10,
  leaseSeconds: 180,
  run: async ({ db, now, state }) => {
    smtpFromEnv ??= loadConfig().smtp;
    const cursor = typeof state.cursor === 'string' ? new Date(state.cursor) : now;
    const out = await fanOutChannels(db, { since: new Date(cursor.getTime() - CHANNELS_LOOKBACK_MS), queueSms });
    const next = new Date(Math.max(out.last.getTime(), cursor.getTime()));
    const mail = await deliverMail(db, smtpFromEnv, now);
    return { state: { cursor: next.toISOString() }, result: { notes: out.notes, sms: out.sms, email: out.email, ...mail } };
  },
};
import { calendarReminderTask } from '../modules/appeals/index.ts';

/** R6.2 / R6.6 / R3.5: the SLA sweep, every minute. */
export const slaSweepTask: TaskDef = {
  name: 'sla-sweep',
  intervalSeconds: 60,
  run: async ({ db, now, tenantIds }) => ({ result: { ...(await slaSweep(db, now, { tenantIds })) } }),
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
 * Issue 8 / R7.2: the figures roll-up (appeals.rollup.ts), every 5 seconds; the first run builds
 * every bucket, later runs recompute the buckets touched by new timeline events. Readers compute the
 * days touched since the last run live (≈ 1 ms of PostgreSQL per tenant-day at 1M), so the interval
 * bounds what a dashboard redoes under writes (issue 20: every 30 s, a province-year under 10 writes a
 * second took p50 42–60 ms; a run with nothing new costs ≈ 15–20 ms).
 */
export const figuresRollupTask: TaskDef = {
  name: ROLLUP_TASK,
  intervalSeconds: 5,
  run: async ({ db, now }) => runFiguresRollup(db, now),
};

/**
 * Issue 19: the hot-topic keyword roll-up (appeals.words-rollup.ts), every 60 seconds, the same way:
 * the first run builds every bucket (≈ a minute per million appeals: jieba splits each text once),
 * later runs re-split the days touched by new timeline events. Readers split touched days live.
 */
export const hotWordsRollupTask: TaskDef = {
  name: WORDS_ROLLUP_TASK,
  intervalSeconds: 60,
  run: async ({ db, now }) => runHotWordsRollup(db, now),
};

/** The default of IDEMPOTENCY_RETENTION_HOURS (config.ts). */
export const IDEMPOTENCY_RETENTION_HOURS = 72;

/**
 * Issue 12 item 13: Idempotency-Keys older than the retention are deleted, every 10 minutes. Within
 * the retention a repeated submission still answers the stored response; after it, the same key
 * would register anew (clients retry within minutes; the retention is days).
 */
export function idempotencyPurgeTask(retentionHours = IDEMPOTENCY_RETENTION_HOURS): TaskDef {
  return {
    name: 'idempotency-purge',
    intervalSeconds: 600,
    run: async ({ db, now }) => {
      const before = new Date(now.getTime() - retentionHours * 3_600_000);
      return { result: { purged: await purgeIdempotencyKeys(db, before), before: before.toISOString() } };
    },
  };
}

/**
 * Issue 7: every reply gets its signed evaluation link (SMS outbox + in-app notice), every 5 seconds.
 * Issue 16: the monthly (and in January the annual) reports of every tenant, every 10 minutes, each once.
 * Issue 14: contact points' terms, renewal notices and behind-pace reminders, hourly.
 */
export const DEFAULT_TASKS: readonly TaskDef[] = [
  slaSweepTask,
  notifierTask,
  leaderReportReminderTask,
  evaluationLinksTask,
  figuresRollupTask,
  hotWordsRollupTask,
  idempotencyPurgeTask(),
  periodicReportsTask,
  auditArchiveTask,
  contactPointsTask,
  knowledgeExpiryTask,
  surveyRemindersTask,
  proposalDeadlinesTask,
  webhooksTask,
  smsGatewayTask,
  notificationChannelsTask,
  // Issue 22: next year's calendar notice reminder to the sysadmins.
  calendarReminderTask,
];
for (const t of DEFAULT_TASKS) registerTask(t);

/** server.ts: start the background work (stop it before closing the database). */
export function startBackgroundJobs(db: Db, opts: { tickMs?: number; idempotencyRetentionHours?: number } = {}): Scheduler {
  const tasks = DEFAULT_TASKS.map((t) => (t.name === 'idempotency-purge' ? idempotencyPurgeTask(opts.idempotencyRetentionHours) : t));
  return startScheduler(db, { tickMs: opts.tickMs, tasks });
}
