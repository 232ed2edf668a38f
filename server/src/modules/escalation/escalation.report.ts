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
import { LEADER_REPORT_REMIND_DAY, LEADER_REPORT_DUE_DAY } from '../../../../shared/escalation.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { formatShanghai, shanghaiDate } from '../../domain/calendar/index.ts';
import { milestoneStateOf } from '../../domain/appeals/clock.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { pgInstant } from '../appeals/appeals.repository.ts';
import { appealClock, tenantEnv } from '../appeals/appeals.service.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { dayOfMonth, monthBounds, monthOf, reportDueAt, reportRemindOn } from './escalation.months.ts';
import * as repo from './escalation.repository.ts';

export const REPORT_SHEET = '省政府领导转办事项';
export const REPORT_HEADERS = ['序号', '编号', '受理时间', '企业', '诉求标题', '主办处室', '办理状态', '三个环节完成情况', '办理结果', '答复内容', '企业评价', '评价意见', '办结时间'] as const;

/** 'YYYY-MM-DD HH:mm' in Shanghai time. */
const local = (d: Date | null) => (d ? formatShanghai(d).slice(0, 16).replace('T', ' ') : '');

type ReportLine = {
  appealId: string;
  number: string;
  receivedAt: string;
  enterpriseName: string;
  title: string;
  leadUnitName: string;
  state: string;
  milestones: string;
  result: string;
  reply: string;
  evaluation: string;
  evaluationComment: string;
  closedAt: string;
};

async function lines(db: DbOrTx, tenantId: string, month: string, now: Date): Promise<ReportLine[]> {
  const { from, to } = monthBounds(month);
  const rows = await repo.leaderReportRows(db, tenantId, from, to);
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
      state: `${APPEAL_STATE_LABELS[r.state as AppealState] ?? r.state}${r.state === 'closed' && closeReason ? `（${CLOSE_REASON_LABELS[closeReason]}）` : ''}`,
      milestones: ms.join('\n'),
      result: r.result_kind ? `${RESULT_KIND_LABELS[r.result_kind as ResultKind]}：${r.result_text ?? ''}` : '',
      reply: r.reply_text ?? '',
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
  const [rows, sub] = [await repo.leaderReportRows(ctx.db, ctx.actor.tenantId, from, to), await repo.getSubmission(ctx.db, ctx.actor.tenantId, month)];
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

/** The report workbook (Chinese headers, one row per appeal). */
export async function workbook(ctx: AuthedCtx, month: string): Promise<Buffer> {
  const now = appealClock.now();
  const data = await lines(ctx.db, ctx.actor.tenantId, month, now);
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
  const widths = [6, 24, 17, 28, 30, 18, 14, 46, 36, 40, 10, 24, 17];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  data.forEach((l, i) => {
    const row = ws.addRow([i + 1, l.number, l.receivedAt, l.enterpriseName, l.title, l.leadUnitName, l.state, l.milestones, l.result, l.reply, l.evaluation, l.evaluationComment, l.closedAt]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** R6.5 records that the month's report was submitted to the provincial general office (once per month). */
export async function submit(ctx: AuthedCtx, input: { month: string; submittedOn: string; note?: string | null }) {
  const actor = ctx.actor;
  const today = shanghaiDate(appealClock.now());
  if (input.submittedOn > today) throw invalid({ submittedOn: '报送日期不能晚于今天' });
  if (input.submittedOn < `${input.month}-01`) throw invalid({ submittedOn: '报送日期不能早于报告月份' });
  await withTx(ctx, async (tx) => {
    const { from, to } = monthBounds(input.month);
    const count = (await repo.leaderReportRows(tx, actor.tenantId, from, to)).length;
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
      throw new AppError(ErrorCode.CONFLICT, `${input.month} 的月报已于 ${cur?.submittedOn} 由${cur?.submittedByName}登记报送`, { details: { current: presentSubmission(cur) } });
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
 */
export async function remindLeaderReports(db: Db, now: Date): Promise<{ month: string; skipped?: string; tenants: number; created: number }> {
  const month = monthOf(now);
  const day = dayOfMonth(now);
  if (day < LEADER_REPORT_REMIND_DAY) return { month, skipped: 'before-remind-day', tenants: 0, created: 0 };
  if (day >= LEADER_REPORT_DUE_DAY) return { month, skipped: 'past-due-day', tenants: 0, created: 0 };
  const { from, to } = monthBounds(month);
  const due = await repo.tenantsToRemind(db, month, from, to);
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
