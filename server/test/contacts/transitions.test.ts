// R1.5 / R1.9 the contact-point selection table, walked exhaustively: every state × action × party.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POINT_ACTIONS, POINT_STATES, type PointAction, type PointState } from '../../../shared/contacts.ts';
import { allowedPointActions, checkPointTransition, partiesOf, POINT_PARTIES, type PointParty } from '../../src/domain/contacts/transitions.ts';

/** The expected table, written independently of the implementation: `state action` → [parties, next]. */
const EXPECTED: Record<string, [PointParty[], PointState]> = {
  'proposed accept': [['coordinator'], 'leader_review'],
  'proposed return': [['coordinator'], 'returned'],
  'proposed propose_other': [['coordinator'], 'leader_review'],
  'proposed withdraw': [['proposer'], 'withdrawn'],
  'returned resubmit': [['proposer'], 'proposed'],
  'returned withdraw': [['proposer'], 'withdrawn'],
  'leader_review confirm': [['leader'], 'confirmed'],
  'leader_review send_back': [['leader'], 'proposed'],
  'confirmed expire': [['system'], 'expired'],
};

test('R1.5 R1.9 every state × action × party: allowed exactly as the table says, 403 for the wrong party, 409 for the wrong state', () => {
  let walked = 0;
  for (const state of POINT_STATES) {
    for (const action of POINT_ACTIONS) {
      for (const party of POINT_PARTIES) {
        walked++;
        const r = checkPointTransition(state, action as PointAction, [party]);
        const row = EXPECTED[`${state} ${action}`];
        const everAllowed = Object.entries(EXPECTED).some(([k, [ps]]) => k.endsWith(` ${action}`) && ps.includes(party));
        if (row?.[0].includes(party)) {
          assert.ok(r.ok, `${state} ${action} ${party}`);
          assert.equal(r.ok && r.transition.to, row[1]);
        } else {
          assert.ok(!r.ok, `${state} ${action} ${party} must be refused`);
          if (!r.ok) {
            const expectedStatus = !everAllowed ? 403 : row ? 403 : 409;
            assert.equal(r.status, expectedStatus, `${state} ${action} ${party}: ${r.message}`);
            assert.match(r.message, /[\u4e00-\u9fa5]/);
          }
        }
      }
    }
  }
  assert.equal(walked, POINT_STATES.length * POINT_ACTIONS.length * POINT_PARTIES.length);
});

test('R1.3 R1.7 expired and withdrawn points are final: nobody may act on them', () => {
  for (const s of ['expired', 'withdrawn'] as const) assert.deepEqual(allowedPointActions(s, [...POINT_PARTIES]), []);
});

test('R1.5 R1.9 parties: the unit head or liaison of the point unit proposes; the coordinator; the leader of a leader point; the leaders in charge of a unit point', () => {
  const unit = 'u1';
  const leaderPoint = { kind: 'leader' as const, unitId: unit, leaderId: 'L1' };
  const unitPoint = { kind: 'unit' as const, unitId: unit, leaderId: null };
  const staff = (roles: string[], o: Partial<{ unitId: string | null; leaderId: string | null; portfolioUnitIds: string[] }> = {}) => ({
    kind: 'staff' as const,
    roles: roles as never,
    unitId: o.unitId ?? null,
    leaderId: o.leaderId ?? null,
    portfolioUnitIds: o.portfolioUnitIds ?? [],
  });
  assert.deepEqual(partiesOf(staff(['unit_head'], { unitId: unit }), leaderPoint), ['proposer']);
  assert.deepEqual(partiesOf(staff(['liaison'], { unitId: unit }), unitPoint), ['proposer']);
  assert.deepEqual(partiesOf(staff(['unit_staff'], { unitId: unit }), unitPoint), [], 'unit staff do not propose');
  assert.deepEqual(partiesOf(staff(['unit_head'], { unitId: 'other' }), unitPoint), []);
  assert.deepEqual(partiesOf(staff(['coordinator']), unitPoint), ['coordinator']);
  assert.deepEqual(partiesOf(staff(['leader'], { leaderId: 'L1' }), leaderPoint), ['leader']);
  assert.deepEqual(
    partiesOf(staff(['leader'], { leaderId: 'L2', portfolioUnitIds: [unit] }), leaderPoint),
    [],
    'another leader does not confirm a leader point',
  );
  assert.deepEqual(partiesOf(staff(['leader'], { leaderId: 'L2', portfolioUnitIds: [unit] }), unitPoint), ['leader'], 'R1.9 the leaders in charge confirm');
  assert.deepEqual(partiesOf(staff(['leader'], { leaderId: 'L2', portfolioUnitIds: ['x'] }), unitPoint), []);
  assert.deepEqual(partiesOf({ kind: 'system' }, unitPoint), ['system']);
});
