// R3.3 建议提案: the proposal's lifecycle as ONE explicit table, state × action × allowed parties → next
// state. Pure: no database. server/test/proposals/transitions.test.ts walks every combination.
//
// 办公室 (intake) or the coordinator registers a proposal (state handling) with its lead unit; the lead
// unit writes the reply letter (答复函); staff enter the deputy's / member's evaluation from their
// feedback form: 满意 / 基本满意 close it, 不满意 leaves it to be handled again — 办公室 reopens the
// handling with a new reply period (a new round on the proposal's record).
import {
  PROPOSAL_ACTION_LABELS,
  PROPOSAL_STATE_LABELS,
  type ProposalAction,
  type ProposalEvaluation,
  type ProposalState,
} from '../../../../shared/proposals.ts';

/** registrar — 办公室 / intake or the coordinator; lead_unit — a unit role of the proposal's lead unit. */
export const PROPOSAL_PARTIES = ['registrar', 'lead_unit'] as const;
export type ProposalParty = (typeof PROPOSAL_PARTIES)[number];
export const PROPOSAL_PARTY_LABELS: Record<ProposalParty, string> = { registrar: '办公室（受理、统筹）', lead_unit: '主办处室' };

/** `to` by the evaluation for `evaluate`; a plain state otherwise. */
type Next = ProposalState | Record<ProposalEvaluation, ProposalState>;
export type ProposalTransition = { from: ProposalState; action: ProposalAction; by: readonly ProposalParty[]; to: Next };

export const PROPOSAL_TRANSITIONS: readonly ProposalTransition[] = Object.freeze([
  { from: 'handling', action: 'reply', by: ['lead_unit'], to: 'replied' },
  {
    from: 'replied',
    action: 'evaluate',
    by: ['registrar'],
    to: { satisfied: 'closed', basically_satisfied: 'closed', unsatisfied: 'unsatisfied' },
  },
  { from: 'unsatisfied', action: 'rehandle', by: ['registrar'], to: 'handling' },
]) as readonly ProposalTransition[];

export type ProposalCheck = { ok: true; next: ProposalState } | { ok: false; status: 403 | 409; message: string };

const partyList = (ps: readonly ProposalParty[]) => ps.map((p) => PROPOSAL_PARTY_LABELS[p]).join('、');

/** May these parties take this action in this state, and where does it lead (for evaluate: by the evaluation)? */
export function checkProposalTransition(
  state: ProposalState,
  action: ProposalAction,
  parties: readonly ProposalParty[],
  evaluation?: ProposalEvaluation,
): ProposalCheck {
  const label = PROPOSAL_ACTION_LABELS[action];
  const rows = PROPOSAL_TRANSITIONS.filter((t) => t.action === action);
  const ever = [...new Set(rows.flatMap((t) => t.by))];
  if (!parties.some((p) => ever.includes(p))) return { ok: false, status: 403, message: `只有${partyList(ever)}可以${label}` };
  const t = rows.find((x) => x.from === state);
  if (!t) {
    const states = rows.map((x) => `「${PROPOSAL_STATE_LABELS[x.from]}」`).join('、');
    return { ok: false, status: 409, message: `建议提案当前为「${PROPOSAL_STATE_LABELS[state]}」，不能${label}（仅${states}时可以）` };
  }
  if (!parties.some((p) => t.by.includes(p)))
    return { ok: false, status: 403, message: `建议提案为「${PROPOSAL_STATE_LABELS[state]}」时，只有${partyList(t.by)}可以${label}` };
  if (typeof t.to === 'string') return { ok: true, next: t.to };
  return { ok: true, next: t.to[evaluation ?? 'satisfied'] };
}

export const allowedProposalActions = (state: ProposalState, parties: readonly ProposalParty[]): ProposalAction[] =>
  PROPOSAL_TRANSITIONS.filter((t) => t.from === state && parties.some((p) => t.by.includes(p))).map((t) => t.action);
