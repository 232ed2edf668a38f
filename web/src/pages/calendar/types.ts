// Contract types of /api/calendar/* (server/src/modules/calendar/calendar.routes.ts).
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';
export type OverrideKind = 'holiday' | 'makeup' | 'workday' | 'restday';

export interface NoticeDocument {
  title: string;
  number: string;
  publishedOn: string;
  amends?: string;
  note?: string;
}

export interface NoticeJson {
  year: number;
  documents: NoticeDocument[];
  holidays: { name: string; start: string; end: string; note?: string }[];
  makeupDays: { date: string; forHoliday: string; note?: string }[];
  [key: string]: unknown;
}

export interface NoticeInForce {
  year: number;
  source: 'bundled' | 'database';
  version: number;
  supersedesBundled: boolean;
  documents: NoticeDocument[];
  loadedAt: string | null;
  loadedByName: string | null;
  notice: NoticeJson;
}

export interface CalendarDay {
  date: string;
  kind: DayKind;
  workday: boolean;
  name: string | null;
  override: { kind: OverrideKind; note: string } | null;
}

export interface YearDays {
  year: number;
  tenantId: string;
  workdays: number;
  notice: NoticeInForce;
  days: CalendarDay[];
}

export interface OverrideItem {
  date: string;
  kind: OverrideKind;
  note: string;
}

export interface OverridesResponse {
  tenantId: string;
  version: number;
  items: OverrideItem[];
}

export const OVERRIDE_KIND_LABELS: Record<OverrideKind, string> = {
  holiday: '设为假日（休）',
  makeup: '设为调休上班（班，限周六、周日）',
  workday: '设为工作日',
  restday: '设为休息日',
};
