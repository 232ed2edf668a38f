// The closed loop through HTTP (R3.1, R3.2, R6.1, R6.2): intake → dispatch → accept → contact →
// opinion → co-handling part → result → reply → evaluation → closed; on-the-spot answers, return,
// transfer to a unit and to a city, urge, major matters; audit row and timeline event per change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditRows } from '../helpers/factory.ts';
import { act, appealIn, call, createAppeal, ok, world } from './helpers.ts';
import { samplePng } from '../helpers/files.ts';

test('R3.1 R6.2 the full loop: every step is on the timeline and in the audit log, milestones met on time, working days left counted', async () => {
  const w = await world();
  const a = await createAppeal(w, { externalRef: '12345-2026-0001' });
  assert.match(a.number, /^ZQT-T[0-9a-f]{8}-\d{4}-000001$/);
  assert.equal(a.state, 'received');
  assert.deepEqual(a.allowedActions.sort(), ['attach', 'dispatch', 'flag', 'transfer_city'].sort());
  assert.ok(a.milestones.contact.dueAt && a.milestones.opinion.dueAt && a.milestones.resolution.dueAt);
  assert.equal(a.nextDueAt, a.milestones.contact.dueAt);
  // R6.2 working days left: the 1 and the 15 counted from the day after receipt; the 2 hours in hours.
  assert.deepEqual([a.milestones.contact.workdaysLeft, a.milestones.opinion.workdaysLeft, a.milestones.resolution.workdaysLeft], [null, 1, 15]);
  const id = a.id;

  // R3.2 routing suggestion from the rules.
  const put = await call(w.app, w.users.coordinator, {
    method: 'PUT',
    url: '/api/routing-rules',
    payload: { rules: [{ sector: null, category: 'licensing', unitId: w.lead.id, note: '许可类' }] },
  });
  assert.equal(put.statusCode, 200, put.body);
  const sug = await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals/${id}/suggested-units` });
  assert.equal(sug.json().items[0].unitId, w.lead.id);

  let d = await ok(w, w.users.intake, id, 'dispatch', { leadUnitId: w.lead.id, coUnits: [{ unitId: w.co.id, part: '矿山部分' }] });
  assert.equal(d.state, 'dispatched');
  assert.equal(d.coUnits[0].unitId, w.co.id);
  d = await ok(w, w.users.leadStaff, id, 'accept');
  assert.equal(d.state, 'handling');
  assert.deepEqual(d.allowedActions.sort(), ['attach', 'contact', 'opinion', 'reply', 'request_extension', 'request_pause', 'result'].sort());
  d = await ok(w, w.users.leadStaff, id, 'contact', { method: 'on_site', withWhom: '王建国（安全部长）', note: '到企业现场了解情况' });
  assert.equal(d.milestones.contact.state, 'met_on_time');
  assert.equal(d.nextDueAt, d.milestones.opinion.dueAt);
  d = await ok(w, w.users.leadStaff, id, 'opinion', { text: '初步意见：符合延期条件' });
  assert.equal(d.milestones.opinion.state, 'met_on_time');
  // The lead unit consolidates: no result while a co-handling unit has not submitted.
  const early = await act(w, w.users.leadStaff, id, 'result', { kind: 'solved', text: '已办结' });
  assert.equal(early.statusCode, 409);
  assert.match(early.json().error.message, /协办处室尚未提交意见/);
  d = await ok(w, w.users.coStaff, id, 'part', { text: '矿山部分已核实' });
  assert.equal(d.coUnits[0].status, 'submitted');
  d = await ok(w, w.users.leadStaff, id, 'result', { kind: 'service_confirmed', text: '已解释说明，企业知悉' });
  assert.equal(d.milestones.resolution.state, 'met_on_time');
  assert.equal(d.nextDueAt, null);
  d = await ok(w, w.users.leadStaff, id, 'reply', { text: '您反映的问题已办理，答复如下……' });
  assert.equal(d.state, 'replied');
  assert.ok(d.evaluationDueAt);
  d = await ok(w, w.users.intake, id, 'evaluate', { rating: 'basically_satisfied', comment: '回访：基本满意' });
  assert.equal(d.state, 'closed');
  assert.equal(d.closeReason, 'basically_satisfied');
  assert.deepEqual(d.allowedActions, []);

  const types = d.events.map((e: { type: string }) => e.type);
  assert.deepEqual(types, ['create', 'dispatch', 'accept', 'contact', 'opinion', 'submit_part', 'result', 'reply', 'evaluate', 'close']);
  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === id).map((r) => r.action);
  assert.deepEqual(audits, [
    'appeal.create',
    'appeal.dispatch',
    'appeal.accept',
    'appeal.contact',
    'appeal.opinion',
    'appeal.submit_part',
    'appeal.result',
    'appeal.reply',
    'appeal.evaluate',
  ]);
  // The timeline is append-only.
  await assert.rejects(w.db.execute(`DELETE FROM appeal_events WHERE appeal_id = '${id}'` as never));
});

test('R6.1 answered on the spot (当场答复): closed at intake, all milestones met', async () => {
  const w = await world();
  const a = await createAppeal(w, { answerOnSpot: '经查询政策文件，已当场解答。', channel: 'visit' });
  assert.equal(a.state, 'closed');
  assert.equal(a.closeReason, 'answered_on_spot');
  for (const m of ['contact', 'opinion', 'resolution']) assert.equal(a.milestones[m].state, 'met_on_time');
  assert.deepEqual(
    a.events.map((e: { type: string }) => e.type),
    ['create', 'answer_on_spot'],
  );
  const both = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/appeals',
    payload: { ...(await import('./helpers.ts')).baseAppeal({ answerOnSpot: 'x', dispatch: { leadUnitId: w.lead.id } }) },
  });
  assert.equal(both.statusCode, 400);
});

test('R3.1 intake may dispatch at once (即转) and may backdate the receipt only with a reason (audited)', async () => {
  const w = await world();
  const past = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const bad = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/appeals',
    payload: (await import('./helpers.ts')).baseAppeal({ receivedAt: past }),
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().error.fields.backdateReason);
  const a = await createAppeal(w, { receivedAt: past, backdateReason: '来信登记补录', dispatch: { leadUnitId: w.lead.id } });
  assert.equal(a.state, 'dispatched');
  assert.equal(a.backdateReason, '来信登记补录');
  assert.equal(a.receivedAt, new Date(past).toISOString());
  const row = (await auditRows(w.db, w.province.id)).find((r) => r.entity_id === a.id);
  assert.match(String(row!.summary), /补录受理时间.*来信登记补录/);
  // Unregistered enterprise with a bad USCC is refused per field.
  const uscc = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/appeals',
    payload: (await import('./helpers.ts')).baseAppeal({ enterpriseUscc: '91370000X' }),
  });
  assert.equal(uscc.statusCode, 400);
  assert.ok(uscc.json().error.fields.enterpriseUscc);
});

test('R3.2 return (退单) by the unit head with a reason goes back to intake; re-dispatch; transfer to another unit', async () => {
  const w = await world();
  const id = await appealIn(w, 'dispatched');
  const staff = await act(w, w.users.leadStaff, id, 'return', { reason: '不属于本处室' });
  assert.equal(staff.statusCode, 403);
  let d = await ok(w, w.users.leadHead, id, 'return', { reason: '不属于本处室职责' });
  assert.equal(d.state, 'returned');
  assert.equal(d.leadUnitId, null);
  // The lead unit no longer sees it.
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/appeals/${id}` })).statusCode, 404);
  d = await ok(w, w.users.intake, id, 'dispatch', { leadUnitId: w.other.id });
  assert.equal(d.leadUnitName, w.other.name);
  d = await ok(w, w.users.coordinator, id, 'transfer', { leadUnitId: w.lead.id, reason: '业务对口调整' });
  assert.equal(d.state, 'dispatched');
  assert.equal(d.leadUnitId, w.lead.id);
  assert.equal(d.events.at(-1).payload.fromUnitId, w.other.id);
});

