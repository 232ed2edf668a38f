// Contact points (R1.1–R1.9): proposal, coordination by 政策法规处, the leader's confirmation, terms
// from the tenant's settings (R8.1), versions (409), audit and a timeline per point. Visibility is
// by unit like appeals: tenant-wide roles and tenant scope see all; a leader the units in charge
// (portfolio); a unit its own points (the liaison unit of a leader point, the unit of a unit point).
import {
  LIVE_POINT_STATES,
  POINT_ACTION_LABELS,
  POINT_KIND_LABELS,
  POINT_STATE_LABELS,
  type PointAction,
  type PointKind,
  type PointState,
} from '../../../../shared/contacts.ts';
import type { Role } from '../../../../shared/roles.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { contactPoints } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { renewalNoticeOn, termOf } from '../../domain/contacts/quota.ts';
import { allowedPointActions, checkPointTransition, partiesOf, type PointActing } from '../../domain/contacts/transitions.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { actorNames, actorUserId, audit, withTx, type Actor, type ActingCtx, type AuthedCtx } from '../../lib/context.ts';
import { appealClock } from '../appeals/index.ts';
import { enterpriseById } from '../enterprises/index.ts';
import { leaderIdOfUser, leaderWithPortfolio } from '../leaders/index.ts';
import { loadTenantSettings } from '../tenants/index.ts';
import { unitFacts } from '../units/index.ts';
import { activeStaffOfUnits, getUser } from '../users/index.ts';
import * as repo from './contacts.repository.ts';
import type { PointView } from './contacts.repository.ts';

/** Roles that see every point and field record of their tenant (like appeals, R7.2). */
const TENANT_WIDE: readonly Role[] = ['coordinator', 'intake', 'oversight'];

/** The units whose points and records the actor sees. */
export function visibleUnits(actor: Actor): string[] | 'all' {
  if (actor.kind !== 'staff') return [];
  if (actor.scope === 'tenant' || TENANT_WIDE.some((r) => actor.roles.includes(r))) return 'all';
  if (actor.scope === 'portfolio') return actor.portfolioUnitIds;
  return actor.unitId ? [actor.unitId] : [];
}

export function canSeeUnit(actor: Actor, unitId: string | null | undefined): boolean {
  const v = visibleUnits(actor);
  return v === 'all' || (Boolean(unitId) && v.includes(unitId!));
}

/** Policy resource 'contactPoint': tenant and unit. */
export const pointOwner = (db: DbOrTx, id: string) => repo.ownerOfPoint(db, id);

export const today = () => shanghaiDate(appealClock.now());

async function acting(db: DbOrTx, actor: Actor): Promise<PointActing> {
  const leaderId = actor.roles.includes('leader') ? await leaderIdOfUser(db, actor.tenantId, actor.userId) : null;
  return { kind: 'staff', roles: actor.roles, unitId: actor.unitId, leaderId, portfolioUnitIds: actor.portfolioUnitIds };
}

const holderName = (p: Pick<PointView, 'kind' | 'leaderName' | 'unitName'>) => (p.kind === 'leader' ? `${p.leaderName ?? ''}` : p.unitName);
const pointLabel = (p: Pick<PointView, 'enterpriseName' | 'state'>) => `${p.enterpriseName}（${POINT_STATE_LABELS[p.state]}）`;

export function presentPoint(p: PointView) {
  return {
    id: p.id,
    kind: p.kind,
    state: p.state,
    leaderId: p.leaderId,
    leaderName: p.leaderName,
    leaderTitle: p.leaderTitle,
    unitId: p.unitId,
    unitName: p.unitName,
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    liaisonUserId: p.liaisonUserId,
    liaisonName: p.liaisonName,
    reason: p.reason,
    overlapAccepted: p.overlapAccepted,
    confirmedAt: p.confirmedAt ? new Date(p.confirmedAt).toISOString() : null,
    termStart: p.termStart,
    termEnd: p.termEnd,
    renewalFrom: p.termEnd ? renewalNoticeOn(p.termEnd) : null,
    version: p.version,
  };
}
export type PointOut = ReturnType<typeof presentPoint>;

async function loadVisible(db: DbOrTx, actor: Actor, id: string) {
  const p = await repo.getPoint(db, actor.tenantId, id);
  if (!p || !canSeeUnit(actor, p.unitId)) throw notFound('联系点');
  return p;
}

