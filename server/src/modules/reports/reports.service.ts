// Reports (issue 16, R7.2, R6.5): the monthly report (月报) and the annual report (年报) of a tenant as
// .docx and .xlsx — generated on demand (a new version each time) or by the scheduler (once per tenant
// and period, on the 1st for the month before and in January for the year before), stored, listed and
// downloaded; every generation and every download is audited. And the R6.5 leader-transfer report as
// .docx beside the escalation module's .xlsx.
//
// Who: 办公室 and the complaint centre (intake), 政策法规处 (coordinator) and 机关党委 (oversight) generate;
// they and the leaders (厅领导, to whom the report is addressed) list and download. A report is the
// tenant's: it is never shown to another tenant (the province reads cities only as figures inside its
// own report, R8.1).
import type { Db, DbOrTx } from '../../db/client.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { duePeriods, isPeriodKey, periodOf, type PeriodKind } from '../../domain/reports/periods.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { appealClock, tenantIdsWithAppeals } from '../appeals/index.ts';
import { listTenants, tenantName as tenantNameOf } from '../tenants/index.ts';
import { LEADER_REPORT_HEADERS, leaderReportMonthLines, leaderReportStatus } from '../escalation/index.ts';
import { reportData, type ReportData } from './reports.content.ts';
import { leaderReportDocx, periodLabel, reportTitle } from './reports.docx.ts';
import { renderReportFiles } from './reports.render.ts';
import * as repo from './reports.repository.ts';

/** Policy resource 'report': its tenant. */
export { reportOwner as owner } from './reports.repository.ts';

export const REPORT_KIND_LABELS: Record<PeriodKind, string> = { monthly: '月报', annual: '年报' };
const SYSTEM_NAME = '系统（定时任务）';

export type ReportSummary = {
  received: number;
  closed: number;
  responseRate: number | null;
  opinionOnTimeRate: number | null;
  resolutionOnTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  evaluated: number;
  overdueNow: number;
  reopened: number;
  major: number;
  leaderTransfers: number;
};

const summaryOf = (d: ReportData): ReportSummary => ({
  received: d.totals.received,
  closed: d.totals.closed,
  responseRate: d.totals.responseRate,
  opinionOnTimeRate: d.totals.opinionOnTimeRate,
  resolutionOnTimeRate: d.totals.resolutionOnTimeRate,
  resolutionRate: d.totals.resolutionRate,
  satisfactionRate: d.totals.satisfactionRate,
  evaluated: d.totals.evaluated,
  overdueNow: d.overdue.total,
  reopened: d.reopened.length,
  major: d.major.length,
  leaderTransfers: d.leaderTransfers.length,
});

/** Builds both files of a report (no storage): the figures, the .docx, the .xlsx. */
export async function buildReport(db: DbOrTx, q: { tenantId: string; tenantKind: 'province' | 'city'; kind: PeriodKind; key: string; now: Date }) {
  const t0 = performance.now();
  const data = await reportData(db, q);
  const { docx, xlsx } = await renderReportFiles(data);
  return { data, docx, xlsx, summary: summaryOf(data), durationMs: Math.round(performance.now() - t0) };
}

/** The period asked must be a whole past (or current) month or year, not before 2020. */
function checkPeriod(kind: PeriodKind, key: string, now: Date) {
  if (!isPeriodKey(kind, key)) throw invalid({ period: kind === 'monthly' ? '月份格式应为 YYYY-MM' : '年度格式应为 YYYY' });
  const today = shanghaiDate(now);
  const current = kind === 'monthly' ? today.slice(0, 7) : today.slice(0, 4);
  if (key > current) throw invalid({ period: '不能生成未来期间的报告' });
  if (key < '2020') throw invalid({ period: '不能早于2020年' });
}

export type ReportView = Omit<repo.ReportListRow, 'generatedAt' | 'summary'> & {
  generatedAt: string;
  title: string;
  periodLabel: string;
  summary: ReportSummary;
  /** The period had not ended when the report was generated (figures may still change). */
  partial: boolean;
};

function present(r: repo.ReportListRow, tenantName: string): ReportView {
  const p = periodOf(r.kind, r.period);
  return {
    ...r,
    generatedAt: r.generatedAt.toISOString(),
    title: reportTitle({ tenant: { id: r.tenantId, name: tenantName, kind: 'province' }, period: p }),
    periodLabel: periodLabel({ period: p }),
    summary: r.summary as ReportSummary,
    partial: r.generatedAt.getTime() < p.to.getTime(),
  };
}

/** On demand: builds and stores a new version of the tenant's report of the period (audited). */
export async function generate(ctx: AuthedCtx, input: { kind: PeriodKind; period: string }): Promise<ReportView> {
  const actor = ctx.actor;
  const now = appealClock.now();
  checkPeriod(input.kind, input.period, now);
  const built = await buildReport(ctx.db, { tenantId: actor.tenantId, tenantKind: actor.tenantKind, kind: input.kind, key: input.period, now });
  const id = await withTx(ctx, async (tx) => {
    const row = await repo.insertReport(tx, {
      tenantId: actor.tenantId,
      kind: input.kind,
      period: input.period,
      trigger: 'manual',
      generatedBy: actor.userId,
      generatedByName: actor.displayName,
      generatedAt: now,
      summary: built.summary,
      docx: built.docx,
      xlsx: built.xlsx,
      docxSize: built.docx.length,
      xlsxSize: built.xlsx.length,
      durationMs: built.durationMs,
    });
    if (!row) throw new AppError(ErrorCode.CONFLICT, '报告未能保存，请重试');
    await audit(tx, ctx, {
      action: 'report.generate',
      entity: 'report',
      entityId: row.id,
      summary: `生成${reportTitle(built.data)}（${periodLabel(built.data)}）`,
      after: { kind: input.kind, period: input.period, ...built.summary },
    });
    return row.id;
  });
  return get(ctx, id);
}

