// The state machine (R3.2, R6.*): ONE table of state × action × party. The pure walk checks every
// combination against the table; the HTTP walk brings a fresh appeal into every state and calls
// every action as every staff party: allowed → not refused by the machine; not allowed → 403 or 409
// with a Chinese message. The parties outside the staff — the enterprise (portal account), the holder
// of an evaluation link and the system (scheduler) — are walked the same way through the one action
// runner every caller goes through (the portal, the public link page and the sweep call it).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { APPEAL_ACTIONS, APPEAL_STATES, type AppealAction, type AppealState } from '../../../shared/appeals.ts';
import { APPEAL_ACTING_ROLES, STAFF_BUSINESS_ROLES } from '../../../shared/roles.ts';
import { PARTIES, TRANSITIONS, allowedActions, checkTransition, findTransition, partiesOf, type Party } from '../../src/domain/appeals/transitions.ts';
import { queryRows } from '../../src/db/client.ts';
import { AppError, httpStatusOf } from '../../src/errors.ts';
import { systemActor, type ActingCtx, type AnyActor } from '../../src/lib/context.ts';
import { act } from '../../src/modules/appeals/appeals.runner.ts';
import { defaultEnterpriseId } from '../enterprises/fixtures.ts';
import { createUser } from '../helpers/factory.ts';
import { appealIn, call, current, world, type TestUser, type World } from './helpers.ts';

const CJK = /[\u4e00-\u9fff]/;

test('R7.2 the roles that act on appeals (shared APPEAL_ACTING_ROLES, which the home page shows as acting) are exactly the staff roles partiesOf makes a party of an appeal; leaders and 机关党委 only watch', () => {
  const unit = crypto.randomUUID();
  // The caller's own unit as the lead unit, and as a co-handling unit: whatever part a role can have.
  const appeals = [
    { leadUnitId: unit, coUnitIds: [] },
    { leadUnitId: crypto.randomUUID(), coUnitIds: [unit] },
  ];
  const acting = STAFF_BUSINESS_ROLES.filter((role) => appeals.some((a) => partiesOf({ kind: 'staff', roles: [role], unitId: unit }, a).length > 0));
  assert.deepEqual([...acting].sort(), [...APPEAL_ACTING_ROLES].sort());
  assert.ok(!acting.includes('leader') && !acting.includes('oversight'));
});

