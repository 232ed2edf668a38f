// R6.5 appeals transferred by provincial government leaders (channel 省政府领导转办): the monthly
// status report (.xlsx) for the provincial general office, the record of its 报送 (due before the
// 25th, i.e. at the 25th 00:00 Asia/Shanghai), and the reminder to 办公室 on the 20th.
import ExcelJS from 'exceljs';
import {
  APPEAL_STATE_LABELS,
  CLOSE_REASON_LABELS,
  EVALUATION_RATING_LABELS,
  MILESTONES,
  MILESTONE_LABELS,
  MILESTONE_STATE_LABELS,
  RESULT_KIND_LABELS,
  type AppealState,
  type CloseReason,
  type EvaluationRating,
  type ResultKind,
} from '../../../../shared/appeals.ts';
import { LEADER_REPORT_CHANNEL, LEADER_REPORT_REMIND_DAY, LEADER_REPORT_DUE_DAY } from '../../../../shared/escalation.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { formatShanghai, shanghaiDate } from '../../domain/calendar/index.ts';
import { milestoneStateOf } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { pgInstant } from '../../db/rows.ts';
import { appealClock, appealsOpenDuring, tenantEnv } from '../appeals/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { dayOfMonth, monthBounds, monthOf, reportDueAt, reportRemindOn } from './escalation.months.ts';
import * as repo from './escalation.repository.ts';
import { rowsOfMonth as unitRowsOfMonth } from './escalation.unit-rows.repository.ts';

/** R6.5 the appeals a month's report covers (channel 省政府领导转办, open during the month). */
const leaderReportRows = (db: DbOrTx, tenantId: string, from: Date, to: Date) => appealsOpenDuring(db, tenantId, LEADER_REPORT_CHANNEL, from, to);

export const REPORT_SHEET = '省政府领导转办事项';
export const REPORT_HEADERS = [
  '序号',
  '编号',
  '受理时间',
  '企业',
  '诉求标题',
  '主办处室',
  '办理状态',
  '三个环节完成情况',
  '办理结果',
  '答复内容',
  '处室填报情况',
  '企业评价',
  '评价意见',
  '办结时间',
] as const;

/** 'YYYY-MM-DD HH:mm' in Shanghai time. */
const local = (d: Date | null) => (d ? formatShanghai(d).slice(0, 16).replace('T', ' ') : '');

export type ReportLine = {
  appealId: string;
  number: string;
  receivedAt: string;
  enterpriseName: string;
  title: string;
  leadUnitName: string;
  leadUnitId: string | null;
  state: string;
  milestones: string;
  result: string;
  reply: string;
  /** R6.5 what the lead unit wrote for the month (monthLines only; '' elsewhere). */
  unitProgress: string;
  evaluation: string;
  evaluationComment: string;
  closedAt: string;
};

/**
 * R6.5 the report's lines over [from, to): appeals of the channel received before `to` and not closed
 * before `from` (a month here; the reports module also asks for a year). Milestone states as of `now`.
 */
export async function leaderReportLines(db: DbOrTx, tenantId: string, bounds: { from: Date; to: Date }, now: Date): Promise<ReportLine[]> {
  const { from, to } = bounds;
  const rows = await leaderReportRows(db, tenantId, from, to);
  if (!rows.length) return [];
  const env = await tenantEnv(db, tenantId);
  return rows.map((r) => {
    const paused = r.state === 'paused';
    const ms = MILESTONES.map((m) => {
      const dueAt = pgInstant(r[`${m}_due_at`]);
      const doneAt = pgInstant(r[`${m}_done_at`]);
      const st = milestoneStateOf(m, { dueAt, doneAt }, now, env.sla, env.calendar, paused);
      return `${MILESTONE_LABELS[m]}：${MILESTONE_STATE_LABELS[st]}${doneAt ? `（${local(doneAt)}）` : dueAt ? `（时限 ${local(dueAt)}）` : ''}`;
    });
    const closeReason = r.close_reason as CloseReason | null;
    return {
      appealId: r.id,
      number: r.number,
      receivedAt: local(pgInstant(r.received_at)),
      enterpriseName: r.enterprise_name,
      title: r.title,
      leadUnitName: r.lead_unit_name ?? '（待派单）',
      leadUnitId: r.lead_unit_id,
      state: `${APPEAL_STATE_LABELS[r.state as AppealState] ?? r.state}${r.state === 'closed' && closeReason ? `（${CLOSE_REASON_LABELS[closeReason]}）` : ''}`,
      milestones: ms.join('\n'),
      result: r.result_kind ? `${RESULT_KIND_LABELS[r.result_kind as ResultKind]}：${r.result_text ?? ''}` : '',
      reply: r.reply_text ?? '',
      unitProgress: '',
      evaluation: r.evaluation ? EVALUATION_RATING_LABELS[r.evaluation as EvaluationRating] : r.close_reason === 'unevaluated' ? '未评价' : '',
      evaluationComment: r.evaluation_comment ?? '',
      closedAt: local(pgInstant(r.closed_at)),
    };
  });
}

