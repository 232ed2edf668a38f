// R3.3 the 建议提案 table, walked exhaustively (every state × action × party × evaluation), and the
// reply period's date arithmetic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PROPOSAL_ACTIONS, PROPOSAL_EVALUATIONS, PROPOSAL_STATES } from '../../../shared/proposals.ts';
import { addMonthsIso } from '../../src/domain/calendar/index.ts';
import { deadlineState, replyDueOf } from '../../src/domain/proposals/deadline.ts';
import { allowedProposalActions, checkProposalTransition, PROPOSAL_PARTIES, PROPOSAL_TRANSITIONS } from '../../src/domain/proposals/transitions.ts';

test('R3.3 proposal lifecycle: every state × action × party (× evaluation) against the table', () => {
  let cells = 0;
  for (const state of PROPOSAL_STATES)
    for (const action of PROPOSAL_ACTIONS)
      for (const party of PROPOSAL_PARTIES)
        for (const evaluation of action === 'evaluate' ? PROPOSAL_EVALUATIONS : ([undefined] as const)) {
          cells++;
          const row = PROPOSAL_TRANSITIONS.find((t) => t.from === state && t.action === action);
          const c = checkProposalTransition(state, action, [party], evaluation);
          const where = `${state} ${action} ${party} ${evaluation ?? ''}`;
          if (row?.by.includes(party)) {
            assert.ok(c.ok, where);
            const expected = typeof row.to === 'string' ? row.to : row.to[evaluation!];
            assert.equal(c.ok && c.next, expected, where);
          } else {
            assert.equal(c.ok, false, where);
            const ever = PROPOSAL_TRANSITIONS.some((t) => t.action === action && t.by.includes(party));
            assert.equal(!c.ok && c.status, ever && !row ? 409 : 403, where);
            assert.match(!c.ok ? c.message : '', /[\u4e00-\u9fff]/, where);
          }
        }
  assert.equal(cells, PROPOSAL_STATES.length * PROPOSAL_PARTIES.length * (PROPOSAL_ACTIONS.length - 1 + PROPOSAL_EVALUATIONS.length));
  // The path: handling → replied → (满意 / 基本满意) closed, or 不满意 → unsatisfied → handling again.
  assert.deepEqual(checkProposalTransition('replied', 'evaluate', ['registrar'], 'satisfied'), { ok: true, next: 'closed' });
  assert.deepEqual(checkProposalTransition('replied', 'evaluate', ['registrar'], 'basically_satisfied'), { ok: true, next: 'closed' });
  assert.deepEqual(checkProposalTransition('replied', 'evaluate', ['registrar'], 'unsatisfied'), { ok: true, next: 'unsatisfied' });
  assert.deepEqual(allowedProposalActions('handling', ['lead_unit']), ['reply']);
  assert.deepEqual(allowedProposalActions('handling', ['registrar']), []);
  assert.deepEqual(allowedProposalActions('replied', ['registrar', 'lead_unit']), ['evaluate']);
  assert.deepEqual(allowedProposalActions('unsatisfied', ['registrar']), ['rehandle']);
  assert.deepEqual(allowedProposalActions('closed', ['registrar', 'lead_unit']), []);
});

test('R3.3 the reply period: months from assignment, clamped to the month end; its state on a day', () => {
  assert.equal(replyDueOf('2026-03-15', 3), '2026-06-15');
  assert.equal(addMonthsIso('2026-11-30', 3), '2027-02-28');
  assert.equal(addMonthsIso('2027-11-30', 3), '2028-02-29');
  assert.equal(addMonthsIso('2026-01-31', 1), '2026-02-28');
  assert.equal(addMonthsIso('2026-12-01', 12), '2027-12-01');
  assert.equal(deadlineState({ replyDue: '2026-06-15', repliedOn: null }, '2026-05-30', 15), 'on_track');
  assert.equal(deadlineState({ replyDue: '2026-06-15', repliedOn: null }, '2026-06-01', 14), 'due_soon');
  assert.equal(deadlineState({ replyDue: '2026-06-15', repliedOn: null }, '2026-06-15', 15), 'due_soon');
  assert.equal(deadlineState({ replyDue: '2026-06-15', repliedOn: null }, '2026-06-16', 15), 'overdue');
  assert.equal(deadlineState({ replyDue: '2026-06-15', repliedOn: '2026-06-15' }, '2026-09-01', 15), 'met_on_time');
  assert.equal(deadlineState({ replyDue: '2026-06-15', repliedOn: '2026-06-16' }, '2026-09-01', 15), 'met_late');
});
