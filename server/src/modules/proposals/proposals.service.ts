// R3.3 建议提案: NPC deputies' suggestions and CPPCC members' proposals as a track of their own.
// 办公室 (intake) or the coordinator registers one — its number, the deputy or member and their
// 代表团 / 界别, the session, the assignment date and the lead unit — and the enterprise's matter becomes
// an appeal through the appeals module's intake (receiveWithin, dispatched to the lead unit), so the 2115
// milestones run for it as for every appeal. The reply is due N months after assignment (tenant
// setting proposalReplyMonths, default 3); the lead unit writes the reply letter (答复函); staff enter
// the deputy's / member's evaluation from their feedback form; a 不满意 is handled again — a new round
// with a new reply period on the proposal's record. Lifecycle: domain/proposals/transitions.ts. Every
// change: one transaction with its audit row; updates carry the version they read (409 when stale).
import { APPEAL_CATEGORY_LABELS, type AppealCategory } from '../../../../shared/appeals.ts';
import {
  PROPOSAL_ACTION_LABELS,
  PROPOSAL_CHANNEL,
  PROPOSAL_DEADLINE_LABELS,
  PROPOSAL_EVALUATION_LABELS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATE_LABELS,
  type ProposalEvaluation,
  type ProposalKind,
  type ProposalState,
} from '../../../../shared/proposals.ts';
import type { DbOrTx } from '../../db/client.ts';
import { proposals } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { deadlineState, replyDueOf } from '../../domain/proposals/deadline.ts';
import { allowedProposalActions, checkProposalTransition, type ProposalCheck, type ProposalParty } from '../../domain/proposals/transitions.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { receiveWithin } from '../appeals/index.ts';
import { loadTenantSettings } from '../tenants/index.ts';
import { activeUnitsById } from '../units/index.ts';
import * as repo from './proposals.repository.ts';

export { proposalOwner } from './proposals.repository.ts';

const REGISTRAR_ROLES = ['intake', 'coordinator'] as const;
const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

export function partiesOf(actor: Actor, leadUnitId: string): ProposalParty[] {
  const p: ProposalParty[] = [];
  if (hasRole(actor, ...REGISTRAR_ROLES)) p.push('registrar');
  if (hasRole(actor, ...UNIT_ROLES) && actor.unitId === leadUnitId) p.push('lead_unit');
  return p;
}

/** 办公室, the coordinator, leaders and oversight see every proposal of the tenant; a unit those it leads. */
export function canSeeProposal(actor: Actor, owner: { tenantId: string; unitId?: string | null }) {
  if (owner.tenantId !== actor.tenantId) return false;
  if (hasRole(actor, ...REGISTRAR_ROLES, 'leader', 'oversight')) return true;
  return hasRole(actor, ...UNIT_ROLES) && !!actor.unitId && actor.unitId === owner.unitId;
}

function guard(c: ProposalCheck, state: string): ProposalState {
  if (!c.ok) throw new AppError(c.status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_TRANSITION, c.message, { details: { state } });
  return c.next;
}

const today = (now: Date) => shanghaiDate(now);

/** 第0123号: digits (with or without 第…号) → the session's form with four digits. */
export function normaliseNumber(s: string): string | null {
  const m = /^第?\s*(\d{1,6})\s*号?$/.exec(s.trim());
  return m ? `第${m[1].padStart(4, '0')}号` : null;
}

// ---------------------------------------------------------------- presentation

type Env = { units: Map<string, { name: string }>; dueSoonDays: number; today: string; rounds: repo.RoundRow[] };

async function envOf(db: DbOrTx, tenantId: string, rows: repo.ProposalRow[], now = new Date()): Promise<Env> {
  const [units, settings, rounds] = [
    await activeUnitsById(
      db,
      tenantId,
      rows.map((r) => r.leadUnitId),
    ),
    (await loadTenantSettings(db, tenantId)).settings,
    await repo.roundsOf(
      db,
      tenantId,
      rows.map((r) => r.id),
    ),
  ];
  return { units, dueSoonDays: settings.proposalDueSoonDays, today: today(now), rounds };
}

function presentRound(r: repo.RoundRow, env: Env) {
  const ds = deadlineState({ replyDue: r.replyDue, repliedOn: r.repliedOn }, env.today, env.dueSoonDays);
  return {
    round: r.round,
    startedOn: r.startedOn,
    replyDue: r.replyDue,
    reopenReason: r.reopenReason,
    replyText: r.replyText,
    repliedOn: r.repliedOn,
    repliedByName: r.repliedByName,
    evaluation: r.evaluation,
    evaluationLabel: r.evaluation ? PROPOSAL_EVALUATION_LABELS[r.evaluation] : null,
    evaluationNote: r.evaluationNote,
    evaluatedAt: iso(r.evaluatedAt),
    evaluatedByName: r.evaluatedByName,
    deadlineState: ds,
    deadlineLabel: PROPOSAL_DEADLINE_LABELS[ds],
  };
}

