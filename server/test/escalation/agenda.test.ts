// R6.3 厅长办公会 agenda items: proposed → scheduled → decided (+ withdrawn), follow-up actions,
// versions, authorization, timeline and audit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditRows, createUser } from '../helpers/factory.ts';
import { appealIn, call, current, ok, world, type World, type TestUser } from '../appeals/helpers.ts';

const proposal = {
  title: '关于某化工企业搬迁改造涉及安全评价问题的议题',
  background: '企业反映搬迁改造项目安全评价标准不明确。',
  request: '提请厅长办公会研究明确适用标准。',
};

async function propose(w: World, appealId: string, as: TestUser = w.users.leadHead) {
  return call(w.app, as, { method: 'POST', url: `/api/appeals/${appealId}/agenda-items`, payload: proposal });
}
async function itemAct(w: World, as: TestUser, itemId: string, path: string, body: Record<string, unknown>) {
  return call(w.app, as, { method: 'POST', url: `/api/agenda-items/${itemId}/${path}`, payload: body });
}
async function card(w: World, appealId: string, as: TestUser) {
  const res = await call(w.app, as, { method: 'GET', url: `/api/appeals/${appealId}/escalation` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

test('R6.3 propose: the head of the lead unit raises an agenda item; on the timeline and audited', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const before = await card(w, id, w.users.leadHead);
  assert.equal(before.canPropose, true);
  const res = await propose(w, id);
  assert.equal(res.statusCode, 201, res.body);
  const item = res.json();
  assert.equal(item.state, 'proposed');
  assert.equal(item.unitId, w.lead.id);
  assert.equal(item.version, 1);
  assert.deepEqual(item.allowedActions, ['withdraw']);
  const a = await current(w, id);
  const ev = a.events.find((e: { type: string }) => e.type === 'agenda_propose');
  assert.ok(ev, 'timeline event');
  assert.equal(ev.payload.agendaItemId, item.id);
  assert.equal(a.state, 'handling', 'the appeal state is unchanged');
  const audits = await auditRows(w.db, w.province.id);
  assert.ok(audits.some((r) => r.action === 'agenda.propose' && r.entity_id === item.id));
  // A second open item for the same appeal is refused.
  assert.equal((await propose(w, id)).statusCode, 409);
  // Intake sees the scheduling action; the lead unit head may no longer propose.
  const forIntake = await card(w, id, w.users.intake);
  assert.deepEqual(forIntake.agendaItems[0].allowedActions, ['schedule', 'withdraw']);
  assert.equal((await card(w, id, w.users.leadHead)).canPropose, false);
});

test('R6.3 propose: only the lead unit head; another unit head cannot; a closed appeal cannot', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  // The co-handling unit's head sees the appeal but is not the handling unit: 403.
  const co = await propose(w, id, w.users.coHead);
  assert.equal(co.statusCode, 403, co.body);
  // Another unit's head does not see the appeal at all: 404.
  assert.equal((await propose(w, id, w.users.otherHead)).statusCode, 404);
  // Staff of the lead unit: not a unit head → 403 (route roles).
  assert.equal((await propose(w, id, w.users.leadStaff)).statusCode, 403);
  // Another tenant's appeal id answers 404.
  const cityHead = await createUser(w.db, w.city.id, { roles: ['unit_head'], scope: 'unit', unitId: w.cityUnit.id });
  assert.equal((await propose(w, id, cityHead)).statusCode, 404);
  assert.equal((await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${id}/escalation` })).statusCode, 404);
  const closed = await appealIn(w, 'replied');
  await ok(w, w.users.intake, closed, 'evaluate', { rating: 'satisfied' });
  const refused = await propose(w, closed, w.users.leadHead);
  assert.equal(refused.statusCode, 409, refused.body);
  assert.equal(refused.json().error.code, 'INVALID_TRANSITION');
  // Missing fields: 400 with Chinese messages per field.
  const bad = await call(w.app, w.users.leadHead, { method: 'POST', url: `/api/appeals/${id}/agenda-items`, payload: { title: '' } });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.title);
});

test('R6.3 schedule: 办公室 puts the item on a meeting date; stale version → 409; units cannot schedule', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const item = (await propose(w, id)).json();
  assert.equal((await itemAct(w, w.users.leadHead, item.id, 'schedule', { version: 1, meetingDate: '2026-12-03' })).statusCode, 403);
  const res = await itemAct(w, w.users.intake, item.id, 'schedule', { version: 1, meetingDate: '2026-12-03' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'scheduled');
  assert.equal(res.json().meetingDate, '2026-12-03');
  assert.equal(res.json().version, 2);
  const stale = await itemAct(w, w.users.intake, item.id, 'schedule', { version: 1, meetingDate: '2026-12-10' });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.equal(stale.json().error.details.current.version, 2);
  // Re-scheduling a scheduled item moves the date.
  const moved = await itemAct(w, w.users.intake, item.id, 'schedule', { version: 2, meetingDate: '2026-12-10' });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().meetingDate, '2026-12-10');
  const bad = await itemAct(w, w.users.intake, item.id, 'schedule', { version: 3, meetingDate: '2026-02-30' });
  assert.equal(bad.statusCode, 400);
  const a = await current(w, id);
  assert.equal(a.events.filter((e: { type: string }) => e.type === 'agenda_schedule').length, 2);
  assert.ok((await auditRows(w.db, w.province.id)).some((r) => r.action === 'agenda.schedule'));
  // Another tenant's intake: 404.
  assert.equal((await itemAct(w, w.cityIntake, item.id, 'schedule', { version: 3, meetingDate: '2026-12-10' })).statusCode, 404);
});

test('R6.3 decide: decision and follow-up actions (responsible unit, due date) marked done later by that unit', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const item = (await propose(w, id)).json();
  // Deciding an item not yet scheduled: 409.
  const early = await itemAct(w, w.users.intake, item.id, 'decide', { version: 1, decision: '同意', actions: [] });
  assert.equal(early.statusCode, 409);
  assert.equal(early.json().error.code, 'INVALID_TRANSITION');
  await itemAct(w, w.users.intake, item.id, 'schedule', { version: 1, meetingDate: '2026-12-03' });
  const badUnit = await itemAct(w, w.users.intake, item.id, 'decide', {
    version: 2,
    decision: '同意',
    actions: [{ description: 'x', unitId: w.cityUnit.id, dueDate: '2026-12-31' }],
  });
  assert.equal(badUnit.statusCode, 400, badUnit.body);
  assert.ok(badUnit.json().error.fields['actions.0.unitId']);
  const res = await itemAct(w, w.users.intake, item.id, 'decide', {
    version: 2,
    decision: '会议同意按现行标准开展安全评价，由危化处牵头答复企业。',
    actions: [
      { description: '牵头答复企业并跟踪落实', unitId: w.lead.id, dueDate: '2026-12-20' },
      { description: '出具标准适用意见', unitId: w.other.id, dueDate: '2026-12-15' },
    ],
  });
  assert.equal(res.statusCode, 200, res.body);
  const decided = res.json();
  assert.equal(decided.state, 'decided');
  assert.equal(decided.actions.length, 2);
  assert.deepEqual(decided.allowedActions, []);
  assert.equal(
    (await itemAct(w, w.users.intake, item.id, 'withdraw', { version: 3, reason: '不再需要' })).statusCode,
    409,
    'decided items cannot be withdrawn',
  );

  // The other unit (not a party of the appeal) completes its action.
  const otherAction = decided.actions.find((x: { unitId: string }) => x.unitId === w.other.id);
  const leadAction = decided.actions.find((x: { unitId: string }) => x.unitId === w.lead.id);
  // The co-handling unit sees the appeal but is not responsible: 403; another tenant: 404.
  assert.equal(
    (await call(w.app, w.users.coStaff, { method: 'POST', url: `/api/agenda-actions/${otherAction.id}/complete`, payload: { version: 1, note: '已出具' } }))
      .statusCode,
    403,
  );
  assert.equal(
    (await call(w.app, w.cityIntake, { method: 'POST', url: `/api/agenda-actions/${otherAction.id}/complete`, payload: { version: 1, note: '已出具' } }))
      .statusCode,
    404,
  );
  assert.equal(
    (await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/agenda-actions/${otherAction.id}/complete`, payload: { version: 1, note: '已出具' } }))
      .statusCode,
    403,
  );
  const done = await call(w.app, w.users.otherStaff, {
    method: 'POST',
    url: `/api/agenda-actions/${otherAction.id}/complete`,
    payload: { version: 1, note: '已出具标准适用意见' },
  });
  assert.equal(done.statusCode, 200, done.body);
  const after = done.json().actions.find((x: { id: string }) => x.id === otherAction.id);
  assert.equal(after.done, true);
  assert.equal(after.doneNote, '已出具标准适用意见');
  const again = await call(w.app, w.users.otherStaff, {
    method: 'POST',
    url: `/api/agenda-actions/${otherAction.id}/complete`,
    payload: { version: 1, note: '重复' },
  });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'VERSION_CONFLICT');
  const leadDone = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: `/api/agenda-actions/${leadAction.id}/complete`,
    payload: { version: 1, note: '已答复企业' },
  });
  assert.equal(leadDone.statusCode, 200, leadDone.body);

  const a = await current(w, id);
  const types = a.events.map((e: { type: string }) => e.type);
  for (const t of ['agenda_propose', 'agenda_schedule', 'agenda_decide', 'agenda_action_done']) assert.ok(types.includes(t), t);
  assert.equal(types.filter((t: string) => t === 'agenda_action_done').length, 2);
  const audits = (await auditRows(w.db, w.province.id)).map((r) => r.action);
  for (const t of ['agenda.propose', 'agenda.schedule', 'agenda.decide', 'agenda.complete_action']) assert.ok(audits.includes(t), t);
  // A new item may be proposed once the previous one is decided.
  assert.equal((await propose(w, id)).statusCode, 201);
});

