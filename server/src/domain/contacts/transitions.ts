// The contact-point selection workflow (R1.5 leader points, R1.9 unit points): ONE explicit table of
// state × action × allowed parties → next state. Pure: no database. The service maps the caller to
// parties (partiesOf) and asks checkTransition before any change; data guards (the 1–2 limit, the
// portfolio, an overlap the coordinator must accept) are checked by the service after this table.
// server/test/contacts/transitions.test.ts walks every state × action × party.
import { POINT_ACTION_LABELS, POINT_STATE_LABELS, type PointAction, type PointKind, type PointState } from '../../../../shared/contacts.ts';
import type { Role } from '../../../../shared/roles.ts';

/**
 * The capacity in which the caller acts on one point:
 * proposer — the unit_head or liaison of the point's unit (leader point: its liaison unit, R1.2,
 * which proposes it, R1.5; unit point: the unit that chooses it, R1.9); coordinator — 政策法规处
 * (role coordinator); leader — leader point: the leader it belongs to; unit point: a leader whose
 * portfolio (分管) covers the unit (R1.9 "reported to the leaders in charge who confirm");
 * system — the scheduler (a term ends).
 */
export const POINT_PARTIES = ['proposer', 'coordinator', 'leader', 'system'] as const;
export type PointParty = (typeof POINT_PARTIES)[number];
export const POINT_PARTY_LABELS: Record<PointParty, string> = {
  proposer: '联系处室',
  coordinator: '政策法规处',
  leader: '厅领导',
  system: '系统',
};

export type PointTransition = { from: PointState; action: PointAction; by: readonly PointParty[]; to: PointState };

/** THE table. Anything not listed is refused. Both kinds share it; partiesOf says who is who. */
export const POINT_TRANSITIONS: readonly PointTransition[] = Object.freeze([
  // R1.5 / R1.9 政策法规处 coordinates a proposal: accept (→ the leader's opinion / the leaders in
  // charge), return with a reason, or propose another enterprise (goes to the leader as changed).
  { from: 'proposed', action: 'accept', by: ['coordinator'], to: 'leader_review' },
  { from: 'proposed', action: 'return', by: ['coordinator'], to: 'returned' },
  { from: 'proposed', action: 'propose_other', by: ['coordinator'], to: 'leader_review' },
  // The proposer revises a returned proposal (another enterprise or liaison) and sends it again, or withdraws.
  { from: 'returned', action: 'resubmit', by: ['proposer'], to: 'proposed' },
  { from: 'proposed', action: 'withdraw', by: ['proposer'], to: 'withdrawn' },
  { from: 'returned', action: 'withdraw', by: ['proposer'], to: 'withdrawn' },
  // The leader's opinion: confirm (the term starts, R1.3 / R1.7) or send back to coordination.
  { from: 'leader_review', action: 'confirm', by: ['leader'], to: 'confirmed' },
  { from: 'leader_review', action: 'send_back', by: ['leader'], to: 'proposed' },
  // R1.3 / R1.7 the term ends: the point stays in the history, never deleted.
  { from: 'confirmed', action: 'expire', by: ['system'], to: 'expired' },
]);

/** Who acts, as the domain needs it. */
export type PointActing =
  | { kind: 'staff'; roles: readonly Role[]; unitId: string | null; leaderId: string | null; portfolioUnitIds: readonly string[] }
  | { kind: 'system' };

export type PointFacts = { kind: PointKind; unitId: string; leaderId: string | null };

/** The parties the caller acts as on one point. */
export function partiesOf(who: PointActing, point: PointFacts): PointParty[] {
  if (who.kind === 'system') return ['system'];
  const p: PointParty[] = [];
  if (who.unitId === point.unitId && (who.roles.includes('unit_head') || who.roles.includes('liaison'))) p.push('proposer');
  if (who.roles.includes('coordinator')) p.push('coordinator');
  if (who.roles.includes('leader')) {
    if (point.kind === 'leader' ? who.leaderId !== null && who.leaderId === point.leaderId : who.portfolioUnitIds.includes(point.unitId)) p.push('leader');
  }
  return p;
}

export type PointCheck = { ok: true; transition: PointTransition } | { ok: false; status: 403 | 409; message: string };

const partyList = (ps: readonly PointParty[]) => ps.map((p) => POINT_PARTY_LABELS[p]).join('、');

/**
 * Is `action` allowed in `state` for a caller acting as `parties`?
 * nobody of the caller's parties may ever do it → 403; the caller may, but not in this state → 409;
 * the state allows it, but for other parties → 403.
 */
export function checkPointTransition(state: PointState, action: PointAction, parties: readonly PointParty[]): PointCheck {
  const label = POINT_ACTION_LABELS[action];
  const anyState = POINT_TRANSITIONS.filter((t) => t.action === action);
  const ever = [...new Set(anyState.flatMap((t) => t.by))];
  if (!parties.some((p) => ever.includes(p))) return { ok: false, status: 403, message: `只有${partyList(ever)}可以${label}` };
  const t = POINT_TRANSITIONS.find((x) => x.from === state && x.action === action);
  if (!t) {
    const states = [...new Set(anyState.map((x) => `「${POINT_STATE_LABELS[x.from]}」`))].join('、');
    return { ok: false, status: 409, message: `联系点当前为「${POINT_STATE_LABELS[state]}」，不能${label}（仅${states}时可以）` };
  }
  if (!parties.some((p) => t.by.includes(p)))
    return { ok: false, status: 403, message: `联系点为「${POINT_STATE_LABELS[state]}」时，只有${partyList(t.by)}可以${label}` };
  return { ok: true, transition: t };
}

/** The actions a caller may take now (the point page shows only these). */
export function allowedPointActions(state: PointState, parties: readonly PointParty[]): PointAction[] {
  return POINT_TRANSITIONS.filter((t) => t.from === state && t.by.some((p) => parties.includes(p)) && t.action !== 'expire').map((t) => t.action);
}
