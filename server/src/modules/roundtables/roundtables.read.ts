// Roundtables: who sees and may do what (the policy's visibility, the state table's answer for the
// caller) and the reads — a meeting as its page shows it (items with their appeals' live state, the
// actions allowed now, with the reasons of those refused) and the list. Writes: roundtables.service.ts
// and roundtables.invitations.ts.
import { OPEN_STATES, type AppealState } from '../../../../shared/appeals.ts';
import { leadRuleText, type RoundtableAction } from '../../../../shared/roundtables.ts';
import type { RoundtableBrief, RoundtableItem, RoundtableView } from '../../../../shared/api/roundtables.ts';
import type { DbOrTx } from '../../db/client.ts';
import { allowedActions, checkTransition, partiesOf, type Party } from '../../domain/roundtables/transitions.ts';
import { AppError, ErrorCode, notFound } from '../../errors.ts';
import type { Actor, AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealBrief } from '../appeals/index.ts';
import { activeUnitsById, unitName } from '../units/index.ts';
import * as repo from './roundtables.repository.ts';
import type { ItemRow, RoundtableRow } from './roundtables.repository.ts';

/** Policy visibility: staff of the tenant see every meeting; an enterprise only those it is invited to. */
export function visibleTo(actor: Actor, owner: { invitedEnterpriseIds?: string[] }): boolean {
  if (actor.kind !== 'enterprise') return true;
  return Boolean(actor.enterpriseId && owner.invitedEnterpriseIds?.includes(actor.enterpriseId));
}

export const CREATOR_ROLES = ['coordinator', 'intake'] as const;
export const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

export function conflict(message: string) {
  return new AppError(ErrorCode.INVALID_TRANSITION, message);
}

/** The meeting of the caller's tenant, or 404 (also used by roundtables.invitations.ts). */
export async function meeting(db: DbOrTx, actor: Actor, id: string, lock = false): Promise<RoundtableRow> {
  const r = await repo.getRoundtable(db, actor.tenantId, id, lock);
  if (!r) throw notFound('会议');
  return r;
}

async function partiesFor(db: DbOrTx, actor: Actor, r: RoundtableRow): Promise<Party[]> {
  const invited = actor.kind === 'enterprise' ? (await repo.invitationsOf(db, actor.tenantId, r.id)).map((i) => i.enterpriseId) : [];
  return partiesOf(actor.kind === 'enterprise' ? { kind: 'enterprise', enterpriseId: actor.enterpriseId } : actor, {
    leadUnitId: r.leadUnitId,
    invitedEnterpriseIds: invited,
  });
}

/** The table's answer for this caller, or 409 (state) / 403 (party). */
export async function allow(db: DbOrTx, actor: Actor, r: RoundtableRow, action: RoundtableAction) {
  const c = checkTransition(r.state, action, await partiesFor(db, actor, r));
  if (!c.ok) throw c.reason === 'state' ? conflict(c.message) : new AppError(ErrorCode.FORBIDDEN, c.message);
  return c.to;
}

// ---------------------------------------------------------------- reads

export async function presentItem(db: DbOrTx, tenantId: string, i: ItemRow): Promise<RoundtableItem> {
  let appeal: RoundtableItem['appeal'] = null;
  if (i.appealId) {
    const a = await appealBrief(db, tenantId, i.appealId);
    if (a) appeal = { id: a.id, number: a.number, state: a.state as AppealState, leadUnitName: await unitName(db, a.leadUnitId) };
  }
  return {
    id: i.id,
    source: i.source,
    enterpriseId: i.enterpriseId,
    enterpriseName: i.enterpriseName,
    contactName: i.contactName,
    contactPhone: i.contactPhone,
    category: i.category,
    title: i.title,
    content: i.content,
    disposition: i.disposition,
    answer: i.answer,
    unitId: i.unitId,
    unitName: await unitName(db, i.unitId),
    appeal,
    createdByName: i.createdByName,
    createdAt: iso(i.createdAt)!,
    disposedByName: i.disposedByName,
    disposedAt: iso(i.disposedAt),
    version: i.version,
  };
}

/** Why an action the caller's party may take is refused now by the data (R7.1 and the follow-up). */
export function guards(items: RoundtableItem[]): Partial<Record<RoundtableAction, string>> {
  const out: Partial<Record<RoundtableAction, string>> = {};
  const pending = items.filter((i) => i.disposition === 'pending').length;
  if (pending) out.record_minutes = `还有${pending}项诉求未当场答复或转为诉求办理`;
  const open = items.filter((i) => i.appeal && (OPEN_STATES as readonly string[]).includes(i.appeal.state)).length;
  if (open) out.close = `会上转办的诉求还有${open}件未办结`;
  return out;
}

