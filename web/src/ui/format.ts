// Date formatting in the business time zone (Asia/Shanghai), whatever the browser's zone.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TZ = 'Asia/Shanghai';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * Instants and deadlines come from the one formatter of shared/format.ts (issue 17), which the server's
 * reports, notices and SMS texts use too: a working-day deadline reads "12-04（周四）24:00".
 */
export { formatDeadline, formatDateTime, formatDate, formatRate } from '../../../shared/format.ts';

/** Treats a picked wall-clock time as Asia/Shanghai and returns an ISO instant. */
export function pickedToIso(value: Dayjs | null | undefined): string | undefined {
  if (!value) return undefined;
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), BUSINESS_TZ).toISOString();
}

export function isFuture(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isAfter(dayjs());
}
