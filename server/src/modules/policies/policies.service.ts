// Policy consultation (R2.5): drafting an enterprise-related policy (涉企政策) requires research and an
// opinion-collection round (征求意见). A draft records its drafting unit, text, the research tasks it
// rests on; a round asks the enterprises chosen by sector / region / size over a period; responses come
// through the portal (意见征集) or are entered by staff from letters and meetings; each is adopted or
// not, with the reason. 出台 without research and a closed round: 409 naming what is missing.
// The state machine is domain/policies/transitions.ts; every change one transaction with its audit row.
import type { PolicyView, PortalConsultation } from '../../../../shared/api/policies.ts';
import type { DbOrTx } from '../../db/client.ts';
import { policyDrafts, policyResponses } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { allowedActions, checkTransition, issueProblems, partiesOf } from '../../domain/policies/transitions.ts';
import type { PolicyAction } from '../../../../shared/policies.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock } from '../appeals/index.ts';
import { enterpriseById, enterprisesMatching } from '../enterprises/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { researchTaskBriefs } from '../research/index.ts';
import { activeUnitsById, unitName } from '../units/index.ts';
import { activeEnterpriseAccountIds } from '../users/index.ts';
import * as repo from './policies.repository.ts';
import type { DraftRow } from './policies.repository.ts';

export { draftOwner as owner } from './policies.repository.ts';

/** Staff of the tenant see every draft; an enterprise only the consultations it is asked in. */
export function visibleTo(actor: Actor, owner: { consulteeIds?: string[] }) {
  if (actor.kind !== 'enterprise') return true;
  return Boolean(actor.enterpriseId && owner.consulteeIds?.includes(actor.enterpriseId));
}

async function draft(db: DbOrTx, actor: Actor, id: string, lock = false) {
  const d = await repo.getDraft(db, actor.tenantId, id, lock);
  if (!d) throw notFound('政策草案');
  return d;
}

async function parties(db: DbOrTx, actor: Actor, d: DraftRow) {
  const consulteeIds = actor.kind === 'enterprise' ? (await repo.consulteesOf(db, actor.tenantId, d.id)).map((c) => c.enterpriseId) : [];
  return partiesOf(actor.kind === 'enterprise' ? { kind: 'enterprise', enterpriseId: actor.enterpriseId } : actor, {
    draftingUnitId: d.draftingUnitId,
    consulteeIds,
  });
}

async function allow(db: DbOrTx, actor: Actor, d: DraftRow, action: PolicyAction) {
  const c = checkTransition(d.state, action, await parties(db, actor, d));
  if (!c.ok) throw c.reason === 'state' ? new AppError(ErrorCode.INVALID_TRANSITION, c.message) : new AppError(ErrorCode.FORBIDDEN, c.message);
  return c.to;
}

export async function present(db: DbOrTx, actor: Actor, d: DraftRow): Promise<PolicyView> {
  const consultees = await repo.consulteesOf(db, d.tenantId, d.id);
  const responses = await repo.responsesOf(db, d.tenantId, d.id);
  const responded = new Set(responses.map((r) => r.enterpriseId));
  return {
    id: d.id,
    title: d.title,
    draftingUnitId: d.draftingUnitId,
    draftingUnitName: (await unitName(db, d.draftingUnitId)) ?? '',
    state: d.state,
    consultFrom: d.consultFrom,
    consultUntil: d.consultUntil,
    version: d.version,
    body: d.body,
    research: await researchTaskBriefs(db, d.tenantId, d.researchTaskIds),
    criteria: d.criteria,
    consultees: consultees.map((c) => ({ enterpriseId: c.enterpriseId, enterpriseName: c.enterpriseName, responded: responded.has(c.enterpriseId) })),
    responses: responses.map((r) => ({
      id: r.id,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterpriseName,
      source: r.source,
      content: r.content,
      adopted: r.adopted,
      reason: r.reason,
      decidedByName: r.decidedByName,
      createdAt: iso(r.createdAt)!,
      version: r.version,
    })),
    roundClosedAt: iso(d.roundClosedAt),
    issuedAt: iso(d.issuedAt),
    issuedRef: d.issuedRef,
    createdByName: d.createdByName,
    allowedActions: allowedActions(d.state, await parties(db, actor, d)),
    issueProblems: d.state === 'issued' ? [] : issueProblems(d),
  };
}

