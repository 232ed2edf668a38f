// R7.2 / R7.4 supervision by 机关党委. An item is opened on an appeal, a unit or a contact point (R1.*)
// with a responsible unit; 机关党委 asks the unit for an explanation with a
// deadline, the unit answers, 机关党委 concludes: 通报 (a numbered notice to units, .docx), 约谈 (the
// meeting record with the unit head: findings and rectification items with owners and deadlines,
// tracked to done) or commendation (通报表扬), or no action. Lifecycles: the tables of
// domain/supervision/transitions.ts. Every change: one transaction with its audit row; updates carry
// the version they read (409 on a stale one). Units see and answer their own items; others get 404.
import { formatChineseDay } from '../../../../shared/format.ts';
import {
  INTERVIEW_STATE_LABELS,
  SUPERVISION_CATEGORY_LABELS,
  SUPERVISION_OUTCOME_LABELS,
  SUPERVISION_STATE_LABELS,
  SUPERVISION_TARGET_LABELS,
  type SupervisionCategory,
  type SupervisionOutcome,
  type SupervisionTarget,
} from '../../../../shared/supervision.ts';
import { shanghaiParts } from '../../../../shared/format.ts';
import type { DbOrTx } from '../../db/client.ts';
import { supervisionInterviews, supervisionItems, rectificationItems } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import {
  allowedInterviewActions,
  allowedItemActions,
  checkInterviewTransition,
  checkItemTransition,
  type Check,
  type SupervisionParty,
} from '../../domain/supervision/transitions.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealBrief } from '../appeals/index.ts';
import { contactPointBrief } from '../contacts/index.ts';
import { POINT_KIND_LABELS } from '../../../../shared/contacts.ts';
import { insertNotifications } from '../notifications/index.ts';
import { activeUnitsById } from '../units/index.ts';
import * as repo from './supervision.repository.ts';

export { itemOwner, rectificationOwner } from './supervision.repository.ts';

const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

export function partiesOf(actor: Actor, unitId: string): SupervisionParty[] {
  const p: SupervisionParty[] = [];
  if (hasRole(actor, 'oversight')) p.push('oversight');
  if (hasRole(actor, ...UNIT_ROLES) && actor.unitId === unitId) p.push('unit');
  return p;
}

/** 机关党委 and 厅领导 see every item of the tenant; a unit its own (R7.2: units see and answer their own). */
export function canSeeItem(actor: Actor, owner: { tenantId: string; unitId?: string | null }) {
  if (owner.tenantId !== actor.tenantId) return false;
  if (hasRole(actor, 'oversight', 'leader')) return true;
  return hasRole(actor, ...UNIT_ROLES) && !!actor.unitId && actor.unitId === owner.unitId;
}

function guard<S>(c: Check<S>, state: string): S {
  if (!c.ok) throw new AppError(c.status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_TRANSITION, c.message, { details: { state } });
  return c.next;
}

const yearNow = (now: Date) => shanghaiParts(now)!.year;

// ---------------------------------------------------------------- presentation

type Bundle = { notices: repo.NoticeRow[]; interviews: repo.InterviewRow[]; rects: repo.RectificationRow[]; unitNames: Map<string, { name: string }> };

async function bundleOf(db: DbOrTx, tenantId: string, items: repo.ItemRow[]): Promise<Bundle> {
  const ids = items.map((i) => i.id);
  const [notices, interviews] = [await repo.noticesOf(db, tenantId, ids), await repo.interviewsOf(db, tenantId, ids)];
  const rects = await repo.rectificationsOf(
    db,
    tenantId,
    interviews.map((x) => x.id),
  );
  const unitIds = new Set<string>(items.map((i) => i.unitId));
  for (const n of notices) for (const u of n.recipientUnitIds) unitIds.add(u);
  return { notices, interviews, rects, unitNames: await activeUnitsById(db, tenantId, [...unitIds]) };
}

export const noticeNumber = (n: { year: number; serial: number }) => `机关党委通报〔${n.year}〕${n.serial}号`;

