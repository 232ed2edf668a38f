// Terms (R1.3, R1.7) and the year's visit quota and pace (R1.4, R1.8). Pure: dates are Asia/Shanghai
// civil dates 'YYYY-MM-DD'; the numbers come from the tenant's settings (R8.1).
import type { Pace, PointKind } from '../../../../shared/contacts.ts';
import type { TenantSettings } from '../../../../shared/settings.ts';
import { addDaysIso, addYearsIso, daysBetweenIso } from '../calendar/index.ts';

/** 60 days before the end of a term the coordinator and the holder are told to start the next selection. */
export const RENEWAL_NOTICE_DAYS = 60;

/** R1.3 (leader points, 2 years) / R1.7 (unit points, 1 year): the rotation of the tenant's settings. */
export function rotationYears(kind: PointKind, s: Pick<TenantSettings, 'leaderContactPointRotationYears' | 'unitContactPointRotationYears'>) {
  return kind === 'leader' ? s.leaderContactPointRotationYears : s.unitContactPointRotationYears;
}

/** A term from its confirmation day: [start, end) — it ends on the same day N years later. */
export function termOf(kind: PointKind, confirmedOn: string, s: Pick<TenantSettings, 'leaderContactPointRotationYears' | 'unitContactPointRotationYears'>) {
  return { termStart: confirmedOn, termEnd: addYearsIso(confirmedOn, rotationYears(kind, s)) };
}

/** The day the renewal notice is due (60 days before the end). */
export const renewalNoticeOn = (termEnd: string) => addDaysIso(termEnd, -RENEWAL_NOTICE_DAYS);

/** R1.4 ≥ leaderVisitsPerYear per leader point; R1.8 ≥ unitVisitsPerYear per unit point. */
export function visitsPerYear(kind: PointKind, s: Pick<TenantSettings, 'leaderVisitsPerYear' | 'unitVisitsPerYear'>) {
  return kind === 'leader' ? s.leaderVisitsPerYear : s.unitVisitsPerYear;
}

/**
 * Visits required of a point in `year`: the yearly number, pro rata for a point that was active for
 * part of the year only (confirmed during it, or its term ended during it), at least 1.
 */
export function requiredInYear(perYear: number, year: number, termStart: string, termEnd: string): number {
  const from = termStart > `${year}-01-01` ? termStart : `${year}-01-01`;
  const to = termEnd < `${year + 1}-01-01` ? termEnd : `${year + 1}-01-01`;
  const active = daysBetweenIso(from, to);
  if (active <= 0) return 0;
  const days = daysBetweenIso(`${year}-01-01`, `${year + 1}-01-01`);
  return Math.max(1, Math.ceil((perYear * active) / days - 1e-9));
}

/**
 * Pace on `today` (R1.4, R1.8): done when the visits reach the requirement; behind when fewer than
 * what the completed quarters call for (floor(required × quarters / 4)), or in the year's last
 * quarter when any is still missing (the year ends); on track otherwise.
 */
export function paceOf(done: number, required: number, today: string): Pace {
  if (done >= required) return 'done';
  const month = Number(today.slice(5, 7));
  const quartersDone = Math.floor((month - 1) / 3);
  if (quartersDone >= 3) return 'behind';
  return done < Math.floor((required * quartersDone) / 4) ? 'behind' : 'on_track';
}

/** The quarter (1–4) of a date; reminders go out once per quarter, and again before the year's end (Q4). */
export const quarterOf = (today: string) => Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