export async function get(ctx: AuthedCtx, id: string) {
  return present(ctx.db, ctx.actor, await draft(ctx.db, ctx.actor, id));
}

export async function list(ctx: AuthedCtx) {
  const rows = await repo.listDrafts(ctx.db, ctx.actor.tenantId);
  const counts = await repo.countsOf(
    ctx.db,
    ctx.actor.tenantId,
    rows.map((r) => r.id),
  );
  const items = [];
  for (const d of rows)
    items.push({
      id: d.id,
      title: d.title,
      draftingUnitId: d.draftingUnitId,
      draftingUnitName: (await unitName(ctx.db, d.draftingUnitId)) ?? '',
      state: d.state,
      consultFrom: d.consultFrom,
      consultUntil: d.consultUntil,
      version: d.version,
      ...counts.get(d.id)!,
    });
  return { items };
}

type DraftInput = { title: string; draftingUnitId: string; body: string; researchTaskIds: string[] };

async function checkDraft(db: DbOrTx, actor: Actor, input: DraftInput) {
  const fields: Record<string, string> = {};
  if (!(await activeUnitsById(db, actor.tenantId, [input.draftingUnitId])).size) fields.draftingUnitId = '起草处室不存在或已撤销';
  const ids = [...new Set(input.researchTaskIds)];
  if ((await researchTaskBriefs(db, actor.tenantId, ids)).length !== ids.length) fields.researchTaskIds = '所选调研任务不存在';
  if (Object.keys(fields).length) throw invalid(fields);
  const unitRole = actor.roles.some((r) => r === 'unit_staff' || r === 'liaison' || r === 'unit_head');
  if (!actor.roles.includes('coordinator') && !(unitRole && actor.unitId === input.draftingUnitId)) {
    throw new AppError(ErrorCode.FORBIDDEN, '只有起草处室或政策法规处可以登记政策草案');
  }
  return ids;
}

export async function create(ctx: AuthedCtx, input: DraftInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const researchTaskIds = await checkDraft(tx, actor, input);
    const d = await repo.insertDraft(tx, {
      tenantId: actor.tenantId,
      title: input.title,
      draftingUnitId: input.draftingUnitId,
      body: input.body,
      researchTaskIds,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await audit(tx, ctx, { action: 'policy.create', entity: 'policy', entityId: d.id, summary: `登记涉企政策草案「${d.title}」`, after: d });
    return present(tx, actor, d);
  });
}

export async function edit(ctx: AuthedCtx, id: string, input: DraftInput & { version: number }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const d = await draft(tx, actor, id, true);
    await allow(tx, actor, d, 'edit');
    const researchTaskIds = await checkDraft(tx, actor, input);
    const { before, after } = await updateVersioned(
      tx,
      policyDrafts,
      { id, tenantId: actor.tenantId, version: input.version },
      { title: input.title, draftingUnitId: input.draftingUnitId, body: input.body, researchTaskIds },
      '政策草案',
      (row) => present(tx, actor, row),
    );
    await audit(tx, ctx, { action: 'policy.edit', entity: 'policy', entityId: id, summary: `修改政策草案「${after.title}」`, before, after });
    return present(tx, actor, after);
  });
}

