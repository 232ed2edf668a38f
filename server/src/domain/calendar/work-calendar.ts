// Working-day calendar (R6.2, R8.1).
//
// Counting rule, as implemented here (see docs/CALENDAR.md):
// - A working day is Monday–Friday unless a State Council notice makes it a holiday, or a
//   Saturday/Sunday that a notice makes a make-up working day (调休上班). Day kinds:
//   'weekday' (Mon–Fri, working), 'weekend' (Sat/Sun, rest), 'holiday' (rest, from a notice or a
//   tenant override), 'makeup' (Sat/Sun working day).
// - Tenant overrides (R8.1: each city bureau sets its own measures) are applied on top of the notices.
// - N working days from an instant t (民法典 第二百零一条: the day of receipt is not counted,
//   whatever the hour and whatever kind of day it is; 第二百零三条: the period ends at 24:00 of
//   the last day): dueDate is the Nth working day strictly after the Asia/Shanghai date of t, and
//   dueAt is 24:00 of dueDate in Asia/Shanghai, i.e. the instant 00:00+08:00 of the next day.
// - A computation that needs the kind of a day whose year has no loaded notice throws
//   CALENDAR_YEAR_NOT_LOADED naming the year. We never fall back to "weekends only".
//
// Index: one contiguous Uint8Array of day kinds from Jan 1 of the first loaded year to Dec 31 of
// the last, plus a prefix count of working days (Int32Array), so counting working days in a span
// is one subtraction and finding the Nth working day is a binary search: O(log days), no loops
// over the span.

import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.ts';
import { assertValidInstant, daysFromCivil, dayToIso, isIsoDate, isWeekendDay, isoToDay, shanghaiDayOfMs, shanghaiMidnightMs, yearOfDay } from './dates.ts';
import { zodToAppError, type Notice } from './notice.ts';

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';

/** Kind codes stored in the index. */
const K_WEEKDAY = 0;
const K_WEEKEND = 1;
const K_HOLIDAY = 2;
const K_MAKEUP = 3;
const K_UNKNOWN = 255;
const KIND_NAMES: readonly DayKind[] = ['weekday', 'weekend', 'holiday', 'makeup'];

const isWorkCode = (k: number) => k === K_WEEKDAY || k === K_MAKEUP;

/**
 * A tenant-local change applied on top of the State Council notices (R8.1):
 * - 'holiday': the date is a rest day of kind 'holiday';
 * - 'makeup':  the date is a working day of kind 'makeup' (meant for a Saturday/Sunday);
 * - 'workday': the date is a working day: kind 'weekday' on Mon–Fri, 'makeup' on Sat/Sun;
 * - 'restday': the date is a rest day: kind 'weekend' on Sat/Sun, 'holiday' on Mon–Fri.
 */
export const calendarOverrideSchema = z.strictObject({
  date: z.string({ error: '须为日期字符串' }).refine(isIsoDate, { error: '日期格式不正确，应为 YYYY-MM-DD' }),
  kind: z.enum(['holiday', 'makeup', 'workday', 'restday'], { error: '类型须为 holiday、makeup、workday 或 restday' }),
  note: z.string({ error: '说明须为字符串' }).max(200, { error: '说明不能超过 200 字' }).optional().default(''),
});
export type CalendarOverride = z.input<typeof calendarOverrideSchema>;
export const calendarOverridesSchema = z.array(calendarOverrideSchema, { error: '须为数组' });

export function calendarYearNotLoaded(year: number): AppError {
  return new AppError(ErrorCode.CALENDAR_YEAR_NOT_LOADED, `${year} 年节假日安排尚未载入，无法按工作日计算期限`, {
    details: { year },
  });
}

export type WorkdaysResult = { dueDate: string; dueAt: Date };

export class WorkCalendar {
  /** Day number of index 0 (Jan 1 of the first loaded year). */
  private readonly base: number;
  /** Exclusive day number end of the index (Jan 1 after the last loaded year). */
  private readonly end: number;
  private readonly minYear: number;
  /** kinds[i] = kind code of day base + i; K_UNKNOWN for days in unloaded years inside the range. */
  private readonly kinds: Uint8Array;
  /** cum[i] = number of working days among days base … base + i - 1 (cum[0] = 0). */
  private readonly cum: Int32Array;
  /** Per year (index year - minYear): exclusive index end / inclusive index start of its run of contiguous loaded years; -1 if not loaded. */
  private readonly runEndIdx: Int32Array;
  private readonly runStartIdx: Int32Array;
  private readonly years: readonly number[];
  readonly notices: readonly Notice[];
  readonly overrides: readonly { date: string; kind: CalendarOverride['kind']; note: string }[];

