// Working-hours arithmetic for the optional working-hours contact clock (R6.2 "2 小时内联系",
// R8.1: a tenant may count the 2 hours in working hours instead of natural hours).
// Working hours = office intervals of working days only (weekday or make-up day, see work-calendar.ts);
// an instant outside office hours starts counting at the next office interval.
// All times are Asia/Shanghai wall-clock (fixed UTC+8, see dates.ts).

import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.ts';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, assertValidInstant, shanghaiDayOfMs, shanghaiMidnightMs, shanghaiTimeOfDayMs } from './dates.ts';
import { zodToAppError } from './notice.ts';
import type { WorkCalendar } from './work-calendar.ts';

/**
 * Natural hours (自然小时): `hours` after `from`, whatever the day — the default 2-hour contact clock
 * (R6.2) and the return time limit (R3.2 退单, R8.1 returnLimitHours). The one place this rule lives.
 */
export function addNaturalHours(from: Date, hours: number): Date {
  return new Date(assertValidInstant(from) + Math.round(hours * MS_PER_HOUR));
}

/** Office hours as a list of [start, end] "HH:MM" intervals, ascending and non-overlapping; "24:00" allowed as an end. */
export type OfficeHours = readonly (readonly [string, string])[];

/** Province default: 08:30–12:00 and 13:00–17:30 (8 working hours a day). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  ['08:30', '12:00'],
  ['13:00', '17:30'],
];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const toMinutes = (s: string) => (s === '24:00' ? 1440 : Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5)));

export const officeHoursSchema = z
  .array(z.tuple([z.string().regex(HHMM, { error: '时间须为 HH:MM 格式' }), z.string().regex(HHMM, { error: '时间须为 HH:MM 格式' })]), {
    error: '办公时间须为 [开始, 结束] 时段的数组',
  })
  .min(1, { error: '至少须有一个办公时段' })
  .superRefine((list, ctx) => {
    let prevEnd = -1;
    list.forEach(([s, e], i) => {
      if (!HHMM.test(s) || !HHMM.test(e)) return;
      const a = toMinutes(s);
      const b = toMinutes(e);
      if (b <= a) ctx.addIssue({ code: 'custom', path: [i, 1], message: '结束时间须晚于开始时间' });
      if (a < prevEnd) ctx.addIssue({ code: 'custom', path: [i, 0], message: '办公时段须按时间排序且互不重叠' });
      prevEnd = Math.max(prevEnd, b);
    });
  });

/** Office intervals in ms since Shanghai midnight. */
type Intervals = { spans: readonly (readonly [number, number])[]; perDay: number };

const compiled = new WeakMap<object, Intervals>();

export function compileOfficeHours(officeHours: OfficeHours): Intervals {
  const hit = compiled.get(officeHours);
  if (hit) return hit;
  const r = officeHoursSchema.safeParse(officeHours);
  if (!r.success) throw zodToAppError(r.error, '办公时间设置有误');
  const spans = r.data.map(([s, e]) => [toMinutes(s) * MS_PER_MINUTE, toMinutes(e) * MS_PER_MINUTE] as const);
  const out = { spans, perDay: spans.reduce((acc, [a, b]) => acc + (b - a), 0) };
  compiled.set(officeHours, out);
  return out;
}

function hoursToMs(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0 || hours > 100_000) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `小时数须为非负数：${String(hours)}`, {
      fields: { hours: '小时数须为非负数' },
    });
  }
  return Math.round(hours * MS_PER_HOUR);
}

/**
 * The instant reached after `hours` working hours counted from t: only office intervals of working
 * days count; if t is outside office hours (before opening, at lunch, after closing, on a rest day)
 * counting starts at the next office interval. A result that lands exactly on the end of an interval
 * is that end (e.g. 15:30 + 2 h = 17:30 the same day). hours = 0 returns t unchanged.
 * Full working days are skipped with the calendar index, so long spans cost O(log days).
 */
export function addWorkingHours(calendar: WorkCalendar, t: Date, hours: number, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const start = assertValidInstant(t, 'from');
  let remaining = hoursToMs(hours);
  if (remaining === 0) return new Date(start);
  const { spans, perDay } = compileOfficeHours(officeHours);
  let day = shanghaiDayOfMs(start);
  let tod = shanghaiTimeOfDayMs(start);
  for (;;) {
    if (calendar.isWorkdayDay(day)) {
      for (const [a, b] of spans) {
        if (tod >= b) continue;
        const from = Math.max(tod, a);
        const avail = b - from;
        if (remaining <= avail) return new Date(shanghaiMidnightMs(day, from + remaining));
        remaining -= avail;
        tod = b;
      }
    }
    // Jump to the next working day, skipping whole working days while more than one day remains.
    const full = remaining > perDay ? Math.ceil(remaining / perDay) - 1 : 0;
    day = calendar.nthWorkdayAfterDay(day, full + 1);
    remaining -= full * perDay;
    tod = 0;
  }
}

/**
 * The instant `hours` working hours before t (inverse of addWorkingHours for instants inside office
 * hours): counts backwards through office intervals of working days. Used for "due soon" thresholds
 * expressed in working hours. hours = 0 returns t unchanged.
 */
export function subtractWorkingHours(calendar: WorkCalendar, t: Date, hours: number, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const start = assertValidInstant(t, 'from');
  let remaining = hoursToMs(hours);
  if (remaining === 0) return new Date(start);
  const { spans, perDay } = compileOfficeHours(officeHours);
  let day = shanghaiDayOfMs(start);
  let tod = shanghaiTimeOfDayMs(start);
  for (;;) {
    if (calendar.isWorkdayDay(day)) {
      for (let i = spans.length - 1; i >= 0; i--) {
        const [a, b] = spans[i];
        if (tod <= a) continue;
        const to = Math.min(tod, b);
        const avail = to - a;
        if (remaining <= avail) return new Date(shanghaiMidnightMs(day, to - remaining));
        remaining -= avail;
        tod = a;
      }
    }
    const full = remaining > perDay ? Math.ceil(remaining / perDay) - 1 : 0;
    day = calendar.nthWorkdayBeforeDay(day, full + 1);
    remaining -= full * perDay;
    tod = MS_PER_DAY;
  }
}

/**
 * Working hours (in hours, fractional) elapsed between a and b (a <= b), counting only office
 * intervals of working days. Day-by-day; meant for short spans (reports of contact times).
 */
export function workingHoursBetween(calendar: WorkCalendar, a: Date, b: Date, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  const from = assertValidInstant(a, 'a');
  const to = assertValidInstant(b, 'b');
  if (to < from) return -workingHoursBetween(calendar, b, a, officeHours);
  const { spans } = compileOfficeHours(officeHours);
  let total = 0;
  const lastDay = shanghaiDayOfMs(to);
  for (let day = shanghaiDayOfMs(from); day <= lastDay; day++) {
    if (!calendar.isWorkdayDay(day)) continue;
    for (const [s, e] of spans) {
      const lo = Math.max(from, shanghaiMidnightMs(day, s));
      const hi = Math.min(to, shanghaiMidnightMs(day, e));
      if (hi > lo) total += hi - lo;
    }
  }
  return total / MS_PER_HOUR;
}