function present(i: repo.ItemRow, b: Bundle, actor: Actor) {
  const parties = partiesOf(actor, i.unitId);
  const n = b.notices.find((x) => x.itemId === i.id) ?? null;
  const iv = b.interviews.find((x) => x.itemId === i.id) ?? null;
  const rects = iv ? b.rects.filter((r) => r.interviewId === iv.id) : [];
  const ivParties = iv ? partiesOf(actor, iv.unitId) : [];
  const mayCompleteItem = iv ? checkInterviewTransition(iv.state, 'complete_item', ivParties).ok : false;
  return {
    id: i.id,
    year: i.year,
    targetType: i.targetType,
    targetTypeLabel: SUPERVISION_TARGET_LABELS[i.targetType],
    targetId: i.targetId,
    appealId: i.appealId,
    targetLabel: i.targetLabel,
    unitId: i.unitId,
    unitName: b.unitNames.get(i.unitId)?.name ?? '（已停用处室）',
    category: i.category,
    categoryLabel: SUPERVISION_CATEGORY_LABELS[i.category],
    description: i.description,
    state: i.state,
    stateLabel: SUPERVISION_STATE_LABELS[i.state],
    explanationRequest: i.explanationRequest,
    explanationDue: i.explanationDue,
    explanation: i.explanation,
    explainedByName: i.explainedByName,
    explainedAt: iso(i.explainedAt),
    outcome: i.outcome,
    outcomeLabel: i.outcome ? SUPERVISION_OUTCOME_LABELS[i.outcome] : null,
    conclusion: i.conclusion,
    concludedByName: i.concludedByName,
    concludedAt: iso(i.concludedAt),
    openedByName: i.openedByName,
    createdAt: iso(i.createdAt)!,
    version: i.version,
    allowedActions: allowedItemActions(i.state, parties),
    notice: n
      ? {
          id: n.id,
          number: noticeNumber(n),
          kind: n.kind,
          title: n.title,
          body: n.body,
          recipients: n.recipientUnitIds.map((u) => b.unitNames.get(u)?.name ?? '（已停用处室）'),
          issuedByName: n.issuedByName,
          issuedAt: iso(n.issuedAt)!,
        }
      : null,
    interview: iv
      ? {
          id: iv.id,
          heldOn: iv.heldOn,
          unitHeadName: iv.unitHeadName,
          interviewerNames: iv.interviewerNames,
          findings: iv.findings,
          state: iv.state,
          stateLabel: INTERVIEW_STATE_LABELS[iv.state],
          completedByName: iv.completedByName,
          completedAt: iso(iv.completedAt),
          recordedByName: iv.recordedByName,
          version: iv.version,
          allowedActions: allowedInterviewActions(iv.state, ivParties).filter((a) => a !== 'complete' || rects.every((r) => r.doneAt)),
          rectifications: rects.map((r) => ({
            id: r.id,
            description: r.description,
            ownerName: r.ownerName,
            dueDate: r.dueDate,
            done: r.doneAt !== null,
            doneAt: iso(r.doneAt),
            doneNote: r.doneNote,
            doneByName: r.doneByName,
            version: r.version,
            canComplete: r.doneAt === null && mayCompleteItem,
          })),
        }
      : null,
  };
}
export type SupervisionItemView = ReturnType<typeof present>;

async function viewOf(db: DbOrTx, actor: Actor, id: string) {
  const i = await repo.getItem(db, actor.tenantId, id);
  if (!i || !canSeeItem(actor, i)) throw notFound('督导事项');
  return present(i, await bundleOf(db, actor.tenantId, [i]), actor);
}

async function lockItem(db: DbOrTx, actor: Actor, id: string) {
  const i = await repo.getItem(db, actor.tenantId, id, true);
  if (!i || !canSeeItem(actor, i)) throw notFound('督导事项');
  return i;
}

/** The 409 body: the item as GET shows it. */
const presenter = (db: DbOrTx, actor: Actor, id: string) => () => viewOf(db, actor, id);

// ---------------------------------------------------------------- reading

export async function list(ctx: AuthedCtx, f: { year?: number; unitId?: string }) {
  const actor = ctx.actor;
  const onlyUnitId = hasRole(actor, 'oversight', 'leader') ? undefined : actor.unitId;
  const items = await repo.listItems(ctx.db, { tenantId: actor.tenantId, year: f.year, unitId: f.unitId, onlyUnitId });
  const b = await bundleOf(ctx.db, actor.tenantId, items);
  return { items: items.map((i) => present(i, b, actor)), canOpen: hasRole(actor, 'oversight') };
}

