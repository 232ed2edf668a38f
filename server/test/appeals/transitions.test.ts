// The state machine (R3.2, R6.*): ONE table of state × action × party. The pure walk checks every
// combination against the table; the HTTP walk brings a fresh appeal into every state and calls
// every action as every party: allowed → not refused by the machine; not allowed → 403 or 409 with a
// Chinese message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPEAL_ACTIONS, APPEAL_STATES, type AppealAction, type AppealState } from '../../../shared/appeals.ts';
import { PARTIES, TRANSITIONS, allowedActions, checkTransition, findTransition, partiesOf, type Party } from '../../src/domain/appeals/transitions.ts';
import { appealIn, call, current, world, type TestUser, type World } from './helpers.ts';

const CJK = /[\u4e00-\u9fff]/;

test('transition table: every state × action × party is allowed exactly as the table says, refusals are 403/409 in Chinese', () => {
  let walked = 0;
  for (const state of APPEAL_STATES) {
    for (const action of APPEAL_ACTIONS) {
      const t = findTransition(state, action);
      for (const party of PARTIES) {
        walked++;
        const r = checkTransition(state, action, [party]);
        const everAllowed = TRANSITIONS.some((x) => x.action === action && x.by.includes(party));
        if (t && t.by.includes(party)) {
          assert.equal(r.ok, true, `${state} ${action} ${party}`);
        } else {
          assert.equal(r.ok, false, `${state} ${action} ${party}`);
          if (r.ok) continue;
          assert.equal(r.status, !everAllowed ? 403 : !t ? 409 : 403, `${state} ${action} ${party}`);
          assert.match(r.message, CJK);
        }
      }
    }
  }
  assert.equal(walked, APPEAL_STATES.length * APPEAL_ACTIONS.length * PARTIES.length);
  // Every state except closed has a way forward, closed has none; no duplicate rows.
  const keys = TRANSITIONS.map((t) => `${t.from}/${t.action}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(allowedActions('closed', [...PARTIES]), []);
  for (const s of APPEAL_STATES.filter((x) => x !== 'closed')) assert.ok(allowedActions(s, [...PARTIES]).length > 0, s);
  // Outcome-dependent next states.
  const ev = checkTransition('replied', 'evaluate', ['intake']);
  assert.ok(ev.ok && ev.transition.to && typeof ev.transition.to === 'object');
});

test('partiesOf: roles and the appeal relation make the parties; leaders and oversight are no party (R7.2)', () => {
  const a = { leadUnitId: 'L', coUnitIds: ['C'] };
  assert.deepEqual(partiesOf({ roles: ['unit_head'], unitId: 'L' }, a), ['lead', 'lead_head']);
  assert.deepEqual(partiesOf({ roles: ['unit_staff'], unitId: 'C' }, a), ['co']);
  assert.deepEqual(partiesOf({ roles: ['unit_staff'], unitId: 'X' }, a), []);
  assert.deepEqual(partiesOf({ roles: ['intake', 'coordinator'], unitId: 'X' }, a), ['intake', 'coordinator']);
  assert.deepEqual(partiesOf({ roles: ['leader'], unitId: 'L' }, a), []);
  assert.deepEqual(partiesOf({ roles: ['oversight'], unitId: 'L' }, a), []);
});

/** A valid body for each action (the machine is what is tested, not validation). */
function bodyFor(w: World, action: AppealAction, d: { requests: { id: string; status: string }[] }) {
  const pending = d.requests.find((r) => r.status.startsWith('pending'));
  switch (action) {
    case 'dispatch':
      return { path: 'dispatch', body: { leadUnitId: w.lead.id } };
    case 'accept':
      return { path: 'accept', body: {} };
    case 'return':
      return { path: 'return', body: { reason: '不属于本处室' } };
    case 'transfer':
      return { path: 'transfer', body: { leadUnitId: w.other.id, reason: '业务调整' } };
    case 'transfer_city':
      return { path: 'transfer-city', body: { tenantId: w.city.id, reason: '属地管理' } };
    case 'contact':
      return { path: 'contact', body: { method: 'phone', withWhom: '王建国', note: '电话联系' } };
    case 'opinion':
      return { path: 'opinion', body: { text: '初步意见' } };
    case 'submit_part':
      return { path: 'part', body: { text: '协办意见' } };
    case 'result':
      return { path: 'result', body: { kind: 'solved', text: '已解决' } };
    case 'reply':
      return { path: 'reply', body: { text: '答复' } };
    case 'request_extension':
      return { path: 'extension', body: { workdays: 3, reason: '需要现场复核' } };
    case 'request_pause':
      return { path: 'pause', body: { reason: '等待企业材料' } };
    case 'decide_request':
      return { path: 'decide', body: { requestId: pending?.id ?? w.lead.id, approve: true } };
    case 'resume':
      return { path: 'resume', body: {} };
    case 'evaluate':
      return { path: 'evaluate', body: { rating: 'satisfied' } };
    case 'close_unevaluated':
      return { path: 'close-unevaluated', body: {} };
    case 'urge':
      return { path: 'urge', body: { note: '请抓紧办理' } };
    case 'flag':
      return { path: 'flags', body: { isMajor: true } };
    case 'attach':
      return null;
  }
}

test('R6.2 HTTP walk: every state × action × party user — the machine answers as the table says', async () => {
  const w = await world();
  const userOf: Record<Exclude<Party, 'system'>, TestUser> = {
    intake: w.users.intake,
    coordinator: w.users.coordinator,
    lead: w.users.leadStaff,
    lead_head: w.users.leadHead,
    co: w.users.coStaff,
  };
  const problems: string[] = [];
  let calls = 0;
  for (const state of APPEAL_STATES) {
    let id = await appealIn(w, state as AppealState);
    for (const action of APPEAL_ACTIONS) {
      for (const party of Object.keys(userOf) as Exclude<Party, 'system'>[]) {
        const d = await current(w, id);
        const spec = bodyFor(w, action, d);
        if (!spec) continue;
        const user = userOf[party];
        const res = await call(w.app, user, { method: 'POST', url: `/api/appeals/${id}/${spec.path}`, payload: { version: d.version, ...spec.body } });
        calls++;
        const parties = partiesOf({ roles: user.roles, unitId: user.unitId }, { leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.map((c: { unitId: string }) => c.unitId) });
        const expected = checkTransition(state as AppealState, action, parties);
        const err = res.statusCode >= 400 ? res.json().error : null;
        // A unit user whose unit is neither lead nor co-handler does not see the appeal at all: 404
        // (or 403 first when the route is not for their role at all).
        const visible = party === 'intake' || party === 'coordinator' || parties.length > 0;
        if (!visible) {
          if (res.statusCode !== 404 && res.statusCode !== 403) problems.push(`${state} ${action} as ${party}: not in scope, expected 404, got ${res.statusCode}`);
        } else if (expected.ok) {
          // Allowed by the machine: never refused by it (a data guard may still answer 400/409 with its own reason).
          if (res.statusCode === 403 || (err && err.code === 'INVALID_TRANSITION' && /当前为/.test(err.message))) {
            problems.push(`${state} ${action} as ${party}: expected allowed, got ${res.statusCode} ${res.body}`);
          }
          if (res.statusCode === 200) id = await appealIn(w, state as AppealState); // it moved on: a fresh one
        } else {
          const want = expected.status;
          if (res.statusCode !== want) problems.push(`${state} ${action} as ${party}: expected ${want}, got ${res.statusCode} ${res.body}`);
          else if (!CJK.test(err.message)) problems.push(`${state} ${action} as ${party}: message not Chinese: ${err.message}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(calls > 400, `only ${calls} calls`);
});
