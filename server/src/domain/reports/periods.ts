// Report and dashboard periods (issue 16): a month 'YYYY-MM' or a year 'YYYY' as Asia/Shanghai days
// [fromDay, toDay) and instants, the months they cover, the period before. Pure; day arithmetic only
// through the calendar module's helpers.
import { dayToIso, isoToDay, shanghaiDate } from '../calendar/index.ts';
import { shanghaiMidnightMs } from '../calendar/dates.ts';

export type PeriodKind = 'monthly' | 'annual';
export type Period = {
  kind: PeriodKind;
  /** 'YYYY-MM' (monthly) or 'YYYY' (annual). */
  key: string;
  fromDay: string;
  /** The day after the last one. */
  toDay: string;
  from: Date;
  to: Date;
  /** 'YYYY-MM' of every month in the period. */
  months: string[];
};

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const YEAR = /^(\d{4})$/;

/** The first day of the month after `month` ('YYYY-MM' → 'YYYY-MM-01'). */
export function nextMonth(month: string): string {
  return dayToIso(isoToDay(`${month}-01`, 'month') + 31).slice(0, 7);
}

/** The month before `month`. */
export function previousMonth(month: string): string {
  return dayToIso(isoToDay(`${month}-01`, 'month') - 1).slice(0, 7);
}

const instant = (day: string) => new Date(shanghaiMidnightMs(isoToDay(day, 'period')));

export function isPeriodKey(kind: PeriodKind, key: string): boolean {
  return kind === 'monthly' ? MONTH.test(key) : YEAR.test(key);
}

/** The period of `key`; throws on a malformed key (callers validate first with isPeriodKey). */
export function periodOf(kind: PeriodKind, key: string): Period {
  if (!isPeriodKey(kind, key)) throw new Error(`bad ${kind} period ${key}`);
  if (kind === 'monthly') {
    const fromDay = `${key}-01`;
    const toDay = `${nextMonth(key)}-01`;
    return { kind, key, fromDay, toDay, from: instant(fromDay), to: instant(toDay), months: [key] };
  }
  const months: string[] = [];
  for (let m = `${key}-01`; m.startsWith(key); m = nextMonth(m)) months.push(m);
  const fromDay = `${key}-01-01`;
  const toDay = `${Number(key) + 1}-01-01`;
  return { kind, key, fromDay, toDay, from: instant(fromDay), to: instant(toDay), months };
}

/** The period before: the previous month, or the previous year. */
export function previousPeriod(p: Period): Period {
  return p.kind === 'monthly' ? periodOf('monthly', previousMonth(p.key)) : periodOf('annual', String(Number(p.key) - 1));
}

/** The month 'YYYY-MM' and year of an instant in Shanghai. */
export const monthOfInstant = (t: Date) => shanghaiDate(t).slice(0, 7);

/** The twelve months ending with `month` (oldest first). */
export function twelveMonthsTo(month: string): string[] {
  const out = [month];
  while (out.length < 12) out.unshift(previousMonth(out[0]));
  return out;
}

/**
 * The periods the scheduler reports at `now` (issue 16): on and after the 1st of a month, the month
 * before; in January, also the year before.
 */
export function duePeriods(now: Date): { monthly: string; annual: string | null } {
  const month = monthOfInstant(now);
  return { monthly: previousMonth(month), annual: month.endsWith('-01') ? String(Number(month.slice(0, 4)) - 1) : null };
}

/** The day after the Shanghai day of `t` ('YYYY-MM-DD'). */
export const dayAfter = (t: Date) => dayToIso(isoToDay(shanghaiDate(t)) + 1);
