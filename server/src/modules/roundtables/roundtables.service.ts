// Roundtables (R5.*, R7.1): 政企沟通圆桌会、座谈会、走进企业家会客厅. The provincial government (or the
// department, for its own symposiums) holds the meeting; the department's units prepare and follow it
// up. Before: appeals collected within a period (staff entry; the portal form of invited enterprises),
// topics, invited enterprises and their replies (portal notice + SMS outbox), the leaders' attendance
// (R5.3, 办公室). On the day: every item answered on site (a closed appeal, as the appeals' 当场答复)
// or turned into a tracked appeal (channel 座谈会/会客厅) for a unit — one step per item, through the
// appeals module's intake in the same transaction. Minutes with findings and what follows (R7.1).
// After: the follow-up list with every appeal's live state, 办结 when all are closed; a .docx.
// The state machine is the table in domain/roundtables/transitions.ts. Every change: one transaction
// with its audit row; record changes carry the version they read (stale → 409 with the current record).
// This file: the record, its items, the minutes and the .docx; the reads and who may do what:
// roundtables.read.ts; the invitations, the leaders' attendance and the portal's list: roundtables.invitations.ts.
import { APPEAL_CATEGORY_LABELS, type AppealCategory } from '../../../../shared/appeals.ts';
import {
  ROUNDTABLE_KIND_LABELS,
  leadRuleText,
  type ItemSource,
  type RoundtableAction,
  type RoundtableKind,
  type RoundtableOrganiser,
} from '../../../../shared/roundtables.ts';
import type { DbOrTx } from '../../db/client.ts';
import { roundtableItems, roundtables } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { appealClock, receiveWithin } from '../appeals/index.ts';
import { enterpriseById } from '../enterprises/index.ts';
import { activeUnitsById, coordinatorUnit, unitName } from '../units/index.ts';
import { getTenant } from '../tenants/index.ts';
import { minutesDocx } from './roundtables.docx.ts';
import * as repo from './roundtables.repository.ts';

export { roundtableOwner as owner } from './roundtables.repository.ts';
import { allow, conflict, CREATOR_ROLES, guards, meeting, present, presentItem, UNIT_ROLES } from './roundtables.read.ts';

// ---------------------------------------------------------------- R5.2 the lead unit

/**
 * R5.2: a meeting touching one unit is run by that unit (it works directly with 省政府办公厅);
 * touching several, 政策法规处 (the tenant's coordinating unit) leads the liaison and coordinates the
 * others. Computed here at create and on every change of units; a stated lead unit that contradicts
 * the rule is refused.
 */
export async function leadUnitFor(db: DbOrTx, tenantId: string, unitIds: string[], stated?: string | null) {
  const ids = [...new Set(unitIds)];
  if (!ids.length) throw invalid({ unitIds: '请选择会议事项涉及的处室' });
  const found = await activeUnitsById(db, tenantId, ids);
  if (found.size !== ids.length) throw invalid({ unitIds: '所选处室不存在或已撤销' });
  let lead: { id: string; name: string };
  if (ids.length === 1) lead = found.get(ids[0])!;
  else {
    const coordinator = await coordinatorUnit(db, tenantId);
    if (!coordinator) throw invalid({ unitIds: '会议事项涉及多个处室时由政策法规处牵头（R5.2），本单位未设统筹协调处室' });
    lead = coordinator;
  }
  if (stated && stated !== lead.id) {
    throw invalid({
      leadUnitId:
        ids.length === 1 ? `会议事项只涉及一个处室，应由该处室（${lead.name}）直接对接（R5.2）` : `会议事项涉及多个处室，应由${lead.name}牵头（R5.2）`,
    });
  }
  return { ids, units: ids.map((i) => found.get(i)!), lead };
}

// ---------------------------------------------------------------- the record

export type RecordInput = {
  kind: RoundtableKind;
  organiser: RoundtableOrganiser;
  title: string;
  topics: string;
  meetingDate: string;
  place: string;
  collectFrom: string;
  collectUntil: string;
  unitIds: string[];
  leadUnitId?: string | null;
};