export async function list(ctx: AuthedCtx, q: { kind?: PointKind; state?: PointState; enterpriseId?: string; all?: boolean }) {
  const states = q.state ? [q.state] : q.all ? undefined : LIVE_POINT_STATES;
  const rows = await repo.listPoints(ctx.db, {
    tenantId: ctx.actor.tenantId,
    unitIds: visibleUnits(ctx.actor),
    kind: q.kind,
    states,
    enterpriseId: q.enterpriseId,
  });
  const who = await acting(ctx.db, ctx.actor);
  const items = rows.map((p) => ({ ...presentPoint(p), allowedActions: allowedPointActions(p.state, partiesOf(who, p)) }));
  return { items, total: items.length };
}

/** The point page: the point, what the caller may do, overlaps, the timeline. */
export async function detail(ctx: AuthedCtx, id: string) {
  return readDetail(ctx.db, ctx.actor, id);
}

async function readDetail(db: DbOrTx, actor: Actor, id: string) {
  const p = await loadVisible(db, actor, id);
  const who = await acting(db, actor);
  const overlaps = p.state === 'expired' || p.state === 'withdrawn' ? [] : await repo.otherPointsOfEnterprise(db, actor.tenantId, p.enterpriseId, p.id);
  const events = await repo.pointEvents(db, actor.tenantId, id);
  return {
    ...presentPoint(p),
    allowedActions: allowedPointActions(p.state, partiesOf(who, p)),
    overlaps: overlaps.map((o) => ({ id: o.id, kind: o.kind, holder: holderName(o), state: o.state })),
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at.toISOString(),
      actorName: e.actorName,
      stateBefore: e.stateBefore,
      stateAfter: e.stateAfter,
      payload: e.payload,
    })),
  };
}

export type ProposeInput = {
  kind: PointKind;
  leaderId?: string | null;
  unitId: string;
  enterpriseId: string;
  liaisonUserId?: string | null;
  reason?: string | null;
};

/**
 * R1.2 / R1.6 the data checks of a proposal (also on resubmit and on the coordinator's other
 * enterprise): the leader's portfolio holds the liaison unit and the enterprise (its supervising unit
 * or its sector); a unit point's enterprise lies in the unit's sectors (or the unit supervises it)
 * and its liaison officer is an active liaison of that unit.
 */
async function checkProposal(tx: Tx, tenantId: string, input: ProposeInput) {
  const f: Record<string, string> = {};
  const ent = await enterpriseById(tx, tenantId, input.enterpriseId);
  if (!ent || ent.archived) f.enterpriseId = '本单位企业名录中没有该企业';
  const facts = await unitFacts(tx, tenantId, [input.unitId]);
  const unit = facts.get(input.unitId);
  if (!unit) f.unitId = '处室不存在或已归档';
  let leader: Awaited<ReturnType<typeof leaderWithPortfolio>> = null;
  if (input.kind === 'leader') {
    if (!input.leaderId) f.leaderId = '请选择厅领导';
    else {
      leader = await leaderWithPortfolio(tx, tenantId, input.leaderId);
      if (!leader) f.leaderId = '厅领导不存在或已不在任';
    }
    if (input.liaisonUserId) f.liaisonUserId = '厅领导联系点以联系处室对接，无需指定联络员';
    if (leader && unit && !leader.unitIds.includes(unit.id)) f.unitId = `R1.2 联系处室须为${leader.name}分管的处室，${unit.name}不在其分管范围内`;
    if (leader && ent && !f.enterpriseId) {
      const portfolio = await unitFacts(tx, tenantId, leader.unitIds);
      const inPortfolio =
        (ent.supervisingUnitId !== null && leader.unitIds.includes(ent.supervisingUnitId)) ||
        [...portfolio.values()].some((u) => u.sectors.includes(ent.sector));
      if (!inPortfolio) f.enterpriseId = `R1.1 联系点企业须在${leader.name}分管范围内（其监管处室或行业由其分管）`;
    }
  } else {
    if (input.leaderId) f.leaderId = '处室联系点不关联厅领导';
    if (unit && ent && !f.enterpriseId && ent.supervisingUnitId !== unit.id && !unit.sectors.includes(ent.sector)) {
      f.enterpriseId = `R1.6 联系点企业须属于${unit.name}分管的行业`;
    }
    if (!input.liaisonUserId) f.liaisonUserId = 'R1.6 请指定本处室的联络员';
    else {
      const row = await getUser(tx, tenantId, input.liaisonUserId);
      if (!row || row.disabled || row.unitId !== input.unitId || !row.roles.includes('liaison')) f.liaisonUserId = 'R1.6 联络员须为本处室在用的联络员账号';
    }
  }
  if (Object.keys(f).length) throw invalid(f);
  return { enterprise: ent!, unit: unit!, leader };
}

/**
 * R1.1 / R1.6: each leader and each unit holds 1–2 points at a time. A point whose term ends within
 * the renewal window (60 days) makes room for its successor.
 */
