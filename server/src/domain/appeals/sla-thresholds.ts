// Pure helpers for the SLA sweep, composed only from the calendar module's functions (no date
// arithmetic of our own). No database.
import { dueDateOf, parseInstant, shanghaiDate, type WorkCalendar } from '../calendar/index.ts';

/**
 * How many working days an appeal is overdue at `now`: the working days after its due date up to
 * and including today (docs/CALENDAR.md §3 workdaysBetween). 0 on the day after the due date if
 * that day is not a working day, 1 once a working day past the due date has begun, and so on.
 */
export function overdueWorkdays(dueAt: Date, now: Date, calendar: WorkCalendar): number {
  return calendar.workdaysBetweenDates(dueDateOf(dueAt), shanghaiDate(now));
}

/**
 * R6.6 / R8.1 escalation threshold as one instant, so the sweep can select every appeal of a tenant
 * with a single comparison: for every deadline d,
 *   d <= cutoff  ⇔  overdueWorkdays(d, now) > n.
 * Let w be the (n+1)-th most recent working day on or before today; overdueWorkdays(d) > n exactly
 * when d's due date is before w, i.e. d <= w 00:00 (a deadline at w 00:00 is 24:00 of the day before).
 * Throws CALENDAR_YEAR_NOT_LOADED when the walk back leaves the loaded years.
 */
export function overdueEscalationCutoff(now: Date, n: number, calendar: WorkCalendar): Date {
  const today = shanghaiDate(now);
  let w = calendar.isWorkday(today) ? today : calendar.previousWorkday(today);
  for (let i = 0; i < n; i++) w = calendar.previousWorkday(w);
  return parseInstant(w);
}
