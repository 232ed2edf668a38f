// Working-day calendar and SLA engine (R6.2, R8.1). Pure: no database, no HTTP.
export {
  shanghaiDate,
  formatShanghai,
  parseInstant,
  isIsoDate,
  isoWeekday,
  dayToIso,
  isoToDay,
  tryIsoToDay,
  SHANGHAI_OFFSET_MS,
  addDaysIso,
  addYearsIso,
  addMonthsIso,
  daysBetweenIso,
  nextShanghaiHour,
} from './dates.ts';
export {
  parseNotice,
  noticeSchema,
  type Notice,
  type NoticeDocument,
  type HolidayBlock,
  type MakeupDay,
  type CancelledMakeupDay,
} from './notice.ts';
export {
  WorkCalendar,
  createCalendar,
  calendarYearNotLoaded,
  calendarOverrideSchema,
  calendarOverridesSchema,
  type CalendarOverride,
  type DayKind,
  type WorkdaysResult,
} from './work-calendar.ts';
export { loadBundledNotices, getBundledCalendar } from './bundled.ts';
export {
  DEFAULT_OFFICE_HOURS,
  officeHoursSchema,
  addNaturalHours,
  addWorkingHours,
  subtractWorkingHours,
  workingHoursBetween,
  type OfficeHours,
} from './working-hours.ts';
export {
  DEFAULT_SLA_SETTINGS,
  slaSettingsSchema,
  dueSoonThresholdSchema,
  resolveSlaSettings,
  computeDeadlines,
  dueDateOf,
  extendDeadline,
  pauseDeadline,
  resumeDeadline,
  dueSoonFrom,
  milestoneState,
  type SlaSettings,
  type DueSoonThreshold,
  type Deadlines,
  type PauseState,
  type MilestoneState,
} from './sla.ts';