async function checkLimit(tx: Tx, tenantId: string, input: ProposeInput, holder: string) {
  const live = await repo.livePointsOfHolder(
    tx,
    tenantId,
    input.kind === 'leader' ? { kind: 'leader', leaderId: input.leaderId! } : { kind: 'unit', unitId: input.unitId },
  );
  const t = today();
  const holding = live.filter((p) => !(p.state === 'confirmed' && p.termEnd && renewalNoticeOn(p.termEnd) <= t));
  if (holding.length >= 2) {
    const rule = input.kind === 'leader' ? 'R1.1' : 'R1.6';
    throw new AppError(
      ErrorCode.CONFLICT,
      `${rule} ${holder}已有两个联系点：${holding.map(pointLabel).join('、')}，每个${input.kind === 'leader' ? '厅领导' : '处室'}同时最多联系两个企业`,
      {
        details: { points: holding.map((p) => ({ id: p.id, enterpriseName: p.enterpriseName, state: p.state })) },
      },
    );
  }
}

async function event(
  tx: Tx,
  ctx: ActingCtx,
  p: { id: string; tenantId: string },
  type: string,
  before: PointState | null,
  after: PointState | null,
  payload: Record<string, unknown>,
) {
  await repo.insertPointEvent(tx, {
    tenantId: p.tenantId,
    pointId: p.id,
    at: appealClock.now(),
    actorId: actorUserId(ctx.actor),
    actorName: actorNames(ctx.actor).timeline,
    type,
    stateBefore: before,
    stateAfter: after,
    payload,
  });
}

/** R1.5 / R1.9 a new proposal: the liaison unit (leader point) or the unit (unit point), by its head or liaison. */
export async function propose(ctx: AuthedCtx, input: ProposeInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const who = await acting(tx, actor);
    if (!partiesOf(who, { kind: input.kind, unitId: input.unitId, leaderId: input.leaderId ?? null }).includes('proposer')) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        input.kind === 'leader' ? 'R1.5 厅领导联系点由联系处室（处室负责人或联络员）提出' : 'R1.9 处室联系点由本处室（处室负责人或联络员）选定',
      );
    }
    const { enterprise, unit, leader } = await checkProposal(tx, actor.tenantId, input);
    await checkLimit(tx, actor.tenantId, input, input.kind === 'leader' ? leader!.name : unit.name);
    const row = await repo.insertPoint(tx, {
      tenantId: actor.tenantId,
      kind: input.kind,
      leaderId: input.kind === 'leader' ? input.leaderId! : null,
      unitId: input.unitId,
      enterpriseId: input.enterpriseId,
      liaisonUserId: input.kind === 'unit' ? input.liaisonUserId! : null,
      state: 'proposed',
      reason: input.reason ?? '',
      createdBy: actor.userId,
    });
    await event(tx, ctx, row, 'propose', null, 'proposed', { enterpriseName: enterprise.name, reason: input.reason ?? '' });
    await audit(tx, ctx, {
      action: 'contact_point.propose',
      entity: 'contact_point',
      entityId: row.id,
      summary: `提出${POINT_KIND_LABELS[input.kind]}：${input.kind === 'leader' ? `${leader!.name} — ` : ''}${enterprise.name}（${unit.name}）`,
      after: row,
    });
    return readDetail(tx, actor, row.id);
  });
}

export type ActInput = {
  version: number;
  action: Exclude<PointAction, 'expire'>;
  reason?: string | null;
  enterpriseId?: string | null;
  liaisonUserId?: string | null;
  acceptOverlap?: boolean;
};