export async function get(ctx: AuthedCtx, id: string): Promise<ReportView> {
  const r = await repo.getReport(ctx.db, id);
  if (!r || r.tenantId !== ctx.actor.tenantId) throw new AppError(ErrorCode.NOT_FOUND);
  return present(r, await tenantNameOf(ctx.db, r.tenantId));
}

export async function list(ctx: AuthedCtx, q: { kind?: PeriodKind; page: number; pageSize: number }) {
  const { items, total } = await repo.listReports(ctx.db, ctx.actor.tenantId, { kind: q.kind, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const name = await tenantNameOf(ctx.db, ctx.actor.tenantId);
  return { items: items.map((r) => present(r, name)), total };
}

/** A report's file, with its download audited (who, which report, which format). */
export async function download(ctx: AuthedCtx, id: string, format: 'docx' | 'xlsx') {
  const view = await get(ctx, id);
  const data = await repo.reportFile(ctx.db, id, format);
  if (!data) throw new AppError(ErrorCode.NOT_FOUND);
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'report.download',
      entity: 'report',
      entityId: id,
      summary: `下载${view.title}（${view.periodLabel}，${format === 'docx' ? 'Word' : 'Excel'}）`,
      after: { kind: view.kind, period: view.period, format, generatedAt: view.generatedAt },
    }),
  );
  return { data, filename: `${view.title}-${view.period}.${format}` };
}

/** R6.5 the leader-transfer report of a month as .docx (the escalation module has the .xlsx); audited. */
export async function leaderTransfersDocx(ctx: AuthedCtx, month: string) {
  const now = appealClock.now();
  const [lines, status] = [await leaderReportMonthLines(ctx.db, ctx.actor.tenantId, month, now), await leaderReportStatus(ctx, month)];
  const data = await leaderReportDocx({
    tenantName: await tenantNameOf(ctx.db, ctx.actor.tenantId),
    month,
    dueAt: new Date(status.dueAt),
    lines,
    headers: LEADER_REPORT_HEADERS,
    generatedAt: now,
  });
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'leader_report.download',
      entity: 'leader_report',
      entityId: month,
      summary: `下载省政府领导转办事项 ${month} 月报（Word，${lines.length} 件）`,
      after: { month, format: 'docx', appealCount: lines.length },
    }),
  );
  return { data, filename: `省政府领导转办事项办理情况-${month}.docx` };
}

/**
 * The scheduler's run (task 'periodic-reports'): every tenant using the appeals without its scheduled
 * report of the month before (and in January of the year before) gets it, built and stored once — the partial unique
 * index keeps a second instance's copy out. One tenant at a time, so a failure leaves the others done.
 */
export async function generateScheduled(db: Db, now: Date, opts: { tenantIds?: readonly string[]; budgetMs?: number } = {}) {
  const started = performance.now();
  const overBudget = () => opts.budgetMs !== undefined && performance.now() - started > opts.budgetMs;
  const due = duePeriods(now);
  const jobs: { kind: PeriodKind; key: string }[] = [{ kind: 'monthly', key: due.monthly }];
  if (due.annual) jobs.push({ kind: 'annual', key: due.annual });
  const made: string[] = [];
  const failed: string[] = [];
  for (const job of jobs) {
    // Tenants that use the appeals (at least one appeal, ever) and have no scheduled report of the period
    // yet: a city bureau that has not started using the system gets no empty reports.
    const done = await repo.scheduledReportTenants(db, job.kind, job.key);
    const candidates = (await listTenants(db)).filter((t) => !done.has(t.id) && (!opts.tenantIds || opts.tenantIds.includes(t.id)));
    const using = await tenantIdsWithAppeals(
      db,
      candidates.map((t) => t.id),
    );
    const missing = candidates.filter((t) => using.has(t.id));
    for (const t of missing) {
      if (overBudget()) break;
      try {
        const kind = t.kind;
        const built = await buildReport(db, { tenantId: t.id, tenantKind: kind, kind: job.kind, key: job.key, now });
        const ctx: Ctx = { db, actor: null, ip: '', requestId: 'periodic-reports' };
        await db.transaction(async (tx) => {
          const row = await repo.insertReport(tx, {
            tenantId: t.id,
            kind: job.kind,
            period: job.key,
            trigger: 'scheduled',
            generatedBy: null,
            generatedByName: SYSTEM_NAME,
            generatedAt: now,
            summary: built.summary,
            docx: built.docx,
            xlsx: built.xlsx,
            docxSize: built.docx.length,
            xlsxSize: built.xlsx.length,
            durationMs: built.durationMs,
          });
          if (!row) return;
          await audit(tx, ctx, {
            tenantId: t.id,
            actorId: null,
            actorName: SYSTEM_NAME,
            action: 'report.generate',
            entity: 'report',
            entityId: row.id,
            summary: `定时生成${reportTitle(built.data)}（${periodLabel(built.data)}）`,
            after: { kind: job.kind, period: job.key, ...built.summary },
          });
          made.push(`${t.id}:${job.kind}:${job.key}`);
        });
      } catch (err) {
        failed.push(`${t.name} ${job.key}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  if (failed.length) throw new Error(`报告生成失败：${failed.join('；')}`);
  return { periods: jobs.map((j) => j.key), made: made.length };
}