export const get = (ctx: AuthedCtx, id: string) => viewOf(ctx.db, ctx.actor, id);

// ---------------------------------------------------------------- changes

export type OpenInput = {
  targetType: SupervisionTarget;
  appealId?: string | null;
  unitId?: string | null;
  targetId?: string | null;
  category: SupervisionCategory;
  description: string;
};

export async function open(ctx: AuthedCtx, input: OpenInput, now = new Date()) {
  const actor = ctx.actor;
  if (!hasRole(actor, 'oversight')) throw new AppError(ErrorCode.FORBIDDEN, '只有机关党委可以立项督导');
  return withTx(ctx, async (tx) => {
    let unitId = input.unitId ?? null;
    let targetLabel: string;
    let appealId: string | null = null;
    let targetId: string | null = null;
    switch (input.targetType) {
      case 'appeal': {
        if (!input.appealId) throw invalid({ appealId: '请选择督导的诉求' });
        const a = await appealBrief(tx, actor.tenantId, input.appealId);
        if (!a) throw invalid({ appealId: '诉求不存在' });
        unitId ??= a.leadUnitId;
        if (!unitId) throw invalid({ unitId: '该诉求尚未分派主办处室，请指定责任处室' });
        appealId = a.id;
        targetId = a.id;
        targetLabel = `${a.number} ${a.title}`;
        break;
      }
      case 'unit': {
        if (!unitId) throw invalid({ unitId: '请选择责任处室' });
        targetLabel = '';
        break;
      }
      case 'contact_point': {
        // R7.2 an item on a contact point (R1.*): the unit holding it answers, unless another is named.
        if (!input.targetId) throw invalid({ targetId: '请选择督导的包保联系点' });
        const p = await contactPointBrief(tx, actor.tenantId, input.targetId);
        if (!p) throw invalid({ targetId: '包保联系点不存在' });
        unitId ??= p.unitId;
        targetId = p.id;
        targetLabel = `${POINT_KIND_LABELS[p.kind]}（${p.holder}）：${p.enterpriseName}`;
        break;
      }
    }
    const unit = (await activeUnitsById(tx, actor.tenantId, [unitId])).get(unitId);
    if (!unit) throw invalid({ unitId: '责任处室不存在或已停用' });
    if (input.targetType === 'unit') targetLabel = unit.name;
    const i = await repo.insertItem(tx, {
      tenantId: actor.tenantId,
      year: yearNow(now),
      targetType: input.targetType,
      targetId,
      appealId,
      targetLabel: targetLabel!,
      unitId,
      category: input.category,
      description: input.description,
      openedBy: actor.userId,
      openedByName: actor.displayName,
      createdAt: now,
    });
    await audit(tx, ctx, {
      action: 'supervision.open',
      entity: 'supervision_item',
      entityId: i.id,
      summary: `对${unit.name}立项督导（${SUPERVISION_CATEGORY_LABELS[input.category]}）：${targetLabel!}`,
      after: { targetType: input.targetType, targetId, appealId, unitId, category: input.category },
    });
    return viewOf(tx, actor, i.id);
  });
}

export async function requestExplanation(ctx: AuthedCtx, id: string, input: { version: number; request: string; due: string }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const i = await lockItem(tx, actor, id);
    guard(checkItemTransition(i.state, 'request_explanation', partiesOf(actor, i.unitId)), i.state);
    await updateVersioned(
      tx,
      supervisionItems,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: 'awaiting_explanation', explanationRequest: input.request, explanationDue: input.due },
      '督导事项',
      presenter(tx, actor, id),
    );
    await insertNotifications(tx, [
      {
        tenant_id: actor.tenantId,
        type: 'supervision',
        unit_id: i.unitId,
        title: '机关党委要求作出情况说明',
        body: `${i.targetLabel}：请于${formatChineseDay(input.due)}前提交情况说明。`,
        source_key: `supervision:${id}:explain:${i.version}`,
      },
    ]);
    await audit(tx, ctx, {
      action: 'supervision.request_explanation',
      entity: 'supervision_item',
      entityId: id,
      summary: `要求处室就「${i.targetLabel}」于${formatChineseDay(input.due)}前作出说明`,
      before: { state: i.state },
      after: { state: 'awaiting_explanation', due: input.due },
    });
    return viewOf(tx, actor, id);
  });
}