function presentSubmission(s: repo.SubmissionRow | null) {
  if (!s) return null;
  return { submittedOn: s.submittedOn, submittedByName: s.submittedByName, note: s.note, appealCount: s.appealCount, recordedAt: s.createdAt.toISOString() };
}

/** Status of a month's report: due date, whether it was submitted (and when, by whom), how many appeals. */
export async function status(ctx: AuthedCtx, month: string) {
  const now = appealClock.now();
  const { from, to } = monthBounds(month);
  const [rows, sub] = [await leaderReportRows(ctx.db, ctx.actor.tenantId, from, to), await repo.getSubmission(ctx.db, ctx.actor.tenantId, month)];
  const dueAt = reportDueAt(month);
  return {
    month,
    dueAt: dueAt.toISOString(),
    remindOn: reportRemindOn(month),
    appealCount: rows.length,
    submitted: sub !== null,
    submission: presentSubmission(sub),
    overdue: sub === null && now.getTime() >= dueAt.getTime(),
    submittedLate: sub !== null && sub.submittedOn >= `${month}-${String(LEADER_REPORT_DUE_DAY).padStart(2, '0')}`,
  };
}

/**
 * R6.5 a month's report lines with what each lead unit wrote and confirmed for the month
 * (escalation.unit-rows.ts): "…（张三 12-21 确认）", "…（未确认）" or 未填报.
 */
export async function monthLines(db: DbOrTx, tenantId: string, month: string, now: Date): Promise<ReportLine[]> {
  const lines = await leaderReportLines(db, tenantId, monthBounds(month), now);
  const rows = new Map((await unitRowsOfMonth(db, tenantId, month)).map((r) => [r.appealId, r]));
  return lines.map((l) => {
    const r = rows.get(l.appealId);
    const progress = r?.progress.trim();
    const unitProgress = !progress
      ? '未填报'
      : r!.confirmedAt
        ? `${progress}（${r!.confirmedByName ?? ''} ${local(r!.confirmedAt).slice(5)} 确认）`
        : `${progress}（未确认）`;
    return { ...l, unitProgress };
  });
}

