// Issue 22: when a tenant (a city) changes its calendar overrides, the open appeals' future
// working-day deadlines are recomputed in the change's own transaction (the calendar module's
// onCalendarChanged hook): domain/appeals/override-recompute.ts keeps each milestone's working days
// left; each changed appeal gets a timeline event and an audit row (署名“系统”), and the count goes
// back to the clerk in the PUT /api/calendar/overrides answer. Paused appeals keep their pause record
// (their deadlines are counted again on resume); replied and closed ones have no open deadline.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { recomputeFutureDeadlines } from '../../domain/appeals/override-recompute.ts';
import { formatDeadline } from '../../../../shared/format.ts';
import { MILESTONE_LABELS } from '../../../../shared/appeals.ts';
import { audit, systemActor, type ActingCtx } from '../../lib/context.ts';
import { calendarWithOverrides, onCalendarChanged, type CalendarChange } from '../calendar/index.ts';
import { actorEvent, clockOf } from './appeals.common.ts';
import { appealClock, tenantEnv } from './appeals.env.ts';
import * as repo from './appeals.repository.ts';

export async function recomputeAfterOverrides(tx: Tx, change: CalendarChange): Promise<number> {
  if (change.action !== 'overrides.update' || !change.tenantId || !change.previousOverrides) return 0;
  const tenantId = change.tenantId;
  const where = sql`a.tenant_id = ${tenantId} AND a.closed_at IS NULL AND a.deadline_error IS NULL AND a.state IN ('received', 'returned', 'dispatched', 'handling')`;
  const rows = await repo.listAppealRows(tx, sql`${where} AND a.id IN (SELECT id FROM appeals a WHERE ${where} FOR UPDATE)`, sql`a.id`, 100_000, 0);
  if (!rows.length) return 0;
  const env = await tenantEnv(tx, tenantId);
  const oldCalendar = await calendarWithOverrides(tx, change.previousOverrides);
  const now = appealClock.now();
  const ctx: ActingCtx = { db: tx as Db, actor: systemActor(tenantId, 'calendar-overrides'), ip: '', requestId: 'calendar-overrides' };
  let changed = 0;
  for (const r of rows) {
    let c: ReturnType<typeof recomputeFutureDeadlines>;
    try {
      c = recomputeFutureDeadlines(clockOf(r), oldCalendar, env.calendar, now);
    } catch {
      continue; // a year not loaded: left as it is (the reminder tells the sysadmins)
    }
    if (!c.changed) continue;
    await repo.updateAppeal(tx, r.id, {
      ...(c.due.opinion ? { opinionDueAt: c.due.opinion } : {}),
      ...(c.due.resolution ? { resolutionDueAt: c.due.resolution } : {}),
      nextDueAt: c.nextDueAt,
    });
    const moved = (Object.keys(c.due) as ('opinion' | 'resolution')[])
      .map((m) => `${MILESTONE_LABELS[m]}时限 ${formatDeadline(c.before[m]!, { year: true })} → ${formatDeadline(c.due[m]!, { year: true })}`)
      .join('；');
    const payload = {
      reason: 'overrides',
      ...Object.fromEntries(Object.entries(c.due).map(([m, d]) => [m, d.toISOString()])),
      summary: `本单位日历调整，未到期的时限重新计算：${moved}`,
    };
    await repo.insertEvents(tx, [
      { ...actorEvent(ctx.actor), tenantId, appealId: r.id, type: 'deadline_recomputed', at: now, stateBefore: r.state, stateAfter: r.state, payload },
    ]);
    await audit(tx, ctx, {
      action: 'appeal.deadline_recomputed',
      entity: 'appeal',
      entityId: r.id,
      summary: `${r.number} 本单位日历调整，重新计算时限：${moved}`,
      before: Object.fromEntries(Object.entries(c.before).map(([m, d]) => [m, d.toISOString()])),
      after: payload,
    });
    changed++;
  }
  return changed;
}

onCalendarChanged((tx, change) => recomputeAfterOverrides(tx, change));
