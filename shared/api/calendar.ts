// Response schemas of /api/calendar/* (server/src/modules/calendar/calendar.routes.ts): the
// working-day calendar, the "2115" clock (R6.2, R8.1), holiday notices and tenant overrides.
import { z } from 'zod';

export const DAY_KINDS = ['weekday', 'weekend', 'holiday', 'makeup'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const OVERRIDE_KINDS = ['holiday', 'makeup', 'workday', 'restday'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** One document of a year's holiday notice (the input format is validated by server/src/domain/calendar/notice.ts). */
export const NoticeDocumentSchema = z.object({
  title: z.string(),
  number: z.string(),
  publishedOn: z.string(),
  amends: z.string().optional(),
  note: z.string().optional(),
});
export type NoticeDocument = z.infer<typeof NoticeDocumentSchema>;

/** The notice in force for a year. */
export const NoticeInForceSchema = z.object({
  year: z.number(),
  source: z.enum(['bundled', 'database']).describe('bundled = 随版本发布；database = 管理员载入（取代同年度的随版本文件）'),
  version: z.number().describe('替换时提交的版本号；随版本发布且未被取代的年度为 0'),
  supersedesBundled: z.boolean(),
  documents: z.array(NoticeDocumentSchema),
  loadedAt: z.string().nullable(),
  loadedByName: z.string().nullable(),
  notice: z.unknown().describe('节假日通知 JSON（格式见 docs/CALENDAR.md 第 6 节）'),
});
export type NoticeInForce = z.infer<typeof NoticeInForceSchema>;

export const CalendarDaySchema = z.object({
  date: z.string(),
  kind: z.enum(DAY_KINDS),
  workday: z.boolean(),
  name: z.string().nullable(),
  override: z.object({ kind: z.enum(OVERRIDE_KINDS), note: z.string() }).nullable(),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

/** GET /api/calendar/days. */
export const YearDaysSchema = z.object({
  year: z.number(),
  tenantId: z.string(),
  workdays: z.number(),
  notice: NoticeInForceSchema,
  days: z.array(CalendarDaySchema),
});
export type YearDays = z.infer<typeof YearDaysSchema>;

/** GET /api/calendar/is-workday. */
export const IsWorkdaySchema = z.object({ date: z.string(), workday: z.boolean(), kind: z.enum(DAY_KINDS) });
export type IsWorkday = z.infer<typeof IsWorkdaySchema>;

/** GET /api/calendar/add-workdays. */
export const AddWorkdaysSchema = z.object({ from: z.string(), days: z.number(), dueDate: z.string(), dueAt: z.string() });
export type AddWorkdays = z.infer<typeof AddWorkdaysSchema>;

/** GET /api/calendar/sla: the three "2115" limits of an appeal received at an instant. */
export const SlaSchema = z.object({
  received: z.string(),
  contactDueAt: z.string(),
  opinionDueDate: z.string(),
  opinionDueAt: z.string(),
  resolutionDueDate: z.string(),
  resolutionDueAt: z.string(),
  dueSoonFrom: z.object({ contact: z.string(), opinion: z.string(), resolution: z.string() }),
  settings: z.object({
    contactHours: z.number(),
    contactClock: z.enum(['natural', 'working']),
    opinionWorkdays: z.number(),
    resolutionWorkdays: z.number(),
    officeHours: z.array(z.tuple([z.string(), z.string()])),
  }),
});
export type Sla = z.infer<typeof SlaSchema>;

export const OverrideItemSchema = z.object({ date: z.string(), kind: z.enum(OVERRIDE_KINDS), note: z.string() });
export type OverrideItem = z.infer<typeof OverrideItemSchema>;

/** GET/PUT /api/calendar/overrides (R8.1). */
export const OverridesSchema = z.object({
  tenantId: z.string(),
  version: z.number(),
  items: z.array(OverrideItemSchema),
  /** PUT (issue 22): open appeals whose future deadlines were recomputed with the new overrides. */
  recomputedAppeals: z.number().optional(),
});
export type Overrides = z.infer<typeof OverridesSchema>;
