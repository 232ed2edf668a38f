// Response schemas of the dashboard (issue 16, R7.2, R8.1): plain zod, used by the server's routes and
// imported as types by the web. Every figure is counted from appeals and their timeline events.
import { z } from 'zod';
import { FigureCountsSchema as AppealFigureCountsSchema } from './appeals.ts';

/**
 * The counts behind every rate, and the rates (0…1, null when nothing is counted). Definitions are the
 * appeals module's (docs/APPEALS.md §8): on-time rate of a 2115 milestone = met on time ÷ (done + open
 * and past due, paused not counted) over appeals received in the period; 响应率 is the 2-hour contact
 * on-time rate; 解决率 = solved (incl. on the spot) ÷ appeals with a result; 满意率 = 满意 + 基本满意 ÷
 * evaluations given in the period. The appeals' figure counts plus 响应率 (the same value as the 2-hour
 * contact on-time rate, named as the measures name it).
 */
export const FigureCountsSchema = AppealFigureCountsSchema.extend({ responseRate: z.number().nullable() });
export type FigureCounts = z.infer<typeof FigureCountsSchema>;

export const DashboardMonthSchema = FigureCountsSchema.extend({ month: z.string() });
export type DashboardMonth = z.infer<typeof DashboardMonthSchema>;

export const DashboardUnitSchema = FigureCountsSchema.extend({
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  /** Open appeals of the unit past a 2115 deadline now. */
  overdueNow: z.number(),
});
export type DashboardUnit = z.infer<typeof DashboardUnitSchema>;

export const OverdueItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  milestone: z.enum(['contact', 'opinion', 'resolution']).nullable(),
  dueAt: z.string(),
  isMajor: z.boolean(),
});
export type OverdueItem = z.infer<typeof OverdueItemSchema>;

/** R8.1 a city bureau's aggregate as the province sees it: figures only, never its case files. */
export const DashboardCitySchema = FigureCountsSchema.extend({
  tenantId: z.string(),
  code: z.string(),
  name: z.string(),
  overdueNow: z.number(),
  months: z.array(z.object({ month: z.string(), received: z.number(), closed: z.number() })),
});
export type DashboardCity = z.infer<typeof DashboardCitySchema>;

/**
 * A panel filled by another module (survey results, quota progress, assessment): `unavailable` until
 * that module is wired in (the page shows 未上线), `empty` when it has nothing for the year, then a list of labelled figures with the number of
 * records behind each.
 */
export const DashboardSlotSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unavailable'), title: z.string(), note: z.string() }),
  /** The module is there but has nothing for the year asked. */
  z.object({ status: z.literal('empty'), title: z.string(), note: z.string() }),
  z.object({
    status: z.literal('ok'),
    title: z.string(),
    /** What is counted, over which period (the panel's hover text). */
    explain: z.string(),
    items: z.array(
      z.object({
        label: z.string(),
        value: z.number().nullable(),
        unit: z.enum(['rate', 'count', 'score']),
        /** How many records the figure rests on (answers, visits…). */
        n: z.number().nullable(),
        /** Target, when the figure has one (a quota). */
        target: z.number().nullable(),
        hint: z.string().nullable(),
      }),
    ),
  }),
]);
export type DashboardSlot = z.infer<typeof DashboardSlotSchema>;
export const DASHBOARD_SLOT_KEYS = ['survey', 'quotas', 'assessment', 'hotTopics'] as const;
export type DashboardSlotKey = (typeof DASHBOARD_SLOT_KEYS)[number];

export const DashboardSchema = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), kind: z.enum(['province', 'city']) }),
  year: z.number(),
  /** [from, to) of the year, Asia/Shanghai; `to` is the end of the year or now for the current year. */
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  /** What the viewer sees: the whole tenant, a leader's portfolio (分管) or one unit. */
  scope: z.object({ kind: z.enum(['tenant', 'portfolio', 'unit']), label: z.string(), unitCount: z.number() }),
  source: z.enum(['rollup', 'live']),
  totals: FigureCountsSchema,
  /** One row per month of the year up to the current one. */
  months: z.array(DashboardMonthSchema),
  /** Lead units in the viewer's scope (those with figures or overdue appeals). */
  units: z.array(DashboardUnitSchema),
  overdue: z.object({
    total: z.number(),
    byUnit: z.array(z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), count: z.number() })),
    /** The longest overdue first, at most 50. */
    items: z.array(OverdueItemSchema),
  }),
  /** Province viewers with a tenant-wide scope: each city bureau's aggregate (R8.1); otherwise null. */
  cities: z.array(DashboardCitySchema).nullable(),
  slots: z.object({ survey: DashboardSlotSchema, quotas: DashboardSlotSchema, assessment: DashboardSlotSchema, hotTopics: DashboardSlotSchema }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