function presentBrief(p: repo.ProposalRow, env: Env) {
  const rounds = env.rounds.filter((r) => r.proposalId === p.id);
  const current = rounds.find((r) => r.round === p.round);
  const ds = deadlineState({ replyDue: p.replyDue, repliedOn: current?.repliedOn ?? null }, env.today, env.dueSoonDays);
  const evaluated = [...rounds].reverse().find((r) => r.evaluation);
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: PROPOSAL_KIND_LABELS[p.kind],
    number: p.number,
    session: p.session,
    proposerName: p.proposerName,
    delegation: p.delegation,
    title: p.title,
    assignedOn: p.assignedOn,
    year: p.year,
    leadUnitId: p.leadUnitId,
    leadUnitName: env.units.get(p.leadUnitId)?.name ?? '（已停用处室）',
    appealId: p.appealId,
    appealNumber: p.appealNumber,
    state: p.state,
    stateLabel: PROPOSAL_STATE_LABELS[p.state],
    round: p.round,
    replyDue: p.replyDue,
    deadlineState: ds,
    deadlineLabel: PROPOSAL_DEADLINE_LABELS[ds],
    evaluation: evaluated?.evaluation ?? null,
    evaluationLabel: evaluated?.evaluation ? PROPOSAL_EVALUATION_LABELS[evaluated.evaluation] : null,
  };
}
export type ProposalBriefView = ReturnType<typeof presentBrief>;

function present(p: repo.ProposalRow, env: Env, actor: Actor) {
  return {
    ...presentBrief(p, env),
    content: p.content,
    registeredByName: p.registeredByName,
    createdAt: iso(p.createdAt)!,
    version: p.version,
    allowedActions: allowedProposalActions(p.state, partiesOf(actor, p.leadUnitId)),
    rounds: env.rounds.filter((r) => r.proposalId === p.id).map((r) => presentRound(r, env)),
  };
}

async function viewOf(db: DbOrTx, actor: Actor, id: string) {
  const p = await repo.getProposal(db, actor.tenantId, id);
  if (!p || !canSeeProposal(actor, { tenantId: p.tenantId, unitId: p.leadUnitId })) throw notFound('建议提案');
  return present(p, await envOf(db, actor.tenantId, [p]), actor);
}

async function lock(db: DbOrTx, actor: Actor, id: string) {
  const p = await repo.getProposal(db, actor.tenantId, id, true);
  if (!p || !canSeeProposal(actor, { tenantId: p.tenantId, unitId: p.leadUnitId })) throw notFound('建议提案');
  return p;
}

/** The 409 body: the proposal as GET shows it. */
const presenter = (db: DbOrTx, actor: Actor, id: string) => () => viewOf(db, actor, id);

// ---------------------------------------------------------------- reading

export async function list(ctx: AuthedCtx, f: { year?: number; kind?: ProposalKind; state?: ProposalState; unitId?: string }) {
  const actor = ctx.actor;
  const all = hasRole(actor, ...REGISTRAR_ROLES, 'leader', 'oversight');
  const rows = await repo.listProposals(ctx.db, { tenantId: actor.tenantId, ...f, onlyUnitId: all ? undefined : (actor.unitId ?? null) });
  const env = await envOf(ctx.db, actor.tenantId, rows);
  const settings = (await loadTenantSettings(ctx.db, actor.tenantId)).settings;
  return {
    items: rows.map((p) => presentBrief(p, env)),
    canRegister: hasRole(actor, ...REGISTRAR_ROLES),
    replyMonths: settings.proposalReplyMonths,
    dueSoonDays: settings.proposalDueSoonDays,
  };
}

export const get = (ctx: AuthedCtx, id: string) => viewOf(ctx.db, ctx.actor, id);

/** The appeal page: the proposal behind an appeal (its reply deadline beside the 2115 milestones), if any. */
export async function ofAppeal(ctx: AuthedCtx, appealId: string) {
  const p = await repo.proposalOfAppeal(ctx.db, ctx.actor.tenantId, appealId);
  if (!p) return { proposal: null };
  return { proposal: presentBrief(p, await envOf(ctx.db, ctx.actor.tenantId, [p])) };
}

// ---------------------------------------------------------------- changes

