// Escalation of appeals (R3.5, R6.3–R6.5): 厅长办公会 agenda items raised by the lead unit
// (proposed → scheduled → decided, or withdrawn; follow-up actions done later), 省政府常务会议 items
// recorded by 办公室 (materials, attending leaders, outcome), and the monthly 报送 of appeals
// transferred by provincial government leaders (xlsx, reminder on the 20th, due before the 25th).
// Every change: one transaction with the audit row and a timeline event on the appeal; updates
// carry the version they read (stale → 409 VERSION_CONFLICT with the current record). The 省政府常务会议
// items: escalation.executive.ts.
import { sql } from 'drizzle-orm';
import { APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import { AGENDA_STATE_LABELS, type AgendaState } from '../../../../shared/escalation.ts';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.ts';
import { agendaActions, agendaItems } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealBrief as readAppealBrief, appealClock, canSee, recordTimelineEvent, type AppealBrief } from '../appeals/index.ts';
import { activeUnitsById } from '../units/index.ts';
import { tenantName } from '../tenants/index.ts';
import * as repo from './escalation.repository.ts';

/** Policy resources: an item or action is seen like its appeal (tenant, lead and co-handling units). */
export { agendaActionOwner, agendaItemOwner, executiveItemOwner } from './escalation.repository.ts';

const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

// ---------------------------------------------------------------- the appeal behind an item

/** The appeal behind an item, visible to the caller (or 404); `lock`: FOR UPDATE, so the item's change and the appeal's actions do not interleave. */
export async function appealBrief(db: DbOrTx, actor: Actor, appealId: string, lock: boolean): Promise<AppealBrief> {
  const brief = await readAppealBrief(db, actor.tenantId, appealId, lock ? 'update' : undefined);
  if (!brief || !canSee(actor, brief)) throw notFound('诉求');
  return brief;
}

/** One timeline event on the appeal (appeal_events is append-only; the appeal row is not changed). */
export async function timeline(tx: Tx, ctx: AuthedCtx, a: AppealBrief, type: string, payload: Record<string, unknown>) {
  await recordTimelineEvent(tx, ctx.actor, a, type, payload);
}

const forbidden = (message: string) => new AppError(ErrorCode.FORBIDDEN, message);
const wrongState = (message: string, state: string) => new AppError(ErrorCode.INVALID_TRANSITION, message, { details: { state } });

/** 409 on a stale version; the body shows the current record exactly as the normal read presents it (issue 12). */
export async function staleCheck<T extends { version: number }>(row: T | null, version: number, what: string, present: (r: T) => Promise<unknown>): Promise<T> {
  if (!row) throw notFound(what);
  if (row.version !== version) {
    throw new AppError(ErrorCode.VERSION_CONFLICT, `${what}已被他人更新，请刷新后重试`, { details: { current: await present(row) } });
  }
  return row;
}

/** A follow-up action as GET /api/appeals/:id/escalation shows it (inside its agenda item). */
async function actionView(db: DbOrTx, actor: Actor, itemId: string, actionId: string) {
  return (await itemView(db, actor, itemId)).actions.find((x) => x.id === actionId);
}

async function lockItem(tx: Tx, tenantId: string, id: string) {
  const [r] = await tx.select().from(agendaItems).where(sql`${agendaItems.id} = ${id} AND ${agendaItems.tenantId} = ${tenantId}`).for('update');
  return r ?? null;
}

// ---------------------------------------------------------------- presentation

type ItemWithUnit = repo.AgendaItemRow & { unitName?: string };
type ActionWithUnit = repo.AgendaActionRow & { unitName?: string };

function presentAction(x: ActionWithUnit, actor: Actor) {
  return {
    id: x.id,
    itemId: x.itemId,
    description: x.description,
    unitId: x.unitId,
    unitName: x.unitName ?? '',
    dueDate: x.dueDate,
    done: x.doneAt !== null,
    doneAt: iso(x.doneAt),
    doneByName: x.doneByName,
    doneNote: x.doneNote,
    version: x.version,
    canComplete: x.doneAt === null && canCompleteAction(actor, x.unitId),
  };
}

