// Field records (issue 14): visits to contact points or any enterprise (R1.8), licensing on-site
// checks (R4.1), inspections (R4.2), enforcement and complaint verification (R4.3); research (R2.*)
// reuses the same record. R7.1: no record without findings and a follow-up with an owner and a due
// date. An appeal raised in the field becomes a tracked appeal in the same transaction (appeals'
// intake, receiveFromField), linked both ways.
import type { AppealCategory } from '../../../../shared/appeals.ts';
import { FIELD_APPEAL_CHANNEL, FIELD_KIND_LABELS, type FieldKind, type ServiceRating, type VisitForm } from '../../../../shared/contacts.ts';
import type { DbOrTx } from '../../db/client.ts';
import { fieldFollowUps } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { appealClock, receiveFromField } from '../appeals/index.ts';
import { enterpriseById } from '../enterprises/index.ts';
import { activeLeadersById } from '../leaders/index.ts';
import { unitFacts } from '../units/index.ts';
import { getUser } from '../users/index.ts';
import * as repo from './contacts.repository.ts';
import { canSeeUnit, today, visibleUnits } from './contacts.service.ts';

export const recordOwner = (db: DbOrTx, id: string) => repo.ownerOfRecord(db, id);
export const followUpOwner = (db: DbOrTx, id: string) => repo.ownerOfFollowUp(db, id);

/** Roles that record field contacts (leaders, units, 政策法规处). */
export const RECORDERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator'] as const;

export type FieldAppealInput = {
  category: AppealCategory;
  title: string;
  content: string;
  contactName: string;
  contactPhone: string;
  /** Its own business: dispatched at once to the recording unit; otherwise into intake's queue. */
  ownBusiness?: boolean;
};

export type RecordInput = {
  kind: FieldKind;
  pointId?: string | null;
  enterpriseId?: string | null;
  unitId?: string | null;
  visitedOn: string;
  form: VisitForm;
  leaderIds?: string[];
  staffNames?: string;
  policies?: string;
  difficulties?: string;
  suggestions?: string;
  findings: string;
  reference?: string | null;
  serviceRating?: ServiceRating | null;
  serviceComment?: string | null;
  statement?: string | null;
  followUps: { description: string; ownerUserId: string; dueOn: string }[];
  appeals?: FieldAppealInput[];
};

