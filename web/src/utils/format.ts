// Date formatting in the business time zone (Asia/Shanghai), whatever the browser's zone.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TZ = 'Asia/Shanghai';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = dayjs(value);
  return d.isValid() ? d.tz(BUSINESS_TZ).format(DATE_TIME_FORMAT) : '—';
}

/** Treats a picked wall-clock time as Asia/Shanghai and returns an ISO instant. */
export function pickedToIso(value: Dayjs | null | undefined): string | undefined {
  if (!value) return undefined;
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), BUSINESS_TZ).toISOString();
}

export function isFuture(value: string | null | undefined): boolean {
  return !!value && dayjs(value).isAfter(dayjs());
}