test('R3.2 return is refused after the tenant returnLimitHours', async () => {
  const w = await world();
  const { appealClock } = await import('../../src/modules/appeals/index.ts');
  const id = await appealIn(w, 'dispatched');
  const real = appealClock.now;
  appealClock.now = () => new Date(Date.now() + 25 * 3_600_000);
  try {
    const late = await act(w, w.users.leadHead, id, 'return', { reason: '超时退单' });
    assert.equal(late.statusCode, 409);
    assert.match(late.json().error.message, /已超过退单时限（派单后24小时内）/);
  } finally {
    appealClock.now = real;
  }
});

test('R3.2 transfer to a city bureau: the case file moves; the province keeps a read-only status link', async () => {
  const w = await world();
  const id = await appealIn(w, 'dispatched');
  await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/appeals/${id}/attachments`,
    headers: { 'content-type': 'multipart/form-data; boundary=X' },
    payload: '--X\r\nContent-Disposition: form-data; name="file"; filename="说明.txt"\r\nContent-Type: text/plain\r\n\r\n情况说明\r\n--X--\r\n',
  });
  const bad = await act(w, w.users.intake, id, 'transfer-city', { tenantId: w.province.id, reason: '属地管理' });
  assert.equal(bad.statusCode, 400);
  const moved = await act(w, w.users.intake, id, 'transfer-city', { tenantId: w.city.id, reason: '属地管理' });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.deepEqual(moved.json(), { moved: true, tenantId: w.city.id });
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: `/api/appeals/${id}` })).statusCode, 404);
  const link = (await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals/transferred-out' })).json();
  assert.equal(link.items[0].id, id);
  assert.equal(link.items[0].tenantId, w.city.id);
  const inCity = await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${id}` });
  assert.equal(inCity.statusCode, 200);
  const c = inCity.json();
  assert.equal(c.state, 'received');
  assert.equal(c.originTenantId, w.province.id);
  assert.equal(c.coUnits.length, 0);
  assert.equal(c.attachments.length, 1);
  assert.ok(c.events.some((e: { type: string }) => e.type === 'transfer_in'));
  const cityQueue = (await call(w.app, w.cityIntake, { method: 'GET', url: '/api/appeals?view=queue' })).json();
  assert.ok(cityQueue.items.some((x: { id: string }) => x.id === id));
  // Audited on both sides.
  assert.ok((await auditRows(w.db, w.province.id)).some((r) => r.action === 'appeal.transfer_city' && r.entity_id === id));
  assert.ok((await auditRows(w.db, w.city.id)).some((r) => r.action === 'appeal.transfer_city' && r.entity_id === id));
  // A city bureau cannot transfer on to a city.
  const again = await call(w.app, w.cityIntake, {
    method: 'POST',
    url: `/api/appeals/${id}/transfer-city`,
    payload: { version: c.version, tenantId: w.city.id, reason: 'x' },
  });
  assert.equal(again.statusCode, 403);
});

