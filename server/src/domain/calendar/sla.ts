// "2115" SLA clocks (R6.2) with per-tenant settings (R8.1):
// contact within 2 hours, preliminary opinion within 1 working day, resolved within 15 working days.
// Working-day periods follow work-calendar.ts (民法典 第二百零一条: receipt day not counted;
// 第二百零三条: a period ends at 24:00 of its last day). Definitions of extension, pause and
// milestone states are in docs/CALENDAR.md and repeated on each function.

import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.ts';
import { MS_PER_MINUTE, assertValidInstant, dayToIso, isoToDay, shanghaiDayOfMs, shanghaiMidnightMs } from './dates.ts';
import { zodToAppError } from './notice.ts';
import type { WorkCalendar, WorkdaysResult } from './work-calendar.ts';
import { DEFAULT_OFFICE_HOURS, addNaturalHours, addWorkingHours, officeHoursSchema, subtractWorkingHours, type OfficeHours } from './working-hours.ts';

/** When a pending milestone becomes "due soon": a span before its deadline. */
export type DueSoonThreshold = { minutes: number } | { workingHours: number } | { workdays: number };

export const dueSoonThresholdSchema = z.union(
  [
    z.strictObject({ minutes: z.number().int().min(0).max(100_000) }),
    z.strictObject({ workingHours: z.number().min(0).max(10_000) }),
    z.strictObject({ workdays: z.number().int().min(0).max(1_000) }),
  ],
  { error: '临期提醒阈值须为 { minutes }、{ workingHours } 或 { workdays } 之一' },
);

export const slaSettingsSchema = z.strictObject({
  /** R6.2 "2": contact the enterprise or reach the site within this many hours. */
  contactHours: z.number({ error: '联系时限须为数字' }).min(0, { error: '联系时限不能为负' }).max(1_000, { error: '联系时限过大' }),
  /** R8.1: natural hours (default) or working hours (office intervals of working days). */
  contactClock: z.enum(['natural', 'working'], { error: '计时方式须为 natural（自然小时）或 working（工作小时）' }),
  /** R6.2 "1": preliminary opinion within this many working days. */
  opinionWorkdays: z.number({ error: '须为整数' }).int({ error: '须为整数' }).min(0, { error: '不能为负' }).max(1_000, { error: '过大' }),
  /** R6.2 "15": solved or service confirmed within this many working days. */
  resolutionWorkdays: z.number({ error: '须为整数' }).int({ error: '须为整数' }).min(0, { error: '不能为负' }).max(1_000, { error: '过大' }),
  officeHours: officeHoursSchema,
  dueSoon: z.strictObject({
    contact: dueSoonThresholdSchema,
    opinion: dueSoonThresholdSchema,
    resolution: dueSoonThresholdSchema,
  }),
});

export type SlaSettings = {
  contactHours: number;
  contactClock: 'natural' | 'working';
  opinionWorkdays: number;
  resolutionWorkdays: number;
  officeHours: OfficeHours;
  dueSoon: { contact: DueSoonThreshold; opinion: DueSoonThreshold; resolution: DueSoonThreshold };
};

/** Province defaults (R6.2); a tenant may change each value (R8.1). */
export const DEFAULT_SLA_SETTINGS: SlaSettings = Object.freeze({
  contactHours: 2,
  contactClock: 'natural',
  opinionWorkdays: 1,
  resolutionWorkdays: 15,
  officeHours: DEFAULT_OFFICE_HOURS,
  dueSoon: Object.freeze({
    contact: Object.freeze({ minutes: 30 }),
    opinion: Object.freeze({ workingHours: 4 }),
    resolution: Object.freeze({ workdays: 3 }),
  }),
}) as SlaSettings;

/** Validates tenant settings, filling anything missing from the province defaults (R8.1). */
export function resolveSlaSettings(partial: unknown = {}): SlaSettings {
  const p = (partial ?? {}) as Partial<SlaSettings>;
  const merged = {
    ...DEFAULT_SLA_SETTINGS,
    ...p,
    dueSoon: { ...DEFAULT_SLA_SETTINGS.dueSoon, ...(p.dueSoon ?? {}) },
  };
  const r = slaSettingsSchema.safeParse(merged, { error: z.locales.zhCN().localeError });
  if (!r.success) throw zodToAppError(r.error, '时限设置有误');
  return r.data as SlaSettings;
}

export type Deadlines = {
  receivedAt: Date;
  /** R6.2 "2": receivedAt + contactHours (natural or working hours). */
  contactDueAt: Date;
  /** R6.2 "1": 24:00 of the opinionWorkdays-th working day after the day of receipt. */
  opinionDueDate: string;
  opinionDueAt: Date;
  /** R6.2 "15": 24:00 of the resolutionWorkdays-th working day after the day of receipt. */
  resolutionDueDate: string;
  resolutionDueAt: Date;
};