export async function createRecord(ctx: AuthedCtx, input: RecordInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const f: Record<string, string> = {};
    // R7.1 no formalism: what was found and what follows.
    if (!input.findings.trim()) f.findings = 'R7.1 请写明发现的问题或了解到的情况，不能只记过程';
    if (!input.followUps.length) f.followUps = 'R7.1 请至少填写一项后续措施（责任人、完成时限）';
    const t = today();
    if (input.visitedOn > t) f.visitedOn = '日期不能晚于今天';
    // R4.* each names its case or licence reference; R4.1 the service rating; R4.3 the statement and defence.
    if (input.kind !== 'visit' && input.kind !== 'research' && !input.reference)
      f.reference = input.kind === 'licensing_check' ? '请填写许可事项或受理编号' : '请填写案件或检查编号';
    if (input.kind === 'licensing_check' && !input.serviceRating) f.serviceRating = 'R4.1 请记录企业对许可服务的评价';
    if ((input.kind === 'enforcement' || input.kind === 'complaint_verification') && !input.statement) f.statement = 'R4.3 请记录企业的陈述、申辩';

    let enterpriseId = input.enterpriseId ?? null;
    let unitId = input.unitId ?? null;
    let pointId: string | null = null;
    if (input.pointId) {
      const p = await repo.getPoint(tx, actor.tenantId, input.pointId);
      if (!p || !canSeeUnit(actor, p.unitId)) throw notFound('联系点');
      if (p.state !== 'confirmed') f.pointId = '只有已确认的联系点可以记录走访';
      if (enterpriseId && enterpriseId !== p.enterpriseId) f.enterpriseId = '企业与联系点不一致';
      pointId = p.id;
      enterpriseId = p.enterpriseId;
      unitId = p.unitId;
    } else {
      unitId ??= actor.unitId;
      if (!enterpriseId) f.enterpriseId = '请选择企业';
    }
    if (!unitId) f.unitId = '请选择记录处室';
    else if (!canSeeUnit(actor, unitId)) f.unitId = '只能以本处室（或分管处室）名义记录';
    else if (!(await unitFacts(tx, actor.tenantId, [unitId])).has(unitId)) f.unitId = '处室不存在或已归档';
    let enterpriseName = '';
    if (enterpriseId && !f.enterpriseId) {
      const e = await enterpriseById(tx, actor.tenantId, enterpriseId);
      if (!e) f.enterpriseId = '本单位企业名录中没有该企业';
      else enterpriseName = e.name;
    }
    const leaderIds = [...new Set(input.leaderIds ?? [])];
    if (leaderIds.length && (await activeLeadersById(tx, actor.tenantId, leaderIds)).length !== leaderIds.length) f.leaderIds = '厅领导不存在';
    const owners = new Map<string, string>();
    for (const [i, fu] of input.followUps.entries()) {
      const u = await getUser(tx, actor.tenantId, fu.ownerUserId);
      if (!u || u.disabled) f[`followUps.${i}.ownerUserId`] = '责任人不存在或已停用';
      else owners.set(fu.ownerUserId, u.displayName);
      if (fu.dueOn < input.visitedOn) f[`followUps.${i}.dueOn`] = '完成时限不能早于记录日期';
    }
    if (Object.keys(f).length) throw invalid(f);

    const row = await repo.insertRecord(tx, {
      tenantId: actor.tenantId,
      kind: input.kind,
      pointId,
      enterpriseId: enterpriseId!,
      unitId: unitId!,
      visitedOn: input.visitedOn,
      form: input.form,
      leaderIds,
      staffNames: input.staffNames ?? '',
      policies: input.policies ?? '',
      difficulties: input.difficulties ?? '',
      suggestions: input.suggestions ?? '',
      findings: input.findings,
      reference: input.reference ?? null,
      serviceRating: input.serviceRating ?? null,
      serviceComment: input.serviceComment ?? null,
      statement: input.statement ?? null,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    // R1.4 / R1.8 a visit to a point counts in its year.
    if (pointId && input.kind === 'visit') await repo.countVisit(tx, actor.tenantId, pointId, input.visitedOn);
    await repo.insertFollowUps(
      tx,
      input.followUps.map((fu) => ({
        tenantId: actor.tenantId,
        recordId: row.id,
        description: fu.description,
        ownerUserId: fu.ownerUserId,
        ownerName: owners.get(fu.ownerUserId)!,
        dueOn: fu.dueOn,
      })),
    );
    // R4.2 an appeal raised in the field: a tracked appeal in this transaction, linked both ways.
    const raised: string[] = [];
    for (const a of input.appeals ?? []) {
      const appeal = await receiveFromField(
        tx,
        ctx,
        {
          enterpriseId,
          category: a.category,
          title: a.title,
          content: a.content,
          contactName: a.contactName,
          contactPhone: a.contactPhone,
          channel: FIELD_APPEAL_CHANNEL[input.kind],
          dispatchToUnitId: a.ownBusiness ? unitId : null,
        },
        { fieldRecordId: row.id, kind: input.kind },
      );
      await repo.linkAppeal(tx, actor.tenantId, row.id, appeal.id);
      raised.push(appeal.number);
    }
    await audit(tx, ctx, {
      action: 'field_record.create',
      entity: 'field_record',
      entityId: row.id,
      summary: `记录${FIELD_KIND_LABELS[input.kind]}：${enterpriseName}（${input.visitedOn}）${raised.length ? `，转入诉求 ${raised.join('、')}` : ''}`,
      after: { ...row, followUps: input.followUps },
    });
    return readRecord(tx, actor, row.id);
  });
}

