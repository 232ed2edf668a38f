// Roundtables (R5.*, R7.1) through the API: the R5.2 lead-unit rule at create and on unit change,
// invitations with portal notice and SMS, replies, R5.3 leaders, collection through the portal, each item
// answered on site or turned into an appeal (channel 座谈会/会客厅) in one step, R7.1 minutes, the follow-up
// list with live appeal states, 办结 only when all are closed, the .docx read back, another tenant → 404.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { queryRows } from '../../src/db/client.ts';
import { shanghaiDate } from '../../src/domain/calendar/index.ts';
import { call } from '../helpers/app.ts';
import { auditRows, createLeader, createUnit, createUser } from '../helpers/factory.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { ok as appealOk, world, type World } from '../appeals/helpers.ts';

const today = shanghaiDate(new Date());
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

async function scene() {
  const w = await world();
  const policy = await createUnit(w.db, w.province.id, { kind: 'coordinator', name: `政策法规处${Date.now()}` });
  const enterprise = await createEnterprise(w.db, w.province.id, { name: '鲁南化工有限公司' });
  const other = await createEnterprise(w.db, w.province.id, { name: '泰山矿业有限公司', sector: 'mining' });
  const portal = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: enterprise.id });
  const outsider = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: other.id });
  const deputy = await createLeader(w.db, w.province.id, []);
  return { w, policy, enterprise, other, portal, outsider, deputy };
}
type Scene = Awaited<ReturnType<typeof scene>>;

const record = (w: World, over: Record<string, unknown> = {}) => ({
  kind: 'roundtable',
  organiser: 'province',
  title: '全省危化企业政企沟通圆桌会',
  topics: '危化品企业安全许可、园区规划',
  meetingDate: addDays(today, 10),
  place: '省政府第三会议室',
  collectFrom: addDays(today, -3),
  collectUntil: addDays(today, 5),
  unitIds: [w.lead.id],
  ...over,
});

