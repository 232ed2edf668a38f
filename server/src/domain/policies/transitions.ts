// The policy consultation state machine (R2.5): ONE explicit table of state × action × parties → next
// state. Pure. `issue` stands in every state before 出台 so that the service can answer what is missing
// (R2.5: research and a closed consultation round) with a 409 naming it (`issueProblems`).
// server/test/policies/policies.test.ts walks every combination.
import { POLICY_ACTION_LABELS, POLICY_STATE_LABELS, type PolicyAction, type PolicyState } from '../../../../shared/policies.ts';
import type { Role } from '../../../../shared/roles.ts';

/** organiser — a unit role of the drafting unit, or 政策法规处; enterprise — a portal account of an enterprise asked. */
export const PARTIES = ['organiser', 'enterprise'] as const;
export type Party = (typeof PARTIES)[number];
const PARTY_LABELS: Record<Party, string> = { organiser: '起草处室或政策法规处', enterprise: '征求意见的企业' };

export type Transition = { from: PolicyState; action: PolicyAction; by: readonly Party[]; to: PolicyState | 'same' };
const O: Party[] = ['organiser'];

export const TRANSITIONS: readonly Transition[] = Object.freeze([
  { from: 'drafting', action: 'edit', by: O, to: 'same' },
  { from: 'drafting', action: 'open_round', by: O, to: 'consulting' },
  { from: 'drafting', action: 'issue', by: O, to: 'issued' },
  { from: 'consulting', action: 'add_response', by: ['organiser', 'enterprise'], to: 'same' },
  { from: 'consulting', action: 'decide_response', by: O, to: 'same' },
  { from: 'consulting', action: 'close_round', by: O, to: 'consulted' },
  { from: 'consulting', action: 'issue', by: O, to: 'issued' },
  { from: 'consulted', action: 'decide_response', by: O, to: 'same' },
  { from: 'consulted', action: 'issue', by: O, to: 'issued' },
] satisfies Transition[]);

export type Acting = { kind: 'staff'; roles: readonly Role[]; unitId: string | null } | { kind: 'enterprise'; enterpriseId?: string | null };

export function partiesOf(acting: Acting, draft: { draftingUnitId: string; consulteeIds: readonly string[] }): Party[] {
  if (acting.kind === 'enterprise') return acting.enterpriseId && draft.consulteeIds.includes(acting.enterpriseId) ? ['enterprise'] : [];
  const unitRole = acting.roles.some((r) => r === 'unit_staff' || r === 'liaison' || r === 'unit_head');
  return acting.roles.includes('coordinator') || (unitRole && acting.unitId === draft.draftingUnitId) ? ['organiser'] : [];
}

export type Check = { ok: true; to: PolicyState } | { ok: false; reason: 'state' | 'party'; message: string };

export function checkTransition(from: PolicyState, action: PolicyAction, parties: readonly Party[]): Check {
  const t = TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) return { ok: false, reason: 'state', message: `政策草案${POLICY_STATE_LABELS[from]}，不能${POLICY_ACTION_LABELS[action]}` };
  if (!parties.some((p) => t.by.includes(p)))
    return { ok: false, reason: 'party', message: `只有${t.by.map((p) => PARTY_LABELS[p]).join('、')}可以${POLICY_ACTION_LABELS[action]}` };
  return { ok: true, to: t.to === 'same' ? from : t.to };
}

export function allowedActions(from: PolicyState, parties: readonly Party[]): PolicyAction[] {
  return TRANSITIONS.filter((t) => t.from === from && parties.some((p) => t.by.includes(p))).map((t) => t.action);
}

/** R2.5 what keeps a draft from being issued: research (≥1 task) and a closed consultation round. */
export function issueProblems(draft: { state: PolicyState; researchTaskIds: readonly string[] }): string[] {
  const out: string[] = [];
  if (!draft.researchTaskIds.length) out.push('尚未关联调研（至少一项调研任务）');
  if (draft.state === 'drafting') out.push('尚未征求企业意见');
  else if (draft.state === 'consulting') out.push('征求意见尚未结束');
  return out;
}
