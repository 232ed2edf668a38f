// Issue 22, limits left in the loop: the return limit in natural hours from the calendar module;
// attachments withdrawn with a reason (kept for the audit, hidden) and added to an appeal answered on
// the spot; a city's overrides change recomputes open appeals' future deadlines in one transaction;
// the province's agenda items are shown read-only where the appeal went.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { returnDeadline } from '../../src/domain/appeals/clock.ts';
import { addNaturalHours } from '../../src/domain/calendar/index.ts';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { auditRows, createUser } from '../helpers/factory.ts';
import { samplePng } from '../helpers/files.ts';
import { appealIn, call, createAppeal, current, ok, world, type World } from '../appeals/helpers.ts';

const upload = (w: World, id: string, as: Parameters<typeof call>[1], name = '现场.png') => {
  const head = Buffer.from(`--B\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return call(w.app, as, {
    method: 'POST',
    url: `/api/appeals/${id}/attachments`,
    headers: { 'content-type': 'multipart/form-data; boundary=B' },
    payload: Buffer.concat([head, samplePng(), Buffer.from('\r\n--B--\r\n')]),
  });
};

test('R3.2 the return limit is natural hours counted by the calendar module (one place for the rule)', () => {
  const at = new Date('2026-09-30T10:00:00+08:00');
  assert.equal(returnDeadline(at, 24).toISOString(), addNaturalHours(at, 24).toISOString());
  assert.equal(returnDeadline(at, 24).toISOString(), '2026-10-01T02:00:00.000Z', 'a holiday counts like any hour');
});

test('issue 22 an attachment is withdrawn with a reason: kept for the audit, hidden from lists and downloads, on the timeline', async () => {
  const w = await world();
  const id = await appealIn(w, 'handling');
  const up = await upload(w, id, w.users.leadStaff);
  assert.equal(up.statusCode, 201, up.body);
  const att = up.json().id as string;
  const url = `/api/appeals/${id}/attachments/${att}/withdraw`;
  assert.equal((await call(w.app, w.users.coStaff, { method: 'POST', url, payload: { reason: '误传' } })).statusCode, 403, 'neither uploader nor office');
  assert.equal((await call(w.app, w.users.otherStaff, { method: 'POST', url, payload: { reason: '误传' } })).statusCode, 404);
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'POST', url, payload: { reason: '' } })).statusCode, 400);
  const done = await call(w.app, w.users.leadStaff, { method: 'POST', url, payload: { reason: '上传错了文件' } });
  assert.equal(done.statusCode, 200, done.body);
  const d = await current(w, id);
  assert.equal(d.attachments.length, 0, 'hidden from the list');
  const ev = d.events.at(-1);
  assert.equal(ev.type, 'attachment_withdrawn');
  assert.match(ev.payload.summary, /撤回附件「现场.png」，原因：上传错了文件/);
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/appeals/${id}/attachments/${att}` })).statusCode, 404);
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'POST', url, payload: { reason: '再撤' } })).statusCode, 404, 'once');
  const a = (await auditRows(w.db, w.province.id)).find((r) => r.action === 'appeal.attachment_withdraw');
  assert.match(String(a?.summary), /SHA-256/);
  const kept = await w.db.execute(`SELECT withdrawn_reason FROM appeal_attachments WHERE id = '${att}'`);
  assert.equal((kept as unknown as { rows: { withdrawn_reason: string }[] }).rows[0].withdrawn_reason, '上传错了文件', 'the row is kept');
});

test('issue 22 an appeal answered on the spot takes the material intake received; nobody else attaches to it', async () => {
  const w = await world();
  const a = await createAppeal(w, { answerOnSpot: '已当场解释政策' });
  assert.equal(a.state, 'closed');
  const r = await upload(w, a.id, w.users.intake);
  assert.equal(r.statusCode, 201, r.body);
  assert.equal((await current(w, a.id)).attachments.length, 1);
  const byUnit = await upload(w, a.id, w.users.leadStaff);
  assert.notEqual(byUnit.statusCode, 201);
});