export async function present(db: DbOrTx, actor: Actor, r: RoundtableRow): Promise<RoundtableView> {
  const [itemRows, invitations, leaders, parties] = [
    await repo.itemsOf(db, r.tenantId, r.id),
    await repo.invitationsOf(db, r.tenantId, r.id),
    await repo.leadersOf(db, r.tenantId, r.id),
    await partiesFor(db, actor, r),
  ];
  const items: RoundtableItem[] = [];
  for (const i of itemRows) items.push(await presentItem(db, r.tenantId, i));
  const unitRows = await activeUnitsById(db, r.tenantId, r.unitIds);
  const units = [];
  for (const u of r.unitIds) units.push({ id: u, name: unitRows.get(u)?.name ?? (await unitName(db, u)) ?? '' });
  const leadUnitName = (await unitName(db, r.leadUnitId)) ?? '';
  const appeals = items.filter((i) => i.appeal);
  const allowed = allowedActions(r.state, parties);
  const blocked = Object.fromEntries(Object.entries(guards(items)).filter(([a]) => allowed.includes(a as RoundtableAction)));
  return {
    id: r.id,
    kind: r.kind,
    organiser: r.organiser,
    title: r.title,
    topics: r.topics,
    meetingDate: r.meetingDate,
    place: r.place,
    collectFrom: r.collectFrom,
    collectUntil: r.collectUntil,
    state: r.state,
    leadUnitId: r.leadUnitId,
    leadUnitName,
    version: r.version,
    units,
    leadRule: leadRuleText(r.unitIds.length, leadUnitName),
    minutes: r.minutes,
    findings: r.findings,
    followUp: r.followUp,
    minutesByName: r.minutesByName,
    minutesAt: iso(r.minutesAt),
    closedAt: iso(r.closedAt),
    cancelReason: r.cancelReason,
    createdByName: r.createdByName,
    createdAt: iso(r.createdAt)!,
    items,
    invitations: invitations.map((i) => ({
      id: i.id,
      enterpriseId: i.enterpriseId,
      enterpriseName: i.enterpriseName,
      contactName: i.contactName,
      contactPhone: i.contactPhone,
      reply: i.reply,
      attendeeName: i.attendeeName,
      repliedByName: i.repliedByName,
      repliedAt: iso(i.repliedAt),
      invitedAt: iso(i.invitedAt)!,
    })),
    leaders: leaders.map((l) => ({ leaderId: l.leaderId, leaderName: l.leaderName, status: l.status, note: l.note, arrangedByName: l.arrangedByName })),
    appealsTotal: appeals.length,
    appealsOpen: appeals.filter((i) => (OPEN_STATES as readonly string[]).includes(i.appeal!.state)).length,
    allowedActions: allowed,
    blocked,
  };
}

export async function get(ctx: AuthedCtx, id: string) {
  return present(ctx.db, ctx.actor, await meeting(ctx.db, ctx.actor, id));
}

export async function list(ctx: AuthedCtx): Promise<{ items: RoundtableBrief[]; canCreate: boolean }> {
  const rows = await repo.listRoundtables(ctx.db, ctx.actor.tenantId);
  const counts = await repo.countsOf(
    ctx.db,
    ctx.actor.tenantId,
    rows.map((r) => r.id),
  );
  const names = await activeUnitsById(ctx.db, ctx.actor.tenantId, [...new Set(rows.map((r) => r.leadUnitId))]);
  const items: RoundtableBrief[] = [];
  for (const r of rows) {
    const c = counts.get(r.id)!;
    items.push({
      id: r.id,
      kind: r.kind,
      organiser: r.organiser,
      title: r.title,
      topics: r.topics,
      meetingDate: r.meetingDate,
      place: r.place,
      collectFrom: r.collectFrom,
      collectUntil: r.collectUntil,
      state: r.state,
      leadUnitId: r.leadUnitId,
      leadUnitName: names.get(r.leadUnitId)?.name ?? (await unitName(ctx.db, r.leadUnitId)) ?? '',
      version: r.version,
      unitCount: r.unitIds.length,
      items: c.items,
      pendingItems: c.pending,
      appeals: c.appeals,
      invited: c.invited,
    });
  }
  return { items, canCreate: ctx.actor.roles.some((r) => (CREATOR_ROLES as readonly string[]).includes(r) || (UNIT_ROLES as readonly string[]).includes(r)) };
}
