// The roundtable state machine (R5.1, R5.3, R7.1): ONE explicit table of state × action × allowed
// parties → next state. Pure: no database. The service maps the caller to parties (partiesOf) and
// asks checkTransition before any change; guards that depend on data (R7.1 minutes with findings and
// what follows, every item disposed before the minutes, every appeal closed before 办结) are checked
// by the service after this table. server/test/roundtables/transitions.test.ts walks every combination.
import { ROUNDTABLE_ACTION_LABELS, ROUNDTABLE_STATE_LABELS, type RoundtableAction, type RoundtableState } from '../../../../shared/roundtables.ts';
import type { Role } from '../../../../shared/roles.ts';

/**
 * The capacity in which the caller acts on one meeting:
 * organiser — 政策法规处 (role coordinator), or a unit role of the meeting's lead unit (R5.2);
 * office — 办公室 (role intake): the leaders' attendance (R5.3) and appeals collected from enterprises;
 * enterprise — a portal account of an enterprise invited to the meeting.
 */
export const PARTIES = ['organiser', 'office', 'enterprise'] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_LABELS: Record<Party, string> = {
  organiser: '牵头处室',
  office: '办公室',
  enterprise: '受邀企业',
};

export type Acting = { kind: 'staff'; roles: readonly Role[]; unitId: string | null } | { kind: 'enterprise'; enterpriseId?: string | null };

export type Transition = { from: RoundtableState; action: RoundtableAction; by: readonly Party[]; to: RoundtableState | 'same' };

const BEFORE: RoundtableState[] = ['collecting', 'prepared'];
const rows = (from: RoundtableState[], action: RoundtableAction, by: readonly Party[], to: RoundtableState | 'same'): Transition[] =>
  from.map((f) => ({ from: f, action, by, to }));

/** THE table. Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  // Before the meeting (R5.1): the record, appeals collected within the period, invitations, leaders.
  ...rows(BEFORE, 'edit', ['organiser'], 'same'),
  ...rows(['collecting'], 'add_item', ['organiser', 'office', 'enterprise'], 'same'),
  ...rows(['prepared'], 'add_item', ['organiser', 'office'], 'same'),
  ...rows(BEFORE, 'invite', ['organiser'], 'same'),
  ...rows(BEFORE, 'reply', ['organiser', 'enterprise'], 'same'),
  // R5.3 办公室 arranges the leaders' attendance.
  ...rows(BEFORE, 'arrange_leader', ['office'], 'same'),
  ...rows(['collecting'], 'close_collection', ['organiser'], 'prepared'),
  ...rows(BEFORE, 'cancel', ['organiser'], 'cancelled'),
  ...rows(['prepared'], 'open', ['organiser'], 'in_session'),
  // On the day: items raised in the room; every item answered on site or turned into an appeal.
  ...rows(['in_session'], 'add_item', ['organiser'], 'same'),
  ...rows(['in_session'], 'answer_item', ['organiser'], 'same'),
  ...rows(['in_session'], 'item_to_appeal', ['organiser'], 'same'),
  // R7.1 minutes with findings and what follows (guarded by the service).
  ...rows(['in_session'], 'record_minutes', ['organiser'], 'following_up'),
  // After: closed when every appeal born in the meeting is closed (guarded by the service).
  ...rows(['following_up'], 'close', ['organiser'], 'closed'),
]);

const index = new Map<string, Transition>();
for (const t of TRANSITIONS) {
  const key = `${t.from}:${t.action}`;
  if (index.has(key)) throw new Error(`duplicate roundtable transition ${key}`);
  index.set(key, t);
}

export function transitionOf(from: RoundtableState, action: RoundtableAction): Transition | null {
  return index.get(`${from}:${action}`) ?? null;
}

/** The parties the caller acts as on a meeting (lead unit and invited enterprises given by the service). */
export function partiesOf(acting: Acting, meeting: { leadUnitId: string | null; invitedEnterpriseIds: readonly string[] }): Party[] {
  if (acting.kind === 'enterprise') {
    return acting.enterpriseId && meeting.invitedEnterpriseIds.includes(acting.enterpriseId) ? ['enterprise'] : [];
  }
  const out: Party[] = [];
  const unitRole = acting.roles.some((r) => r === 'unit_staff' || r === 'liaison' || r === 'unit_head');
  if (acting.roles.includes('coordinator') || (unitRole && acting.unitId !== null && acting.unitId === meeting.leadUnitId)) out.push('organiser');
  if (acting.roles.includes('intake')) out.push('office');
  return out;
}

export type Check = { ok: true; to: RoundtableState } | { ok: false; reason: 'state' | 'party'; message: string };

export function checkTransition(from: RoundtableState, action: RoundtableAction, parties: readonly Party[]): Check {
  const t = transitionOf(from, action);
  if (!t) return { ok: false, reason: 'state', message: `会议${ROUNDTABLE_STATE_LABELS[from]}，不能${ROUNDTABLE_ACTION_LABELS[action]}` };
  if (!parties.some((p) => t.by.includes(p))) {
    return { ok: false, reason: 'party', message: `只有${t.by.map((p) => PARTY_LABELS[p]).join('、')}可以${ROUNDTABLE_ACTION_LABELS[action]}` };
  }
  return { ok: true, to: t.to === 'same' ? from : t.to };
}

/** What the caller may do now (the page shows these; the rest disabled with their reason). */
export function allowedActions(from: RoundtableState, parties: readonly Party[]): RoundtableAction[] {
  return TRANSITIONS.filter((t) => t.from === from && parties.some((p) => t.by.includes(p))).map((t) => t.action);
}
