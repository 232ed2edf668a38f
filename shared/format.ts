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

/** A span of time in hours and minutes ("1小时41分"; under an hour with seconds: "25分05秒"; over a day "2天3小时5分"). */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}天${h}小时${m}分`;
  if (h > 0) return `${h}小时${m}分`;
  return `${m}分${pad(sec)}秒`;
}

/**
 * What is left of a limit, as every countdown says it (issue 17): a working-day limit in working days
 * ("剩余 3 个工作日"; on its last day the hours to 24:00, "今日 24:00 截止，剩余 5小时12分"; once over,
 * "已逾期 2 个工作日", or the hours while no working day has passed since), the 2-hour limit in hours
 * and minutes ("剩余 1小时41分", "已逾期 25分05秒"). `workdaysLeft`: the server's count (R6.2), null or
 * absent for a limit counted in hours.
 */
export function formatCountdown(leftMs: number, workdaysLeft?: number | null): string {
  if (workdaysLeft === null || workdaysLeft === undefined) return leftMs < 0 ? `已逾期 ${formatSpan(leftMs)}` : `剩余 ${formatSpan(leftMs)}`;
  if (workdaysLeft > 0) return `剩余 ${workdaysLeft} 个工作日`;
  if (workdaysLeft < 0) return `已逾期 ${-workdaysLeft} 个工作日`;
  return leftMs < 0 ? `已逾期 ${formatSpan(leftMs)}` : `今日 24:00 截止，剩余 ${formatSpan(leftMs)}`;
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