test('transition table: every state × action × party is allowed exactly as the table says, refusals are 403/409 in Chinese', () => {
  let walked = 0;
  for (const state of APPEAL_STATES) {
    for (const action of APPEAL_ACTIONS) {
      const t = findTransition(state, action);
      for (const party of PARTIES) {
        walked++;
        const r = checkTransition(state, action, [party]);
        const everAllowed = TRANSITIONS.some((x) => x.action === action && x.by.includes(party));
        if (t?.by.includes(party)) {
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
  const a = { id: 'A', enterpriseId: 'E', leadUnitId: 'L', coUnitIds: ['C'] };
  const staff = (roles: TestUser['roles'], unitId: string) => ({ kind: 'staff' as const, roles, unitId });
  assert.deepEqual(partiesOf(staff(['unit_head'], 'L'), a), ['lead', 'lead_head']);
  assert.deepEqual(partiesOf(staff(['unit_staff'], 'C'), a), ['co']);
  assert.deepEqual(partiesOf(staff(['unit_staff'], 'X'), a), []);
  assert.deepEqual(partiesOf(staff(['intake', 'coordinator'], 'X'), a), ['intake', 'coordinator']);
  assert.deepEqual(partiesOf(staff(['leader'], 'L'), a), []);
  assert.deepEqual(partiesOf(staff(['oversight'], 'L'), a), []);
});

test('partiesOf (R3.2, issue 7): the enterprise on its own appeal, the link on the appeal it was issued for, the system always; nobody else', () => {
  const a = { id: 'A', enterpriseId: 'E', leadUnitId: 'L', coUnitIds: ['C'] };
  assert.deepEqual(partiesOf({ kind: 'enterprise', enterpriseId: 'E' }, a), ['enterprise']);
  assert.deepEqual(partiesOf({ kind: 'enterprise', enterpriseId: 'F' }, a), []);
  assert.deepEqual(partiesOf({ kind: 'enterprise', enterpriseId: null }, { ...a, enterpriseId: null }), []);
  assert.deepEqual(partiesOf({ kind: 'link', appealId: 'A' }, a), ['link']);
  assert.deepEqual(partiesOf({ kind: 'link', appealId: 'B' }, a), []);
  assert.deepEqual(partiesOf({ kind: 'system' }, a), ['system']);
  // The enterprise may evaluate and attach, the link only evaluate, the system close 未评价 and urge (R6.6): nothing else.
  const everDoes = (p: Party) => [...new Set(TRANSITIONS.filter((t) => t.by.includes(p)).map((t) => t.action))].sort();
  assert.deepEqual(everDoes('enterprise'), ['attach', 'evaluate']);
  assert.deepEqual(everDoes('link'), ['evaluate']);
  assert.deepEqual(everDoes('system'), ['close_unevaluated', 'urge']);
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
  const userOf: Record<Exclude<Party, 'enterprise' | 'link' | 'system'>, TestUser> = {
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
      for (const party of Object.keys(userOf) as (keyof typeof userOf)[]) {
        const d = await current(w, id);
        const spec = bodyFor(w, action, d);
        if (!spec) continue;
        const user = userOf[party];
        const res = await call(w.app, user, { method: 'POST', url: `/api/appeals/${id}/${spec.path}`, payload: { version: d.version, ...spec.body } });
        calls++;
        const parties = partiesOf(
          { kind: 'staff', roles: user.roles, unitId: user.unitId },
          { leadUnitId: d.leadUnitId, coUnitIds: d.coUnits.map((c: { unitId: string }) => c.unitId) },
        );
        const expected = checkTransition(state as AppealState, action, parties);
        const err = res.statusCode >= 400 ? res.json().error : null;
        // A unit user whose unit is neither lead nor co-handler does not see the appeal at all: 404
        // (or 403 first when the route is not for their role at all).
        const visible = party === 'intake' || party === 'coordinator' || parties.length > 0;
        if (!visible) {
          if (res.statusCode !== 404 && res.statusCode !== 403)
            problems.push(`${state} ${action} as ${party}: not in scope, expected 404, got ${res.statusCode}`);
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

test('R3.2 R6.2 R6.6 the enterprise, the evaluation link and the system: every state × action × party through the action runner answers as the table says', async () => {
  const w = await world();
  const enterpriseId = await defaultEnterpriseId(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId });
  const actorOf = (party: 'enterprise' | 'link' | 'system', appealId: string): AnyActor => {
    if (party === 'system') return systemActor(w.province.id, 'transitions-test');
    if (party === 'link') return { kind: 'link', tenantId: w.province.id, linkId: crypto.randomUUID(), appealId };
    return {
      kind: 'enterprise',
      userId: ent.id,
      username: ent.username,
      displayName: '企业联系人',
      tenantId: w.province.id,
      tenantCode: w.province.code,
      tenantKind: 'province',
      unitId: null,
      roles: ['enterprise'],
      scope: 'unit',
      portfolioUnitIds: [],
      mustChangePassword: false,
      enterpriseId,
    };
  };
  const problems: string[] = [];
  const named = new Set<string>();
  let calls = 0;
  for (const state of APPEAL_STATES) {
    // An appeal of the enterprise (registry enterprise of the account), brought to the state through the API.
    let id = await appealIn(w, state as AppealState, { enterpriseId });
    for (const action of APPEAL_ACTIONS) {
      for (const party of ['enterprise', 'link', 'system'] as const) {
        const { version } = await current(w, id);
        const ctx: ActingCtx = { db: w.db, actor: actorOf(party, id), ip: '127.0.0.1', requestId: 'transitions-test' };
        const expected = checkTransition(state as AppealState, action, [party]);
        calls++;
        // The machine is what is tested: the action's own rule is a no-op.
        const outcome = await act(ctx, id, version, action, async () => ({ summary: '状态机测试' })).then(
          () => null,
          (err: unknown) => err,
        );
        if (expected.ok) {
          if (outcome) {
            problems.push(`${state} ${action} as ${party}: expected allowed, got ${String(outcome)}`);
            continue;
          }
          // The timeline names the party honestly: 企业用户 X (with the account), 短信评价链接 and 系统 (no account).
          const last = ((await current(w, id)).events as { type: string; actorName: string; actorId: string | null }[]).findLast((e) => e.type === action);
          const want = {
            enterprise: { actorName: '企业用户 企业联系人', actorId: ent.id },
            link: { actorName: '短信评价链接', actorId: null },
            system: { actorName: '系统', actorId: null },
          }[party];
          if (last?.actorName !== want.actorName || last.actorId !== want.actorId)
            problems.push(`${state} ${action} as ${party}: timeline names ${JSON.stringify(last)}`);
          // … and so does the audit log (the account's username after the enterprise user's name).
          const [row] = await queryRows<{ actor_name: string; actor_id: string | null }>(
            w.db,
            sql`SELECT actor_name, actor_id FROM audit_log WHERE entity_id = ${id} AND action = ${`appeal.${action}`} ORDER BY id DESC LIMIT 1`,
          );
          const auditName = party === 'enterprise' ? `企业用户 企业联系人（${ent.username}）` : want.actorName;
          if (row?.actor_name !== auditName || row.actor_id !== want.actorId)
            problems.push(`${state} ${action} as ${party}: audit names ${JSON.stringify(row)}`);
          named.add(party);
          id = await appealIn(w, state as AppealState, { enterpriseId }); // it may have moved on: a fresh one
        } else if (!(outcome instanceof AppError)) {
          problems.push(`${state} ${action} as ${party}: expected ${expected.status}, got ${outcome ? String(outcome) : 'allowed'}`);
        } else if (httpStatusOf[outcome.code] !== expected.status) {
          problems.push(`${state} ${action} as ${party}: expected ${expected.status}, got ${httpStatusOf[outcome.code]} ${outcome.message}`);
        } else if (!CJK.test(outcome.message)) {
          problems.push(`${state} ${action} as ${party}: message not Chinese: ${outcome.message}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.equal(calls, APPEAL_STATES.length * APPEAL_ACTIONS.length * 3);
  assert.deepEqual([...named].sort(), ['enterprise', 'link', 'system']);
});