test("issue 22 a city's overrides change recomputes its open appeals' future deadlines in the same transaction, on the timeline, counted for the clerk", async () => {
  const w = await world();
  const cityAdmin = await createUser(w.db, w.city.id, { roles: ['sysadmin'], unitId: null, scope: 'tenant' });
  const realNow = appealClock.now;
  // Monday 2026-06-01 10:00 Asia/Shanghai.
  appealClock.now = () => new Date('2026-06-01T02:00:00Z');
  try {
    const made = await call(w.app, w.cityIntake, {
      method: 'POST',
      url: '/api/appeals',
      payload: {
        enterpriseName: '某企业',
        contactName: '李四',
        contactPhone: '13900139000',
        channel: 'hotline',
        category: 'policy',
        title: '市局诉求',
        content: '内容',
        dispatch: { leadUnitId: w.cityUnit.id },
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const before = made.json();
    const provinceAppeal = await createAppeal(w, { dispatch: { leadUnitId: w.lead.id } });
    const cur = (await call(w.app, cityAdmin, { method: 'GET', url: '/api/calendar/overrides' })).json();
    const put = await call(w.app, cityAdmin, {
      method: 'PUT',
      url: '/api/calendar/overrides',
      payload: { version: cur.version, items: [{ date: '2026-06-10', kind: 'holiday', note: '本地假日' }] },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().recomputedAppeals, 1, 'the clerk is told how many changed');
    const after = (await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${before.id}` })).json();
    assert.equal(after.milestones.opinion.dueAt, before.milestones.opinion.dueAt, 'a deadline before the changed day stays');
    assert.ok(new Date(after.milestones.resolution.dueAt) > new Date(before.milestones.resolution.dueAt), 'one working day fewer: later');
    const ev = after.events.at(-1);
    assert.equal(ev.type, 'deadline_recomputed');
    assert.match(ev.payload.summary, /本单位日历调整/);
    const p = await current(w, provinceAppeal.id);
    assert.equal(p.milestones.resolution.dueAt, provinceAppeal.milestones.resolution.dueAt, "the province's appeals keep theirs");
  } finally {
    appealClock.now = realNow;
  }
});

test('issue 22 an appeal transferred to a city: the agenda items stay with the province and are shown read-only in the city', async () => {
  const w = await world();
  const id = await appealIn(w, 'dispatched');
  const p = await call(w.app, w.users.leadHead, {
    method: 'POST',
    url: `/api/appeals/${id}/agenda-items`,
    payload: { title: '关于某企业搬迁的议题', background: '背景', request: '提请研究' },
  });
  assert.equal(p.statusCode, 201, p.body);
  await ok(w, w.users.intake, id, 'transfer-city', { tenantId: w.city.id, reason: '属地管理' });
  const esc = await call(w.app, w.cityIntake, { method: 'GET', url: `/api/appeals/${id}/escalation` });
  assert.equal(esc.statusCode, 200, esc.body);
  const t = esc.json().transferredFrom;
  assert.ok(t, 'shown where the appeal went');
  assert.equal(t.agendaItems[0].title, '关于某企业搬迁的议题');
  assert.deepEqual(t.agendaItems[0].allowedActions, [], 'read-only');
  assert.equal(esc.json().agendaItems.length, 0);
});

test('issue 22 a reopened appeal (不满意) restarts all three milestones, the 2-hour contact included (docs/APPEALS.md §5)', async () => {
  const w = await world();
  const id = await appealIn(w, 'replied');
  const d = await ok(w, w.users.intake, id, 'evaluate', { rating: 'dissatisfied', comment: '问题未解决' });
  assert.equal(d.state, 'handling');
  const reopen = d.events.find((e: { type: string }) => e.type === 'reopen');
  assert.equal(d.milestones.contact.dueAt, addNaturalHours(new Date(reopen.at), 2).toISOString());
  assert.equal(d.milestones.contact.doneAt, null, 'the unit contacts the enterprise again');
});
