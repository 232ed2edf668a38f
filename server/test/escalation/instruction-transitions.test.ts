// R6.3/leader 批示: the transition table of domain/instructions/transitions.ts walked exhaustively —
// every state × action × set of parties answers what the table says, and nothing else is allowed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INSTRUCTION_ACTIONS, INSTRUCTION_STATES } from '../../../shared/escalation.ts';
import {
  allowedInstructionActions,
  checkInstructionTransition,
  INSTRUCTION_PARTIES,
  INSTRUCTION_TRANSITIONS,
  type InstructionParty,
} from '../../src/domain/instructions/transitions.ts';

const subsets: InstructionParty[][] = [[], ['leader'], ['unit'], ['leader', 'unit']];

test('R6.3/leader 批示 transitions: the table is issued →(unit 签收) acknowledged →(unit 落实情况) reported, nothing else', () => {
  assert.deepEqual(
    INSTRUCTION_TRANSITIONS.map((t) => `${t.from} ${t.action} ${t.by.join('+')} → ${t.to}`),
    ['issued acknowledge unit → acknowledged', 'acknowledged report unit → reported'],
  );
  assert.deepEqual(INSTRUCTION_PARTIES, ['leader', 'unit']);
});

test('R6.3/leader 批示 transitions: every state × action × parties is checked against the table', () => {
  let walked = 0;
  for (const state of INSTRUCTION_STATES) {
    for (const action of INSTRUCTION_ACTIONS) {
      for (const parties of subsets) {
        walked++;
        const row = INSTRUCTION_TRANSITIONS.find((t) => t.from === state && t.action === action);
        const r = checkInstructionTransition(state, action, parties);
        const entitled = INSTRUCTION_TRANSITIONS.filter((t) => t.action === action).some((t) => t.by.some((p) => parties.includes(p)));
        if (!entitled) {
          assert.equal(r.ok, false, `${state} ${action} ${parties}`);
          assert.equal(!r.ok && r.status, 403);
          assert.match(!r.ok ? r.message : '', /只有主办处室可以/);
        } else if (!row) {
          assert.equal(!r.ok && r.status, 409, `${state} ${action} ${parties}`);
          assert.match(!r.ok ? r.message : '', /批示当前为「/);
        } else {
          assert.deepEqual(r, { ok: true, next: row.to }, `${state} ${action} ${parties}`);
        }
        assert.equal(allowedInstructionActions(state, parties).includes(action), r.ok, `allowed ${state} ${action} ${parties}`);
      }
    }
  }
  assert.equal(walked, INSTRUCTION_STATES.length * INSTRUCTION_ACTIONS.length * subsets.length);
  // The leader only writes: no action of the table is the leader's.
  for (const state of INSTRUCTION_STATES) assert.deepEqual(allowedInstructionActions(state, ['leader']), []);
  // 已反馈 is final.
  assert.deepEqual(allowedInstructionActions('reported', ['unit']), []);
});
