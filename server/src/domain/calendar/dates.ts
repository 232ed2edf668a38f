// Pure date primitives for the business time zone Asia/Shanghai.
//
// China has used a single fixed offset, UTC+08:00, with no daylight saving time since 1991
// (DST was last observed in 1991). Every date this module handles (2020 onwards) is therefore
// exactly UTC+8, so fixed-offset arithmetic is correct and we never consult the process time
// zone: no getHours()/getDate()/new Date(y, m, d) — only epoch milliseconds, UTC getters on
// +8h-shifted values, and explicit parsing. Results are identical under any TZ.
//
// A "day number" is the count of days since 1970-01-01 (proleptic Gregorian, no time zone):
// an integer identifying a civil date. The Shanghai day of an instant t is
// floor((t + 8h) / 24h).

import { AppError, ErrorCode } from '../../errors.ts';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai offset from UTC: fixed +08:00 since 1991 (see file header). */
export const SHANGHAI_OFFSET_MS = 8 * MS_PER_HOUR;

/** Day number (days since 1970-01-01) of a proleptic Gregorian civil date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil; exact integer arithmetic.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Year of a day number. */
export function yearOfDay(dayNumber: number): number {
  return civilFromDays(dayNumber).year;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function isWeekendDay(dayNumber: number): boolean {
  return isoWeekday(dayNumber) >= 6;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** 'YYYY-MM-DD' of a day number. */
export function dayToIso(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' strictly to a day number, or returns null (wrong shape or no such date). */
export function tryIsoToDay(s: string): number | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const n = daysFromCivil(year, month, day);
  const back = civilFromDays(n);
  if (back.month !== month || back.day !== day) return null; // e.g. 2025-02-30
  return n;
}

export function isIsoDate(s: string): boolean {
  return tryIsoToDay(s) !== null;
}

/** Parses 'YYYY-MM-DD' to a day number; throws VALIDATION_FAILED on a malformed or impossible date. */
export function isoToDay(s: string, field = 'date'): number {
  const n = typeof s === 'string' ? tryIsoToDay(s) : null;
  if (n === null) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, `日期格式不正确：${String(s)}（应为 YYYY-MM-DD）`, {
      fields: { [field]: '日期格式不正确，应为 YYYY-MM-DD 且为真实存在的日期' },
    });
  }
  return n;
}

export function assertValidInstant(t: Date, field = 'instant'): number {
  const ms = t instanceof Date ? t.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, '时间无效', { fields: { [field]: '时间无效' } });
  }
  return ms;
}

