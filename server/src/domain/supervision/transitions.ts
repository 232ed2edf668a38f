// R7.2 / R7.4 supervision workflows: ONE explicit table each, state × action × allowed parties → next
// state. Pure: no database. server/test/supervision/transitions.test.ts walks every combination.
//
// The item: 机关党委 opens it on an appeal, a unit (or a contact point), asks the responsible unit for an
// explanation with a deadline, the unit answers, 机关党委 concludes with an outcome (通报 / 约谈 /
// 表扬 / 不予处理). An insufficient explanation may be asked again.
// The 约谈 record: rectification items are done by the unit (complete_item), and 机关党委 confirms
// the rectification complete once every item is done (a data guard of the service).
import {
  INTERVIEW_ACTION_LABELS,
  INTERVIEW_STATE_LABELS,
  SUPERVISION_ACTION_LABELS,
  SUPERVISION_STATE_LABELS,
  type InterviewAction,
  type InterviewState,
  type SupervisionAction,
  type SupervisionState,
} from '../../../../shared/supervision.ts';

/** oversight — 机关党委 (role oversight); unit — a unit role (unit_staff, liaison, unit_head) of the responsible unit. */
export const SUPERVISION_PARTIES = ['oversight', 'unit'] as const;
export type SupervisionParty = (typeof SUPERVISION_PARTIES)[number];
export const SUPERVISION_PARTY_LABELS: Record<SupervisionParty, string> = { oversight: '机关党委', unit: '责任处室' };

type Row<S extends string, A extends string> = { from: S; action: A; by: readonly SupervisionParty[]; to: S | 'same' };

export const ITEM_TRANSITIONS: readonly Row<SupervisionState, SupervisionAction>[] = Object.freeze([
  { from: 'open', action: 'request_explanation', by: ['oversight'], to: 'awaiting_explanation' },
  { from: 'explained', action: 'request_explanation', by: ['oversight'], to: 'awaiting_explanation' },
  { from: 'awaiting_explanation', action: 'explain', by: ['unit'], to: 'explained' },
  { from: 'open', action: 'conclude', by: ['oversight'], to: 'concluded' },
  { from: 'explained', action: 'conclude', by: ['oversight'], to: 'concluded' },
]) as readonly Row<SupervisionState, SupervisionAction>[];

export const INTERVIEW_TRANSITIONS: readonly Row<InterviewState, InterviewAction>[] = Object.freeze([
  { from: 'rectifying', action: 'complete_item', by: ['unit', 'oversight'], to: 'same' },
  { from: 'rectifying', action: 'complete', by: ['oversight'], to: 'completed' },
]) as readonly Row<InterviewState, InterviewAction>[];

export type Check<S> = { ok: true; next: S } | { ok: false; status: 403 | 409; message: string };

const partyList = (ps: readonly SupervisionParty[]) => ps.map((p) => SUPERVISION_PARTY_LABELS[p]).join('、');

function check<S extends string, A extends string>(
  table: readonly Row<S, A>[],
  what: string,
  stateLabels: Record<S, string>,
  actionLabels: Record<A, string>,
  state: S,
  action: A,
  parties: readonly SupervisionParty[],
): Check<S> {
  const label = actionLabels[action];
  const anyState = table.filter((t) => t.action === action);
  const ever = [...new Set(anyState.flatMap((t) => t.by))];
  if (!parties.some((p) => ever.includes(p))) return { ok: false, status: 403, message: `只有${partyList(ever)}可以${label}` };
  const t = anyState.find((x) => x.from === state);
  if (!t) {
    const states = anyState.map((x) => `「${stateLabels[x.from]}」`).join('、');
    return { ok: false, status: 409, message: `${what}当前为「${stateLabels[state]}」，不能${label}（仅${states}时可以）` };
  }
  if (!parties.some((p) => t.by.includes(p)))
    return { ok: false, status: 403, message: `${what}为「${stateLabels[state]}」时，只有${partyList(t.by)}可以${label}` };
  return { ok: true, next: t.to === 'same' ? state : (t.to as S) };
}

export const checkItemTransition = (state: SupervisionState, action: SupervisionAction, parties: readonly SupervisionParty[]) =>
  check(ITEM_TRANSITIONS, '督导事项', SUPERVISION_STATE_LABELS, SUPERVISION_ACTION_LABELS, state, action, parties);

export const checkInterviewTransition = (state: InterviewState, action: InterviewAction, parties: readonly SupervisionParty[]) =>
  check(INTERVIEW_TRANSITIONS, '约谈整改', INTERVIEW_STATE_LABELS, INTERVIEW_ACTION_LABELS, state, action, parties);

export const allowedItemActions = (state: SupervisionState, parties: readonly SupervisionParty[]) =>
  ITEM_TRANSITIONS.filter((t) => t.from === state && parties.some((p) => t.by.includes(p))).map((t) => t.action);

export const allowedInterviewActions = (state: InterviewState, parties: readonly SupervisionParty[]) =>
  INTERVIEW_TRANSITIONS.filter((t) => t.from === state && parties.some((p) => t.by.includes(p))).map((t) => t.action);