/** The report workbook (Chinese headers, one row per appeal). */
export async function workbook(ctx: AuthedCtx, month: string): Promise<Buffer> {
  const now = appealClock.now();
  const data = await monthLines(ctx.db, ctx.actor.tenantId, month, now);
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  wb.created = now;
  const ws = wb.addWorksheet(REPORT_SHEET);
  const [y, m] = month.split('-');
  ws.addRow([`省政府领导转办企业诉求事项办理情况（${y}年${Number(m)}月）`]);
  ws.mergeCells(1, 1, 1, REPORT_HEADERS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([`报送截止：${y}年${Number(m)}月${LEADER_REPORT_DUE_DAY}日前　共 ${data.length} 件　导出时间：${local(now)}`]);
  ws.mergeCells(2, 1, 2, REPORT_HEADERS.length);
  const head = ws.addRow([...REPORT_HEADERS]);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  const widths = [6, 24, 17, 28, 30, 18, 14, 46, 36, 40, 36, 10, 24, 17];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  data.forEach((l, i) => {
    const row = ws.addRow([
      i + 1,
      l.number,
      l.receivedAt,
      l.enterpriseName,
      l.title,
      l.leadUnitName,
      l.state,
      l.milestones,
      l.result,
      l.reply,
      l.unitProgress,
      l.evaluation,
      l.evaluationComment,
      l.closedAt,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  // Issue 16: report downloads are audited (the .docx of the same report too, modules/reports).
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'leader_report.download',
      entity: 'leader_report',
      entityId: month,
      summary: `下载省政府领导转办事项 ${month} 月报（Excel，${data.length} 件）`,
      after: { month, format: 'xlsx', appealCount: data.length },
    }),
  );
  return buf;
}

/** R6.5 records that the month's report was submitted to the provincial general office (once per month). */
export async function submit(ctx: AuthedCtx, input: { month: string; submittedOn: string; note?: string | null }) {
  const actor = ctx.actor;
  const today = shanghaiDate(appealClock.now());
  if (input.submittedOn > today) throw invalid({ submittedOn: '报送日期不能晚于今天' });
  if (input.submittedOn < `${input.month}-01`) throw invalid({ submittedOn: '报送日期不能早于报告月份' });
  await withTx(ctx, async (tx) => {
    const { from, to } = monthBounds(input.month);
    const count = (await leaderReportRows(tx, actor.tenantId, from, to)).length;
    const row = await repo.insertSubmission(tx, {
      tenantId: actor.tenantId,
      month: input.month,
      dueAt: reportDueAt(input.month),
      submittedOn: input.submittedOn,
      submittedBy: actor.userId,
      submittedByName: actor.displayName,
      note: input.note ?? '',
      appealCount: count,
    });
    if (!row) {
      const cur = await repo.getSubmission(tx, actor.tenantId, input.month);
      throw new AppError(ErrorCode.CONFLICT, `${input.month} 的月报已于 ${cur?.submittedOn} 由${cur?.submittedByName}登记报送`, {
        details: { current: presentSubmission(cur) },
      });
    }
    await audit(tx, ctx, {
      action: 'leader_report.submit',
      entity: 'leader_report',
      entityId: `${input.month}`,
      summary: `省政府领导转办事项 ${input.month} 月报已报送省政府办公厅（${input.submittedOn}，${count} 件）`,
      after: { month: input.month, submittedOn: input.submittedOn, appealCount: count, note: row.note },
    });
  });
  return status(ctx, input.month);
}

/**
 * R6.5 reminder task: on the 20th (Asia/Shanghai) — or on a later day before the 25th if the task
 * could not run on the 20th — notifies 办公室 (the tenant's intake users) of the month's report when
 * it has appeals and is not submitted yet. Once per tenant and month: the notification's source key.
 * Every tenant unless `tenantIds` is given.
 */
export async function remindLeaderReports(
  db: Db,
  now: Date,
  opts: { tenantIds?: readonly string[] } = {},
): Promise<{ month: string; skipped?: string; tenants: number; created: number }> {
  const month = monthOf(now);
  const day = dayOfMonth(now);
  if (day < LEADER_REPORT_REMIND_DAY) return { month, skipped: 'before-remind-day', tenants: 0, created: 0 };
  if (day >= LEADER_REPORT_DUE_DAY) return { month, skipped: 'past-due-day', tenants: 0, created: 0 };
  const { from, to } = monthBounds(month);
  const due = await repo.tenantsToRemind(db, month, from, to, opts.tenantIds);
  const [y, m] = month.split('-');
  const created = await insertNotifications(
    db,
    due.map((t) => ({
      tenant_id: t.tenant_id,
      type: 'leader_report_due',
      role: 'intake',
      title: `省政府领导转办事项月报待报送（${y}年${Number(m)}月）`,
      body: `本月省政府领导转办企业诉求 ${t.n} 件，请于${Number(m)}月${LEADER_REPORT_DUE_DAY}日前将办理情况报送省政府办公厅，并在“月度报送”中登记。`,
      source_key: `leader-report:${t.tenant_id}:${month}`,
    })),
  );
  return { month, tenants: due.length, created };
}
