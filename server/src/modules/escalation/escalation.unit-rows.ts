// R6.5 is the handling units' report: the measures give the monthly report on provincial leaders'
// transfers to "相关处室、单位". From the 20th (Asia/Shanghai) each lead unit writes its rows (办理情况)
// and confirms them; 办公室 compiles the report and registers the submission before the 25th, seeing
// which units have not confirmed. The reminder on the 20th goes to those units too.
import { LEADER_REPORT_DUE_DAY, LEADER_REPORT_REMIND_DAY } from '../../../../shared/escalation.ts';
import type { Db } from '../../db/client.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, recordTimelineEvent } from '../appeals/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { leaderReportLines, type ReportLine } from './escalation.report.ts';
import { dayOfMonth, monthBounds, monthOf, previousMonth } from './escalation.months.ts';
import * as repo from './escalation.unit-rows.repository.ts';
import { getSubmission, tenantsToRemind } from './escalation.repository.ts';

const OFFICE = ['intake', 'coordinator'] as const;
const UNIT = ['unit_staff', 'liaison', 'unit_head'] as const;

/** From the 20th of the month (and before the submission is registered) units write their rows. */
function writeRefusal(month: string, now: Date): string | null {
  const current = monthOf(now);
  if (month > current) return '该月尚未开始';
  if (month === current && dayOfMonth(now) < LEADER_REPORT_REMIND_DAY) return `每月${LEADER_REPORT_REMIND_DAY}日起填报本月办理情况`;
  return null;
}

function present(line: ReportLine, row: repo.UnitRow | undefined, canWrite: boolean) {
  return {
    appealId: line.appealId,
    number: line.number,
    title: line.title,
    enterpriseName: line.enterpriseName,
    leadUnitId: line.leadUnitId,
    leadUnitName: line.leadUnitName,
    state: line.state,
    milestones: line.milestones,
    progress: row?.progress ?? '',
    confirmedAt: iso(row?.confirmedAt ?? null),
    confirmedByName: row?.confirmedByName ?? null,
    canWrite,
  };
}

/** The month's rows: a unit sees its own (as lead unit); 办公室 all, with each unit's confirmation. */
export async function unitRows(ctx: AuthedCtx, month: string) {
  const actor = ctx.actor;
  const now = appealClock.now();
  const office = hasRole(actor, ...OFFICE);
  const lines = await leaderReportLines(ctx.db, actor.tenantId, monthBounds(month), now);
  const rows = new Map((await repo.rowsOfMonth(ctx.db, actor.tenantId, month)).map((r) => [r.appealId, r]));
  const submitted = Boolean(await getSubmission(ctx.db, actor.tenantId, month));
  const refusal = submitted ? '本月月报已登记报送' : writeRefusal(month, now);
  const mine = lines.filter((l) => office || (l.leadUnitId !== null && l.leadUnitId === actor.unitId));
  const items = mine.map((l) => present(l, rows.get(l.appealId), !refusal && hasRole(actor, ...UNIT) && l.leadUnitId === actor.unitId));
  // 办公室: per unit, confirmed or not (an appeal not yet dispatched has no unit to write it).
  const byUnit = new Map<string, { unitId: string; unitName: string; rows: number; confirmed: number }>();
  for (const l of lines) {
    if (!l.leadUnitId) continue;
    const u = byUnit.get(l.leadUnitId) ?? { unitId: l.leadUnitId, unitName: l.leadUnitName, rows: 0, confirmed: 0 };
    u.rows++;
    if (rows.get(l.appealId)?.confirmedAt) u.confirmed++;
    byUnit.set(l.leadUnitId, u);
  }
  const units = [...byUnit.values()].map((u) => ({ ...u, allConfirmed: u.confirmed === u.rows }));
  return {
    month,
    writeRefusal: refusal,
    items,
    total: items.length,
    units: office ? units : units.filter((u) => u.unitId === actor.unitId),
    unconfirmedUnits: office ? units.filter((u) => !u.allConfirmed).map((u) => u.unitName) : [],
  };
}

