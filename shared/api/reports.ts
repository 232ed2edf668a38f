// Response schemas of the reports (issue 16): plain zod, used by the server's routes and imported as
// types by the web.
import { z } from 'zod';

export const REPORT_KINDS = ['monthly', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = { monthly: '月报', annual: '年报' };
export const REPORT_TRIGGER_LABELS = { scheduled: '定时生成', manual: '手动生成' } as const;

export const ReportSummarySchema = z.object({
  received: z.number(),
  closed: z.number(),
  responseRate: z.number().nullable(),
  opinionOnTimeRate: z.number().nullable(),
  resolutionOnTimeRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  evaluated: z.number(),
  overdueNow: z.number(),
  reopened: z.number(),
  major: z.number(),
  leaderTransfers: z.number(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  kind: z.enum(REPORT_KINDS),
  /** 'YYYY-MM' or 'YYYY'. */
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  trigger: z.enum(['scheduled', 'manual']),
  generatedByName: z.string(),
  generatedAt: z.string(),
  /** Generated before the period ended: its figures were the month (year) so far. */
  partial: z.boolean(),
  summary: ReportSummarySchema,
  docxSize: z.number(),
  xlsxSize: z.number(),
  durationMs: z.number(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportListSchema = z.object({ items: z.array(ReportSchema), total: z.number() });
export type ReportList = z.infer<typeof ReportListSchema>;
