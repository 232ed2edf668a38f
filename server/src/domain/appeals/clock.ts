// The appeal's "2115" clock (R6.2, R8.1), composed ONLY from the calendar module's functions
// (docs/CALENDAR.md): no date arithmetic here. Pure: no database. Every deadline an appeal stores is
// computed here — a cycle's three deadlines at intake, transfer to a city and reopen (startCycle),
// their recomputation once a missing calendar year is loaded (recomputeCycle), extension, pause and
// resume — and the appeals module only writes the result (docs/APPEALS.md §5).
import { MILESTONES, type Milestone, type MilestoneStateId } from '../../../../shared/appeals.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import {
  addNaturalHours,
  computeDeadlines,
  dueDateOf,
  extendDeadline,
  milestoneState,
  pauseDeadline,
  resumeDeadline,
  type PauseState,
  type SlaSettings,
  type WorkCalendar,
} from '../calendar/index.ts';

export type MilestoneTimes = { dueAt: Date | null; doneAt: Date | null };
export type AppealClock = Record<Milestone, MilestoneTimes>;

/** R6.2: the three deadlines of a cycle starting at `at` (receipt, or a reopen). Throws CALENDAR_YEAR_NOT_LOADED. */
export function cycleDeadlines(at: Date, settings: SlaSettings, calendar: WorkCalendar) {
  const d = computeDeadlines(at, settings, calendar);
  return { contact: d.contactDueAt, opinion: d.opinionDueAt, resolution: d.resolutionDueAt };
}

/** Why a cycle has no deadlines yet (stored in appeals.deadline_error until the year's notice is loaded). */
export type DeadlineError = { code: 'CALENDAR_YEAR_NOT_LOADED'; year: number | null; message: string };

/** CALENDAR_YEAR_NOT_LOADED as the appeal stores it; null for any other error (the caller rethrows). */
export function deadlineErrorOf(err: unknown): DeadlineError | null {
  if (!(err instanceof AppError) || err.code !== ErrorCode.CALENDAR_YEAR_NOT_LOADED) return null;
  const year = (err.details as { year?: number } | undefined)?.year ?? null;
  return { code: 'CALENDAR_YEAR_NOT_LOADED', year, message: err.message };
}

/** A new 2115 cycle: its deadlines (null while a calendar year is missing), the milestones' first state and the workbench order. */
export type CycleStart = {
  startedAt: Date;
  due: Record<Milestone, Date | null>;
  error: DeadlineError | null;
  /** 'pending' when the deadlines are known, 'unknown' while they cannot be computed. */
  state: 'pending' | 'unknown';
  nextDueAt: Date | null;
};

/**
 * R6.2 / R8.1: a cycle starting at `at` — the receipt (intake), the transfer to a city, a reopen (重办).
 * Nothing is done yet. A year without a loaded notice is not an error of the caller: the cycle is
 * stored with `error` and recomputed when the calendar changes (recomputeCycle).
 */
export function startCycle(at: Date, settings: SlaSettings, calendar: WorkCalendar): CycleStart {
  let due: Record<Milestone, Date | null>;
  let error: DeadlineError | null = null;
  try {
    due = cycleDeadlines(at, settings, calendar);
  } catch (err) {
    error = deadlineErrorOf(err);
    if (!error) throw err;
    due = { contact: null, opinion: null, resolution: null };
  }
  const clock = Object.fromEntries(MILESTONES.map((m) => [m, { dueAt: due[m], doneAt: null }])) as AppealClock;
  return { startedAt: at, due, error, state: error ? 'unknown' : 'pending', nextDueAt: nextDueAt(clock, false) };
}

/** The deadlines of a cycle whose year was missing, now that the calendar changed, or why they still cannot be computed. */
export type CycleRecompute =
  | { ok: true; due: Record<Milestone, Date>; states: Record<Milestone, MilestoneStateId>; nextDueAt: Date | null }
  | { ok: false; error: DeadlineError };

/**
 * R6.2: recomputes a stored cycle's deadlines from its start (the milestones already done keep their
 * completion, their state becomes met on time / late against the new deadline). `clockStopped`:
 * replied or paused appeals have no next deadline in the workbench order.
 */
export function recomputeCycle(
  startedAt: Date,
  doneAt: Record<Milestone, Date | null>,
  settings: SlaSettings,
  calendar: WorkCalendar,
  clockStopped: boolean,
): CycleRecompute {
  let due: Record<Milestone, Date>;
  try {
    due = cycleDeadlines(startedAt, settings, calendar);
  } catch (err) {
    const error = deadlineErrorOf(err);
    if (!error) throw err;
    return { ok: false, error };
  }
  const clock = Object.fromEntries(MILESTONES.map((m) => [m, { dueAt: due[m], doneAt: doneAt[m] }])) as AppealClock;
  const states = Object.fromEntries(MILESTONES.map((m) => [m, doneAt[m] ? doneState(due[m], doneAt[m]) : ('pending' as MilestoneStateId)])) as Record<
    Milestone,
    MilestoneStateId
  >;
  return { ok: true, due, states, nextDueAt: clockStopped ? null : nextDueAt(clock, false) };
}