/** One step of the selection workflow (the table in domain/contacts/transitions.ts). */
export async function act(ctx: AuthedCtx, id: string, input: ActInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const p = await loadVisible(tx, actor, id);
    const who = await acting(tx, actor);
    const check = checkPointTransition(p.state, input.action, partiesOf(who, p));
    if (!check.ok) throw new AppError(check.status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_TRANSITION, check.message);
    const to = check.transition.to;
    const set: Partial<typeof contactPoints.$inferInsert> = { state: to };
    const payload: Record<string, unknown> = {};
    const f: Record<string, string> = {};
    if ((input.action === 'return' || input.action === 'send_back') && !input.reason)
      f.reason = input.action === 'return' ? '退回须说明理由' : '请填写领导意见';
    if (input.action === 'propose_other' && !input.enterpriseId) f.enterpriseId = '请选择改荐的企业';
    if (Object.keys(f).length) throw invalid(f);
    if (input.reason) payload.reason = input.reason;

    let enterpriseId = p.enterpriseId;
    if (input.action === 'propose_other' || (input.action === 'resubmit' && (input.enterpriseId || input.liaisonUserId))) {
      enterpriseId = input.enterpriseId ?? p.enterpriseId;
      const liaisonUserId = p.kind === 'unit' ? (input.liaisonUserId ?? p.liaisonUserId) : null;
      const { enterprise } = await checkProposal(tx, actor.tenantId, { kind: p.kind, leaderId: p.leaderId, unitId: p.unitId, enterpriseId, liaisonUserId });
      set.enterpriseId = enterpriseId;
      set.liaisonUserId = liaisonUserId;
      if (enterpriseId !== p.enterpriseId) payload.enterprise = { from: p.enterpriseName, to: enterprise.name };
    }
    // An enterprise that is already another holder's point: only when the coordinator accepts the overlap.
    if (input.action === 'accept' || input.action === 'propose_other') {
      const others = await repo.otherPointsOfEnterprise(tx, actor.tenantId, enterpriseId, p.id);
      if (others.length && !input.acceptOverlap) {
        throw new AppError(
          ErrorCode.CONFLICT,
          `该企业已是${others.map((o) => `${holderName(o)}的${POINT_KIND_LABELS[o.kind]}（${POINT_STATE_LABELS[o.state]}）`).join('、')}，如确需重叠请勾选“同意重叠”`,
          { fields: { acceptOverlap: '该企业已是其他联系点，须统筹处室同意重叠' } },
        );
      }
      if (others.length) {
        set.overlapAccepted = others.map((o) => `${holderName(o)}（${POINT_KIND_LABELS[o.kind]}）`).join('、');
        payload.overlapAccepted = set.overlapAccepted;
      }
    }
    if (input.action === 'return' || input.action === 'send_back') set.reason = input.reason ?? '';
    if (to === 'confirmed') {
      // R1.3 / R1.7 (R8.1): the term runs from the confirmation for the tenant's rotation years.
      const { settings } = await loadTenantSettings(tx, actor.tenantId);
      const term = termOf(p.kind, today(), settings);
      Object.assign(set, { confirmedAt: appealClock.now(), termStart: term.termStart, termEnd: term.termEnd });
      payload.term = term;
    }
    if (to === 'withdrawn') set.endedAt = appealClock.now();
    await updateVersioned(tx, contactPoints, { id, tenantId: actor.tenantId, version: input.version }, set, '联系点', async () =>
      presentPoint((await repo.getPoint(tx, actor.tenantId, id))!),
    );
    await event(tx, ctx, p, input.action, p.state, to, payload);
    const after = (await repo.getPoint(tx, actor.tenantId, id))!;
    await audit(tx, ctx, {
      action: `contact_point.${input.action}`,
      entity: 'contact_point',
      entityId: id,
      summary: `${POINT_KIND_LABELS[p.kind]}「${holderName(p)} — ${after.enterpriseName}」${POINT_ACTION_LABELS[input.action]}${input.reason ? `：${input.reason}` : ''}`,
      before: presentPoint(p),
      after: presentPoint(after),
    });
    return readDetail(tx, actor, id);
  });
}

/** R1.3 / R1.7 the scheduler ends a term: the point stays in the history as expired. */
export async function expirePoint(tx: Tx, ctx: ActingCtx, row: { id: string; tenant_id: string; state: string; version: number }) {
  const p = (await repo.getPoint(tx, row.tenant_id, row.id))!;
  const check = checkPointTransition(p.state, 'expire', ['system']);
  if (!check.ok) return false;
  await updateVersioned(
    tx,
    contactPoints,
    { id: p.id, tenantId: p.tenantId, version: p.version },
    { state: 'expired', endedAt: appealClock.now() },
    '联系点',
    () => presentPoint(p),
  );
  await event(tx, ctx, p, 'expire', p.state, 'expired', { termEnd: p.termEnd });
  await audit(tx, ctx, {
    action: 'contact_point.expire',
    entity: 'contact_point',
    entityId: p.id,
    summary: `${POINT_KIND_LABELS[p.kind]}「${holderName(p)} — ${p.enterpriseName}」任期届满（${p.termEnd}）`,
  });
  return true;
}

/** The form's people: active staff of the tenant with unit and whether they are liaison officers (R1.6), follow-up owners (R7.1). */
export async function people(ctx: AuthedCtx) {
  const rows = await activeStaffOfUnits(ctx.db, ctx.actor.tenantId, 'all');
  return { items: rows.map((r) => ({ id: r.id, name: r.displayName, unitId: r.unitId, liaison: r.roles.includes('liaison') })), total: rows.length };
}