function checkPeriod(input: Pick<RecordInput, 'collectFrom' | 'collectUntil' | 'meetingDate'>) {
  const fields: Record<string, string> = {};
  if (input.collectFrom > input.collectUntil) fields.collectUntil = '征集截止日期不能早于开始日期';
  if (input.collectUntil > input.meetingDate) fields.collectUntil = '诉求征集须在会议召开前截止';
  if (Object.keys(fields).length) throw invalid(fields);
}

/** A unit role may record a meeting only for its own unit as lead; 政策法规处 and 办公室 for any. */
function checkCreator(actor: Actor, leadUnitId: string) {
  if (actor.roles.some((r) => (CREATOR_ROLES as readonly string[]).includes(r))) return;
  if (actor.unitId === leadUnitId && actor.roles.some((r) => (UNIT_ROLES as readonly string[]).includes(r))) return;
  throw new AppError(ErrorCode.FORBIDDEN, '只有政策法规处、办公室或牵头处室可以登记会议');
}

export async function create(ctx: AuthedCtx, input: RecordInput) {
  const actor = ctx.actor;
  checkPeriod(input);
  return withTx(ctx, async (tx) => {
    const lead = await leadUnitFor(tx, actor.tenantId, input.unitIds, input.leadUnitId);
    checkCreator(actor, lead.lead.id);
    const r = await repo.insertRoundtable(tx, {
      tenantId: actor.tenantId,
      kind: input.kind,
      organiser: input.organiser,
      title: input.title,
      topics: input.topics,
      meetingDate: input.meetingDate,
      place: input.place,
      collectFrom: input.collectFrom,
      collectUntil: input.collectUntil,
      unitIds: lead.ids,
      leadUnitId: lead.lead.id,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await audit(tx, ctx, {
      action: 'roundtable.create',
      entity: 'roundtable',
      entityId: r.id,
      summary: `登记${ROUNDTABLE_KIND_LABELS[r.kind]}「${r.title}」（${r.meetingDate}），${leadRuleText(lead.ids.length, lead.lead.name)}`,
      after: r,
    });
    return present(tx, actor, r);
  });
}

export async function edit(ctx: AuthedCtx, id: string, input: RecordInput & { version: number }) {
  const actor = ctx.actor;
  checkPeriod(input);
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    await allow(tx, actor, r, 'edit');
    // R5.2 enforced again when the units change.
    const lead = await leadUnitFor(tx, actor.tenantId, input.unitIds, input.leadUnitId);
    const { before, after } = await updateVersioned(
      tx,
      roundtables,
      { id, tenantId: actor.tenantId, version: input.version },
      {
        kind: input.kind,
        organiser: input.organiser,
        title: input.title,
        topics: input.topics,
        meetingDate: input.meetingDate,
        place: input.place,
        collectFrom: input.collectFrom,
        collectUntil: input.collectUntil,
        unitIds: lead.ids,
        leadUnitId: lead.lead.id,
      },
      '会议',
      (row) => present(tx, actor, row),
    );
    const unitsChanged = before.leadUnitId !== after.leadUnitId || before.unitIds.join() !== after.unitIds.join();
    await audit(tx, ctx, {
      action: 'roundtable.edit',
      entity: 'roundtable',
      entityId: id,
      summary: `修改会议「${after.title}」${unitsChanged ? `；涉及处室变更，${leadRuleText(lead.ids.length, lead.lead.name)}` : ''}`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

/** close_collection, open, close, cancel: the record's own state changes (guards by the data here). */
export async function transition(
  ctx: AuthedCtx,
  id: string,
  input: { action: 'close_collection' | 'open' | 'close' | 'cancel'; version: number; reason?: string | null },
) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    const to = await allow(tx, actor, r, input.action);
    const set: Record<string, unknown> = { state: to };
    if (input.action === 'cancel') {
      if (!input.reason) throw invalid({ reason: '取消会议须说明原因' });
      set.cancelReason = input.reason;
    }
    if (input.action === 'close') {
      // After: closed only when every appeal born in the meeting is closed.
      const view = await present(tx, actor, r);
      const why = guards(view.items).close;
      if (why) throw conflict(`不能办结：${why}`);
      set.closedAt = appealClock.now();
    }
    const { before, after } = await updateVersioned(tx, roundtables, { id, tenantId: actor.tenantId, version: input.version }, set, '会议', (row) =>
      present(tx, actor, row),
    );
    const label = { close_collection: '结束诉求征集', open: '开始会议', close: '办结会议', cancel: '取消会议' }[input.action];
    await audit(tx, ctx, {
      action: `roundtable.${input.action}`,
      entity: 'roundtable',
      entityId: id,
      summary: `${label}「${after.title}」${input.reason ? `，原因：${input.reason}` : ''}`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

// ---------------------------------------------------------------- items

export type ItemInput = {
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  contactName: string;
  contactPhone: string;
  category: AppealCategory;
  title: string;
  content: string;
};

/**
 * An appeal item: collected before the meeting (staff entry, or an invited enterprise through the
 * portal within the collection period), or raised in the room (source on_site).
 */
export async function addItem(ctx: AuthedCtx, id: string, input: ItemInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    await allow(tx, actor, r, 'add_item');
    let source: ItemSource = r.state === 'in_session' ? 'on_site' : 'staff';
    let enterpriseId = input.enterpriseId ?? null;
    if (actor.kind === 'enterprise') {
      source = 'portal';
      enterpriseId = actor.enterpriseId ?? null;
      const today = shanghaiDate(appealClock.now());
      if (today < r.collectFrom || today > r.collectUntil) throw conflict(`诉求征集期为${r.collectFrom}至${r.collectUntil}，当前不在征集期内`);
    }
    let enterpriseName = input.enterpriseName ?? '';
    if (enterpriseId) {
      const e = await enterpriseById(tx, actor.tenantId, enterpriseId);
      if (!e) throw invalid({ enterpriseId: '本单位企业名录中没有该企业' });
      enterpriseName = e.name;
    } else if (!enterpriseName) throw invalid({ enterpriseName: '请选择名录中的企业，或填写企业名称' });
    const item = await repo.insertItem(tx, {
      tenantId: actor.tenantId,
      roundtableId: id,
      source,
      enterpriseId,
      enterpriseName,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      category: input.category,
      title: input.title,
      content: input.content,
      createdByName: actor.kind === 'enterprise' ? `企业用户 ${actor.displayName}` : actor.displayName,
    });
    await audit(tx, ctx, {
      action: 'roundtable.item.add',
      entity: 'roundtable',
      entityId: id,
      summary: `会议「${r.title}」登记诉求事项「${item.title}」（${enterpriseName}，${APPEAL_CATEGORY_LABELS[item.category]}）`,
      after: item,
    });
    return presentItem(tx, actor.tenantId, item);
  });
}

/**
 * On the day, one step per item: answered on site (the appeal is created closed, as the appeals'
 * 当场答复, R6.1) or turned into a tracked appeal dispatched to a unit; channel 座谈会/会客厅. The item
 * and its appeal commit together (the appeals module's intake inside this transaction).
 */
export async function disposeItem(ctx: AuthedCtx, id: string, input: { itemId: string; version: number; answer?: string | null; unitId?: string | null }) {
  const actor = ctx.actor;
  const action: RoundtableAction = input.answer ? 'answer_item' : 'item_to_appeal';
  if (input.answer && input.unitId) throw invalid({ unitId: '当场答复的事项无需转办处室' });
  if (!input.answer && !input.unitId) throw invalid({ unitId: '请选择办理处室，或填写当场答复内容' });
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    await allow(tx, actor, r, action);
    const item = await repo.getItem(tx, actor.tenantId, id, input.itemId);
    if (!item) throw notFound('诉求事项');
    if (item.version !== input.version) {
      throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: await presentItem(tx, actor.tenantId, item) } });
    }
    if (item.disposition !== 'pending') throw conflict('该事项已处理');
    const appeal = await receiveWithin(tx, ctx, {
      enterpriseId: item.enterpriseId,
      enterpriseName: item.enterpriseId ? null : item.enterpriseName,
      contactName: item.contactName,
      contactPhone: item.contactPhone,
      channel: 'roundtable',
      category: item.category,
      title: item.title,
      content: `${item.content}\n（来源：${ROUNDTABLE_KIND_LABELS[r.kind]}「${r.title}」，${r.meetingDate}）`,
      answerOnSpot: input.answer ?? null,
      dispatch: input.unitId ? { leadUnitId: input.unitId } : null,
    });
    const { after } = await updateVersioned(
      tx,
      roundtableItems,
      { id: item.id, tenantId: actor.tenantId, version: input.version },
      {
        disposition: input.answer ? 'answered' : 'appeal',
        answer: input.answer ?? null,
        unitId: input.unitId ?? null,
        appealId: appeal.id,
        disposedByName: actor.displayName,
        disposedAt: appealClock.now(),
      },
      '诉求事项',
      (row) => presentItem(tx, actor.tenantId, row),
    );
    await audit(tx, ctx, {
      action: `roundtable.item.${input.answer ? 'answer' : 'appeal'}`,
      entity: 'roundtable',
      entityId: id,
      summary: input.answer
        ? `会议「${r.title}」当场答复「${item.title}」，诉求 ${appeal.number} 办结`
        : `会议「${r.title}」将「${item.title}」转为诉求 ${appeal.number} 交${(await unitName(tx, input.unitId ?? null)) ?? ''}办理`,
      before: item,
      after,
    });
    return present(tx, actor, r);
  });
}

