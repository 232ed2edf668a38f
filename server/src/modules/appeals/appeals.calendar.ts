// R6.2: appeals whose deadlines could not be computed (CALENDAR_YEAR_NOT_LOADED, stored in
// deadline_error) are recomputed when the calendar changes — inside the calendar change's own
// transaction (calendar-events.ts), so the recompute commits with the change and runs once.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { doneState, nextDueAt, type AppealClock } from '../../domain/appeals/clock.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { onCalendarChanged, type CalendarChange } from '../calendar/calendar-events.ts';
import * as repo from './appeals.repository.ts';
import { appealClock, tenantEnv } from './appeals.service.ts';
import { cycleDeadlines } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode } from '../../errors.ts';

export async function recomputeMissingDeadlines(tx: Tx, change: Pick<CalendarChange, 'tenantId' | 'years'>): Promise<number> {
  const where = sql.join(
    [
      sql`a.deadline_error IS NOT NULL`,
      sql`a.closed_at IS NULL`,
      change.tenantId ? sql`a.tenant_id = ${change.tenantId}` : sql`true`,
      change.years.length
        ? sql`(a.deadline_error->>'year' IS NULL OR (a.deadline_error->>'year')::int IN (${sql.join(change.years.map((y) => sql`${y}`), sql`, `)}))`
        : sql`true`,
    ],
    sql` AND `,
  );
  const rows = await repo.listAppealRows(tx, sql`${where} AND a.id IN (SELECT id FROM appeals a WHERE ${where} FOR UPDATE)`, sql`a.id`, 100_000, 0);
  let fixed = 0;
  const envs = new Map<string, Awaited<ReturnType<typeof tenantEnv>>>();
  const now = appealClock.now();
  for (const r of rows) {
    if (!envs.has(r.tenantId)) envs.set(r.tenantId, await tenantEnv(tx, r.tenantId));
    const env = envs.get(r.tenantId)!;
    let due;
    try {
      due = cycleDeadlines(r.cycleStartedAt, env.sla, env.calendar);
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.CALENDAR_YEAR_NOT_LOADED) {
        const year = (err.details as { year?: number } | undefined)?.year ?? null;
        await repo.updateAppeal(tx, r.id, { deadlineError: { code: 'CALENDAR_YEAR_NOT_LOADED', year, message: err.message } });
        continue;
      }
      throw err;
    }
    const clock: AppealClock = {
      contact: { dueAt: due.contact, doneAt: r.contactDoneAt },
      opinion: { dueAt: due.opinion, doneAt: r.opinionDoneAt },
      resolution: { dueAt: due.resolution, doneAt: r.resolutionDoneAt },
    };
    await repo.updateAppeal(tx, r.id, {
      deadlineError: null,
      contactDueAt: due.contact,
      opinionDueAt: due.opinion,
      resolutionDueAt: due.resolution,
      contactState: r.contactDoneAt ? doneState(due.contact, r.contactDoneAt) : 'pending',
      opinionState: r.opinionDoneAt ? doneState(due.opinion, r.opinionDoneAt) : 'pending',
      resolutionState: r.resolutionDoneAt ? doneState(due.resolution, r.resolutionDoneAt) : 'pending',
      nextDueAt: ['replied', 'paused'].includes(r.state) ? null : nextDueAt(clock, false),
    });
    const payload = { contact: due.contact.toISOString(), opinion: due.opinion.toISOString(), resolution: due.resolution.toISOString(), years: change.years };
    await repo.insertEvents(tx, [
      { tenantId: r.tenantId, appealId: r.id, type: 'deadline_recomputed', at: now, actorId: null, actorName: '系统', unitId: null, stateBefore: r.state, stateAfter: r.state, payload },
    ]);
    await insertAudit(tx, {
      tenantId: r.tenantId,
      actorId: null,
      actorName: '系统',
      action: 'appeal.deadline_recomputed',
      entity: 'appeal',
      entityId: r.id,
      summary: `${r.number} 节假日安排已载入，重新计算时限：办结 ${payload.resolution}`,
      before: { deadlineError: r.deadlineError },
      after: payload,
      ip: null,
      requestId: null,
    });
    fixed++;
  }
  return fixed;
}

onCalendarChanged(async (tx, change) => {
  await recomputeMissingDeadlines(tx, change);
});