  constructor(notices: readonly Notice[], overrides: readonly CalendarOverride[] = []) {
    const parsedOverrides = calendarOverridesSchema.safeParse(overrides);
    if (!parsedOverrides.success) throw zodToAppError(parsedOverrides.error, '日历调整数据校验未通过');
    const ov = parsedOverrides.data;
    const seenOv = new Set<string>();
    ov.forEach((o, i) => {
      if (seenOv.has(o.date)) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, `日历调整中日期 ${o.date} 重复`, {
          fields: { [`${i}.date`]: '同一日期只能有一条调整' },
        });
      }
      seenOv.add(o.date);
    });

    const years = [...new Set(notices.map((n) => n.year))].sort((a, b) => a - b);
    if (years.length !== notices.length) {
      const dup = notices.find((n, i) => notices.findIndex((m) => m.year === n.year) !== i)!.year;
      throw new AppError(ErrorCode.VALIDATION_FAILED, `${dup} 年节假日安排重复载入`, { fields: { year: '同一年度只能载入一份节假日安排' } });
    }
    this.notices = [...notices].sort((a, b) => a.year - b.year);
    this.overrides = ov;
    this.years = years;
    if (years.length === 0) {
      this.base = 0;
      this.end = 0;
      this.minYear = 0;
      this.kinds = new Uint8Array(0);
      this.cum = new Int32Array(1);
      this.runEndIdx = new Int32Array(0);
      this.runStartIdx = new Int32Array(0);
      return;
    }
    const minYear = years[0];
    const maxYear = years[years.length - 1];
    this.minYear = minYear;
    this.base = daysFromCivil(minYear, 1, 1);
    this.end = daysFromCivil(maxYear + 1, 1, 1);
    const len = this.end - this.base;
    const kinds = new Uint8Array(len).fill(K_UNKNOWN);
    const loaded = new Set(years);

    // Runs of contiguous loaded years.
    const span = maxYear - minYear + 1;
    this.runEndIdx = new Int32Array(span).fill(-1);
    this.runStartIdx = new Int32Array(span).fill(-1);
    for (let y = minYear; y <= maxYear; ) {
      if (!loaded.has(y)) {
        y++;
        continue;
      }
      let last = y;
      while (loaded.has(last + 1)) last++;
      const s = daysFromCivil(y, 1, 1) - this.base;
      const e = daysFromCivil(last + 1, 1, 1) - this.base;
      for (let k = y; k <= last; k++) {
        this.runStartIdx[k - minYear] = s;
        this.runEndIdx[k - minYear] = e;
      }
      y = last + 1;
    }

    // 1. Base pattern: Mon–Fri working, Sat/Sun rest, for loaded years.
    for (const y of years) {
      const s = daysFromCivil(y, 1, 1);
      const e = daysFromCivil(y + 1, 1, 1);
      for (let d = s; d < e; d++) kinds[d - this.base] = isWeekendDay(d) ? K_WEEKEND : K_WEEKDAY;
    }

    // 2. Notices. A notice may set dates in an adjacent year (2023 元旦 starts 2022-12-31); such a
    //    date is set when its own year is loaded. Two notices must not disagree on a date.
    const setBy = new Map<number, { code: number; year: number }>();
    const put = (d: number, code: number, year: number) => {
      const prev = setBy.get(d);
      if (prev && prev.code !== code) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, `${prev.year} 年与 ${year} 年节假日安排对 ${dayToIso(d)} 的规定相互矛盾`, {
          fields: { year: `与 ${prev.year} 年节假日安排冲突（${dayToIso(d)}）` },
        });
      }
      setBy.set(d, { code, year });
      if (d >= this.base && d < this.end && kinds[d - this.base] !== K_UNKNOWN) kinds[d - this.base] = code;
    };
    for (const n of this.notices) {
      for (const h of n.holidays) {
        const s = isoToDay(h.start);
        const e = isoToDay(h.end);
        for (let d = s; d <= e; d++) put(d, K_HOLIDAY, n.year);
      }
      for (const m of n.makeupDays) put(isoToDay(m.date), K_MAKEUP, n.year);
    }

    // 3. Tenant overrides (R8.1), applied last.
    for (const o of ov) {
      const d = isoToDay(o.date);
      if (d < this.base || d >= this.end || kinds[d - this.base] === K_UNKNOWN) continue;
      const weekend = isWeekendDay(d);
      let code: number;
      switch (o.kind) {
        case 'holiday':
          code = K_HOLIDAY;
          break;
        case 'makeup':
          code = K_MAKEUP;
          break;
        case 'workday':
          code = weekend ? K_MAKEUP : K_WEEKDAY;
          break;
        case 'restday':
          code = weekend ? K_WEEKEND : K_HOLIDAY;
          break;
      }
      kinds[d - this.base] = code;
    }

    const cum = new Int32Array(len + 1);
    for (let i = 0; i < len; i++) cum[i + 1] = cum[i] + (isWorkCode(kinds[i]) ? 1 : 0);
    this.kinds = kinds;
    this.cum = cum;
  }

  /** Years with a loaded notice, ascending. */
  loadedYears(): number[] {
    return [...this.years];
  }

  isYearLoaded(year: number): boolean {
    const i = year - this.minYear;
    return this.years.length > 0 && i >= 0 && i < this.runEndIdx.length && this.runEndIdx[i] >= 0;
  }

  // ---- day-number API (used by the other calendar files) ----

  /** Kind code of a day number; throws CALENDAR_YEAR_NOT_LOADED. */
  private codeOf(day: number): number {
    const k = day >= this.base && day < this.end ? this.kinds[day - this.base] : K_UNKNOWN;
    if (k === K_UNKNOWN) throw calendarYearNotLoaded(yearOfDay(day));
    return k;
  }

  dayKindOfDay(day: number): DayKind {
    return KIND_NAMES[this.codeOf(day)];
  }

  isWorkdayDay(day: number): boolean {
    return isWorkCode(this.codeOf(day));
  }

  /** Throws CALENDAR_YEAR_NOT_LOADED unless `day` is in a loaded year; returns its index. */
  private idxLoaded(day: number): number {
    this.codeOf(day);
    return day - this.base;
  }

  /**
   * The nth working day strictly after `day` (n >= 1): the day d > day such that exactly n working
   * days lie in (day, d] and d is a working day. Binary search on the prefix counts.
   */
  nthWorkdayAfterDay(day: number, n: number): number {
    const first = this.idxLoaded(day + 1);
    const y = yearOfDay(day + 1);
    const runEnd = this.runEndIdx[y - this.minYear];
    const target = this.cum[first] + n;
    if (this.cum[runEnd] < target) throw calendarYearNotLoaded(yearOfDay(this.base + runEnd));
    // smallest j in (first, runEnd] with cum[j] >= target; the day is base + j - 1.
    let lo = first + 1;
    let hi = runEnd;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.base + lo - 1;
  }

  /**
   * The nth working day strictly before `day` (n >= 1): the day d < day such that exactly n working
   * days lie in [d, day) and d is a working day.
   */
  nthWorkdayBeforeDay(day: number, n: number): number {
    const last = this.idxLoaded(day - 1);
    const y = yearOfDay(day - 1);
    const runStart = this.runStartIdx[y - this.minYear];
    const target = this.cum[last + 1] - n;
    if (this.cum[runStart] > target) throw calendarYearNotLoaded(yearOfDay(this.base + runStart) - 1);
    // largest j in [runStart, last] with cum[j] <= target; that j is a working day.
    let lo = runStart;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cum[mid] <= target) lo = mid;
      else hi = mid - 1;
    }
    return this.base + lo;
  }

  /**
   * Working days d with a < d <= b (a's day excluded, b's day included), for day numbers.
   * If b < a the result is the negative of workdaysBetweenDays(b, a); 0 when a === b.
   * Every day in the half-open span must be in a loaded year.
   */
  workdaysBetweenDays(a: number, b: number): number {
    if (a === b) return 0;
    if (b < a) return -this.workdaysBetweenDays(b, a);
    const first = this.idxLoaded(a + 1);
    const runEnd = this.runEndIdx[yearOfDay(a + 1) - this.minYear];
    const lastIdx = b - this.base;
    if (lastIdx >= runEnd) throw calendarYearNotLoaded(yearOfDay(this.base + runEnd));
    return this.cum[lastIdx + 1] - this.cum[first];
  }

  // ---- public string / instant API ----

  /** Kind of an Asia/Shanghai calendar date 'YYYY-MM-DD'. */
  dayKind(date: string): DayKind {
    return this.dayKindOfDay(isoToDay(date));
  }

  /** Whether a date 'YYYY-MM-DD' is a working day ('weekday' or 'makeup'). */
  isWorkday(date: string): boolean {
    return this.isWorkdayDay(isoToDay(date));
  }

  /**
   * N working days from instant t (民法典 第二百零一条、第二百零三条): the Asia/Shanghai date of t is
   * not counted, whatever the hour and whether or not it is a working day; dueDate is the Nth
   * working day after it and dueAt is 24:00 of dueDate (= 00:00+08:00 of the following day).
   * Example: 2025-09-30T16:00+08:00, 15 → dueDate 2025-10-28, dueAt 2025-10-29T00:00+08:00.
   * n = 0 gives the end of the receipt day itself (dueDate = receipt date), without consulting the calendar.
   */
  addWorkdays(t: Date, n: number): WorkdaysResult {
    return this.addWorkdaysFromDay(shanghaiDayOfMs(assertValidInstant(t, 'from')), n);
  }

  /** Same as addWorkdays with the start given as a date: the Nth working day after `date`. */
  addWorkdaysFromDate(date: string, n: number): WorkdaysResult {
    return this.addWorkdaysFromDay(isoToDay(date), n);
  }

  addWorkdaysFromDay(day: number, n: number): WorkdaysResult {
    assertWorkdayCount(n);
    const d = n === 0 ? day : this.nthWorkdayAfterDay(day, n);
    return { dueDate: dayToIso(d), dueAt: new Date(shanghaiMidnightMs(d + 1)) };
  }

  /**
   * Working days after a's Shanghai date up to and including b's Shanghai date:
   * #{ working days d : date(a) < d <= date(b) }. Antisymmetric: workdaysBetween(b, a) = -workdaysBetween(a, b).
   * Consistency: workdaysBetween(t, X) = n for any instant X on addWorkdays(t, n).dueDate.
   * Note dueAt itself (00:00 of the next day) belongs to the next day.
   */
  workdaysBetween(a: Date, b: Date): number {
    return this.workdaysBetweenDays(shanghaiDayOfMs(assertValidInstant(a, 'a')), shanghaiDayOfMs(assertValidInstant(b, 'b')));
  }

  /** Same as workdaysBetween, for dates 'YYYY-MM-DD': working days in (a, b]. */
  workdaysBetweenDates(a: string, b: string): number {
    return this.workdaysBetweenDays(isoToDay(a, 'a'), isoToDay(b, 'b'));
  }

  /** Next working day strictly after `date`. */
  nextWorkday(date: string): string {
    return dayToIso(this.nthWorkdayAfterDay(isoToDay(date), 1));
  }

  /** Latest working day strictly before `date`. */
  previousWorkday(date: string): string {
    return dayToIso(this.nthWorkdayBeforeDay(isoToDay(date), 1));
  }

  /** All dates of a loaded year with their kinds (for display / export). */
  yearDays(year: number): { date: string; kind: DayKind; workday: boolean }[] {
    if (!this.isYearLoaded(year)) throw calendarYearNotLoaded(year);
    const out: { date: string; kind: DayKind; workday: boolean }[] = [];
    const s = daysFromCivil(year, 1, 1);
    const e = daysFromCivil(year + 1, 1, 1);
    for (let d = s; d < e; d++) {
      const k = this.kinds[d - this.base];
      out.push({ date: dayToIso(d), kind: KIND_NAMES[k], workday: isWorkCode(k) });
    }
    return out;
  }
}

export function assertWorkdayCount(n: number, field = 'days'): void {
  if (!Number.isSafeInteger(n) || n < 0 || n > 100_000) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `工作日数须为非负整数：${String(n)}`, {
      fields: { [field]: '工作日数须为非负整数' },
    });
  }
}

/** Builds a calendar from validated notices plus optional tenant overrides (R8.1). */
export function createCalendar(notices: readonly Notice[], overrides: readonly CalendarOverride[] = []): WorkCalendar {
  return new WorkCalendar(notices, overrides);
}
