// The holiday-notice format (one JSON per year, transcribed from 国务院办公厅关于 YYYY 年部分节假日安排的通知)
// and its validation. parseNotice is also what an administrator's upload of a new year goes through.
// Format documented in docs/CALENDAR.md.

import { z } from 'zod';
import { AppError, ErrorCode } from '../../errors.ts';
import { dayToIso, isoWeekday, isIsoDate, tryIsoToDay } from './dates.ts';

const isoDate = z.string({ error: '须为 YYYY-MM-DD 格式的日期字符串' }).refine(isIsoDate, { error: '日期格式不正确，应为 YYYY-MM-DD 且为真实存在的日期' });

const nonEmpty = (what: string) =>
  z
    .string({ error: `${what}须为字符串` })
    .trim()
    .min(1, { error: `${what}不能为空` });

export const noticeDocumentSchema = z.strictObject({
  /** e.g. "国务院办公厅关于2025年部分节假日安排的通知" */
  title: nonEmpty('文件标题'),
  /** e.g. "国办发明电〔2024〕12号" */
  number: nonEmpty('文号'),
  publishedOn: isoDate,
  /** Number of an earlier document of this notice that this one amends (e.g. the 2020 Spring Festival extension). */
  amends: nonEmpty('被修改文件文号').optional(),
  /** What this document decided, in Chinese (used for amendments). */
  note: z.string().optional(),
});

export const holidayBlockSchema = z.strictObject({
  /** e.g. "春节", "国庆节、中秋节" */
  name: nonEmpty('假日名称'),
  /** First day off, inclusive (may lie in the previous year, e.g. 2023 元旦 starts 2022-12-31). */
  start: isoDate,
  /** Last day off, inclusive. */
  end: isoDate,
  /** Document number that changed this block, if it was amended after the original notice. */
  amendedBy: nonEmpty('修改文件文号').optional(),
  /** The end date in the original notice, before amendment. */
  originalEnd: isoDate.optional(),
  note: z.string().optional(),
});

export const makeupDaySchema = z.strictObject({
  /** A Saturday or Sunday that is a working day (调休上班). */
  date: isoDate,
  /** Name of the holiday block (in this notice) it compensates for. */
  forHoliday: nonEmpty('对应假日名称'),
  note: z.string().optional(),
});

export const cancelledMakeupDaySchema = z.strictObject({
  /** A make-up day announced by the original notice and cancelled by a later document. Not a working day. */
  date: isoDate,
  forHoliday: nonEmpty('对应假日名称'),
  cancelledBy: nonEmpty('取消文件文号'),
  note: z.string().optional(),
});

const noticeShape = z.strictObject({
  year: z
    .number({ error: '年度须为数字' })
    .int({ error: '年度须为整数' })
    .min(2000, { error: '年度须在 2000–2100 之间' })
    .max(2100, { error: '年度须在 2000–2100 之间' }),
  documents: z.array(noticeDocumentSchema, { error: '文件列表须为数组' }).min(1, { error: '至少须有一份通知文件' }),
  holidays: z.array(holidayBlockSchema, { error: '假期列表须为数组' }).min(1, { error: '至少须有一个假期' }),
  makeupDays: z.array(makeupDaySchema, { error: '调休上班日列表须为数组' }),
  cancelledMakeupDays: z.array(cancelledMakeupDaySchema, { error: '已取消的调休上班日须为数组' }).optional(),
  notes: z.array(z.string({ error: '备注须为字符串' }), { error: '备注须为数组' }).optional(),
});

export type NoticeDocument = z.infer<typeof noticeDocumentSchema>;
export type HolidayBlock = z.infer<typeof holidayBlockSchema>;
export type MakeupDay = z.infer<typeof makeupDaySchema>;
export type CancelledMakeupDay = z.infer<typeof cancelledMakeupDaySchema>;
export type Notice = z.infer<typeof noticeShape>;

/**
 * Cross-field rules (checked after the shape):
 * - every date lies in the notice's year or is adjacent to it: from (year-1)-12-01 to (year+1)-01-31;
 * - each holiday block has start <= end; blocks are ordered by start and do not overlap;
 * - make-up days are Saturdays or Sundays, strictly ordered (no duplicates), and refer to a holiday name of the notice;
 * - no date is both a holiday and a make-up day;
 * - cancelled make-up days are Saturdays/Sundays, are not make-up days any more, and name a document of the notice;
 * - `amends` / `amendedBy` name a document of the notice; document numbers are unique.
 */
