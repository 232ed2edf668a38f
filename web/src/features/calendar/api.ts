// API calls of the working-day calendar (工作日历, R6.2, R8.1): a year's days, the holiday notices in
// force, loading a notice (the province's sysadmin) and the tenant's overrides. Response types from
// shared/api/calendar.ts; the notice JSON sent when loading one is the page's own type.
import { api } from '../../api/client.ts';
import type { List } from '../../../../shared/api/common.ts';
import type { CalendarDay, NoticeInForce, OverrideItem, OverrideKind, Overrides, YearDays } from '../../../../shared/api/calendar.ts';

export type { CalendarDay, NoticeInForce, OverrideItem, OverrideKind, Overrides, YearDays };

/** A year's holiday notice as loaded (format: docs/CALENDAR.md §6; the server validates it). */
export interface NoticeJson {
  year: number;
  documents: { title: string; number: string; publishedOn: string; amends?: string; note?: string }[];
  holidays: { name: string; start: string; end: string; note?: string }[];
  makeupDays: { date: string; forHoliday: string; note?: string }[];
  [key: string]: unknown;
}

/** 422 CALENDAR_YEAR_NOT_LOADED when the year has no notice. */
export const yearDays = (year: number, signal?: AbortSignal) => api.get<YearDays>('/calendar/days', { year }, signal);
export const listNotices = (signal?: AbortSignal) => api.get<List<NoticeInForce>>('/calendar/notices', undefined, signal);
/** Loading a year already in force replaces it: `replace` with the version read. */
export const loadNotice = (body: NoticeJson & { replace?: true; version?: number }) => api.post<NoticeInForce>('/calendar/notices', body);
export const getOverrides = (signal?: AbortSignal) => api.get<Overrides>('/calendar/overrides', undefined, signal);
export const putOverrides = (body: { version: number; items: OverrideItem[] }) => api.put<Overrides>('/calendar/overrides', body);
