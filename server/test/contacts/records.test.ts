// Field records (issue 14): R7.1 refusals, follow-ups tracked to done, R4.1–R4.3 fields, an appeal
// raised in the field (R4.2) in the appeals workbench, linked both ways, attachments; the year at a
// glance (R1.4, R1.8) and the reminders (once).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../src/domain/calendar/index.ts';
import { queryRows } from '../../src/db/client.ts';
import { contactPointDuties } from '../../src/modules/contacts/index.ts';
import { call } from '../helpers/app.ts';
import { confirmedUnitPoint, contactsWorld, okJson, proposeLeaderPoint, req, step, type CWorld } from './helpers.ts';

const today = () => shanghaiDate(new Date());
const visit = (w: CWorld, pointId: string, over: Record<string, unknown> = {}) => ({
  kind: 'visit',
  pointId,
  visitedOn: today(),
  form: 'on_site',
  staffNames: '张三、李四',
  policies: '宣讲安全生产许可新规',
  difficulties: '危化品运输车辆停车难',
  suggestions: '希望简化延期换证材料',
  findings: '企业专职安全管理人员不足',
  followUps: [{ description: '协调园区增设危化品车辆停车场', ownerUserId: w.users.headA.id, dueOn: today() }],
  ...over,
});

test('R7.1 no formalism: a record without findings or without a follow-up is refused, saying so; nothing is stored', async () => {
  const w = await contactsWorld();
  const p = await confirmedUnitPoint(w);
  const r = await req(w, w.users.staffA, 'POST', '/api/field-records', visit(w, p.id, { findings: '', followUps: [] }));
  assert.equal(r.statusCode, 400, r.body);
  assert.match(r.json().error.fields.findings, /R7\.1/);
  assert.match(r.json().error.fields.followUps, /R7\.1/);
  const [{ n }] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM field_records WHERE tenant_id = ${w.province.id}`);
  assert.equal(n, 0);
});

test('R1.8 a visit to a point with a follow-up tracked to done; R4.2 an appeal raised in the field is a tracked appeal, linked both ways', async () => {
  const w = await contactsWorld();
  const p = await confirmedUnitPoint(w);
  const rec = await okJson(
    w,
    w.users.staffA,
    'POST',
    '/api/field-records',
    visit(w, p.id, {
      appeals: [
        {
          category: 'licensing',
          title: '延期换证材料重复提交',
          content: '企业反映延期换证需重复提交已有材料',
          contactName: '王经理',
          contactPhone: '13800000000',
        },
        { category: 'policy', title: '停车场规划', content: '园区危化品车辆停车场规划', contactName: '王经理', contactPhone: '13800000000', ownBusiness: true },
      ],
    }),
  );
  assert.equal(rec.enterpriseId, p.enterpriseId);
  assert.equal(rec.unitId, w.a.id);
  assert.equal(rec.followUps.length, 1);
  assert.equal(rec.appeals.length, 2);
  // In intake's queue (channel 调研走访) and, when its own business, dispatched to the recording unit.
  const queued = await okJson(w, w.users.intake, 'GET', `/api/appeals/${rec.appeals.find((a: { title: string }) => a.title.startsWith('延期')).id}`);
  assert.equal(queued.state, 'received');
  assert.equal(queued.channel, 'research_visit');
  assert.ok(
    queued.events.some((e: { type: string; payload: { fieldRecordId?: string } }) => e.type === 'field_origin' && e.payload.fieldRecordId === rec.id),
    'linked back',
  );
  const own = await okJson(w, w.users.staffA, 'GET', `/api/appeals/${rec.appeals.find((a: { title: string }) => a.title === '停车场规划').id}`);
  assert.equal(own.state, 'dispatched');
  assert.equal(own.leadUnitId, w.a.id);
  // Unit staff cannot create appeals elsewhere.
  assert.equal((await req(w, w.users.staffA, 'POST', '/api/appeals', { title: 'x' })).statusCode, 403);
  // The follow-up to done (version checked).
  const fu = rec.followUps[0];
  assert.equal((await req(w, w.users.staffB, 'POST', `/api/field-follow-ups/${fu.id}/done`, { version: fu.version, note: '已协调' })).statusCode, 404);
  const done = await okJson(w, w.users.headA, 'POST', `/api/field-follow-ups/${fu.id}/done`, { version: fu.version, note: '园区已规划停车场' });
  assert.ok(done.followUps[0].doneAt);
  assert.equal((await req(w, w.users.headA, 'POST', `/api/field-follow-ups/${fu.id}/done`, { version: fu.version, note: '再次' })).statusCode, 409);
  // Another unit's and another tenant's users: 404.
  assert.equal((await req(w, w.users.staffB, 'GET', `/api/field-records/${rec.id}`)).statusCode, 404);
  assert.equal((await req(w, w.cityUser, 'GET', `/api/field-records/${rec.id}`)).statusCode, 404);
});

test('R4.1 licensing check needs the service rating and the licence reference; R4.3 enforcement needs the statement and defence', async () => {
  const w = await contactsWorld();
  const e = await w.ent(w.a.id);
  const base = {
    enterpriseId: e.id,
    visitedOn: today(),
    form: 'on_site',
    findings: '现场条件符合',
    followUps: [{ description: '办理许可', ownerUserId: w.users.staffA.id, dueOn: today() }],
  };
  const r1 = await req(w, w.users.staffA, 'POST', '/api/field-records', { ...base, kind: 'licensing_check' });
  assert.equal(r1.statusCode, 400);
  assert.match(r1.json().error.fields.serviceRating, /R4\.1/);
  assert.ok(r1.json().error.fields.reference);
  const ok1 = await okJson(w, w.users.staffA, 'POST', '/api/field-records', {
    ...base,
    kind: 'licensing_check',
    reference: '鲁危化经字〔2026〕001号',
    serviceRating: 'satisfied',
    serviceComment: '服务热情',
  });
  assert.equal(ok1.serviceRating, 'satisfied');
  const r3 = await req(w, w.users.staffA, 'POST', '/api/field-records', { ...base, kind: 'enforcement', reference: '鲁应急罚〔2026〕12号' });
  assert.match(r3.json().error.fields.statement, /R4\.3/);
  const ok3 = await okJson(w, w.users.staffA, 'POST', '/api/field-records', {
    ...base,
    kind: 'enforcement',
    reference: '鲁应急罚〔2026〕12号',
    statement: '企业称已整改',
  });
  assert.equal(ok3.statement, '企业称已整改');
  // Attachments: the appeals' checks (a fake PNG is refused).
  const boundary = '----zqt';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nnot a png\r\n--${boundary}--\r\n`;
  const bad = await call(w.app, w.users.staffA, {
    method: 'POST',
    url: `/api/field-records/${ok3.id}/files`,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(bad.statusCode, 415, bad.body);
  const txt = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="签到表.txt"\r\nContent-Type: text/plain\r\n\r\n签到：张三 李四\r\n--${boundary}--\r\n`;
  const good = await call(w.app, w.users.staffA, {
    method: 'POST',
    url: `/api/field-records/${ok3.id}/files`,
    payload: txt,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.equal(good.statusCode, 201, good.body);
  assert.equal(good.json().files[0].name, '签到表.txt');
});

test('R1.4 R1.8 year at a glance: visits done / required and pace per point, per leader, per unit, for the tenant; the province sees city totals', async () => {
  const w = await contactsWorld();
  const up = await confirmedUnitPoint(w);
  let lp = await proposeLeaderPoint(w);
  lp = (await step(w, w.users.coordinator, lp, 'accept')).json();
  lp = (await step(w, w.users.leaderA, lp, 'confirm')).json();
  await okJson(w, w.users.staffA, 'POST', '/api/field-records', visit(w, up.id));
  await okJson(w, w.users.leaderA, 'POST', '/api/field-records', visit(w, lp.id, { leaderIds: [w.leaderA.id] }));
  const y = await okJson(w, w.users.coordinator, 'GET', '/api/contact-points/year');
  const u = y.items.find((i: { id: string }) => i.id === up.id);
  const l = y.items.find((i: { id: string }) => i.id === lp.id);
  assert.equal(u.visits, 1);
  assert.equal(l.visits, 1);
  assert.equal(l.pace, 'done', 'R1.4 one visit a year');
  assert.ok(u.required >= 1);
  assert.equal(y.byLeader.length, 1);
  assert.equal(y.byUnit.length, 1);
  assert.equal(y.totals.points, 2);
  assert.ok(Array.isArray(y.cities));
  assert.ok(
    y.cities.some((c: { tenantId: string }) => c.tenantId === w.city.id),
    'the province sees each city',
  );
  // Unit B sees none of unit A's points.
  assert.equal((await okJson(w, w.users.headB, 'GET', '/api/contact-points/year')).items.length, 0);
});

test('R1.3 R1.4 the scheduler: a point behind pace is reminded once per quarter; an ended term expires and stays in the history', async () => {
  const w = await contactsWorld();
  const p = await confirmedUnitPoint(w);
  const year = Number(today().slice(0, 4));
  const dec = new Date(`${year}-12-15T02:00:00Z`);
  const own = { tenantIds: [w.province.id, w.city.id] }; // only this test's tenants (the database is shared)
  const first = await contactPointDuties(w.db, dec, own);
  assert.ok(first.notices >= 1);
  await contactPointDuties(w.db, dec, own);
  const [{ n }] = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = ${w.province.id} AND source_key LIKE ${`cp-pace:${p.id}:%`}`,
  );
  assert.ok(n >= 1);
  const [{ m }] = await queryRows<{ m: number }>(
    w.db,
    sql`SELECT count(*)::int AS m FROM notifications WHERE tenant_id = ${w.province.id} AND source_key LIKE ${`cp-pace:${p.id}:%`}`,
  );
  assert.equal(m, n, 'not twice');
  // The term ends: expired, still listed with all=true.
  await contactPointDuties(w.db, new Date(`${year + 1}-${p.termEnd.slice(5)}T02:00:00Z`), own);
  const after = await okJson(w, w.users.coordinator, 'GET', `/api/contact-points/${p.id}`);
  assert.equal(after.state, 'expired');
  assert.equal(after.events.at(-1).type, 'expire');
  const all = await okJson(w, w.users.coordinator, 'GET', '/api/contact-points?all=true');
  assert.ok(all.items.some((i: { id: string }) => i.id === p.id));
});