/** Extension (延期) by n working days from the CURRENT resolution deadline (docs/CALENDAR.md §5.1). */
export function extendResolution(resolutionDueAt: Date, workdays: number, calendar: WorkCalendar): Date {
  return extendDeadline(dueDateOf(resolutionDueAt), workdays, calendar).dueAt;
}

/** Stored in appeals.pause (JSON): the pause state of each open working-day milestone. */
export type PauseRecord = {
  pausedAt: string;
  requestId: string | null;
  milestones: Partial<Record<'opinion' | 'resolution', { dueDate: string; dueAt: string; pausedAt: string; remainingWorkdays: number; expired: boolean }>>;
};

/**
 * Pause (挂起, docs/CALENDAR.md §5.2): the open working-day milestones (opinion, resolution) record
 * their remaining working days. The 2-hour contact clock is not paused.
 */
export function pauseClock(clock: AppealClock, pausedAt: Date, calendar: WorkCalendar, requestId: string | null = null): PauseRecord {
  const milestones: PauseRecord['milestones'] = {};
  for (const m of ['opinion', 'resolution'] as const) {
    const { dueAt, doneAt } = clock[m];
    if (!dueAt || doneAt) continue;
    const s = pauseDeadline({ dueDate: dueDateOf(dueAt), dueAt }, pausedAt, calendar);
    milestones[m] = {
      dueDate: s.dueDate,
      dueAt: s.dueAt.toISOString(),
      pausedAt: s.pausedAt.toISOString(),
      remainingWorkdays: s.remainingWorkdays,
      expired: s.expired,
    };
  }
  return { pausedAt: pausedAt.toISOString(), requestId, milestones };
}

/** Resume (恢复): new deadlines of the paused milestones. */
export function resumeClock(rec: PauseRecord, resumedAt: Date, calendar: WorkCalendar): Partial<Record<'opinion' | 'resolution', Date>> {
  const out: Partial<Record<'opinion' | 'resolution', Date>> = {};
  for (const m of ['opinion', 'resolution'] as const) {
    const s = rec.milestones[m];
    if (!s) continue;
    const state: PauseState = {
      pausedAt: new Date(s.pausedAt),
      dueDate: s.dueDate,
      dueAt: new Date(s.dueAt),
      remainingWorkdays: s.remainingWorkdays,
      expired: s.expired,
    };
    out[m] = resumeDeadline(state, resumedAt, calendar).dueAt;
  }
  return out;
}

/** The earliest deadline of a milestone not yet done; null when paused or nothing is open (the workbench order). */
export function nextDueAt(clock: AppealClock, paused: boolean): Date | null {
  if (paused) return null;
  let best: Date | null = null;
  for (const m of ['contact', 'opinion', 'resolution'] as const) {
    const { dueAt, doneAt } = clock[m];
    if (dueAt && !doneAt && (!best || dueAt.getTime() < best.getTime())) best = dueAt;
  }
  return best;
}

/** R6.2 milestone state at `now`; 'paused' for an open milestone of a paused appeal, 'unknown' without a deadline. */
export function milestoneStateOf(m: Milestone, t: MilestoneTimes, now: Date, settings: SlaSettings, calendar: WorkCalendar, paused: boolean): MilestoneStateId {
  if (!t.dueAt) return 'unknown';
  if (!t.doneAt && paused && m !== 'contact') return 'paused';
  return milestoneState({ dueAt: t.dueAt, doneAt: t.doneAt, now, dueSoonThreshold: settings.dueSoon[m] }, calendar, settings.officeHours);
}

/** State stored when a milestone is completed (met_on_time | met_late). */
export function doneState(dueAt: Date | null, doneAt: Date): MilestoneStateId {
  if (!dueAt) return 'unknown';
  return milestoneState({ dueAt, doneAt, now: doneAt, dueSoonThreshold: { minutes: 0 } });
}

/** No evaluation within N working days of the reply → closed as 未评价 (R8.1 evaluationWindowWorkdays). */
export function evaluationDeadline(repliedAt: Date, workdays: number, calendar: WorkCalendar): Date {
  return calendar.addWorkdays(repliedAt, workdays).dueAt;
}

/**
 * R3.2 a unit may return (退单) within N natural hours of dispatch (R8.1 returnLimitHours). Natural
 * hours, like the default 2-hour contact clock (computeDeadlines with contactClock 'natural').
 */
export function returnDeadline(dispatchedAt: Date, hours: number): Date {
  return addNaturalHours(dispatchedAt, hours);
}