/** A unit writes (and, with `confirm`, confirms) its row for an appeal of the month. */
export async function writeUnitRow(ctx: AuthedCtx, month: string, appealId: string, input: { progress: string; confirm: boolean }) {
  const actor = ctx.actor;
  const now = appealClock.now();
  await withTx(ctx, async (tx) => {
    if (await getSubmission(tx, actor.tenantId, month)) throw new AppError(ErrorCode.CONFLICT, '本月月报已登记报送，不能再修改');
    const why = writeRefusal(month, now);
    if (why) throw new AppError(ErrorCode.CONFLICT, why);
    const line = (await leaderReportLines(tx, actor.tenantId, monthBounds(month), now)).find((l) => l.appealId === appealId);
    if (!line) throw notFound('月报中的诉求');
    if (!hasRole(actor, ...UNIT) || line.leadUnitId === null || line.leadUnitId !== actor.unitId) {
      throw new AppError(ErrorCode.FORBIDDEN, '只有该诉求的主办处室可以填报办理情况');
    }
    const progress = input.progress.trim();
    if (input.confirm && !progress) throw invalid({ progress: '确认前请填写办理情况' });
    const before = await repo.lockRow(tx, actor.tenantId, month, appealId);
    await repo.upsertRow(tx, {
      tenantId: actor.tenantId,
      month,
      appealId,
      unitId: line.leadUnitId,
      progress,
      confirmedAt: input.confirm ? now : null,
      confirmedBy: input.confirm ? actor.userId : null,
      confirmedByName: input.confirm ? actor.displayName : null,
      updatedAt: now,
    });
    const what = `${month} 省政府领导转办事项月报：${input.confirm ? '确认' : '填报'}办理情况`;
    await recordTimelineEvent(tx, actor, { id: appealId, tenantId: actor.tenantId, state: line.state }, 'leader_report_row', {
      month,
      confirmed: input.confirm,
      summary: `${what}：${progress}`,
    });
    await audit(tx, ctx, {
      action: input.confirm ? 'leader_report.row_confirm' : 'leader_report.row_write',
      entity: 'appeal',
      entityId: appealId,
      summary: `${line.number} ${what}`,
      before: before ? { progress: before.progress, confirmedAt: iso(before.confirmedAt) } : null,
      after: { progress, confirmed: input.confirm },
    });
  });
  return unitRows(ctx, month);
}

/**
 * R6.5 reminder to the handling units: from the 20th until the 24th, each lead unit with rows not yet
 * confirmed in the month's report hears it once (source key per unit and month). Every tenant unless
 * `tenantIds` is given.
 */
export async function remindUnits(db: Db, now: Date, opts: { tenantIds?: readonly string[] } = {}): Promise<{ created: number }> {
  const month = monthOf(now);
  const day = dayOfMonth(now);
  if (day < LEADER_REPORT_REMIND_DAY || day >= LEADER_REPORT_DUE_DAY) return { created: 0 };
  const tenants = await tenantsToRemind(db, month, monthBounds(month).from, monthBounds(month).to, opts.tenantIds);
  const out: Parameters<typeof insertNotifications>[1] = [];
  const [y, m] = month.split('-');
  for (const { tenant_id: tenantId } of tenants) {
    const lines = await leaderReportLines(db, tenantId, monthBounds(month), now);
    const rows = new Map((await repo.rowsOfMonth(db, tenantId, month)).map((r) => [r.appealId, r]));
    const units = new Map<string, number>();
    for (const l of lines) if (l.leadUnitId && !rows.get(l.appealId)?.confirmedAt) units.set(l.leadUnitId, (units.get(l.leadUnitId) ?? 0) + 1);
    for (const [unitId, n] of units) {
      out.push({
        tenant_id: tenantId,
        type: 'leader_report_due',
        unit_id: unitId,
        title: `省政府领导转办事项办理情况待填报（${y}年${Number(m)}月）`,
        body: `本处室主办的省政府领导转办企业诉求 ${n} 件，请在“月度报送”中填报并确认办理情况，办公室于${Number(m)}月${LEADER_REPORT_DUE_DAY}日前汇总报送省政府办公厅。`,
        source_key: `leader-report-unit:${tenantId}:${unitId}:${month}`,
      });
    }
  }
  return { created: out.length ? await insertNotifications(db, out) : 0 };
}

/**
 * R6.5 the handling unit's to-do (the home page, issue 17): rows of the current month whose lead unit
 * is the caller's and which are not yet confirmed, while the unit may write them (from the 20th until
 * 办公室 registers the submission) — the same rows and window unitRows() offers for writing. null for
 * an account that writes no rows (no unit role or no unit).
 */
export async function unconfirmedRowsOfUnit(ctx: AuthedCtx): Promise<{ month: string; count: number } | null> {
  const actor = ctx.actor;
  if (!hasRole(actor, ...UNIT) || !actor.unitId) return null;
  const now = appealClock.now();
  const current = monthOf(now);
  // Issue 17: last month's rows stay to be written until 办公室 registers that report (it is often
  // compiled in the first days of the next month); the earlier month with rows open comes first.
  for (const month of [previousMonth(current), current]) {
    if (writeRefusal(month, now) || (await getSubmission(ctx.db, actor.tenantId, month))) continue;
    const lines = await leaderReportLines(ctx.db, actor.tenantId, monthBounds(month), now);
    const rows = new Map((await repo.rowsOfMonth(ctx.db, actor.tenantId, month)).map((r) => [r.appealId, r]));
    const count = lines.filter((l) => l.leadUnitId === actor.unitId && !rows.get(l.appealId)?.confirmedAt).length;
    if (count) return { month, count };
  }
  return { month: current, count: 0 };
}
