// Issue 22: next year's calendar is somebody's reminder. A deadline in a year whose holiday notice is
// not loaded is stored as 时限待计算 (deadline_error with the year) and the sweep skips it; from
// 1 November (next year's notice), and at once when any open appeal waits on a missing year, the
// sysadmins of the province (and of a city with its own overrides) are told the year and the number
// of appeals waiting — weekly (one notice per tenant, year and week, by its source key) until the
// notice is loaded. The calendar page and the workbench read the same figures (`calendarWaiting`).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { TaskDef } from '../../jobs/scheduler.ts';
import { addDaysIso, isoToDay, isoWeekday, shanghaiDate } from '../../domain/calendar/index.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { loadedNoticeYears, tenantIdsWithOverrides } from '../calendar/index.ts';
import { insertNotifications, type NewNotification } from '../notifications/index.ts';
import { listTenants } from '../tenants/index.ts';
import { appealClock } from './appeals.env.ts';
import { visibilityWhere } from './appeals.view.ts';
import * as repo from './appeals.waiting.repository.ts';

export const CALENDAR_REMINDER_TYPE = 'calendar_year_missing';

/** From this day (MM-DD, Asia/Shanghai) next year's notice is awaited. */
const NEXT_YEAR_FROM = '11-01';

/** The Monday of the Shanghai week of `today` (the weekly key). */
const weekOf = (today: string) => addDaysIso(today, 1 - isoWeekday(isoToDay(today)));

export type MissingYear = { year: number; waiting: number };

/** Per tenant to notify: the missing years and the appeals waiting (a province counts its cities' too). */
export async function missingYearsByTenant(db: DbOrTx, now: Date): Promise<Map<string, MissingYear[]>> {
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  const [loaded, tenants, withOverrides, waiting] = await Promise.all([
    loadedNoticeYears(db),
    listTenants(db),
    tenantIdsWithOverrides(db),
    repo.waitingByTenant(db),
  ]);
  const byId = new Map(tenants.map((t) => [t.id, t]));
  const need = new Map<string, Map<number, number>>();
  const add = (tenantId: string, year: number, n: number) => {
    const m = need.get(tenantId) ?? new Map<number, number>();
    m.set(year, (m.get(year) ?? 0) + n);
    need.set(tenantId, m);
  };
  for (const w of waiting) {
    if (loaded.has(w.year)) continue;
    const t = byId.get(w.tenantId);
    if (!t) continue;
    const province = t.kind === 'province' ? t : t.parentId ? byId.get(t.parentId) : undefined;
    if (province) add(province.id, w.year, w.count);
    if (t.kind === 'city' && withOverrides.has(t.id)) add(t.id, w.year, w.count);
  }
  if (today.slice(5) >= NEXT_YEAR_FROM && !loaded.has(thisYear + 1)) {
    for (const t of tenants) if (t.kind === 'province' || withOverrides.has(t.id)) add(t.id, thisYear + 1, 0);
  }
  const out = new Map<string, MissingYear[]>();
  for (const [tenantId, years] of need) {
    out.set(
      tenantId,
      [...years].sort((a, b) => a[0] - b[0]).map(([year, n]) => ({ year, waiting: n })),
    );
  }
  return out;
}

/** The periodic task: one notice per tenant, year and week to the tenant's sysadmins. */
export async function remindMissingCalendarYears(db: DbOrTx, now: Date): Promise<{ tenants: number; created: number }> {
  const week = weekOf(shanghaiDate(now));
  const byTenant = await missingYearsByTenant(db, now);
  const out: NewNotification[] = [];
  for (const [tenantId, years] of byTenant) {
    for (const y of years) {
      out.push({
        tenant_id: tenantId,
        type: CALENDAR_REMINDER_TYPE,
        role: 'sysadmin',
        title: `${y.year}年节假日安排尚未载入`,
        body: y.waiting
          ? `${y.waiting}件诉求的时限落在${y.year}年，显示“时限待计算”，巡检不会提醒或督办。请在“工作日历”载入国务院办公厅${y.year}年部分节假日安排的通知，载入后自动重算。`
          : `国务院办公厅${y.year}年部分节假日安排的通知尚未载入。12月起新受理诉求的办结时限将落在${y.year}年，请在通知发布后及时在“工作日历”载入。`,
        source_key: `calendar-year:${tenantId}:${y.year}:${week}`,
      });
    }
  }
  const created = out.length ? await insertNotifications(db, out) : 0;
  return { tenants: byTenant.size, created };
}

/**
 * For the calendar page and the workbench: the missing years with the appeals waiting that the
 * caller sees (a unit: its own), and next year's notice when awaited (from 1 November).
 */
export async function calendarWaiting(ctx: Pick<AuthedCtx, 'db' | 'actor'>) {
  const now = appealClock.now();
  const today = shanghaiDate(now);
  const nextYear = Number(today.slice(0, 4)) + 1;
  const loaded = await loadedNoticeYears(ctx.db);
  // The sysadmin loads the notice: the tenant's count (no appeal content); others within their visibility.
  const visible = ctx.actor.roles.includes('sysadmin') ? sql`true` : visibilityWhere(ctx.actor);
  const rows = await repo.waitingVisible(ctx.db, sql`a.tenant_id = ${ctx.actor.tenantId} AND ${visible}`);
  const items = rows.filter((r) => !loaded.has(r.year)).map((r) => ({ year: r.year, waiting: r.count }));
  const awaitingNextYear = today.slice(5) >= NEXT_YEAR_FROM && !loaded.has(nextYear);
  if (awaitingNextYear && !items.some((i) => i.year === nextYear)) items.push({ year: nextYear, waiting: 0 });
  return { items: items.sort((a, b) => a.year - b.year), total: items.length };
}

/** The periodic task (jobs/tasks.ts): every 10 minutes, so a first appeal waiting is told within minutes. */
export const calendarReminderTask: TaskDef = {
  name: 'calendar-year-reminder',
  intervalSeconds: 600,
  run: async ({ db, now }) => ({ result: { ...(await remindMissingCalendarYears(db, now)) } }),
};
