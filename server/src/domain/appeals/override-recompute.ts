// Issue 22: a tenant changes its calendar overrides (R8.1) — the open appeals' FUTURE working-day
// deadlines follow. Each open working-day milestone (初步意见, 办结) keeps the working days it had
// left from today under the old calendar and counts them again from today under the new one, so an
// extension or a pause already applied is kept; deadlines already passed and milestones done stay.
// The 2-hour contact is natural hours (or working hours of the office intervals): left as it is. Pure:
// composes the calendar module's functions.
import type { Milestone } from '../../../../shared/appeals.ts';
import { dueDateOf, isoToDay, shanghaiDate, type WorkCalendar } from '../calendar/index.ts';
import { nextDueAt, type AppealClock } from './clock.ts';

export type FutureRecompute =
  | { changed: false }
  | { changed: true; due: Partial<Record<Milestone, Date>>; nextDueAt: Date | null; before: Partial<Record<Milestone, Date>> };

const WORKING_DAY_MILESTONES = ['opinion', 'resolution'] as const;

/** Throws CALENDAR_YEAR_NOT_LOADED when a year is missing (the caller leaves that appeal as it is). */
export function recomputeFutureDeadlines(clock: AppealClock, oldCalendar: WorkCalendar, newCalendar: WorkCalendar, now: Date): FutureRecompute {
  const today = isoToDay(shanghaiDate(now));
  const due: Partial<Record<Milestone, Date>> = {};
  const before: Partial<Record<Milestone, Date>> = {};
  for (const m of WORKING_DAY_MILESTONES) {
    const { dueAt, doneAt } = clock[m];
    if (!dueAt || doneAt || dueAt.getTime() <= now.getTime()) continue;
    const left = oldCalendar.workdaysBetweenDays(today, isoToDay(dueDateOf(dueAt)));
    if (left <= 0) continue;
    const moved = newCalendar.addWorkdaysFromDay(today, left).dueAt;
    if (moved.getTime() !== dueAt.getTime()) {
      due[m] = moved;
      before[m] = dueAt;
    }
  }
  if (!Object.keys(due).length) return { changed: false };
  const next: AppealClock = {
    contact: clock.contact,
    opinion: { ...clock.opinion, dueAt: due.opinion ?? clock.opinion.dueAt },
    resolution: { ...clock.resolution, dueAt: due.resolution ?? clock.resolution.dueAt },
  };
  return { changed: true, due, before, nextDueAt: nextDueAt(next, false) };
}
