// R3.5 / R6.3 领导批示: ONE explicit table, state × action × allowed parties → next state. Pure: no
// database. server/test/escalation/instruction-transitions.test.ts walks every combination.
//
// A leader (厅领导) writes the 批示 on an appeal of their portfolio (creation, not a row here: the
// instruction starts 'issued'); the lead unit (its head or a handler) acknowledges it (签收批示) and
// later reports how it was carried out (落实情况), which the leader reads. The leader only writes.
import {
  INSTRUCTION_ACTION_LABELS,
  INSTRUCTION_STATE_LABELS,
  INSTRUCTION_STATES,
  type InstructionAction,
  type InstructionState,
} from '../../../../shared/escalation.ts';

/** leader — the 厅领导 who wrote it; unit — the head or a handler (unit_head, unit_staff, liaison) of the appeal's lead unit. */
export const INSTRUCTION_PARTIES = ['leader', 'unit'] as const;
export type InstructionParty = (typeof INSTRUCTION_PARTIES)[number];
export const INSTRUCTION_PARTY_LABELS: Record<InstructionParty, string> = { leader: '批示的厅领导', unit: '主办处室' };

type Row = { from: InstructionState; action: InstructionAction; by: readonly InstructionParty[]; to: InstructionState };

export const INSTRUCTION_TRANSITIONS: readonly Row[] = Object.freeze([
  { from: 'issued', action: 'acknowledge', by: ['unit'], to: 'acknowledged' },
  { from: 'acknowledged', action: 'report', by: ['unit'], to: 'reported' },
]) as readonly Row[];

export { INSTRUCTION_STATES };

export type Check = { ok: true; next: InstructionState } | { ok: false; status: 403 | 409; message: string };

const partyList = (ps: readonly InstructionParty[]) => ps.map((p) => INSTRUCTION_PARTY_LABELS[p]).join('、');

export function checkInstructionTransition(state: InstructionState, action: InstructionAction, parties: readonly InstructionParty[]): Check {
  const label = INSTRUCTION_ACTION_LABELS[action];
  const rows = INSTRUCTION_TRANSITIONS.filter((t) => t.action === action);
  const ever = [...new Set(rows.flatMap((t) => t.by))];
  if (!parties.some((p) => ever.includes(p))) return { ok: false, status: 403, message: `只有${partyList(ever)}可以${label}` };
  const t = rows.find((x) => x.from === state);
  if (!t) {
    const states = rows.map((x) => `「${INSTRUCTION_STATE_LABELS[x.from]}」`).join('、');
    return { ok: false, status: 409, message: `批示当前为「${INSTRUCTION_STATE_LABELS[state]}」，不能${label}（仅${states}时可以）` };
  }
  if (!parties.some((p) => t.by.includes(p))) return { ok: false, status: 403, message: `只有${partyList(t.by)}可以${label}` };
  return { ok: true, next: t.to };
}

export const allowedInstructionActions = (state: InstructionState, parties: readonly InstructionParty[]) =>
  INSTRUCTION_TRANSITIONS.filter((t) => t.from === state && parties.some((p) => t.by.includes(p))).map((t) => t.action);