export type RegisterInput = {
  kind: ProposalKind;
  number: string;
  session: string;
  proposerName: string;
  delegation: string;
  title: string;
  content: string;
  assignedOn: string;
  leadUnitId: string;
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  contactName: string;
  contactPhone: string;
  category?: AppealCategory;
};

/**
 * R3.3 registration by 办公室 / the coordinator: the proposal and its appeal (created through the appeals
 * module's intake, dispatched to the lead unit; the 2115 clock starts now) in one transaction.
 */
export async function register(ctx: AuthedCtx, input: RegisterInput, now = new Date()) {
  const actor = ctx.actor;
  if (!hasRole(actor, ...REGISTRAR_ROLES)) throw new AppError(ErrorCode.FORBIDDEN, '只有办公室（诉求受理）或统筹协调人员可以登记建议提案');
  const fields: Record<string, string> = {};
  const number = normaliseNumber(input.number);
  if (!number) fields.number = '编号应为数字，如 0123 或 第0123号';
  if (input.assignedOn > today(now)) fields.assignedOn = '交办日期不能晚于今天';
  if (Object.keys(fields).length) throw invalid(fields);
  return withTx(ctx, async (tx) => {
    if (await repo.sameNumber(tx, actor.tenantId, input.kind, input.session, number!))
      throw invalid({ number: `${input.session}已登记${PROPOSAL_KIND_LABELS[input.kind]}${number}` });
    const unit = (await activeUnitsById(tx, actor.tenantId, [input.leadUnitId])).get(input.leadUnitId);
    if (!unit) throw invalid({ leadUnitId: '主办处室不存在或已停用' });
    const settings = (await loadTenantSettings(tx, actor.tenantId)).settings;
    const replyDue = replyDueOf(input.assignedOn, settings.proposalReplyMonths);
    const kindLabel = PROPOSAL_KIND_LABELS[input.kind];
    // The enterprise's matter: an appeal through the appeals module's own intake (never its tables).
    const appeal = await receiveWithin(tx, ctx, {
      enterpriseId: input.enterpriseId ?? null,
      enterpriseName: input.enterpriseName ?? null,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      channel: PROPOSAL_CHANNEL[input.kind],
      category: input.category ?? 'suggestion',
      title: `${kindLabel}${number}：${input.title}`,
      content: input.content,
      externalRef: `${input.session}${number}`,
      dispatch: { leadUnitId: input.leadUnitId },
    });
    const p = await repo.insertProposal(
      tx,
      {
        tenantId: actor.tenantId,
        kind: input.kind,
        number: number!,
        session: input.session,
        proposerName: input.proposerName,
        delegation: input.delegation,
        title: input.title,
        content: input.content,
        assignedOn: input.assignedOn,
        year: Number(input.assignedOn.slice(0, 4)),
        leadUnitId: input.leadUnitId,
        appealId: appeal.id,
        appealNumber: appeal.number,
        replyDue,
        registeredBy: actor.userId,
        registeredByName: actor.displayName,
        createdAt: now,
      },
      { startedOn: input.assignedOn, replyDue },
    );
    await audit(tx, ctx, {
      action: 'proposal.register',
      entity: 'proposal',
      entityId: p.id,
      summary: `登记${kindLabel}${number}（${input.session}，${input.proposerName}）交${unit.name}主办，${replyDue}前答复；诉求${appeal.number}（${APPEAL_CATEGORY_LABELS[input.category ?? 'suggestion']}）`,
      after: { kind: input.kind, number, session: input.session, assignedOn: input.assignedOn, replyDue, leadUnitId: input.leadUnitId, appealId: appeal.id },
    });
    return viewOf(tx, actor, p.id);
  });
}

/** R3.3 the lead unit's reply letter (答复函) for the current round. */
export async function reply(ctx: AuthedCtx, id: string, input: { version: number; replyText: string }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const p = await lock(tx, actor, id);
    const next = guard(checkProposalTransition(p.state, 'reply', partiesOf(actor, p.leadUnitId)), p.state);
    await updateVersioned(tx, proposals, { id, tenantId: actor.tenantId, version: input.version }, { state: next }, '建议提案', presenter(tx, actor, id));
    const on = today(now);
    await repo.updateRound(tx, actor.tenantId, id, p.round, { replyText: input.replyText, repliedOn: on, repliedAt: now, repliedByName: actor.displayName });
    await audit(tx, ctx, {
      action: 'proposal.reply',
      entity: 'proposal',
      entityId: id,
      summary: `${PROPOSAL_KIND_LABELS[p.kind]}${p.number}第${p.round}轮答复（${on <= p.replyDue ? '按期' : '超期'}，期限${p.replyDue}）`,
      before: { state: p.state },
      after: { state: next, round: p.round, repliedOn: on },
    });
    return viewOf(tx, actor, id);
  });
}