export const noticeSchema = noticeShape.superRefine((n, ctx) => {
  const lo = tryIsoToDay(`${n.year - 1}-12-01`)!;
  const hi = tryIsoToDay(`${n.year + 1}-01-31`)!;
  const inWindow = (d: number) => d >= lo && d <= hi;
  const windowMsg = `日期须在 ${n.year} 年内或与之相邻（${dayToIso(lo)} 至 ${dayToIso(hi)}）`;
  const day = (s: string) => tryIsoToDay(s)!;

  const docNumbers = new Set<string>();
  n.documents.forEach((doc, i) => {
    if (docNumbers.has(doc.number)) ctx.addIssue({ code: 'custom', path: ['documents', i, 'number'], message: '文号重复' });
    docNumbers.add(doc.number);
  });
  n.documents.forEach((doc, i) => {
    if (doc.amends !== undefined && (!docNumbers.has(doc.amends) || doc.amends === doc.number)) {
      ctx.addIssue({ code: 'custom', path: ['documents', i, 'amends'], message: '被修改文件须为本通知中的另一份文件' });
    }
  });

  const holidayDays = new Set<number>();
  const names = new Set<string>();
  let prevEnd = -Infinity;
  n.holidays.forEach((h, i) => {
    names.add(h.name);
    const s = day(h.start);
    const e = day(h.end);
    if (!inWindow(s)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'start'], message: windowMsg });
    if (!inWindow(e)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'end'], message: windowMsg });
    if (e < s) {
      ctx.addIssue({ code: 'custom', path: ['holidays', i, 'end'], message: '结束日期不能早于开始日期' });
      return;
    }
    if (s <= prevEnd) {
      ctx.addIssue({ code: 'custom', path: ['holidays', i, 'start'], message: '假期须按开始日期排序且互不重叠' });
    }
    prevEnd = Math.max(prevEnd, e);
    if (h.amendedBy !== undefined && !docNumbers.has(h.amendedBy)) {
      ctx.addIssue({ code: 'custom', path: ['holidays', i, 'amendedBy'], message: '修改文件须为本通知列出的文件' });
    }
    for (let d = s; d <= e; d++) holidayDays.add(d);
  });

  let prevMakeup = -Infinity;
  const makeupDays = new Set<number>();
  n.makeupDays.forEach((m, i) => {
    const d = day(m.date);
    if (!inWindow(d)) ctx.addIssue({ code: 'custom', path: ['makeupDays', i, 'date'], message: windowMsg });
    if (isoWeekday(d) < 6) {
      ctx.addIssue({ code: 'custom', path: ['makeupDays', i, 'date'], message: '调休上班日须为星期六或星期日' });
    }
    if (d <= prevMakeup) {
      ctx.addIssue({ code: 'custom', path: ['makeupDays', i, 'date'], message: '调休上班日须按日期排序且不重复' });
    }
    prevMakeup = d;
    if (holidayDays.has(d)) {
      ctx.addIssue({ code: 'custom', path: ['makeupDays', i, 'date'], message: '同一日期不能既是假日又是调休上班日' });
    }
    if (!names.has(m.forHoliday)) {
      ctx.addIssue({ code: 'custom', path: ['makeupDays', i, 'forHoliday'], message: '对应假日名称须与本通知中的某个假期名称一致' });
    }
    makeupDays.add(d);
  });

  (n.cancelledMakeupDays ?? []).forEach((c, i) => {
    const d = day(c.date);
    if (!inWindow(d)) ctx.addIssue({ code: 'custom', path: ['cancelledMakeupDays', i, 'date'], message: windowMsg });
    if (isoWeekday(d) < 6) {
      ctx.addIssue({ code: 'custom', path: ['cancelledMakeupDays', i, 'date'], message: '已取消的调休上班日须为星期六或星期日' });
    }
    if (makeupDays.has(d)) {
      ctx.addIssue({ code: 'custom', path: ['cancelledMakeupDays', i, 'date'], message: '已取消的调休上班日不能仍列为调休上班日' });
    }
    if (!docNumbers.has(c.cancelledBy)) {
      ctx.addIssue({ code: 'custom', path: ['cancelledMakeupDays', i, 'cancelledBy'], message: '取消文件须为本通知列出的文件' });
    }
  });
});

/** Turns zod issues into AppError VALIDATION_FAILED with field path → Chinese message. */
export function zodToAppError(error: z.ZodError, message: string): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return new AppError(ErrorCode.VALIDATION_FAILED, message, { fields });
}

const zhCN = z.locales.zhCN().localeError;

/**
 * Validates an untrusted holiday notice (e.g. an administrator's upload of next year's JSON).
 * Throws AppError VALIDATION_FAILED with Chinese per-field messages (keys like "holidays.2.start").
 */
export function parseNotice(json: unknown): Notice {
  const r = noticeSchema.safeParse(json, { error: zhCN });
  if (!r.success) {
    const year = typeof json === 'object' && json !== null && 'year' in json ? String((json as { year: unknown }).year) : '';
    throw zodToAppError(r.error, `节假日安排${year ? `（${year} 年）` : ''}数据校验未通过`);
  }
  return r.data;
}
