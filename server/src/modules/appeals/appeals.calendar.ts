// R6.2: appeals whose deadlines could not be computed (CALENDAR_YEAR_NOT_LOADED, stored in
// deadline_error) are recomputed when the calendar changes — inside the calendar change's own
// transaction (the calendar module's onCalendarChanged hook), so the recompute commits with the
// change and runs once. The deadlines come from domain/appeals/clock.ts recomputeCycle; the system
// is the actor of the timeline event and the audit row.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { recomputeCycle } from '../../domain/appeals/clock.ts';
import { audit, systemActor, type ActingCtx } from '../../lib/context.ts';
import { onCalendarChanged, type CalendarChange } from '../calendar/index.ts';
import { actorEvent } from './appeals.common.ts';
import { appealClock, tenantEnv, type TenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';

export async function recomputeMissingDeadlines(tx: Tx, change: Pick<CalendarChange, 'tenantId' | 'years'>): Promise<number> {
  const where = sql.join(
    [
      sql`a.deadline_error IS NOT NULL`,
      sql`a.closed_at IS NULL`,
      change.tenantId ? sql`a.tenant_id = ${change.tenantId}` : sql`true`,
      change.years.length
        ? sql`(a.deadline_error->>'year' IS NULL OR (a.deadline_error->>'year')::int IN (${sql.join(
            change.years.map((y) => sql`${y}`),
            sql`, `,
          )}))`
        : sql`true`,
    ],
    sql` AND `,
  );
  const rows = await repo.listAppealRows(tx, sql`${where} AND a.id IN (SELECT id FROM appeals a WHERE ${where} FOR UPDATE)`, sql`a.id`, 100_000, 0);
  let fixed = 0;
  const envs = new Map<string, TenantEnv>();
  const now = appealClock.now();
  for (const r of rows) {
    if (!envs.has(r.tenantId)) envs.set(r.tenantId, await tenantEnv(tx, r.tenantId));
    const env = envs.get(r.tenantId)!;
    const done = { contact: r.contactDoneAt, opinion: r.opinionDoneAt, resolution: r.resolutionDoneAt };
    const c = recomputeCycle(r.cycleStartedAt, done, env.sla, env.calendar, ['replied', 'paused'].includes(r.state));
    if (!c.ok) {
      await repo.updateAppeal(tx, r.id, { deadlineError: c.error });
      continue;
    }
    await repo.updateAppeal(tx, r.id, {
      deadlineError: null,
      contactDueAt: c.due.contact,
      opinionDueAt: c.due.opinion,
      resolutionDueAt: c.due.resolution,
      contactState: c.states.contact,
      opinionState: c.states.opinion,
      resolutionState: c.states.resolution,
      nextDueAt: c.nextDueAt,
    });
    const payload = {
      contact: c.due.contact.toISOString(),
      opinion: c.due.opinion.toISOString(),
      resolution: c.due.resolution.toISOString(),
      years: change.years,
    };
    const ctx: ActingCtx = { db: tx as Db, actor: systemActor(r.tenantId, 'calendar-recompute'), ip: '', requestId: 'calendar-recompute' };
    await repo.insertEvents(tx, [
      {
        ...actorEvent(ctx.actor),
        tenantId: r.tenantId,
        appealId: r.id,
        type: 'deadline_recomputed',
        at: now,
        stateBefore: r.state,
        stateAfter: r.state,
        payload,
      },
    ]);
    await audit(tx, ctx, {
      action: 'appeal.deadline_recomputed',
      entity: 'appeal',
      entityId: r.id,
      summary: `${r.number} 节假日安排已载入，重新计算时限：办结 ${payload.resolution}`,
      before: { deadlineError: r.deadlineError },
      after: payload,
    });
    fixed++;
  }
  return fixed;
}

onCalendarChanged(async (tx, change) => {
  await recomputeMissingDeadlines(tx, change);
});
