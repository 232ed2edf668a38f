// Issue 17 "the appeal page says what to do next": the GET answer lists each action the table allows
// with `allowed` and the reason the server would refuse with (the same guards, domain/appeals/guards.ts),
// names the next step of the 2115 loop, and 办理结果 may carry the reply (two records, one transaction).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditRows } from '../helpers/factory.ts';
import { act, appealIn, call, createAppeal, current, ok, world, type TestUser, type World } from './helpers.ts';

type Action = { action: string; allowed: boolean; reason: string | null };

async function view(w: World, as: TestUser, id: string) {
  const res = await call(w.app, as, { method: 'GET', url: `/api/appeals/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  const d = res.json();
  const by = new Map<string, Action>(d.actions.map((a: Action) => [a.action, a]));
  return { d, by, next: d.nextAction as string | null };
}

test('R6.2 R3.2 the next step walks the 2115 loop: 派单 → 签收 → 联系 → 初步意见 → 结果 → 答复 → 评价', async () => {
  const w = await world();
  const a = await createAppeal(w);
  const id = a.id as string;
  assert.equal((await view(w, w.users.intake, id)).next, 'dispatch');
  // Oversight is no party (R7.2): nothing to do, no actions.
  const o = await view(w, w.users.oversight, id);
  assert.equal(o.next, null);
  assert.deepEqual(o.d.actions, []);
  await ok(w, w.users.intake, id, 'dispatch', { leadUnitId: w.lead.id });
  assert.equal((await view(w, w.users.leadStaff, id)).next, 'accept');
  assert.equal((await view(w, w.users.intake, id)).next, null);
  await ok(w, w.users.leadStaff, id, 'accept');
  let v = await view(w, w.users.leadStaff, id);
  assert.equal(v.next, 'contact');
  // Every action listed is one the table allows (allowedActions), no more, no less.
  assert.deepEqual([...v.by.keys()].sort(), [...v.d.allowedActions].sort());
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系' });
  assert.equal((await view(w, w.users.leadStaff, id)).next, 'opinion');
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见' });
  assert.equal((await view(w, w.users.leadStaff, id)).next, 'result');
  await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已解决' });
  v = await view(w, w.users.leadStaff, id);
  assert.equal(v.next, 'reply');
  assert.equal(v.by.get('reply')!.allowed, true);
  await ok(w, w.users.leadStaff, id, 'reply', { text: '答复' });
  assert.equal((await view(w, w.users.intake, id)).next, 'evaluate');
  assert.equal((await view(w, w.users.leadStaff, id)).next, null);
});

test('R6.2 a missing precondition: the action is listed disabled with the very reason the server refuses with', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const { by } = await view(w, w.users.leadStaff, id);
  // 联系企业 may carry the opinion (judged as after the contact: allowed), 办理结果 the reply.
  assert.deepEqual(by.get('contact'), { action: 'contact', allowed: true, reason: null, together: { action: 'opinion', allowed: true, reason: null } });
  assert.deepEqual((by.get('result') as Action & { together: Action }).together, { action: 'reply', allowed: true, reason: null });
  assert.equal(by.get('opinion')!.allowed, false);
  assert.equal(by.get('result')!.allowed, false);
  const reply = by.get('reply')!;
  assert.equal(reply.allowed, false);
  assert.match(reply.reason!, /请先登记办理结果/);
  // The server answers the same words when the button is pressed anyway.
  const refused = await act(w, w.users.leadStaff, id, 'reply', { text: '答复' });
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().error.message, reply.reason);
  const opinion = await act(w, w.users.leadStaff, id, 'opinion', { text: '意见' });
  assert.equal(opinion.statusCode, 409);
  assert.equal(opinion.json().error.message, by.get('opinion')!.reason);
});

test('R6.2 the co-handling unit and a pending request hold the loop back, with reasons; the head decides first', async () => {
  const w = await world();
  const a = await createAppeal(w);
  const id = a.id as string;
  await ok(w, w.users.intake, id, 'dispatch', { leadUnitId: w.lead.id, coUnits: [{ unitId: w.co.id, part: '矿山部分' }] });
  await ok(w, w.users.leadStaff, id, 'accept');
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见' });
  let v = await view(w, w.users.leadStaff, id);
  assert.equal(v.next, 'result');
  assert.equal(v.by.get('result')!.allowed, false);
  assert.match(v.by.get('result')!.reason!, /协办处室尚未提交意见/);
  assert.equal((await view(w, w.users.coStaff, id)).next, 'submit_part');
  await ok(w, w.users.coStaff, id, 'part', { text: '无异议' });
  assert.equal((await view(w, w.users.leadStaff, id)).by.get('result')!.allowed, true);
  // A pending extension: a second one is refused with the listed reason; the head's next step is the decision.
  await ok(w, w.users.leadStaff, id, 'extension', { workdays: 3, reason: '需论证' });
  v = await view(w, w.users.leadStaff, id);
  assert.equal(v.by.get('request_extension')!.reason, '已有待审批的延期申请');
  const second = await act(w, w.users.leadStaff, id, 'extension', { workdays: 2, reason: '再延' });
  assert.equal(second.statusCode, 409);
  assert.equal(second.json().error.message, '已有待审批的延期申请');
  // 同时答复企业 in the result dialog: judged as the reply would stand after the result — held back by the request.
  const r = v.by.get('result') as Action & { together: Action | null };
  assert.equal(r.together!.action, 'reply');
  assert.equal(r.together!.allowed, false);
  assert.match(r.together!.reason!, /有待审批的延期或挂起申请/);
  const head = await view(w, w.users.leadHead, id);
  assert.equal(head.next, 'decide_request');
  assert.equal(head.by.get('decide_request')!.allowed, true);
  // With the request still pending, the reply is held back even after the result.
  await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已解决' });
  v = await view(w, w.users.leadStaff, id);
  assert.match(v.by.get('reply')!.reason!, /有待审批的延期或挂起申请/);
});

test('R6.2 办理结果 with 同时答复企业: two timeline events and two audit rows in one call, state 已答复待评价', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见' });
  await ok(w, w.users.coStaff, id, 'part', { text: '无异议' });
  const before = await current(w, id);
  const d = await ok(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已指导企业补充材料', replyText: '您反映的问题已办理完毕。' });
  assert.equal(d.state, 'replied');
  assert.equal(d.resultKind, 'solved');
  assert.equal(d.replyText, '您反映的问题已办理完毕。');
  assert.equal(d.milestones.resolution.state, 'met_on_time');
  assert.ok(d.evaluationDueAt);
  assert.equal(d.version, before.version + 2);
  const types = d.events.map((e: { type: string }) => e.type);
  assert.deepEqual(types.slice(-2), ['result', 'reply']);
  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === id).map((r) => r.action);
  assert.deepEqual(audits.slice(-2), ['appeal.result', 'appeal.reply']);
  // Without the reply (or with an empty one) only the result is recorded.
  const id2 = await appealIn(w, 'handling');
  await ok(w, w.users.leadStaff, id2, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系' });
  await ok(w, w.users.leadStaff, id2, 'opinion', { text: '初步意见' });
  await ok(w, w.users.coStaff, id2, 'part', { text: '无异议' });
  const d2 = await ok(w, w.users.leadStaff, id2, 'result', { kind: 'solved', text: '已解决', replyText: '  ' });
  assert.equal(d2.state, 'handling');
  assert.equal(d2.replyText, null);
});

test('R6.2 办理结果 with the reply is all or nothing: a pending request refuses the reply and the result is not kept', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系' });
  await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见' });
  await ok(w, w.users.coStaff, id, 'part', { text: '无异议' });
  await ok(w, w.users.leadStaff, id, 'pause', { reason: '等待材料' });
  const before = await current(w, id);
  const res = await act(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已解决', replyText: '答复' });
  assert.equal(res.statusCode, 409);
  assert.match(res.json().error.message, /有待审批的延期或挂起申请/);
  const after = await current(w, id);
  assert.equal(after.version, before.version);
  assert.equal(after.resultKind, null);
  assert.equal(after.events.length, before.events.length);
  // A stale version refuses both (409 VERSION_CONFLICT), nothing written.
  const stale = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: `/api/appeals/${id}/result`,
    payload: { version: before.version - 1, kind: 'solved', text: '已解决', replyText: '答复' },
  });
  assert.equal(stale.statusCode, 409);
  assert.equal((await current(w, id)).version, before.version);
});

test('R6.2 办理结果 refuses a reply too long with a Chinese field message (400)', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const res = await act(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已解决', replyText: 'x'.repeat(5001) });
  assert.equal(res.statusCode, 400);
  assert.ok(res.json().error.fields.replyText, res.body);
});

test('R6.2 联系企业 with the preliminary opinion given in the same call: two events, two audit rows, both milestones met', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const before = await current(w, id);
  const d = await ok(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '王建国', note: '电话联系', opinion: '初步意见：可按规定办理' });
  assert.equal(d.milestones.contact.state, 'met_on_time');
  assert.equal(d.milestones.opinion.state, 'met_on_time');
  assert.equal(d.opinionText, '初步意见：可按规定办理');
  assert.equal(d.version, before.version + 2);
  assert.deepEqual(d.events.map((e: { type: string }) => e.type).slice(-2), ['contact', 'opinion']);
  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === id).map((r) => r.action);
  assert.deepEqual(audits.slice(-2), ['appeal.contact', 'appeal.opinion']);
  // A bad contact time refuses both (400 on the field), nothing written.
  const id2 = await appealIn(w, 'handling');
  const res = await act(w, w.users.leadStaff, id2, 'contact', {
    method: 'phone',
    withWhom: '王建国',
    note: '电话联系',
    at: new Date(Date.now() + 86_400_000).toISOString(),
    opinion: '初步意见',
  });
  assert.equal(res.statusCode, 400);
  assert.ok(res.json().error.fields.at);
  const after = await current(w, id2);
  assert.equal(after.milestones.opinion.doneAt, null);
  assert.equal(after.milestones.contact.doneAt, null);
});