function presentItem(i: ItemWithUnit, actions: ActionWithUnit[], actor: Actor) {
  const allowed: string[] = [];
  const open = i.state === 'proposed' || i.state === 'scheduled';
  if (open && hasRole(actor, 'intake')) allowed.push('schedule');
  if (i.state === 'scheduled' && hasRole(actor, 'intake')) allowed.push('decide');
  if (open && mayWithdraw(actor, i)) allowed.push('withdraw');
  return {
    id: i.id,
    appealId: i.appealId,
    unitId: i.unitId,
    unitName: i.unitName ?? '',
    title: i.title,
    background: i.background,
    request: i.request,
    state: i.state as AgendaState,
    proposedByName: i.proposedByName,
    proposedAt: iso(i.proposedAt)!,
    meetingDate: i.meetingDate,
    scheduledByName: i.scheduledByName,
    scheduledAt: iso(i.scheduledAt),
    decision: i.decision,
    decidedByName: i.decidedByName,
    decidedAt: iso(i.decidedAt),
    withdrawnReason: i.withdrawnReason,
    withdrawnByName: i.withdrawnByName,
    withdrawnAt: iso(i.withdrawnAt),
    version: i.version,
    actions: actions.filter((x) => x.itemId === i.id).map((x) => presentAction(x, actor)),
    allowedActions: allowed,
  };
}
export type AgendaItemView = ReturnType<typeof presentItem>;

export function presentMeeting(
  m: repo.ExecutiveItemRow & { attachmentName?: string | null; leaders?: { id: string; name: string; title: string }[] },
  actor: Actor,
) {
  return {
    id: m.id,
    appealId: m.appealId,
    meetingDate: m.meetingDate,
    materials: m.materials,
    attachmentId: m.attachmentId,
    attachmentName: m.attachmentName ?? null,
    leaderIds: m.leaderIds,
    leaders: m.leaders ?? [],
    outcome: m.outcome,
    recordedByName: m.recordedByName,
    createdAt: iso(m.createdAt)!,
    updatedAt: iso(m.updatedAt)!,
    version: m.version,
    canEdit: hasRole(actor, 'intake'),
  };
}

// ---------------------------------------------------------------- rules

/** R6.3 the agenda item is raised by the handling unit: the head of the appeal's lead unit. */
const mayPropose = (actor: Actor, a: AppealBrief) => hasRole(actor, 'unit_head') && actor.unitId !== null && actor.unitId === a.leadUnitId;
const mayWithdraw = (actor: Actor, i: { unitId: string }) => hasRole(actor, 'intake') || (hasRole(actor, 'unit_head') && actor.unitId === i.unitId);
const canCompleteAction = (actor: Actor, unitId: string) => hasRole(actor, 'intake') || (hasRole(actor, ...UNIT_ROLES) && actor.unitId === unitId);

/** Visibility of a follow-up action: its appeal's parties, or the responsible unit. */
export function canSeeItem(actor: Actor, owner: { tenantId: string; unitId?: string | null; coUnitIds?: string[] }) {
  return canSee(actor, { tenantId: owner.tenantId, leadUnitId: owner.unitId ?? null, coUnitIds: owner.coUnitIds ?? [] });
}

export function canSeeAction(actor: Actor, owner: { tenantId: string; unitId?: string | null; coUnitIds?: string[]; responsibleUnitId?: string }) {
  if (owner.tenantId !== actor.tenantId) return false;
  if (owner.responsibleUnitId && actor.unitId === owner.responsibleUnitId) return true;
  return canSee(actor, { tenantId: owner.tenantId, leadUnitId: owner.unitId ?? null, coUnitIds: owner.coUnitIds ?? [] });
}

// ---------------------------------------------------------------- reading