/** Shanghai day number of an epoch-millisecond instant. */
export function shanghaiDayOfMs(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since Shanghai midnight of the instant's Shanghai day (0 … 86_399_999). */
export function shanghaiTimeOfDayMs(ms: number): number {
  const shifted = ms + SHANGHAI_OFFSET_MS;
  return shifted - Math.floor(shifted / MS_PER_DAY) * MS_PER_DAY;
}

/** Epoch ms of Shanghai 00:00 of a day number, plus an optional offset within (or past) the day. */
export function shanghaiMidnightMs(dayNumber: number, plusMs = 0): number {
  return dayNumber * MS_PER_DAY - SHANGHAI_OFFSET_MS + plusMs;
}

/** The Asia/Shanghai calendar date 'YYYY-MM-DD' of an instant. */
export function shanghaiDate(t: Date): string {
  return dayToIso(shanghaiDayOfMs(assertValidInstant(t)));
}

/** ISO 8601 in Shanghai time with explicit offset, e.g. "2025-10-29T00:00:00+08:00" (".sss" only if non-zero). */
export function formatShanghai(t: Date): string {
  const ms = assertValidInstant(t);
  const day = shanghaiDayOfMs(ms);
  const tod = shanghaiTimeOfDayMs(ms);
  const h = Math.floor(tod / MS_PER_HOUR);
  const mi = Math.floor((tod % MS_PER_HOUR) / MS_PER_MINUTE);
  const s = Math.floor((tod % MS_PER_MINUTE) / 1000);
  const milli = tod % 1000;
  const frac = milli === 0 ? '' : '.' + String(milli).padStart(3, '0');
  return `${dayToIso(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${frac}+08:00`;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an instant strictly. Accepts 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM', '…:SS', '…:SS.sss',
 * with 'T' or a space, and an optional offset 'Z' / '±HH:MM' / '±HHMM'. Without an offset the
 * wall time is taken as Asia/Shanghai (+08:00); a bare date means Shanghai 00:00.
 * Throws VALIDATION_FAILED on anything else (no lenient Date.parse).
 */
export function parseInstant(s: string, field = 'instant'): Date {
  const fail = () =>
    new AppError(ErrorCode.VALIDATION_FAILED, `时间格式不正确：${String(s)}（应为 ISO 8601，如 2025-09-30T16:00:00+08:00）`, {
      fields: { [field]: '时间格式不正确，应为 ISO 8601，如 2025-09-30T16:00:00+08:00' },
    });
  if (typeof s !== 'string') throw fail();
  const m = INSTANT.exec(s.trim());
  if (!m) throw fail();
  const day = tryIsoToDay(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === null) throw fail();
  const hh = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const ss = m[6] === undefined ? 0 : Number(m[6]);
  const milli = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  // 24:00:00 is accepted as the end of the day (民法典 第二百零三条 style "24:00").
  if (hh > 24 || mi > 59 || ss > 59 || (hh === 24 && (mi !== 0 || ss !== 0 || milli !== 0))) throw fail();
  let offsetMs = SHANGHAI_OFFSET_MS;
  const off = m[8];
  if (off !== undefined && off !== 'Z') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) throw fail();
    offsetMs = sign * (oh * MS_PER_HOUR + om * MS_PER_MINUTE);
  } else if (off === 'Z') {
    offsetMs = 0;
  }
  const ms = day * MS_PER_DAY + hh * MS_PER_HOUR + mi * MS_PER_MINUTE + ss * 1000 + milli - offsetMs;
  return new Date(ms);
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDaysIso(iso: string, n: number): string {
  return dayToIso(isoToDay(iso) + n);
}

/** 'YYYY-MM-DD' n years later, the same month and day (29 February → 28 February in a common year). */
export function addYearsIso(iso: string, n: number): string {
  const { year, month, day } = civilFromDays(isoToDay(iso));
  const y = year + n;
  const d = Math.min(day, civilFromDays(daysFromCivil(month === 12 ? y + 1 : y, month === 12 ? 1 : month + 1, 1) - 1).day);
  return dayToIso(daysFromCivil(y, month, d));
}

/**
 * R3.3 `n` calendar months after an ISO date, clamped to the month's last day (2026-11-30 + 3 →
 * 2027-02-28): the statutory reply period of a deputy's suggestion counts months from assignment.
 */
export function addMonthsIso(iso: string, n: number): string {
  const { year, month, day } = civilFromDays(isoToDay(iso));
  const m0 = year * 12 + (month - 1) + n;
  const y = Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  const last = civilFromDays(daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1).day;
  return dayToIso(daysFromCivil(y, m, Math.min(day, last)));
}

/** Calendar days from `a` to `b` ('YYYY-MM-DD'), negative when b is earlier. */
export function daysBetweenIso(a: string, b: string): number {
  return isoToDay(b) - isoToDay(a);
}

/** Issue 18: the first `hour`:00 Asia/Shanghai strictly after `t` (the daily digest's send time). */
export function nextShanghaiHour(t: Date, hour: number): Date {
  const local = t.getTime() + SHANGHAI_OFFSET_MS;
  const dayStart = Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
  let at = dayStart + hour * MS_PER_HOUR;
  if (at <= local) at += MS_PER_DAY;
  return new Date(at - SHANGHAI_OFFSET_MS);
}
