// Working-day calendar service (R6.2, R8.1): answers for the caller's tenant, loading national
// holiday notices (sysadmin of the PROVINCE tenant only) and a tenant's local overrides (sysadmin
// of that tenant). Every change bumps the calendar revision, writes an audit row and fires the
// recompute hook (calendar-events.ts), all in one transaction.
import { AppError, ErrorCode, forbidden, invalid } from '../../errors.ts';
import {
  calendarOverridesSchema,
  createCalendar,
  dayToIso,
  dueSoonFrom,
  formatShanghai,
  isoToDay,
  isoWeekday,
  parseInstant,
  parseNotice,
  type DayKind,
  type Notice,
  type WorkCalendar,
} from '../../domain/calendar/index.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import {
  bumpRevision,
  getNoticeRow,
  getOverridesRow,
  insertNoticeRow,
  replaceNoticeRow,
  updateOverridesRow,
  type OverrideItem,
} from './calendar.repository.ts';
import { emitCalendarChanged } from './calendar-events.ts';
import { computeTenantDeadlines, getTenantCalendar, loadNoticesInForce, noticesInForce, type NoticeInForce } from './tenant-calendar.ts';

/**
 * Query strings decode '+' as a space, so "2025-09-30T16:00:00+08:00" sent unencoded arrives as
 * "2025-09-30T16:00:00 08:00"; put the '+' back before parsing.
 */