/** The appeal's "议题与报送" card. */
export async function ofAppeal(ctx: AuthedCtx, appealId: string) {
  const actor = ctx.actor;
  const a = await appealBrief(ctx.db, actor, appealId, false);
  const { items, actions, meetings } = await repo.escalationOfAppeal(ctx.db, actor.tenantId, appealId);
  const hasOpen = items.some((i) => i.state === 'proposed' || i.state === 'scheduled');
  return {
    appealId,
    agendaItems: items.map((i) => presentItem(i, actions, actor)),
    executiveItems: meetings.map((m) => presentMeeting(m, actor)),
    canPropose: mayPropose(actor, a) && a.state !== 'closed' && !hasOpen,
    canRecordExecutive: hasRole(actor, 'intake'),
    transferredFrom: await originItems(ctx.db, actor, a),
  };
}

/**
 * Issue 22: an appeal the province transferred to this city leaves its agenda and executive-meeting
 * items with the province (their units and leaders are the province's); the city sees them here,
 * read-only, beside its own.
 */
async function originItems(db: DbOrTx, actor: Actor, a: AppealBrief) {
  if (!a.originTenantId) return null;
  const prior = await repo.escalationOfAppeal(db, a.originTenantId, a.id);
  if (!prior.items.length && !prior.meetings.length) return null;
  return {
    tenantName: (await tenantName(db, a.originTenantId)) || '省厅',
    // Read-only: no action on the province's items from the city.
    agendaItems: prior.items.map((i) => {
      const v = presentItem(i, prior.actions, actor);
      return { ...v, allowedActions: [], actions: v.actions.map((x) => ({ ...x, canComplete: false })) };
    }),
    executiveItems: prior.meetings.map((m) => ({ ...presentMeeting(m, actor), canEdit: false })),
  };
}

async function itemView(db: DbOrTx, actor: Actor, id: string) {
  const i = await repo.getAgendaItem(db, actor.tenantId, id);
  if (!i) throw notFound('议题');
  const { items, actions } = await repo.escalationOfAppeal(db, actor.tenantId, i.appealId);
  return presentItem(items.find((x) => x.id === id)!, actions, actor);
}

// ---------------------------------------------------------------- R6.3 厅长办公会 agenda items

export async function propose(ctx: AuthedCtx, appealId: string, input: { title: string; background: string; request: string }) {
  const actor = ctx.actor;
  const id = await withTx(ctx, async (tx) => {
    const a = await appealBrief(tx, actor, appealId, true);
    if (!mayPropose(actor, a)) throw forbidden('只有主办处室负责人可以提报厅长办公会议题');
    if (a.state === 'closed') throw wrongState(`诉求当前为「${APPEAL_STATE_LABELS.closed}」，不能提报议题`, a.state);
    const [open] = await queryRows<{ id: string }>(
      tx,
      sql`
      SELECT id FROM agenda_items WHERE appeal_id = ${appealId} AND tenant_id = ${actor.tenantId} AND state IN ('proposed', 'scheduled') LIMIT 1`,
    );
    if (open) throw wrongState('该诉求已有待上会的议题，请先撤回或待其研究决定', a.state);
    const item = await repo.insertAgendaItem(tx, {
      tenantId: actor.tenantId,
      appealId,
      unitId: actor.unitId!,
      title: input.title,
      background: input.background,
      request: input.request,
      state: 'proposed',
      proposedBy: actor.userId,
      proposedByName: actor.displayName,
      proposedAt: appealClock.now(),
    });
    await timeline(tx, ctx, a, 'agenda_propose', { agendaItemId: item.id, title: input.title, summary: `议题：${input.title}；提请研究：${input.request}` });
    await audit(tx, ctx, {
      action: 'agenda.propose',
      entity: 'agenda_item',
      entityId: item.id,
      summary: `${a.number} 提报厅长办公会议题：${input.title}`,
      after: { state: item.state, appealId, title: input.title, version: item.version },
    });
    return item.id;
  });
  return itemView(ctx.db, actor, id);
}

