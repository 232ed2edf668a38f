// R6.5 month arithmetic for the monthly report, composed only from the calendar module's helpers
// (Asia/Shanghai days); no ad-hoc offsets here.
import { dayToIso, isoToDay, shanghaiDate } from '../../domain/calendar/index.ts';
import { shanghaiMidnightMs } from '../../domain/calendar/dates.ts';
import { LEADER_REPORT_DUE_DAY, LEADER_REPORT_REMIND_DAY } from '../../../../shared/escalation.ts';

const dd = (n: number) => String(n).padStart(2, '0');

/** The Shanghai month 'YYYY-MM' of an instant. */
export const monthOf = (now: Date) => shanghaiDate(now).slice(0, 7);
/** The Shanghai day of month (1…31) of an instant. */
export const dayOfMonth = (now: Date) => Number(shanghaiDate(now).slice(8, 10));

/** First day of the month after `month`, as 'YYYY-MM-DD' (via the calendar: the 1st + 31 days lands in the next month). */
function nextMonthFirst(month: string): string {
  const later = dayToIso(isoToDay(`${month}-01`, 'month') + 31);
  return `${later.slice(0, 7)}-01`;
}

/** The month before `month` ('YYYY-MM'): the day before its 1st, via the calendar. */
export const previousMonth = (month: string) => dayToIso(isoToDay(`${month}-01`, 'month') - 1).slice(0, 7);

/** Shanghai instants bounding the month: [from, to). */
export function monthBounds(month: string): { from: Date; to: Date } {
  return {
    from: new Date(shanghaiMidnightMs(isoToDay(`${month}-01`, 'month'))),
    to: new Date(shanghaiMidnightMs(isoToDay(nextMonthFirst(month), 'month'))),
  };
}

/** R6.5 "before the 25th": due at the 25th 00:00 Asia/Shanghai. */
export const reportDueAt = (month: string) => new Date(shanghaiMidnightMs(isoToDay(`${month}-${dd(LEADER_REPORT_DUE_DAY)}`, 'month')));
/** The reminder day ('YYYY-MM-20'). */
export const reportRemindOn = (month: string) => `${month}-${dd(LEADER_REPORT_REMIND_DAY)}`;