function parseQueryInstant(s: string, field: string): Date {
  return parseInstant(s.trim().replace(/(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2'), field);
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const sortedYears = (s: Set<number>) => [...s].sort((a, b) => a - b);

// ---- answers for the caller's tenant ----

export type DayOut = {
  date: string;
  kind: DayKind;
  workday: boolean;
  /** Holiday name for a holiday (休) or the holiday a make-up day (班) belongs to; the note of a local override. */
  name: string | null;
  /** The tenant's local override of this date (R8.1), if any. */
  override: { kind: OverrideItem['kind']; note: string } | null;
};

function noticeNames(cal: WorkCalendar) {
  const holiday = new Map<string, string>();
  const makeup = new Map<string, string>();
  for (const n of cal.notices) {
    for (const h of n.holidays) {
      for (let d = isoToDay(h.start), e = isoToDay(h.end); d <= e; d++) holiday.set(dayToIso(d), h.name);
    }
    for (const m of n.makeupDays) makeup.set(m.date, m.forHoliday);
  }
  return { holiday, makeup };
}

export const presentNotice = (n: NoticeInForce) => ({
  year: n.year,
  source: n.source,
  version: n.version,
  supersedesBundled: n.supersedesBundled,
  documents: n.notice.documents,
  loadedAt: n.loadedAt ? n.loadedAt.toISOString() : null,
  loadedByName: n.loadedByName,
  notice: n.notice,
});

export async function days(ctx: AuthedCtx, year: number) {
  const cal = await getTenantCalendar(ctx.db, ctx.actor.tenantId);
  const list = cal.yearDays(year); // throws CALENDAR_YEAR_NOT_LOADED (422)
  const names = noticeNames(cal);
  const overrides = new Map(cal.overrides.map((o) => [o.date, o]));
  const out: DayOut[] = list.map((d) => {
    const o = overrides.get(d.date);
    const name = o
      ? o.note || null
      : d.kind === 'holiday'
        ? (names.holiday.get(d.date) ?? null)
        : d.kind === 'makeup'
          ? (names.makeup.get(d.date) ?? null)
          : null;
    return { ...d, name, override: o ? { kind: o.kind, note: o.note } : null };
  });
  const notice = (await noticesInForce(ctx.db)).find((n) => n.year === year)!;
  return {
    year,
    tenantId: ctx.actor.tenantId,
    workdays: out.filter((d) => d.workday).length,
    notice: presentNotice(notice),
    days: out,
  };
}

export async function isWorkday(ctx: AuthedCtx, date: string) {
  const cal = await getTenantCalendar(ctx.db, ctx.actor.tenantId);
  const kind = cal.dayKind(date);
  return { date, workday: kind === 'weekday' || kind === 'makeup', kind };
}

export async function addWorkdays(ctx: AuthedCtx, fromText: string, n: number) {
  const from = parseQueryInstant(fromText, 'from');
  const cal = await getTenantCalendar(ctx.db, ctx.actor.tenantId);
  const r = cal.addWorkdays(from, n);
  return { from: formatShanghai(from), days: n, dueDate: r.dueDate, dueAt: formatShanghai(r.dueAt) };
}

/** R6.2 "2115" with the caller's tenant settings and calendar (R8.1). */
export async function sla(ctx: AuthedCtx, receivedText: string) {
  const received = parseQueryInstant(receivedText, 'received');
  const { deadlines: d, settings, calendar } = await computeTenantDeadlines(ctx.db, ctx.actor.tenantId, received);
  const soon = (at: Date, th: (typeof settings.dueSoon)['contact']) => formatShanghai(dueSoonFrom(at, th, calendar, settings.officeHours));
  return {
    received: formatShanghai(received),
    contactDueAt: formatShanghai(d.contactDueAt),
    opinionDueDate: d.opinionDueDate,
    opinionDueAt: formatShanghai(d.opinionDueAt),
    resolutionDueDate: d.resolutionDueDate,
    resolutionDueAt: formatShanghai(d.resolutionDueAt),
    dueSoonFrom: {
      contact: soon(d.contactDueAt, settings.dueSoon.contact),
      opinion: soon(d.opinionDueAt, settings.dueSoon.opinion),
      resolution: soon(d.resolutionDueAt, settings.dueSoon.resolution),
    },
    settings: {
      contactHours: settings.contactHours,
      contactClock: settings.contactClock,
      opinionWorkdays: settings.opinionWorkdays,
      resolutionWorkdays: settings.resolutionWorkdays,
      officeHours: settings.officeHours.map(([a, b]) => [a, b] as [string, string]),
    },
  };
}

// ---- notices (national; province sysadmin only) ----

export async function listNotices(ctx: AuthedCtx) {
  const items = (await noticesInForce(ctx.db)).map(presentNotice);
  return { items, total: items.length };
}

/** Years whose day kinds a notice sets (its own year, plus adjacent years it reaches into). */
function noticeYears(n: Notice, into: Set<number>) {
  into.add(n.year);
  for (const h of n.holidays) {
    into.add(yearOf(h.start));
    into.add(yearOf(h.end));
  }
  for (const m of n.makeupDays) into.add(yearOf(m.date));
  return into;
}

export type LoadNoticeInput = Record<string, unknown> & { replace?: boolean; version?: number };

/**
 * Loads (or, with `replace: true` and the version read, replaces) a year's notice. Notices are
 * national, so only a sysadmin of the province tenant may load them; cities add local overrides.
 * A DB notice supersedes the bundled notice of the same year (version 0 in GET /api/calendar/notices).
 */
export async function loadNotice(ctx: AuthedCtx, input: LoadNoticeInput) {
  if (ctx.actor.tenantKind !== 'province') {
    throw forbidden('节假日安排全国统一，只有省厅的系统管理员可以载入；各市请在“本地调整”中设置本地安排');
  }
  const { replace, version, ...json } = input;
  const notice = parseNotice(json); // VALIDATION_FAILED with per-field Chinese messages
  if (replace && version === undefined) throw invalid({ version: '替换已载入的年度时须提供读取到的版本号' });
  return withTx(ctx, async (tx) => {
    const row = await getNoticeRow(tx, notice.year, true);
    const inForce = await loadNoticesInForce(tx);
    const current = inForce.find((n) => n.year === notice.year) ?? null;
    if (current && !replace) {
      throw new AppError(
        ErrorCode.CONFLICT,
        `${notice.year} 年节假日安排已载入（${current.source === 'bundled' ? '随版本发布' : '已上传'}）；如需替换，请确认替换并提交读取到的版本号`,
        { details: { year: notice.year, source: current.source, version: current.version } },
      );
    }
    if (current && version !== current.version) {
      throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: presentNotice(current) } });
    }
    // Two notices must agree on shared dates (e.g. 2022-12-31 set by the 2023 notice).
    createCalendar([...inForce.filter((n) => n.year !== notice.year).map((n) => n.notice), notice]);

    const who = { loadedBy: ctx.actor.userId, loadedByName: `${ctx.actor.displayName}（${ctx.actor.username}）` };
    const saved = row
      ? await replaceNoticeRow(tx, notice.year, version!, { notice, ...who })
      : await insertNoticeRow(tx, { year: notice.year, notice, ...who });
    if (!saved) {
      // Loaded concurrently by someone else.
      throw new AppError(ErrorCode.VERSION_CONFLICT, `${notice.year} 年节假日安排刚被他人载入，请刷新后重试`);
    }
    const revision = await bumpRevision(tx);
    const action = current ? 'notice.replace' : 'notice.load';
    await audit(tx, ctx, {
      action: `calendar.${action}`,
      entity: 'calendar_notice',
      entityId: String(notice.year),
      summary: `${current ? '替换' : '载入'} ${notice.year} 年节假日安排（${notice.documents.map((d) => d.number).join('、')}）${current?.source === 'bundled' ? '，取代随版本发布的安排' : ''}`,
      before: current ? { source: current.source, version: current.version, notice: current.notice } : null,
      after: { source: 'database', version: saved.version, notice },
    });
    const years = noticeYears(notice, new Set());
    if (current) noticeYears(current.notice, years);
    await emitCalendarChanged(tx, { tenantId: null, years: sortedYears(years), action, revision });
    const result: NoticeInForce = {
      year: saved.year,
      notice,
      source: 'database',
      version: saved.version,
      supersedesBundled: inForce.some((n) => n.year === notice.year && n.source === 'bundled') || Boolean(current?.supersedesBundled),
      loadedAt: saved.updatedAt,
      loadedByName: saved.loadedByName,
    };
    return { created: !current, notice: presentNotice(result) };
  });
}

// ---- tenant overrides (R8.1) ----

export async function getOverrides(ctx: AuthedCtx) {
  const row = await getOverridesRow(ctx.db, ctx.actor.tenantId);
  return { tenantId: ctx.actor.tenantId, version: row.version, items: row.items };
}

/** Validates a whole override list: unique dates, make-up days on weekends; sorted by date. */
function checkOverrides(items: OverrideItem[]): OverrideItem[] {
  const parsed = calendarOverridesSchema.parse(items) as OverrideItem[];
  const fields: Record<string, string> = {};
  const seen = new Map<string, number>();
  parsed.forEach((o, i) => {
    const y = yearOf(o.date);
    if (y < 2000 || y > 2100) fields[`items.${i}.date`] = '日期须在 2000—2100 年之间';
    if (seen.has(o.date)) fields[`items.${i}.date`] = `与第 ${seen.get(o.date)! + 1} 条日期重复，同一日期只能有一条调整`;
    else seen.set(o.date, i);
    if (o.kind === 'makeup' && isoWeekday(isoToDay(o.date)) < 6) fields[`items.${i}.kind`] = '调休上班日只能设在星期六或星期日；工作日请选择“设为工作日”';
  });
  if (Object.keys(fields).length) throw invalid(fields, '本地调整数据有误');
  return [...parsed].sort((a, b) => a.date.localeCompare(b.date));
}

/** R8.1: replaces the tenant's whole override list, given the version read. */
export async function putOverrides(ctx: AuthedCtx, input: { version: number; items: OverrideItem[] }) {
  const items = checkOverrides(input.items);
  const tenantId = ctx.actor.tenantId;
  return withTx(ctx, async (tx) => {
    const before = await getOverridesRow(tx, tenantId, true);
    if (before.version !== input.version) {
      throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: { tenantId, ...before } } });
    }
    const after = await updateOverridesRow(tx, tenantId, items, input.version);
    if (!after) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: { tenantId, ...before } } });
    const key = (o: OverrideItem) => `${o.kind}|${o.note}`;
    const old = new Map(before.items.map((o) => [o.date, key(o)]));
    const now = new Map(after.items.map((o) => [o.date, key(o)]));
    const changed = new Set<number>();
    for (const [d, k] of now) if (old.get(d) !== k) changed.add(yearOf(d));
    for (const d of old.keys()) if (!now.has(d)) changed.add(yearOf(d));
    const revision = await bumpRevision(tx);
    await audit(tx, ctx, {
      action: 'calendar.overrides.update',
      entity: 'calendar_overrides',
      entityId: tenantId,
      summary: `修改本地日历调整（${after.items.length} 条）`,
      before: before.items,
      after: after.items,
    });
    // Issue 22: the listeners recompute open appeals' future deadlines in this transaction; the clerk is told how many.
    const recomputedAppeals = await emitCalendarChanged(tx, {
      tenantId,
      years: sortedYears(changed),
      action: 'overrides.update',
      revision,
      previousOverrides: before.items,
    });
    return { tenantId, version: after.version, items: after.items, recomputedAppeals };
  });
}
