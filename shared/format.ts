// The one formatter of dates and deadlines (issue 17), used by the web, the notices, the SMS texts and
// the reports so they never disagree. Everything is shown in the business time zone, Asia/Shanghai
// (UTC+8 without daylight saving since 1991), whatever the zone of the machine or browser.
//
// Deadlines: a period of N working days ends at 24:00 of its last day (PRODUCT.md "Counting periods");
// it is stored as the instant 00:00 of the next day. Shown as that last day at 24:00 with the weekday,
// "12-04（周四）24:00" — never "12-05 00:00", which reads as a day too late. Stored instants never change.

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

type InstantLike = Date | string | number;

function toDate(v: InstantLike): Date | null {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Asia/Shanghai wall clock of an instant. */
export function shanghaiParts(v: InstantLike) {
  const d = toDate(v);
  if (!d) return null;
  const w = new Date(d.getTime() + OFFSET_MS);
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    weekday: w.getUTCDay(),
  };
}

/** True when the instant is exactly 00:00 in Shanghai (the end of the day before, as a deadline). */
export function isShanghaiMidnight(v: InstantLike): boolean {
  const d = toDate(v);
  return !!d && (d.getTime() + OFFSET_MS) % DAY_MS === 0;
}

/**
 * A deadline: "12-04（周四）24:00" for a working-day deadline (stored as 00:00 of the next day),
 * "12-04（周四）15:30" for an exact instant (the 2-hour contact limit). `year: true` prefixes the year
 * ("2026-12-04（周四）24:00"), for reports and for deadlines outside the current year. Empty input → '—'.
 */
export function formatDeadline(v: InstantLike | null | undefined, opts: { year?: boolean } = {}): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = toDate(v);
  if (!d) return '—';
  const endOfDay = isShanghaiMidnight(d);
  const p = shanghaiParts(endOfDay ? d.getTime() - 1 : d)!;
  const date = `${opts.year ? `${p.year}-` : ''}${pad(p.month)}-${pad(p.day)}`;
  const time = endOfDay ? '24:00' : `${pad(p.hour)}:${pad(p.minute)}`;
  return `${date}（${WEEKDAYS[p.weekday]}）${time}`;
}

/** An instant that happened (received, done, written): "2026-12-04 15:30". Empty input → '—'. */
export function formatDateTime(v: InstantLike | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const p = shanghaiParts(v);
  if (!p) return '—';
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The Shanghai day of an instant: "2026-12-04". */
export function formatDate(v: InstantLike | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const p = shanghaiParts(v);
  return p ? `${p.year}-${pad(p.month)}-${pad(p.day)}` : '—';
}

/** A calendar day 'YYYY-MM-DD' in Chinese: "2026年12月4日", with the weekday when asked ("2026年12月4日（周五）"). */
export function formatChineseDay(day: string, opts: { weekday?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wd = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return `${y}年${mo}月${d}日${opts.weekday ? `（${WEEKDAYS[wd]}）` : ''}`;
}

/** A month 'YYYY-MM' in Chinese: "2026年11月". */
export function formatChineseMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${Number(m[1])}年${Number(m[2])}月` : month;
}

/** A rate 0…1 as a percentage with one decimal ("87.5%"); null (nothing to count) → '—'. */
export function formatRate(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}