/** The round: enterprises chosen by sector / region / size (and any named), a period; notices to their portal accounts. */
export async function openRound(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; consultFrom: string; consultUntil: string; sectors: string[]; regions: string[]; sizes: string[]; enterpriseIds: string[] },
) {
  const actor = ctx.actor;
  if (input.consultFrom > input.consultUntil) throw invalid({ consultUntil: '截止日期不能早于开始日期' });
  return withTx(ctx, async (tx) => {
    const d = await draft(tx, actor, id, true);
    const to = await allow(tx, actor, d, 'open_round');
    const criteria = { sectors: input.sectors, regions: input.regions, sizes: input.sizes };
    const byCriteria = input.sectors.length || input.regions.length || input.sizes.length ? await enterprisesMatching(tx, actor.tenantId, criteria) : [];
    const named = [];
    for (const e of input.enterpriseIds) {
      const found = await enterpriseById(tx, actor.tenantId, e);
      if (!found || found.archived) throw invalid({ enterpriseIds: '本单位企业名录中没有所选的部分企业' });
      named.push({ id: found.id, name: found.name });
    }
    const asked = new Map([...byCriteria, ...named].map((e) => [e.id, e.name]));
    if (!asked.size) throw invalid({ sectors: '按所选行业、地区、规模没有找到企业，请调整条件或直接选择企业' });
    await repo.insertConsultees(
      tx,
      [...asked].map(([enterpriseId, enterpriseName]) => ({ tenantId: actor.tenantId, draftId: id, enterpriseId, enterpriseName })),
    );
    const { before, after } = await updateVersioned(
      tx,
      policyDrafts,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: to, consultFrom: input.consultFrom, consultUntil: input.consultUntil, criteria },
      '政策草案',
      (row) => present(tx, actor, row),
    );
    for (const enterpriseId of asked.keys()) {
      const accounts = await activeEnterpriseAccountIds(tx, actor.tenantId, enterpriseId);
      await insertNotifications(
        tx,
        accounts.map((userId) => ({
          tenant_id: actor.tenantId,
          type: 'policy_consultation',
          user_id: userId,
          title: `征求意见：${d.title}`,
          body: `请于 ${input.consultUntil} 前在企业服务平台“意见征集”中提出意见。`,
          source_key: `policy:${id}:ask:${enterpriseId}:${userId}`,
        })),
      );
    }
    await audit(tx, ctx, {
      action: 'policy.open_round',
      entity: 'policy',
      entityId: id,
      summary: `政策草案「${d.title}」向${asked.size}家企业征求意见（${input.consultFrom}至${input.consultUntil}）`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

/** A response: by an enterprise asked (portal, within the period) or entered by staff from a letter or meeting. */
export async function addResponse(ctx: AuthedCtx, id: string, input: { content: string; enterpriseId?: string | null; enterpriseName?: string | null }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const d = await draft(tx, actor, id, true);
    await allow(tx, actor, d, 'add_response');
    let enterpriseId = input.enterpriseId ?? null;
    let enterpriseName = input.enterpriseName ?? '';
    if (actor.kind === 'enterprise') {
      const today = shanghaiDate(appealClock.now());
      if (d.consultFrom && d.consultUntil && (today < d.consultFrom || today > d.consultUntil)) {
        throw new AppError(ErrorCode.INVALID_TRANSITION, `征求意见期为${d.consultFrom}至${d.consultUntil}，当前不在征求意见期内`);
      }
      enterpriseId = actor.enterpriseId ?? null;
    }
    if (enterpriseId) {
      const e = await enterpriseById(tx, actor.tenantId, enterpriseId);
      if (!e) throw invalid({ enterpriseId: '本单位企业名录中没有该企业' });
      enterpriseName = e.name;
    } else if (!enterpriseName) throw invalid({ enterpriseName: '请选择企业或填写提出意见的单位' });
    const r = await repo.insertResponse(tx, {
      tenantId: actor.tenantId,
      draftId: id,
      enterpriseId,
      enterpriseName,
      source: actor.kind === 'enterprise' ? 'portal' : 'staff',
      content: input.content,
      createdByName: actor.kind === 'enterprise' ? `企业用户 ${actor.displayName}` : actor.displayName,
    });
    await audit(tx, ctx, { action: 'policy.response', entity: 'policy', entityId: id, summary: `${enterpriseName}对政策草案「${d.title}」提出意见`, after: r });
    return actor.kind === 'enterprise' ? null : present(tx, actor, d);
  });
}

/** Each response adopted or not, with the reason. */
export async function decideResponse(ctx: AuthedCtx, id: string, input: { responseId: string; version: number; adopted: boolean; reason: string }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const d = await draft(tx, actor, id, true);
    await allow(tx, actor, d, 'decide_response');
    const r = await repo.getResponse(tx, actor.tenantId, id, input.responseId);
    if (!r) throw notFound('意见');
    const { before, after } = await updateVersioned(
      tx,
      policyResponses,
      { id: r.id, tenantId: actor.tenantId, version: input.version },
      { adopted: input.adopted, reason: input.reason, decidedByName: actor.displayName },
      '意见',
      async () => present(tx, actor, d),
    );
    await audit(tx, ctx, {
      action: 'policy.decide',
      entity: 'policy',
      entityId: id,
      summary: `${r.enterpriseName}的意见${input.adopted ? '予以采纳' : '不予采纳'}：${input.reason}`,
      before,
      after,
    });
    return present(tx, actor, d);
  });
}