export async function explain(ctx: AuthedCtx, id: string, input: { version: number; explanation: string }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const i = await lockItem(tx, actor, id);
    guard(checkItemTransition(i.state, 'explain', partiesOf(actor, i.unitId)), i.state);
    await updateVersioned(
      tx,
      supervisionItems,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: 'explained', explanation: input.explanation, explainedByName: actor.displayName, explainedAt: now },
      '督导事项',
      presenter(tx, actor, id),
    );
    await audit(tx, ctx, {
      action: 'supervision.explain',
      entity: 'supervision_item',
      entityId: id,
      summary: `处室就「${i.targetLabel}」提交情况说明`,
      before: { state: i.state },
      after: { state: 'explained' },
    });
    return viewOf(tx, actor, id);
  });
}

export type ConcludeInput = {
  version: number;
  outcome: SupervisionOutcome;
  conclusion: string;
  notice?: { title: string; body: string; recipientUnitIds: string[] } | null;
  interview?: {
    heldOn: string;
    unitHeadName: string;
    interviewerNames: string;
    findings: string;
    items: { description: string; ownerName: string; dueDate: string }[];
  } | null;
};

/** R7.4 the outcome: 通报 / 通报表扬 (a numbered notice to units), 约谈 (record + rectification items), or no action. */
export async function conclude(ctx: AuthedCtx, id: string, input: ConcludeInput, now = new Date()) {
  const actor = ctx.actor;
  const needsNotice = input.outcome === 'notice' || input.outcome === 'commendation';
  if (needsNotice && !input.notice) throw invalid({ notice: '通报须填写标题、正文和送达处室' });
  if (input.outcome === 'interview' && !input.interview) throw invalid({ interview: '约谈须填写约谈记录' });
  if (input.outcome === 'interview' && input.interview && input.interview.items.length === 0)
    throw invalid({ 'interview.items': '约谈须列出至少一项整改事项' });
  return withTx(ctx, async (tx) => {
    const i = await lockItem(tx, actor, id);
    guard(checkItemTransition(i.state, 'conclude', partiesOf(actor, i.unitId)), i.state);
    await updateVersioned(
      tx,
      supervisionItems,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: 'concluded', outcome: input.outcome, conclusion: input.conclusion, concludedByName: actor.displayName, concludedAt: now },
      '督导事项',
      presenter(tx, actor, id),
    );
    let extra = '';
    if (needsNotice && input.notice) {
      const recipients = [...new Set([i.unitId, ...input.notice.recipientUnitIds])];
      const found = await activeUnitsById(tx, actor.tenantId, recipients);
      const missing = recipients.filter((u) => !found.has(u));
      if (missing.length) throw invalid({ 'notice.recipientUnitIds': '送达处室不存在或已停用' });
      const year = yearNow(now);
      const serial = await repo.nextNoticeSerial(tx, actor.tenantId, year);
      const n = await repo.insertNotice(tx, {
        tenantId: actor.tenantId,
        itemId: id,
        kind: input.outcome === 'commendation' ? 'commendation' : 'criticism',
        serial,
        year,
        title: input.notice.title,
        body: input.notice.body,
        recipientUnitIds: recipients,
        issuedByName: actor.displayName,
        issuedAt: now,
      });
      await insertNotifications(
        tx,
        recipients.map((u) => ({
          tenant_id: actor.tenantId,
          type: 'supervision',
          unit_id: u,
          title: `${noticeNumber(n)}：${n.title}`,
          body: n.body.slice(0, 200),
          source_key: `supervision-notice:${n.id}:unit:${u}`,
        })),
      );
      extra = `，印发${noticeNumber(n)}（送达${recipients.length}个处室）`;
    }
    if (input.outcome === 'interview' && input.interview) {
      const iv = await repo.insertInterview(
        tx,
        {
          tenantId: actor.tenantId,
          itemId: id,
          unitId: i.unitId,
          heldOn: input.interview.heldOn,
          unitHeadName: input.interview.unitHeadName,
          interviewerNames: input.interview.interviewerNames,
          findings: input.interview.findings,
          recordedByName: actor.displayName,
        },
        input.interview.items.map((x) => ({ description: x.description, ownerName: x.ownerName, dueDate: x.dueDate })),
      );
      await insertNotifications(tx, [
        {
          tenant_id: actor.tenantId,
          type: 'supervision',
          unit_id: i.unitId,
          title: '约谈整改事项',
          body: `${i.targetLabel}：约谈确定整改事项${input.interview.items.length}项，请按期整改并销号。`,
          source_key: `supervision-interview:${iv.id}`,
        },
      ]);
      extra = `，约谈${input.interview.unitHeadName}，整改事项${input.interview.items.length}项`;
    }
    await audit(tx, ctx, {
      action: 'supervision.conclude',
      entity: 'supervision_item',
      entityId: id,
      summary: `督导事项「${i.targetLabel}」办结：${SUPERVISION_OUTCOME_LABELS[input.outcome]}${extra}`,
      before: { state: i.state },
      after: { state: 'concluded', outcome: input.outcome },
    });
    return viewOf(tx, actor, id);
  });
}

