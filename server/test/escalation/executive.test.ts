// R6.4 省政府常务会议 items: 办公室 records the meeting date, materials and attending leaders, then the outcome.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { auditRows, createLeader } from '../helpers/factory.ts';
import { appealIn, call, current, world } from '../appeals/helpers.ts';

test('R6.4 办公室 records the executive-meeting item (materials, attending leaders) and later its outcome', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const l1 = await createLeader(w.db, w.province.id, [w.lead.id]);
  const l2 = await createLeader(w.db, w.province.id, []);
  const cityLeader = await createLeader(w.db, w.city.id, []);
  const body = { meetingDate: '2026-12-08', materials: '关于企业搬迁改造安全评价问题的汇报材料（办公室会同危化处起草）', leaderIds: [l1.id, l2.id] };

  // Only 办公室 records: units and the coordinator are refused.
  assert.equal((await call(w.app, w.users.leadHead, { method: 'POST', url: `/api/appeals/${id}/executive-items`, payload: body })).statusCode, 403);
  assert.equal((await call(w.app, w.users.coordinator, { method: 'POST', url: `/api/appeals/${id}/executive-items`, payload: body })).statusCode, 403);
  // Leaders of another tenant and an attachment that is not the appeal's: 400 per field.
  const bad = await call(w.app, w.users.intake, {
    method: 'POST',
    url: `/api/appeals/${id}/executive-items`,
    payload: { ...body, leaderIds: [cityLeader.id], attachmentId: crypto.randomUUID() },
  });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.ok(bad.json().error.fields['leaderIds.0']);
  assert.ok(bad.json().error.fields.attachmentId);

  const res = await call(w.app, w.users.intake, { method: 'POST', url: `/api/appeals/${id}/executive-items`, payload: body });
  assert.equal(res.statusCode, 201, res.body);
  const m = res.json();
  assert.equal(m.meetingDate, '2026-12-08');
  assert.equal(m.outcome, null);
  assert.deepEqual(m.leaders.map((l: { id: string }) => l.id).sort(), [l1.id, l2.id].sort());

  const outcome = await call(w.app, w.users.intake, {
    method: 'PATCH',
    url: `/api/executive-items/${m.id}`,
    payload: { version: 1, outcome: '会议原则同意，由省应急厅牵头会同有关部门落实。' },
  });
  assert.equal(outcome.statusCode, 200, outcome.body);
  assert.equal(outcome.json().outcome, '会议原则同意，由省应急厅牵头会同有关部门落实。');
  assert.equal(outcome.json().version, 2);
  const stale = await call(w.app, w.users.intake, { method: 'PATCH', url: `/api/executive-items/${m.id}`, payload: { version: 1, outcome: '旧版本' } });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.equal(
    (await call(w.app, w.cityIntake, { method: 'PATCH', url: `/api/executive-items/${m.id}`, payload: { version: 2, outcome: 'x' } })).statusCode,
    404,
  );

  // The lead unit sees it on the appeal's card (read-only); the timeline and audit have both steps.
  const cardRes = await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/appeals/${id}/escalation` });
  assert.equal(cardRes.statusCode, 200);
  assert.equal(cardRes.json().executiveItems[0].canEdit, false);
  assert.equal(cardRes.json().canRecordExecutive, false);
  const a = await current(w, id);
  const types = a.events.map((e: { type: string }) => e.type);
  assert.ok(types.includes('executive_meeting_record'));
  assert.ok(types.includes('executive_meeting_update'));
  const audits = (await auditRows(w.db, w.province.id)).map((r) => r.action);
  assert.ok(audits.includes('executive_meeting.record') && audits.includes('executive_meeting.update'));
});