/**
 * R6.2 / R8.1: the three "2115" deadlines of an appeal received at `receivedAt`.
 * Throws CALENDAR_YEAR_NOT_LOADED if a needed year has no notice.
 */
export function computeDeadlines(receivedAt: Date, settings: SlaSettings = DEFAULT_SLA_SETTINGS, calendar: WorkCalendar): Deadlines {
  const t = assertValidInstant(receivedAt, 'receivedAt');
  const contactDueAt =
    settings.contactClock === 'working'
      ? addWorkingHours(calendar, receivedAt, settings.contactHours, settings.officeHours)
      : addNaturalHours(receivedAt, settings.contactHours);
  const day = shanghaiDayOfMs(t);
  const opinion = calendar.addWorkdaysFromDay(day, settings.opinionWorkdays);
  const resolution = calendar.addWorkdaysFromDay(day, settings.resolutionWorkdays);
  return {
    receivedAt: new Date(t),
    contactDueAt,
    opinionDueDate: opinion.dueDate,
    opinionDueAt: opinion.dueAt,
    resolutionDueDate: resolution.dueDate,
    resolutionDueAt: resolution.dueAt,
  };
}

/** The due date 'YYYY-MM-DD' of a working-day deadline instant: the Shanghai date containing dueAt − 1 ms (dueAt is 24:00 of it). */
export function dueDateOf(dueAt: Date): string {
  return dayToIso(shanghaiDayOfMs(assertValidInstant(dueAt, 'dueAt') - 1));
}

/**
 * R6.2 what is left of a working-day limit at `now`, counted in working days (issue 17: "剩余 3 个工作日"):
 * the working days after today up to and including the due date — 0 on the due date itself (then the
 * hours to 24:00 are what is left); negative once overdue (minus the working days after the due date up
 * to today). Null when a year it needs has no holiday notice loaded.
 */
export function workdaysLeft(dueAt: Date, now: Date, calendar: WorkCalendar): number | null {
  const due = shanghaiDayOfMs(assertValidInstant(dueAt, 'dueAt') - 1);
  const today = shanghaiDayOfMs(assertValidInstant(now, 'now'));
  try {
    return calendar.workdaysBetweenDays(today, due) || 0; // never -0
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.CALENDAR_YEAR_NOT_LOADED) return null;
    throw err;
  }
}

/**
 * R6.2 extension (延期): extending by n working days moves the resolution deadline from its current
 * value: the new due date is the nth working day after the current due date, due at 24:00 of it.
 * (Equivalent to adding n to the original count when nothing else changed.)
 */
export function extendDeadline(currentDueDate: string, workdays: number, calendar: WorkCalendar): WorkdaysResult {
  return calendar.addWorkdaysFromDay(isoToDay(currentDueDate, 'dueDate'), workdays);
}

/**
 * State recorded when a working-day deadline is paused (挂起).
 * remainingWorkdays = working days strictly after the pause day up to and including the due date
 * (= workdaysBetween(pausedAt, dueDate)). The pause day itself is charged to the handler, exactly as
 * the receipt day is not counted when the clock starts again on resume.
 * If the pause happens at or after dueAt the period has already run out: `expired` is true,
 * remainingWorkdays is 0 and resuming keeps the original deadline.
 */
export type PauseState = {
  pausedAt: Date;
  dueDate: string;
  dueAt: Date;
  remainingWorkdays: number;
  expired: boolean;
};

export function pauseDeadline(current: { dueDate: string; dueAt: Date }, pausedAt: Date, calendar: WorkCalendar): PauseState {
  const p = assertValidInstant(pausedAt, 'pausedAt');
  const dueAtMs = assertValidInstant(current.dueAt, 'dueAt');
  const dueDay = isoToDay(current.dueDate, 'dueDate');
  const expired = p >= dueAtMs;
  const remainingWorkdays = expired ? 0 : Math.max(0, calendar.workdaysBetweenDays(shanghaiDayOfMs(p), dueDay));
  return { pausedAt: new Date(p), dueDate: current.dueDate, dueAt: new Date(dueAtMs), remainingWorkdays, expired };
}

/**
 * Resume (恢复) after a pause: the deadline becomes addWorkdays(resumedAt, remainingWorkdays), i.e. the
 * resume day is not counted and the remaining working days continue after it. Net effect: the working
 * days in (pause day, resume day] are not counted. Pausing and resuming on the same day never moves
 * the deadline. With remainingWorkdays = 0 (paused on the due date) the deadline is 24:00 of the resume day.
 * An expired pause state keeps the original deadline.
 */
