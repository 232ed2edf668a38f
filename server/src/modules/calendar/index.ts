// The calendar module's public surface: each tenant's working-day calendar and 2115 settings (R6.2,
// R8.1), and the hook that tells other modules the calendar changed (inside the change's transaction).
export { onCalendarChanged, type CalendarChange, type CalendarChangeListener } from './calendar-events.ts';
export {
  calendarRevisionColumn,
  getTenantCalendar,
  getTenantCalendarAt,
  getTenantSlaSettings,
  slaSettingsFromTenant,
} from './tenant-calendar.ts';
export { calendarWithOverrides, loadedNoticeYears } from './tenant-calendar.ts';
export { tenantIdsWithOverrides } from './calendar.repository.ts';