async function present(db: DbOrTx, tenantId: string, rows: repo.RecordView[]) {
  const ids = rows.map((r) => r.id);
  const [followUps, appeals, files] = await Promise.all([
    repo.followUpsOf(db, tenantId, ids),
    repo.appealsOfRecords(db, tenantId, ids),
    repo.filesOf(db, tenantId, ids),
  ]);
  const leaderIds = [...new Set(rows.flatMap((r) => r.leaderIds ?? []))];
  const leaders = new Map((await activeLeadersById(db, tenantId, leaderIds)).map((l) => [l.id, l.name]));
  const t = today();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    pointId: r.pointId,
    pointKind: r.pointKind,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    unitId: r.unitId,
    unitName: r.unitName,
    visitedOn: r.visitedOn,
    form: r.form,
    leaders: (r.leaderIds ?? []).map((id) => ({ id, name: leaders.get(id) ?? '' })),
    staffNames: r.staffNames,
    policies: r.policies,
    difficulties: r.difficulties,
    suggestions: r.suggestions,
    findings: r.findings,
    reference: r.reference,
    serviceRating: r.serviceRating,
    serviceComment: r.serviceComment,
    statement: r.statement,
    createdByName: r.createdByName,
    createdAt: new Date(r.createdAt).toISOString(),
    version: r.version,
    followUps: followUps
      .filter((x) => x.recordId === r.id)
      .map((x) => ({
        id: x.id,
        description: x.description,
        ownerUserId: x.ownerUserId,
        ownerName: x.ownerName,
        dueOn: x.dueOn,
        doneAt: x.doneAt ? x.doneAt.toISOString() : null,
        doneNote: x.doneNote,
        overdue: !x.doneAt && x.dueOn < t,
        version: x.version,
      })),
    appeals: appeals.filter((a) => a.record_id === r.id).map((a) => ({ id: a.id, number: a.number, title: a.title, state: a.state })),
    files: files.filter((x) => x.record_id === r.id).map((x) => ({ id: x.id, name: x.name, size: x.size, uploadedByName: x.uploaded_by_name })),
  }));
}
export type RecordOut = Awaited<ReturnType<typeof present>>[number];

async function readRecord(db: DbOrTx, actor: Actor, id: string) {
  const r = await repo.getRecord(db, actor.tenantId, id);
  if (!r || !canSeeUnit(actor, r.unitId)) throw notFound('现场记录');
  return (await present(db, actor.tenantId, [r]))[0];
}

export const getRecord = (ctx: AuthedCtx, id: string) => readRecord(ctx.db, ctx.actor, id);

export async function listRecords(ctx: AuthedCtx, q: { pointId?: string; enterpriseId?: string; kind?: FieldKind; limit?: number }) {
  const rows = await repo.listRecords(ctx.db, { tenantId: ctx.actor.tenantId, unitIds: visibleUnits(ctx.actor), ...q }, q.limit ?? 100);
  const items = await present(ctx.db, ctx.actor.tenantId, rows);
  return { items, total: items.length };
}

/** R7.1 a follow-up tracked to done: by its owner or the recording unit (and those who see it). */
export async function completeFollowUp(ctx: AuthedCtx, id: string, input: { version: number; note: string }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const fu = await repo.getFollowUp(tx, actor.tenantId, id);
    const owner = fu ? await repo.ownerOfFollowUp(tx, id) : null;
    if (!fu || !owner || !canSeeUnit(actor, owner.unitId)) throw notFound('后续措施');
    if (fu.doneAt) throw new AppError(ErrorCode.INVALID_TRANSITION, '该后续措施已办结');
    const { after } = await updateVersioned(
      tx,
      fieldFollowUps,
      { id, tenantId: actor.tenantId, version: input.version },
      { doneAt: appealClock.now(), doneNote: input.note },
      '后续措施',
      async () => readRecord(tx, actor, fu.recordId),
    );
    await audit(tx, ctx, {
      action: 'field_follow_up.done',
      entity: 'field_follow_up',
      entityId: id,
      summary: `后续措施办结：${fu.description}`,
      before: fu,
      after,
    });
    return readRecord(tx, actor, fu.recordId);
  });
}

/** Attachments of a record (photos, sign-in sheets, R4.3 statements), after the appeals' checks (http/attachments.ts). */
export async function addFile(ctx: AuthedCtx, recordId: string, file: { name: string; mime: string; data: Buffer }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const r = await repo.getRecord(tx, actor.tenantId, recordId);
    if (!r || !canSeeUnit(actor, r.unitId)) throw notFound('现场记录');
    await repo.insertFile(tx, {
      tenantId: actor.tenantId,
      recordId,
      name: file.name,
      mime: file.mime,
      size: file.data.length,
      data: file.data,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
    });
    await audit(tx, ctx, { action: 'field_record.attach', entity: 'field_record', entityId: recordId, summary: `上传现场记录附件「${file.name}」` });
    return readRecord(tx, actor, recordId);
  });
}

export async function getFile(ctx: AuthedCtx, recordId: string, fileId: string) {
  const r = await repo.getRecord(ctx.db, ctx.actor.tenantId, recordId);
  if (!r || !canSeeUnit(ctx.actor, r.unitId)) throw notFound('现场记录');
  const f = await repo.getFile(ctx.db, ctx.actor.tenantId, fileId);
  if (!f || f.recordId !== recordId) throw notFound('附件');
  return f;
}