/** Shared path of the item transitions: lock, version, state, update, timeline, audit. */
async function transition(
  ctx: AuthedCtx,
  id: string,
  version: number,
  opts: {
    action: 'schedule' | 'decide' | 'withdraw';
    from: AgendaState[];
    check?: (i: repo.AgendaItemRow) => void;
    set: (i: repo.AgendaItemRow, now: Date) => Record<string, unknown>;
    event: string;
    payload: (i: repo.AgendaItemRow) => Record<string, unknown>;
    summary: (i: repo.AgendaItemRow) => string;
    after?: (tx: Tx, i: repo.AgendaItemRow) => Promise<void>;
  },
) {
  const actor = ctx.actor;
  await withTx(ctx, async (tx) => {
    const cur = await staleCheck(await lockItem(tx, actor.tenantId, id), version, '议题', () => itemView(tx, actor, id));
    const a = await appealBrief(tx, actor, cur.appealId, true);
    opts.check?.(cur);
    if (!opts.from.includes(cur.state as AgendaState)) {
      throw wrongState(
        `议题当前为「${AGENDA_STATE_LABELS[cur.state as AgendaState]}」，不能执行此操作（仅「${opts.from.map((s) => AGENDA_STATE_LABELS[s]).join('、')}」时可以）`,
        cur.state,
      );
    }
    const now = appealClock.now();
    const { after } = await updateVersioned(tx, agendaItems, { id, tenantId: actor.tenantId, version }, opts.set(cur, now), '议题', () =>
      itemView(tx, actor, id),
    );
    if (opts.after) await opts.after(tx, after);
    await timeline(tx, ctx, a, opts.event, { agendaItemId: id, title: cur.title, ...opts.payload(after) });
    await audit(tx, ctx, {
      action: `agenda.${opts.action}`,
      entity: 'agenda_item',
      entityId: id,
      summary: `${a.number} ${opts.summary(after)}`,
      before: { state: cur.state, version: cur.version, meetingDate: cur.meetingDate },
      after: { state: after.state, version: after.version, meetingDate: after.meetingDate, decision: after.decision },
    });
  });
  return itemView(ctx.db, actor, id);
}

/** R6.3 办公室 puts the item on a meeting date (also re-schedules a scheduled item). */
export async function schedule(ctx: AuthedCtx, id: string, input: { version: number; meetingDate: string; note?: string | null }) {
  return transition(ctx, id, input.version, {
    action: 'schedule',
    from: ['proposed', 'scheduled'],
    check: () => {
      if (!hasRole(ctx.actor, 'intake')) throw forbidden('只有办公室（诉求受理）可以安排上会');
    },
    set: (_i, now) => ({ state: 'scheduled', meetingDate: input.meetingDate, scheduledByName: ctx.actor.displayName, scheduledAt: now }),
    event: 'agenda_schedule',
    payload: (i) => ({ meetingDate: i.meetingDate, summary: `议题「${i.title}」安排于 ${i.meetingDate} 厅长办公会${input.note ? `；${input.note}` : ''}` }),
    summary: (i) => `厅长办公会议题「${i.title}」安排上会：${i.meetingDate}`,
  });
}

