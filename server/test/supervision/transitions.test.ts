// R7.2 / R7.4 the supervision item and 约谈 tables, walked exhaustively (every state × action × party).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INTERVIEW_ACTIONS, INTERVIEW_STATES, SUPERVISION_ACTIONS, SUPERVISION_STATES } from '../../../shared/supervision.ts';
import {
  allowedInterviewActions,
  allowedItemActions,
  checkInterviewTransition,
  checkItemTransition,
  INTERVIEW_TRANSITIONS,
  ITEM_TRANSITIONS,
  SUPERVISION_PARTIES,
} from '../../src/domain/supervision/transitions.ts';

function walk<S extends string, A extends string>(
  states: readonly S[],
  actions: readonly A[],
  table: readonly { from: S; action: A; by: readonly string[]; to: S | 'same' }[],
  check: (s: S, a: A, p: (typeof SUPERVISION_PARTIES)[number][]) => { ok: boolean; next?: S; status?: number },
) {
  for (const state of states)
    for (const action of actions)
      for (const party of SUPERVISION_PARTIES) {
        const row = table.find((t) => t.from === state && t.action === action);
        const c = check(state, action, [party]);
        if (row?.by.includes(party)) {
          assert.ok(c.ok, `${state} ${action} ${party}`);
          assert.equal(c.next, row.to === 'same' ? state : row.to);
        } else {
          assert.equal(c.ok, false, `${state} ${action} ${party}`);
          const ever = table.some((t) => t.action === action && t.by.includes(party));
          assert.equal(c.status, ever && !row ? 409 : 403, `${state} ${action} ${party}`);
        }
      }
}

test('R7.2 supervision item lifecycle: every state × action × party against the table', () => {
  walk(SUPERVISION_STATES, SUPERVISION_ACTIONS, ITEM_TRANSITIONS, checkItemTransition);
  assert.deepEqual(allowedItemActions('open', ['oversight']), ['request_explanation', 'conclude']);
  assert.deepEqual(allowedItemActions('awaiting_explanation', ['unit']), ['explain']);
  assert.deepEqual(allowedItemActions('awaiting_explanation', ['oversight']), []);
  assert.deepEqual(allowedItemActions('explained', ['oversight']), ['request_explanation', 'conclude']);
  assert.deepEqual(allowedItemActions('concluded', ['oversight', 'unit']), []);
});

test('R7.4 约谈 rectification lifecycle: every state × action × party against the table', () => {
  walk(INTERVIEW_STATES, INTERVIEW_ACTIONS, INTERVIEW_TRANSITIONS, checkInterviewTransition);
  assert.deepEqual(allowedInterviewActions('rectifying', ['unit']), ['complete_item']);
  assert.deepEqual(allowedInterviewActions('completed', ['oversight', 'unit']), []);
});
