// R5.1, R5.3, R7.1: the roundtable transition table walked exhaustively — every state × action × party
// against the expectation written out here, independently of the table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROUNDTABLE_ACTIONS, ROUNDTABLE_STATES, type RoundtableAction, type RoundtableState } from '../../../shared/roundtables.ts';
import { PARTIES, allowedActions, checkTransition, partiesOf, type Party } from '../../src/domain/roundtables/transitions.ts';

type Row = Partial<Record<RoundtableAction, [Party[], RoundtableState | 'same']>>;
const O: Party[] = ['organiser'];
const BEFORE: Row = {
  edit: [O, 'same'],
  invite: [O, 'same'],
  reply: [['organiser', 'enterprise'], 'same'],
  arrange_leader: [['office'], 'same'],
  cancel: [O, 'cancelled'],
};
const EXPECTED: Record<RoundtableState, Row> = {
  collecting: { ...BEFORE, add_item: [['organiser', 'office', 'enterprise'], 'same'], close_collection: [O, 'prepared'] },
  prepared: { ...BEFORE, add_item: [['organiser', 'office'], 'same'], open: [O, 'in_session'] },
  in_session: { add_item: [O, 'same'], answer_item: [O, 'same'], item_to_appeal: [O, 'same'], record_minutes: [O, 'following_up'] },
  following_up: { close: [O, 'closed'] },
  closed: {},
  cancelled: {},
};

test('R5.1 R5.3 R7.1 roundtable transitions: every state × action × party as expected', () => {
  let walked = 0;
  for (const state of ROUNDTABLE_STATES) {
    for (const action of ROUNDTABLE_ACTIONS) {
      for (const party of PARTIES) {
        walked++;
        const exp = EXPECTED[state][action];
        const c = checkTransition(state, action, [party]);
        if (!exp) {
          assert.equal(c.ok, false, `${state} ${action} ${party}`);
          assert.equal(!c.ok && c.reason, 'state', `${state} ${action}: refused by state`);
        } else if (exp[0].includes(party)) {
          assert.deepEqual(c, { ok: true, to: exp[1] === 'same' ? state : exp[1] }, `${state} ${action} ${party}`);
        } else {
          assert.equal(c.ok, false, `${state} ${action} ${party}`);
          assert.equal(!c.ok && c.reason, 'party', `${state} ${action} ${party}: refused by party`);
          assert.match(!c.ok ? c.message : '', /只有/);
        }
      }
      // No party at all (a reader such as 机关党委): never allowed.
      assert.equal(checkTransition(state, action, []).ok, false);
    }
    for (const party of PARTIES) {
      const exp = Object.entries(EXPECTED[state])
        .filter(([, v]) => v![0].includes(party))
        .map(([a]) => a)
        .sort();
      assert.deepEqual([...allowedActions(state, [party])].sort(), exp, `allowed ${state} ${party}`);
    }
  }
  assert.equal(walked, ROUNDTABLE_STATES.length * ROUNDTABLE_ACTIONS.length * PARTIES.length);
});

test('R5.2 R5.3 parties: 政策法规处 and the lead unit organise, 办公室 arranges, only invited enterprises act', () => {
  const m = { leadUnitId: 'u1', invitedEnterpriseIds: ['e1'] };
  assert.deepEqual(partiesOf({ kind: 'staff', roles: ['coordinator'], unitId: 'x' }, m), ['organiser']);
  assert.deepEqual(partiesOf({ kind: 'staff', roles: ['unit_staff'], unitId: 'u1' }, m), ['organiser']);
  assert.deepEqual(partiesOf({ kind: 'staff', roles: ['unit_head'], unitId: 'u2' }, m), []);
  assert.deepEqual(partiesOf({ kind: 'staff', roles: ['intake'], unitId: 'x' }, m), ['office']);
  assert.deepEqual(partiesOf({ kind: 'staff', roles: ['oversight', 'leader'], unitId: null }, m), []);
  assert.deepEqual(partiesOf({ kind: 'enterprise', enterpriseId: 'e1' }, m), ['enterprise']);
  assert.deepEqual(partiesOf({ kind: 'enterprise', enterpriseId: 'e2' }, m), []);
});
