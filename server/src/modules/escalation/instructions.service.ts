// 领导批示 (R3.5 major matters reported to leaders, R6.3 escalation; issue 17 "leaders get 督办 notices
// but have no way to act"): a leader writes an instruction on an appeal of their portfolio; the
// appeal's lead unit acknowledges it (签收批示) and later reports how it was carried out (落实情况).
// The workflow is the table of domain/instructions/transitions.ts. Every change: one transaction
// with the audit row, a timeline event on the appeal and the notification (to the lead unit when
// issued, to the leader when acknowledged or reported); updates carry their version (stale → 409).
import type { InstructionAction, InstructionState } from '../../../../shared/escalation.ts';
import { APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { leaderInstructions } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { addDaysIso, shanghaiDate } from '../../domain/calendar/index.ts';
import { allowedInstructionActions, checkInstructionTransition, type InstructionParty } from '../../domain/instructions/transitions.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealBrief as readAppealBrief, appealClock, canSee, recordTimelineEvent, type AppealBrief } from '../appeals/index.ts';
import { getTenantCalendar } from '../calendar/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import * as repo from './instructions.repository.ts';

export { instructionOwner } from './instructions.repository.ts';

const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

/** R6.3/leader 批示: who the caller is to this instruction (the table's parties). */
export function partiesOf(actor: Actor, i: { leaderUserId: string; unitId: string }): InstructionParty[] {
  const out: InstructionParty[] = [];
  if (hasRole(actor, 'leader') && actor.userId === i.leaderUserId) out.push('leader');
  if (hasRole(actor, ...UNIT_ROLES) && actor.unitId !== null && actor.unitId === i.unitId) out.push('unit');
  return out;
}

/** Seen like its appeal, or by the unit that must acknowledge it (the lead unit may have changed since). */
export function canSeeInstruction(actor: Actor, owner: { tenantId: string; unitId?: string | null; coUnitIds?: string[]; responsibleUnitId?: string }) {
  if (owner.tenantId !== actor.tenantId) return false;
  if (owner.responsibleUnitId && actor.unitId === owner.responsibleUnitId) return true;
  return canSee(actor, { tenantId: owner.tenantId, leadUnitId: owner.unitId ?? null, coUnitIds: owner.coUnitIds ?? [] });
}

/** R6.3/leader 批示: a leader writes on an open appeal they see (their portfolio) that has a lead unit. */
const mayIssue = (actor: Actor, a: AppealBrief) => hasRole(actor, 'leader') && a.state !== 'closed' && a.leadUnitId !== null;

/** The requested date as the deadline instant: 24:00 of that day (00:00 of the next, Asia/Shanghai). */
const dueAtOf = (day: string | null) => (day ? new Date(`${addDaysIso(day, 1)}T00:00:00+08:00`).toISOString() : null);

export function present(i: repo.InstructionListRow, actor: Actor) {
  return {
    id: i.id,
    appealId: i.appealId,
    appealNumber: i.number,
    appealTitle: i.appealTitle,
    unitId: i.unitId,
    unitName: i.unitName,
    leaderName: i.leaderName,
    text: i.text,
    dueDate: i.dueDate,
    dueAt: dueAtOf(i.dueDate),
    state: i.state as InstructionState,
    issuedAt: iso(i.issuedAt)!,
    acknowledgedByName: i.acknowledgedByName,
    acknowledgedAt: iso(i.acknowledgedAt),
    acknowledgeNote: i.acknowledgeNote,
    reportedByName: i.reportedByName,
    reportedAt: iso(i.reportedAt),
    report: i.report,
    version: i.version,
    allowedActions: allowedInstructionActions(i.state as InstructionState, partiesOf(actor, i)),
  };
}

async function appealOf(db: DbOrTx, actor: Actor, appealId: string, lock: boolean) {
  const a = await readAppealBrief(db, actor.tenantId, appealId, lock ? 'update' : undefined);
  if (!a || !canSee(actor, a)) throw notFound('诉求');
  return a;
}

async function view(db: DbOrTx, actor: Actor, id: string) {
  const r = await repo.instructionById(db, actor.tenantId, id);
  if (!r) throw notFound('批示');
  return present(r, actor);
}

/** The appeal's 领导批示 card. */
export async function ofAppeal(ctx: AuthedCtx, appealId: string) {
  const a = await appealOf(ctx.db, ctx.actor, appealId, false);
  const rows = await repo.instructionsOfAppeal(ctx.db, ctx.actor.tenantId, appealId);
  return { appealId, items: rows.map((r) => present(r, ctx.actor)), canIssue: mayIssue(ctx.actor, a) };
}

/** R6.3/leader 批示: the requested completion date is a working day of the tenant's calendar, today or later. */
async function checkDueDate(db: DbOrTx, tenantId: string, day: string) {
  if (day < shanghaiDate(appealClock.now())) throw invalid({ dueDate: '要求完成日期不能早于今天' });
  const cal = await getTenantCalendar(db, tenantId);
  let workday: boolean;
  try {
    workday = cal.isWorkday(day);
  } catch {
    throw invalid({ dueDate: `${day.slice(0, 4)} 年节假日安排尚未载入，请另选日期` });
  }
  if (!workday) throw invalid({ dueDate: '要求完成日期应为工作日' });
}

export async function issue(ctx: AuthedCtx, appealId: string, input: { text: string; dueDate?: string | null }) {
  const actor = ctx.actor;
  const id = await withTx(ctx, async (tx) => {
    const a = await appealOf(tx, actor, appealId, true);
    if (!hasRole(actor, 'leader')) throw new AppError(ErrorCode.FORBIDDEN, '只有厅领导可以批示');
    if (a.state === 'closed')
      throw new AppError(ErrorCode.INVALID_TRANSITION, `诉求当前为「${APPEAL_STATE_LABELS.closed}」，不能批示`, { details: { state: a.state } });
    if (!a.leadUnitId) throw new AppError(ErrorCode.INVALID_TRANSITION, '诉求尚未派至主办处室，暂不能批示', { details: { state: a.state } });
    if (input.dueDate) await checkDueDate(tx, actor.tenantId, input.dueDate);
    const row = await repo.insertInstruction(tx, {
      tenantId: actor.tenantId,
      appealId,
      unitId: a.leadUnitId,
      leaderUserId: actor.userId,
      leaderName: actor.displayName,
      text: input.text,
      dueDate: input.dueDate ?? null,
      state: 'issued',
      issuedAt: appealClock.now(),
    });
    const due = input.dueDate ? `，要求 ${input.dueDate} 前完成` : '';
    await recordTimelineEvent(tx, actor, a, 'instruction_issue', {
      instructionId: row.id,
      dueDate: input.dueDate ?? null,
      summary: `${actor.displayName}批示：${input.text}${due}`,
    });
    await insertNotifications(tx, [
      {
        tenant_id: actor.tenantId,
        type: 'instruction',
        unit_id: a.leadUnitId,
        appeal_id: appealId,
        title: `领导批示：${a.number}`,
        body: `${actor.displayName}对「${a.title}」作出批示：${input.text}${due}。请签收并抓好落实。`,
        source_key: `instruction:${row.id}:issue`,
      },
    ]);
    await audit(tx, ctx, {
      action: 'instruction.issue',
      entity: 'leader_instruction',
      entityId: row.id,
      summary: `${a.number} 领导批示：${input.text}`,
      after: { state: row.state, appealId, unitId: row.unitId, dueDate: row.dueDate, version: row.version },
    });
    return row.id;
  });
  return view(ctx.db, actor, id);
}

/** The two unit steps: lock, version (409), table check, update, timeline, notification to the leader, audit. */
async function step(ctx: AuthedCtx, id: string, version: number, action: InstructionAction, set: (now: Date) => Record<string, unknown>, note: string | null) {
  const actor = ctx.actor;
  await withTx(ctx, async (tx: Tx) => {
    const cur = await repo.lockInstruction(tx, actor.tenantId, id);
    if (!cur) throw notFound('批示');
    if (cur.version !== version) {
      throw new AppError(ErrorCode.VERSION_CONFLICT, '批示已被他人更新，请刷新后重试', { details: { current: await view(tx, actor, id) } });
    }
    const c = checkInstructionTransition(cur.state, action, partiesOf(actor, cur));
    if (!c.ok) throw new AppError(c.status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_TRANSITION, c.message, { details: { state: cur.state } });
    // The acknowledging unit may no longer be a party of the appeal (lead unit changed): it reaches it through its 批示.
    const a = await appealOf(tx, { ...actor, scope: 'tenant' }, cur.appealId, true);
    const { after } = await updateVersioned(
      tx,
      leaderInstructions,
      { id, tenantId: actor.tenantId, version },
      { state: c.next, ...set(appealClock.now()) },
      '批示',
      () => view(tx, actor, id),
    );
    const what = action === 'acknowledge' ? '签收' : '反馈落实情况';
    const summary = action === 'acknowledge' ? `签收${cur.leaderName}批示${note ? `：${note}` : ''}` : `反馈${cur.leaderName}批示落实情况：${note}`;
    await recordTimelineEvent(tx, actor, a, `instruction_${action}`, { instructionId: id, summary });
    await insertNotifications(tx, [
      {
        tenant_id: actor.tenantId,
        type: 'instruction',
        user_id: cur.leaderUserId,
        appeal_id: cur.appealId,
        title: `批示已${what}：${a.number}`,
        body: `${actor.displayName}已${what}您对「${a.title}」的批示${note ? `：${note}` : ''}`,
        source_key: `instruction:${id}:${action}`,
      },
    ]);
    await audit(tx, ctx, {
      action: `instruction.${action}`,
      entity: 'leader_instruction',
      entityId: id,
      summary: `${a.number} ${summary}`,
      before: { state: cur.state, version: cur.version },
      after: { state: after.state, version: after.version },
    });
  });
  return view(ctx.db, actor, id);
}

/** R6.3/leader 批示: the lead unit acknowledges (签收), with an optional note on how it will be carried out. */
export async function acknowledge(ctx: AuthedCtx, id: string, input: { version: number; note?: string | null }) {
  const note = input.note || null;
  return step(
    ctx,
    id,
    input.version,
    'acknowledge',
    (now) => ({ acknowledgedByName: ctx.actor.displayName, acknowledgedAt: now, acknowledgeNote: note }),
    note,
  );
}

/** R6.3/leader 批示: the lead unit reports how it was carried out (落实情况), which the leader reads. */
export async function report(ctx: AuthedCtx, id: string, input: { version: number; report: string }) {
  return step(ctx, id, input.version, 'report', (now) => ({ reportedByName: ctx.actor.displayName, reportedAt: now, report: input.report }), input.report);
}