export function resumeDeadline(state: PauseState, resumedAt: Date, calendar: WorkCalendar): WorkdaysResult {
  const r = assertValidInstant(resumedAt, 'resumedAt');
  if (r < state.pausedAt.getTime()) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, '恢复时间不能早于挂起时间', {
      fields: { resumedAt: '恢复时间不能早于挂起时间' },
    });
  }
  if (state.expired) return { dueDate: state.dueDate, dueAt: new Date(state.dueAt) };
  return calendar.addWorkdaysFromDay(shanghaiDayOfMs(r), state.remainingWorkdays);
}

export type MilestoneState = 'pending' | 'due_soon' | 'met_on_time' | 'met_late' | 'overdue';

/**
 * The instant from which a pending milestone is "due soon":
 * - { minutes: m }: dueAt − m minutes;
 * - { workingHours: h }: h working hours (office intervals of working days) before dueAt;
 * - { workdays: k }: 24:00 of the kth working day before the due date (the date containing dueAt − 1 ms),
 *   i.e. due soon while at most k working days remain, counting the due date itself.
 *   Example: due Wednesday 24:00, k = 3 → due soon from Saturday 00:00 (Mon, Tue, Wed remain).
 */
export function dueSoonFrom(dueAt: Date, threshold: DueSoonThreshold, calendar: WorkCalendar, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const due = assertValidInstant(dueAt, 'dueAt');
  if ('minutes' in threshold) return new Date(due - threshold.minutes * MS_PER_MINUTE);
  if ('workingHours' in threshold) return subtractWorkingHours(calendar, dueAt, threshold.workingHours, officeHours);
  if (threshold.workdays === 0) return new Date(due);
  const dueDay = shanghaiDayOfMs(due - 1);
  const before = calendar.nthWorkdayBeforeDay(dueDay, threshold.workdays);
  return new Date(shanghaiMidnightMs(before + 1));
}

/** How far ahead dueSoonHorizon looks at most: a threshold reaching further has no horizon. */
const HORIZON_MAX_MS = 400 * 86_400_000;

/**
 * R6.2: the latest deadline that is already due soon at `now`. dueSoonFrom grows with the deadline,
 * so a pending milestone due after the horizon is still 'pending' and one due at or before it is due
 * soon (or overdue): the SLA sweep reads only the deadlines up to it. Found by doubling a span from one
 * hour, then bisecting it to a second, rounded up (a reader may take a little more, never less).
 * Null when a deadline 400 days out would already be due soon (no useful bound). Throws, as
 * dueSoonFrom does, when the calendar lacks a year it needs.
 */
export function dueSoonHorizon(now: Date, threshold: DueSoonThreshold, calendar: WorkCalendar, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): Date | null {
  const t = assertValidInstant(now, 'now');
  const soon = (due: number) => dueSoonFrom(new Date(due), threshold, calendar, officeHours).getTime() <= t;
  // A deadline at `now` is due soon whatever the threshold (dueSoonFrom never lies after the deadline).
  let lo = t;
  let span = 3_600_000;
  while (soon(t + span)) {
    lo = t + span;
    if (span >= HORIZON_MAX_MS) return null;
    span = Math.min(span * 2, HORIZON_MAX_MS);
  }
  let hi = t + span;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (soon(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/**
 * R6.2 milestone state.
 * - done: 'met_on_time' if doneAt <= dueAt (done exactly at dueAt — 24:00 of the due date — is on time,
 *   the period includes its last instant), else 'met_late';
 * - not done: 'overdue' if now > dueAt; else 'due_soon' if now >= dueSoonFrom(dueAt, threshold); else 'pending'.
 * The calendar is needed only for working-hours / working-day thresholds.
 */
export function milestoneState(
  input: { dueAt: Date; doneAt?: Date | null; now: Date; dueSoonThreshold: DueSoonThreshold },
  calendar?: WorkCalendar,
  officeHours: OfficeHours = DEFAULT_OFFICE_HOURS,
): MilestoneState {
  const due = assertValidInstant(input.dueAt, 'dueAt');
  if (input.doneAt) return assertValidInstant(input.doneAt, 'doneAt') <= due ? 'met_on_time' : 'met_late';
  const now = assertValidInstant(input.now, 'now');
  if (now > due) return 'overdue';
  const th = input.dueSoonThreshold;
  if (!('minutes' in th) && !calendar) {
    throw new AppError(ErrorCode.INTERNAL, 'milestoneState: a calendar is required for working-time thresholds');
  }
  const from = 'minutes' in th ? due - th.minutes * MS_PER_MINUTE : dueSoonFrom(input.dueAt, th, calendar!, officeHours).getTime();
  return now >= from ? 'due_soon' : 'pending';
}