async function create(s: Scene, over: Record<string, unknown> = {}) {
  const res = await call(s.w.app, s.w.users.coordinator, { method: 'POST', url: '/api/roundtables', payload: record(s.w, over) });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
async function get(s: Scene, id: string, as = s.w.users.oversight) {
  const res = await call(s.w.app, as, { method: 'GET', url: `/api/roundtables/${id}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
async function post(s: Scene, as: Parameters<typeof call>[1], url: string, payload: Record<string, unknown>, status = 200) {
  const res = await call(s.w.app, as, { method: 'POST', url, payload });
  assert.equal(res.statusCode, status, `${url}: ${res.body}`);
  return res.json();
}
const item = (over: Record<string, unknown> = {}) => ({
  contactName: '李强',
  contactPhone: '13900001111',
  category: 'licensing',
  title: '安全生产许可证延续审查周期长',
  content: '希望压缩延续审查时限。',
  ...over,
});

test('R5.2 lead unit: one unit runs it directly; several → 政策法规处 leads; enforced at create and on unit change, shown on the record', async () => {
  const s = await scene();
  const m = await create(s);
  assert.equal(m.leadUnitId, s.w.lead.id);
  assert.match(m.leadRule, /直接与省政府办公厅对接（R5\.2）/);
  // A stated lead unit contrary to the rule is refused (400, per field, Chinese).
  const bad = await call(s.w.app, s.w.users.coordinator, {
    method: 'POST',
    url: '/api/roundtables',
    payload: record(s.w, { unitIds: [s.w.lead.id, s.w.co.id], leadUnitId: s.w.lead.id }),
  });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.json().error.fields.leadUnitId, /政策法规处.*R5\.2/);
  // Units change: several → 政策法规处 leads.
  const edited = await call(s.w.app, s.w.users.coordinator, {
    method: 'PUT',
    url: `/api/roundtables/${m.id}`,
    payload: { ...record(s.w, { unitIds: [s.w.lead.id, s.w.co.id] }), version: m.version },
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().leadUnitId, s.policy.id);
  assert.match(edited.json().leadRule, /涉及2个处室.*牵头/);
  // Stale version → 409 with the current record as GET shows it.
  const stale = await call(s.w.app, s.w.users.coordinator, { method: 'PUT', url: `/api/roundtables/${m.id}`, payload: { ...record(s.w), version: m.version } });
  assert.equal(stale.statusCode, 409);
  assert.deepEqual(stale.json().error.details.current, await get(s, m.id, s.w.users.coordinator));
  // A unit's staff may record a meeting only with their own unit as lead.
  assert.equal((await call(s.w.app, s.w.users.coStaff, { method: 'POST', url: '/api/roundtables', payload: record(s.w) })).statusCode, 403);
  assert.equal((await call(s.w.app, s.w.users.leadStaff, { method: 'POST', url: '/api/roundtables', payload: record(s.w) })).statusCode, 201);
  // Bad input: 400 with per-field Chinese messages, nothing created.
  const empty = await call(s.w.app, s.w.users.coordinator, { method: 'POST', url: '/api/roundtables', payload: { ...record(s.w), title: '', unitIds: [] } });
  assert.equal(empty.statusCode, 400);
  assert.ok(empty.json().error.fields.title && empty.json().error.fields.unitIds);
  const late = await call(s.w.app, s.w.users.coordinator, {
    method: 'POST',
    url: '/api/roundtables',
    payload: record(s.w, { collectUntil: addDays(today, 20) }),
  });
  assert.equal(late.statusCode, 400);
  assert.ok(late.json().error.fields.collectUntil);
  assert.ok((await auditRows(s.w.db, s.w.province.id)).some((r) => r.action === 'roundtable.edit' && String(r.summary).includes('R5.2')));
});

test('R5.1 R5.3 before the meeting: invitation (portal notice + SMS), replies, portal collection within the period, leaders by 办公室', async () => {
  const s = await scene();
  const m = await create(s);
  const url = `/api/roundtables/${m.id}`;
  await post(s, s.w.users.coordinator, `${url}/invitations`, {
    enterprises: [{ enterpriseId: s.enterprise.id, contactName: '李强', contactPhone: '13900001111' }],
  });
  const [sms] = await queryRows<{ to_phone: string; body: string; kind: string }>(
    s.w.db,
    sql`SELECT to_phone, body, kind FROM sms_outbox WHERE tenant_id = ${s.w.province.id} AND kind = 'roundtable_invitation'`,
  );
  assert.equal(sms.to_phone, '13900001111');
  assert.match(sms.body, /圆桌会/);
  const notes = await call(s.w.app, s.portal, { method: 'GET', url: '/api/notifications' });
  assert.ok(
    notes.json().items.some((n: { type: string }) => n.type === 'roundtable_invitation'),
    notes.body,
  );
  // The invited enterprise sees it and replies; an enterprise not invited sees nothing and gets 404.
  const mine = (await call(s.w.app, s.portal, { method: 'GET', url: '/api/portal/meetings' })).json();
  assert.equal(mine.items.length, 1);
  assert.equal(mine.items[0].canSubmitItem, true);
  assert.deepEqual((await call(s.w.app, s.outsider, { method: 'GET', url: '/api/portal/meetings' })).json().items, []);
  const foreign = await call(s.w.app, s.outsider, { method: 'POST', url: `/api/portal/meetings/${m.id}/reply`, payload: { reply: 'declined' } });
  assert.equal(foreign.statusCode, 404);
  const noName = await call(s.w.app, s.portal, { method: 'POST', url: `/api/portal/meetings/${m.id}/reply`, payload: { reply: 'attending' } });
  assert.equal(noName.statusCode, 400);
  assert.ok(noName.json().error.fields.attendeeName);
  const replied = await post(s, s.portal, `/api/portal/meetings/${m.id}/reply`, { reply: 'attending', attendeeName: '张总' });
  assert.equal(replied.items[0].reply, 'attending');
  await post(s, s.portal, `/api/portal/meetings/${m.id}/items`, item());
  // Staff entry too.
  await post(s, s.w.users.intake, `${url}/items`, item({ enterpriseId: s.other.id, title: '非煤矿山复产验收标准' }), 201);
  // R5.3 only 办公室 arranges leaders.
  assert.equal(
    (await call(s.w.app, s.w.users.coordinator, { method: 'PUT', url: `${url}/leaders`, payload: { leaderId: s.deputy.id, status: 'confirmed' } })).statusCode,
    403,
  );
  const withLeader = await call(s.w.app, s.w.users.intake, { method: 'PUT', url: `${url}/leaders`, payload: { leaderId: s.deputy.id, status: 'confirmed' } });
  assert.equal(withLeader.statusCode, 200, withLeader.body);
  const v = withLeader.json();
  assert.equal(v.leaders[0].status, 'confirmed');
  assert.deepEqual(
    v.items.map((i: { source: string }) => i.source),
    ['portal', 'staff'],
  );
  assert.equal(v.invitations[0].attendeeName, '张总');
  // Outside the collection period the portal refuses (409 naming the period).
  await queryRows(s.w.db, sql`UPDATE roundtables SET collect_until = ${addDays(today, -1)}, collect_from = ${addDays(today, -5)} WHERE id = ${m.id}`);
  const closed = await call(s.w.app, s.portal, { method: 'POST', url: `/api/portal/meetings/${m.id}/items`, payload: item() });
  assert.equal(closed.statusCode, 409);
  assert.match(closed.json().error.message, /征集期/);
});

test('R5.1 on the day: on-site answer closes at once, another item becomes a tracked appeal (channel roundtable); R7.1 minutes; follow-up until all closed; .docx read back', async () => {
  const s = await scene();
  const m = await create(s);
  const url = `/api/roundtables/${m.id}`;
  await post(s, s.w.users.coordinator, `${url}/invitations`, {
    enterprises: [{ enterpriseId: s.enterprise.id, contactName: '李强', contactPhone: '13900001111' }],
  });
  const a = await post(s, s.w.users.coordinator, `${url}/items`, item({ enterpriseId: s.enterprise.id }), 201);
  let v = await get(s, m.id);
  v = await post(s, s.w.users.coordinator, `${url}/transition`, { action: 'close_collection', version: v.version });
  assert.equal(v.state, 'prepared');
  // Disposing before the meeting is refused by state.
  const early = await call(s.w.app, s.w.users.coordinator, { method: 'POST', url: `${url}/dispose`, payload: { itemId: a.id, version: 1, answer: '答复' } });
  assert.equal(early.statusCode, 409);
  v = await post(s, s.w.users.coordinator, `${url}/transition`, { action: 'open', version: v.version });
  assert.equal(v.state, 'in_session');
  const b = await post(
    s,
    s.w.users.leadStaff,
    `${url}/items`,
    item({ enterpriseName: '临沂某商贸公司', title: '会上提出：园区封闭化管理通行证', category: 'help' }),
    201,
  );
  assert.equal(b.source, 'on_site');
  // R7.1 minutes are refused while items are pending.
  const pending = await call(s.w.app, s.w.users.coordinator, {
    method: 'POST',
    url: `${url}/minutes`,
    payload: { version: v.version, minutes: '纪要', findings: '问题', followUp: '安排' },
  });
  assert.equal(pending.statusCode, 409);
  assert.match(pending.json().error.message, /2项诉求未/);
  // Another unit's staff is not a party (403); oversight reads only.
  assert.equal(
    (await call(s.w.app, s.w.users.coStaff, { method: 'POST', url: `${url}/dispose`, payload: { itemId: a.id, version: 1, answer: 'x' } })).statusCode,
    403,
  );
  v = await post(s, s.w.users.coordinator, `${url}/dispose`, { itemId: a.id, version: 1, answer: '当场明确：延续审查时限压缩至10个工作日。' });
  const answered = v.items.find((i: { id: string }) => i.id === a.id);
  assert.equal(answered.disposition, 'answered');
  assert.equal(answered.appeal.state, 'closed');
  v = await post(s, s.w.users.coordinator, `${url}/dispose`, { itemId: b.id, version: 1, unitId: s.w.lead.id });
  const tracked = v.items.find((i: { id: string }) => i.id === b.id);
  assert.equal(tracked.disposition, 'appeal');
  assert.equal(tracked.appeal.state, 'dispatched');
  assert.equal(tracked.appeal.leadUnitName, s.w.lead.name);
  // Both are appeals of channel roundtable; disposing twice is refused.
  const appeal = (await call(s.w.app, s.w.users.oversight, { method: 'GET', url: `/api/appeals/${tracked.appeal.id}` })).json();
  assert.equal(appeal.channel, 'roundtable');
  assert.equal(
    (await call(s.w.app, s.w.users.coordinator, { method: 'POST', url: `${url}/dispose`, payload: { itemId: b.id, version: 2, answer: 'x' } })).statusCode,
    409,
  );
  // R7.1 minutes without findings / what follows → 400 naming the rule; nothing changes.
  const formal = await call(s.w.app, s.w.users.coordinator, {
    method: 'POST',
    url: `${url}/minutes`,
    payload: { version: v.version, minutes: '会议顺利召开。' },
  });
  assert.equal(formal.statusCode, 400);
  assert.match(formal.json().error.fields.findings, /R7\.1/);
  assert.match(formal.json().error.fields.followUp, /R7\.1/);
  assert.equal((await get(s, m.id)).state, 'in_session');
  v = await post(s, s.w.users.coordinator, `${url}/minutes`, {
    version: v.version,
    minutes: '会议由省政府分管领导主持，企业代表发言。',
    findings: '许可延续审查周期偏长；园区通行管理不便。',
    followUp: '许可处压缩审查时限；园区通行问题交主办处室限期答复。',
  });
  assert.equal(v.state, 'following_up');
  assert.equal(v.appealsOpen, 1);
  // Not closed while an appeal born in the meeting is open.
  const early2 = await call(s.w.app, s.w.users.coordinator, { method: 'POST', url: `${url}/transition`, payload: { action: 'close', version: v.version } });
  assert.equal(early2.statusCode, 409);
  assert.match(early2.json().error.message, /1件未办结/);
  assert.equal(v.blocked.close, '会上转办的诉求还有1件未办结');
  // The .docx: minutes, findings, follow-up and the follow-up list with the live state.
  const doc = await call(s.w.app, s.w.users.leader, { method: 'GET', url: `${url}/docx` });
  assert.equal(doc.statusCode, 200, doc.body);
  const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  for (const s2 of [
    '会议纪要',
    '许可延续审查周期偏长',
    '园区通行问题交主办处室限期答复',
    '诉求办理跟踪清单',
    tracked.appeal.number,
    '待签收',
    '当场答复',
    '已办结',
  ]) {
    assert.ok(text.includes(s2), `docx has ${s2}`);
  }
  // The tracked appeal is handled to the end; then the meeting can be closed.
  const id = tracked.appeal.id;
  await appealOk(s.w, s.w.users.leadStaff, id, 'accept');
  await appealOk(s.w, s.w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '李强', note: '已电话联系企业' });
  await appealOk(s.w, s.w.users.leadStaff, id, 'opinion', { text: '初步意见' });
  await appealOk(s.w, s.w.users.leadStaff, id, 'result', { kind: 'solved', text: '已办理通行证' });
  await appealOk(s.w, s.w.users.leadStaff, id, 'reply', { text: '已为贵公司办理园区通行证。' });
  await appealOk(s.w, s.w.users.intake, id, 'evaluate', { rating: 'satisfied' });
  v = await get(s, m.id, s.w.users.coordinator);
  assert.equal(v.appealsOpen, 0);
  v = await post(s, s.w.users.coordinator, `${url}/transition`, { action: 'close', version: v.version });
  assert.equal(v.state, 'closed');
  const audits = (await auditRows(s.w.db, s.w.province.id)).map((r) => r.action);
  for (const action of [
    'roundtable.create',
    'roundtable.item.answer',
    'roundtable.item.appeal',
    'roundtable.minutes',
    'roundtable.download',
    'roundtable.close',
  ]) {
    assert.ok(audits.includes(action), action);
  }
});

test('R5.1 another tenant: its meetings answer 404; cancel needs a reason', async () => {
  const s = await scene();
  const m = await create(s);
  assert.equal((await call(s.w.app, s.w.cityIntake, { method: 'GET', url: `/api/roundtables/${m.id}` })).statusCode, 404);
  assert.equal((await call(s.w.app, s.w.cityIntake, { method: 'GET', url: '/api/roundtables' })).json().items.length, 0);
  const noReason = await call(s.w.app, s.w.users.coordinator, {
    method: 'POST',
    url: `/api/roundtables/${m.id}/transition`,
    payload: { action: 'cancel', version: 1 },
  });
  assert.equal(noReason.statusCode, 400);
  const cancelled = await post(s, s.w.users.coordinator, `/api/roundtables/${m.id}/transition`, { action: 'cancel', version: 1, reason: '省政府调整会期' });
  assert.equal(cancelled.state, 'cancelled');
  assert.deepEqual(cancelled.allowedActions, []);
});
