// The notices shipped with the application: notices/YYYY.json, transcribed from the State Council
// General Office notices (国务院办公厅关于 YYYY 年部分节假日安排的通知). Read synchronously once and cached.

import { readFileSync, readdirSync } from 'node:fs';
import { AppError, ErrorCode } from '../../errors.ts';
import { parseNotice, type Notice } from './notice.ts';
import { createCalendar, type WorkCalendar } from './work-calendar.ts';

const NOTICE_DIR = new URL('./notices/', import.meta.url);

let cachedNotices: readonly Notice[] | undefined;
let cachedCalendar: WorkCalendar | undefined;

/** All bundled notices, validated, ascending by year (sync, cached). */
export function loadBundledNotices(): Notice[] {
  if (!cachedNotices) {
    const files = readdirSync(NOTICE_DIR)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .sort();
    cachedNotices = files.map((f) => {
      const notice = parseNotice(JSON.parse(readFileSync(new URL(f, NOTICE_DIR), 'utf8')));
      if (`${notice.year}.json` !== f) {
        throw new AppError(ErrorCode.INTERNAL, `节假日文件 ${f} 的年度字段为 ${notice.year}，与文件名不符`);
      }
      return notice;
    });
  }
  return [...cachedNotices];
}

/** The calendar built from the bundled notices with no tenant overrides (cached). */
export function getBundledCalendar(): WorkCalendar {
  cachedCalendar ??= createCalendar(loadBundledNotices());
  return cachedCalendar;
}