/** close_round (every response decided first), issue (R2.5: research and a closed round, else 409 naming what is missing). */
export async function transition(ctx: AuthedCtx, id: string, input: { action: 'close_round' | 'issue'; version: number; issuedRef?: string | null }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const d = await draft(tx, actor, id, true);
    const to = await allow(tx, actor, d, input.action);
    const set: Record<string, unknown> = { state: to };
    if (input.action === 'close_round') {
      const open = (await repo.responsesOf(tx, actor.tenantId, id)).filter((r) => r.adopted === null).length;
      if (open) throw new AppError(ErrorCode.INVALID_TRANSITION, `还有${open}条意见未作出采纳与否的决定`);
      set.roundClosedAt = appealClock.now();
    } else {
      // R2.5 no 出台 without research and a closed consultation round.
      const missing = issueProblems(d);
      if (missing.length) throw new AppError(ErrorCode.INVALID_TRANSITION, `不能标记出台（R2.5）：${missing.join('；')}`, { details: { missing } });
      if (!input.issuedRef) throw invalid({ issuedRef: '请填写出台文件的文号' });
      set.issuedAt = appealClock.now();
      set.issuedRef = input.issuedRef;
    }
    const { before, after } = await updateVersioned(tx, policyDrafts, { id, tenantId: actor.tenantId, version: input.version }, set, '政策草案', (row) =>
      present(tx, actor, row),
    );
    await audit(tx, ctx, {
      action: `policy.${input.action}`,
      entity: 'policy',
      entityId: id,
      summary: input.action === 'issue' ? `政策「${d.title}」出台（${input.issuedRef}）` : `政策草案「${d.title}」征求意见结束`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

/** 意见征集 on the portal: the consultations the enterprise is asked in, newest first, with its responses. */
export async function portalConsultations(ctx: AuthedCtx): Promise<{ items: PortalConsultation[] }> {
  const actor = ctx.actor;
  if (actor.kind !== 'enterprise' || !actor.enterpriseId) return { items: [] };
  const today = shanghaiDate(appealClock.now());
  const items: PortalConsultation[] = [];
  for (const { draft: d } of await repo.draftsOfEnterprise(ctx.db, actor.tenantId, actor.enterpriseId)) {
    if (!d.consultFrom || !d.consultUntil) continue;
    const mine = (await repo.responsesOf(ctx.db, actor.tenantId, d.id)).filter((r) => r.enterpriseId === actor.enterpriseId && r.source === 'portal');
    items.push({
      id: d.id,
      title: d.title,
      draftingUnitName: (await unitName(ctx.db, d.draftingUnitId)) ?? '',
      body: d.body,
      consultFrom: d.consultFrom,
      consultUntil: d.consultUntil,
      open: d.state === 'consulting' && today >= d.consultFrom && today <= d.consultUntil,
      myResponses: mine.map((r) => ({ id: r.id, content: r.content, adopted: r.adopted, reason: r.reason, createdAt: iso(r.createdAt)! })),
    });
  }
  return { items };
}