test('R6.6 urge (催办) by 办公室 and R3.5 a major matter is visible at once to the leader whose portfolio covers the lead unit', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  let d = await ok(w, w.users.intake, id, 'flags', { lulibanRef: 'LLB-2026-0042' });
  assert.equal(d.lulibanRef, 'LLB-2026-0042');
  d = await ok(w, w.users.intake, id, 'urge', { note: '鲁力办督办事项，请按时办理' });
  assert.equal(d.urgeCount, 1);
  assert.equal(d.events.at(-1).payload.lulibanRef, 'LLB-2026-0042');
  assert.equal((await act(w, w.users.leadStaff, id, 'urge', { note: 'x' })).statusCode, 403);

  d = await ok(w, w.users.leadHead, id, 'flags', { isMajor: true });
  assert.equal(d.isMajor, true);
  assert.deepEqual(d.leaders.length, 1);
  const major = (await call(w.app, w.users.leader, { method: 'GET', url: '/api/appeals?view=portfolio&major=true' })).json();
  assert.deepEqual(
    major.items.map((x: { id: string }) => x.id),
    [id],
  );
  const elsewhere = (await call(w.app, w.users.leaderElsewhere, { method: 'GET', url: '/api/appeals?major=true' })).json();
  assert.equal(elsewhere.items.length, 0);
  assert.equal((await call(w.app, w.users.leaderElsewhere, { method: 'GET', url: `/api/appeals/${id}` })).statusCode, 404);
  // Leaders read; they are no party to actions.
  assert.equal((await act(w, w.users.leader, id, 'urge', { note: 'x' })).statusCode, 403);
});

test('attachments: allowed types and sizes, content must match the extension, at most 10 per appeal, download', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const upload = (name: string, body: Buffer, as = w.users.leadStaff) => {
    const head = Buffer.from(
      `--B\r\nContent-Disposition: form-data; name="note"\r\n\r\n现场照片\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    return call(w.app, as, {
      method: 'POST',
      url: `/api/appeals/${id}/attachments`,
      headers: { 'content-type': 'multipart/form-data; boundary=B' },
      payload: Buffer.concat([head, body, Buffer.from('\r\n--B--\r\n')]),
    });
  };
  const png = samplePng();
  const r = await upload('现场.png', png);
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().note, '现场照片');
  assert.equal((await upload('a.exe', png)).statusCode, 415);
  assert.equal((await upload('fake.pdf', png)).statusCode, 415);
  assert.equal((await upload('big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41))).statusCode, 413);
  assert.equal((await upload('x.png', png, w.users.otherStaff)).statusCode, 404);
  const dl = await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/appeals/${id}/attachments/${r.json().id}` });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'image/png');
  assert.deepEqual(dl.rawPayload, png);
  for (let i = 0; i < 9; i++) assert.equal((await upload(`n${i}.txt`, Buffer.from('记录'))).statusCode, 201);
  const eleventh = await upload('n10.txt', Buffer.from('记录'));
  assert.equal(eleventh.statusCode, 409);
  // The contact evidence names an attachment of this appeal.
  const d = await ok(w, w.users.leadStaff, id, 'contact', { method: 'on_site', withWhom: '安全部长', note: '现场核实', attachmentIds: [r.json().id] });
  assert.deepEqual(d.events.at(-1).payload.attachmentIds, [r.json().id]);
  const wrong = await act(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: 'x', note: 'y', attachmentIds: [w.lead.id] });
  assert.equal(wrong.statusCode, 400);
});