test('R6.3 withdraw: the proposing unit head or 办公室 withdraws a proposed or scheduled item', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const item = (await propose(w, id)).json();
  assert.equal((await itemAct(w, w.users.coHead, item.id, 'withdraw', { version: 1, reason: '撤回' })).statusCode, 403);
  const res = await itemAct(w, w.users.leadHead, item.id, 'withdraw', { version: 1, reason: '企业诉求已解决，无需上会' });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'withdrawn');
  assert.equal(res.json().withdrawnReason, '企业诉求已解决，无需上会');
  assert.equal((await itemAct(w, w.users.intake, item.id, 'schedule', { version: 2, meetingDate: '2026-12-03' })).statusCode, 409);
  const second = (await propose(w, id)).json();
  await itemAct(w, w.users.intake, second.id, 'schedule', { version: 1, meetingDate: '2026-12-03' });
  const byOffice = await itemAct(w, w.users.intake, second.id, 'withdraw', { version: 2, reason: '会议议程调整' });
  assert.equal(byOffice.statusCode, 200, byOffice.body);
  const a = await current(w, id);
  assert.equal(a.events.filter((e: { type: string }) => e.type === 'agenda_withdraw').length, 2);
  assert.ok((await auditRows(w.db, w.province.id)).some((r) => r.action === 'agenda.withdraw'));
});