/** R6.3 the meeting's decision with follow-up actions (responsible unit, due date). */
export async function decide(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; decision: string; actions: { description: string; unitId: string; dueDate: string }[] },
) {
  const actor = ctx.actor;
  return transition(ctx, id, input.version, {
    action: 'decide',
    from: ['scheduled'],
    check: () => {
      if (!hasRole(actor, 'intake')) throw forbidden('只有办公室（诉求受理）可以录入会议决定');
    },
    set: (_i, now) => ({ state: 'decided', decision: input.decision, decidedByName: actor.displayName, decidedAt: now }),
    after: async (tx, item) => {
      const units = await activeUnitsById(tx, actor.tenantId, [...new Set(input.actions.map((x) => x.unitId))]);
      const fields: Record<string, string> = {};
      input.actions.forEach((x, n) => {
        if (!units.has(x.unitId)) fields[`actions.${n}.unitId`] = '责任处室不存在或已停用';
      });
      if (Object.keys(fields).length) throw invalid(fields);
      await repo.insertAgendaActions(
        tx,
        input.actions.map((x, n) => ({
          tenantId: actor.tenantId,
          itemId: item.id,
          appealId: item.appealId,
          description: x.description,
          unitId: x.unitId,
          dueDate: x.dueDate,
          sortOrder: n,
        })),
      );
    },
    event: 'agenda_decide',
    payload: (i) => ({
      meetingDate: i.meetingDate,
      decision: input.decision,
      actions: input.actions,
      summary: `${i.meetingDate} 厅长办公会决定：${input.decision}${input.actions.length ? `；落实事项 ${input.actions.length} 项` : ''}`,
    }),
    summary: (i) => `厅长办公会议题「${i.title}」研究决定：${input.decision}`,
  });
}

export async function withdraw(ctx: AuthedCtx, id: string, input: { version: number; reason: string }) {
  const actor = ctx.actor;
  return transition(ctx, id, input.version, {
    action: 'withdraw',
    from: ['proposed', 'scheduled'],
    check: (i) => {
      if (!mayWithdraw(actor, i)) throw forbidden('只有提报处室负责人或办公室可以撤回议题');
    },
    set: (_i, now) => ({ state: 'withdrawn', withdrawnReason: input.reason, withdrawnByName: actor.displayName, withdrawnAt: now }),
    event: 'agenda_withdraw',
    payload: (i) => ({ reason: input.reason, summary: `撤回议题「${i.title}」：${input.reason}` }),
    summary: (i) => `撤回厅长办公会议题「${i.title}」：${input.reason}`,
  });
}

/** R6.3 a follow-up action is marked done by its responsible unit (or 办公室). */
export async function completeAction(ctx: AuthedCtx, actionId: string, input: { version: number; note: string }) {
  const actor = ctx.actor;
  const itemId = await withTx(ctx, async (tx) => {
    const [cur] = await tx
      .select()
      .from(agendaActions)
      .where(sql`${agendaActions.id} = ${actionId} AND ${agendaActions.tenantId} = ${actor.tenantId}`)
      .for('update');
    const x = await staleCheck(cur ?? null, input.version, '落实事项', (r) => actionView(tx, actor, r.itemId, r.id));
    if (!canCompleteAction(actor, x.unitId)) throw forbidden('只有责任处室或办公室可以办结落实事项');
    if (x.doneAt) throw wrongState('该落实事项已办结', 'done');
    // The responsible unit may be outside the appeal's parties: it reaches the appeal through its action.
    const a = await appealBrief(tx, { ...actor, scope: 'tenant' }, x.appealId, true);
    const now = appealClock.now();
    const { after } = await updateVersioned(
      tx,
      agendaActions,
      { id: actionId, tenantId: actor.tenantId, version: input.version },
      { doneAt: now, doneByName: actor.displayName, doneNote: input.note },
      '落实事项',
      () => actionView(tx, actor, x.itemId, x.id),
    );
    await timeline(tx, ctx, a, 'agenda_action_done', {
      agendaItemId: x.itemId,
      agendaActionId: x.id,
      summary: `落实事项「${x.description}」已办结：${input.note}`,
    });
    await audit(tx, ctx, {
      action: 'agenda.complete_action',
      entity: 'agenda_action',
      entityId: x.id,
      summary: `${a.number} 厅长办公会落实事项「${x.description}」办结：${input.note}`,
      before: { done: false, version: x.version },
      after: { done: true, version: after.version, note: input.note },
    });
    return x.itemId;
  });
  return itemView(ctx.db, actor, itemId);
}