// ---------------------------------------------------------------- minutes (R7.1)

/**
 * R7.1 no formalism: the minutes state what was found and what follows, or they are refused; every
 * collected item has been answered on site or turned into an appeal first.
 */
export async function recordMinutes(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; minutes: string; findings?: string | null; followUp?: string | null },
) {
  const actor = ctx.actor;
  const fields: Record<string, string> = {};
  if (!input.findings?.trim()) fields.findings = '会议纪要须写明发现的问题和企业反映的主要情况（R7.1）';
  if (!input.followUp?.trim()) fields.followUp = '会议纪要须写明后续工作安排（R7.1）';
  if (Object.keys(fields).length) throw invalid(fields, '会议纪要须写明发现的问题和后续安排（R7.1）');
  return withTx(ctx, async (tx) => {
    const r = await meeting(tx, actor, id, true);
    const to = await allow(tx, actor, r, 'record_minutes');
    const view = await present(tx, actor, r);
    const why = guards(view.items).record_minutes;
    if (why) throw conflict(`不能录入会议纪要：${why}`);
    const { before, after } = await updateVersioned(
      tx,
      roundtables,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: to, minutes: input.minutes, findings: input.findings, followUp: input.followUp, minutesByName: actor.displayName, minutesAt: appealClock.now() },
      '会议',
      (row) => present(tx, actor, row),
    );
    await audit(tx, ctx, {
      action: 'roundtable.minutes',
      entity: 'roundtable',
      entityId: id,
      summary: `录入会议「${r.title}」纪要（R7.1），转入会后跟踪`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

export async function loadForDocument(ctx: AuthedCtx, id: string) {
  const r = await meeting(ctx.db, ctx.actor, id);
  if (!r.minutesAt) throw conflict('会议纪要尚未录入，不能导出');
  return present(ctx.db, ctx.actor, r);
}

/** The .docx of the minutes and the follow-up list (R5.1, R7.1); the download is audited. */
export async function minutesDocument(ctx: AuthedCtx, id: string) {
  const m = await loadForDocument(ctx, id);
  const tenant = await getTenant(ctx.db, ctx.actor.tenantId);
  const data = await minutesDocx(m, tenant?.name ?? '', appealClock.now());
  await withTx(ctx, (tx) =>
    audit(tx, ctx, { action: 'roundtable.download', entity: 'roundtable', entityId: id, summary: `导出会议「${m.title}」纪要及跟踪清单（.docx）` }),
  );
  return { data, filename: `${m.meetingDate} ${m.title}会议纪要.docx` };
}
