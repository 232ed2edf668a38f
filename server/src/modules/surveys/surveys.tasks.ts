// R7.3 reminders to non-respondents, by the scheduler (jobs/tasks.ts; its lease runs a task on one
// instance at a time, and the rows are taken FOR UPDATE SKIP LOCKED besides): every sampled
// enterprise that has not answered gets a new link REMIND_EVERY_DAYS after the last one, at most
// REMIND_MAX times. The new link replaces the old one (only one hash is stored).
import type { Db } from '../../db/client.ts';
import { audit, systemActor } from '../../lib/context.ts';
import { loadConfig } from '../../config.ts';
import type { TaskDef } from '../../jobs/scheduler.ts';
import * as repo from './surveys.repository.ts';
import { sendLinks } from './surveys.service.ts';

export const REMIND_EVERY_DAYS = 5;
export const REMIND_MAX = 2;

/** Every tenant unless `tenantIds` is given. */
export async function sendDueReminders(db: Db, opts: { publicUrl: string; now: Date; limit?: number; tenantIds?: readonly string[] }) {
  return db.transaction(async (tx) => {
    const due = await repo.dueReminders(tx, opts.now, { everyDays: REMIND_EVERY_DAYS, max: REMIND_MAX, limit: opts.limit ?? 500, tenantIds: opts.tenantIds });
    const bySurvey = new Map<string, typeof due>();
    for (const d of due) bySurvey.set(d.survey_id, [...(bySurvey.get(d.survey_id) ?? []), d]);
    let sms = 0;
    for (const [surveyId, rows] of bySurvey) {
      const first = rows[0];
      const sent = await sendLinks(
        tx,
        first.tenant_id,
        { id: surveyId, title: first.title, closesOn: first.closes_on },
        rows.map((r) => ({ id: r.id, enterpriseId: r.enterprise_id })),
        opts.publicUrl,
        opts.now,
        true,
      );
      sms += sent.sms;
      await audit(
        tx,
        { db: tx as Db, actor: systemActor(first.tenant_id, 'survey-reminders'), ip: '', requestId: 'survey-reminders' },
        {
          action: 'survey.remind',
          entity: 'survey',
          entityId: surveyId,
          summary: `自动提醒满意度调查「${first.title}」未答企业${rows.length}家（短信${sent.sms}条）`,
          after: sent,
        },
      );
    }
    return { reminded: due.length, sms };
  });
}

let publicUrlFromEnv: string | undefined;

export const surveyRemindersTask: TaskDef = {
  name: 'survey-reminders',
  intervalSeconds: 600,
  run: async ({ db, now, tenantIds }) => {
    publicUrlFromEnv ??= loadConfig().publicUrl;
    return { result: await sendDueReminders(db, { publicUrl: publicUrlFromEnv, now, tenantIds }) };
  },
};