/** R3.3 the deputy's / member's evaluation from their feedback form, entered by staff: 不满意 → to be handled again. */
export async function evaluate(ctx: AuthedCtx, id: string, input: { version: number; evaluation: ProposalEvaluation; note?: string | null }, now = new Date()) {
  const actor = ctx.actor;
  if (input.evaluation === 'unsatisfied' && !input.note) throw invalid({ note: '不满意时须记录代表委员的意见' });
  return withTx(ctx, async (tx) => {
    const p = await lock(tx, actor, id);
    const next = guard(checkProposalTransition(p.state, 'evaluate', partiesOf(actor, p.leadUnitId), input.evaluation), p.state);
    await updateVersioned(tx, proposals, { id, tenantId: actor.tenantId, version: input.version }, { state: next }, '建议提案', presenter(tx, actor, id));
    await repo.updateRound(tx, actor.tenantId, id, p.round, {
      evaluation: input.evaluation,
      evaluationNote: input.note ?? null,
      evaluatedAt: now,
      evaluatedByName: actor.displayName,
    });
    await audit(tx, ctx, {
      action: 'proposal.evaluate',
      entity: 'proposal',
      entityId: id,
      summary: `${PROPOSAL_KIND_LABELS[p.kind]}${p.number}第${p.round}轮答复评价：${PROPOSAL_EVALUATION_LABELS[input.evaluation]}`,
      before: { state: p.state },
      after: { state: next, evaluation: input.evaluation },
    });
    return viewOf(tx, actor, id);
  });
}

/** R3.3 after a 不满意: handling reopens — a new round whose reply period counts from today. */
export async function rehandle(ctx: AuthedCtx, id: string, input: { version: number; reason: string }, now = new Date()) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const p = await lock(tx, actor, id);
    const next = guard(checkProposalTransition(p.state, 'rehandle', partiesOf(actor, p.leadUnitId)), p.state);
    const settings = (await loadTenantSettings(tx, actor.tenantId)).settings;
    const startedOn = today(now);
    const replyDue = replyDueOf(startedOn, settings.proposalReplyMonths);
    const round = p.round + 1;
    await updateVersioned(
      tx,
      proposals,
      { id, tenantId: actor.tenantId, version: input.version },
      { state: next, round, replyDue },
      '建议提案',
      presenter(tx, actor, id),
    );
    await repo.insertRound(tx, { tenantId: actor.tenantId, proposalId: id, round, startedOn, replyDue, reopenReason: input.reason });
    await audit(tx, ctx, {
      action: 'proposal.rehandle',
      entity: 'proposal',
      entityId: id,
      summary: `${PROPOSAL_KIND_LABELS[p.kind]}${p.number}${PROPOSAL_ACTION_LABELS.rehandle}（第${round}轮，${replyDue}前答复）：${input.reason}`,
      before: { state: p.state, round: p.round, replyDue: p.replyDue },
      after: { state: next, round, replyDue },
    });
    return viewOf(tx, actor, id);
  });
}

// ---------------------------------------------------------------- the yearly list

/** R3.3 the yearly 办理 list per unit: a unit's own staff get their unit's; others all or one unit. */
export async function yearList(ctx: AuthedCtx, f: { year: number; unitId?: string }, now = new Date()) {
  const actor = ctx.actor;
  const all = hasRole(actor, ...REGISTRAR_ROLES, 'leader', 'oversight');
  const unitId = all ? (f.unitId ?? null) : (actor.unitId ?? null);
  if (!all && !unitId) throw notFound('建议提案');
  const rows = await repo.yearRows(ctx.db, actor.tenantId, f.year, unitId);
  const env = await envOf(ctx.db, actor.tenantId, rows, now);
  await withTx(ctx, async (tx) =>
    audit(tx, ctx, {
      action: 'proposal.year_export',
      entity: 'proposal',
      entityId: null,
      summary: `下载${f.year}年建议提案办理清单（${unitId ? (env.units.get(unitId)?.name ?? '处室') : '全部处室'}，${rows.length}件）`,
    }),
  );
  return {
    year: f.year,
    items: rows.map((p) => ({ ...presentBrief(p, env), rounds: env.rounds.filter((r) => r.proposalId === p.id).map((r) => presentRound(r, env)) })),
  };
}
export type YearList = Awaited<ReturnType<typeof yearList>>;