/** A rectification item done (销号), by the responsible unit (or 机关党委). */
export async function completeRectification(ctx: AuthedCtx, rectId: string, input: { version: number; note: string }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const r = await repo.getRectification(tx, actor.tenantId, rectId);
    if (!r) throw notFound('整改事项');
    const iv = await repo.getInterview(tx, actor.tenantId, r.interviewId, true);
    if (!iv) throw notFound('整改事项');
    const item = await lockItem(tx, actor, iv.itemId);
    guard(checkInterviewTransition(iv.state, 'complete_item', partiesOf(actor, iv.unitId)), iv.state);
    if (r.doneAt) throw new AppError(ErrorCode.INVALID_TRANSITION, '该整改事项已销号', { details: { state: iv.state } });
    await updateVersioned(
      tx,
      rectificationItems,
      { id: rectId, tenantId: actor.tenantId, version: input.version },
      { doneAt: now, doneNote: input.note, doneByName: actor.displayName },
      '整改事项',
      presenter(tx, actor, item.id),
    );
    await audit(tx, ctx, {
      action: 'supervision.rectification_done',
      entity: 'supervision_item',
      entityId: item.id,
      summary: `整改事项销号：${r.description}`,
      after: { rectificationId: rectId, note: input.note },
    });
    return viewOf(tx, actor, item.id);
  });
}

/** 机关党委 confirms the rectification complete once every item is done. */
export async function completeInterview(ctx: AuthedCtx, id: string, input: { version: number }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const item = await lockItem(tx, actor, id);
    const [iv] = await repo.interviewsOf(tx, actor.tenantId, [id]);
    if (!iv) throw notFound('约谈记录');
    guard(checkInterviewTransition(iv.state, 'complete', partiesOf(actor, iv.unitId)), iv.state);
    const open = (await repo.rectificationsOf(tx, actor.tenantId, [iv.id])).filter((r) => !r.doneAt);
    if (open.length) throw new AppError(ErrorCode.INVALID_TRANSITION, `尚有${open.length}项整改事项未销号，不能确认整改完成`, { details: { state: iv.state } });
    await updateVersioned(
      tx,
      supervisionInterviews,
      { id: iv.id, tenantId: actor.tenantId, version: input.version },
      { state: 'completed', completedByName: actor.displayName, completedAt: now },
      '约谈记录',
      presenter(tx, actor, id),
    );
    await audit(tx, ctx, {
      action: 'supervision.interview_complete',
      entity: 'supervision_item',
      entityId: id,
      summary: `确认「${item.targetLabel}」约谈整改完成`,
    });
    return viewOf(tx, actor, id);
  });
}

/** The notice of an item, for the .docx (supervision.docx.ts). */
export async function noticeOf(ctx: AuthedCtx, id: string) {
  const v = await viewOf(ctx.db, ctx.actor, id);
  if (!v.notice) throw notFound('通报');
  return v;
}
