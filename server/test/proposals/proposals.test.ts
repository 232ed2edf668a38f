// R3.3 建议提案 through the API: registration creates the linked appeal through the appeals intake (2115
// milestones run), the reply period from the tenant setting, the lead unit's reply, the deputy's
// evaluation, re-handling after 不满意 with a new period on the record, the deadline sweep's notices,
// the yearly .xlsx read back; policies, Chinese 400s, 409 on stale versions, tenant isolation, audit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { addDaysIso, addMonthsIso, shanghaiDate } from '../../src/domain/calendar/index.ts';
import { DEFAULT_TASKS } from '../../src/jobs/tasks.ts';
import { proposalDeadlineSweep } from '../../src/modules/proposals/index.ts';
import { auditRows, createUser } from '../helpers/factory.ts';
import { enterpriseFixture } from '../enterprises/fixtures.ts';
import { call, createAppeal, world, type TestUser, type World } from '../appeals/helpers.ts';

const post = (w: World, as: TestUser, url: string, payload: Record<string, unknown>) => call(w.app, as, { method: 'POST', url, payload });
const get = (w: World, as: TestUser, url: string) => call(w.app, as, { method: 'GET', url });
const today = () => shanghaiDate(new Date());

let n = 0;
const body = (w: World, over: Record<string, unknown> = {}) => ({
  kind: 'cppcc_proposal',
  number: String(100 + ++n),
  session: '省政协十三届三次会议',
  proposerName: '陈静',
  delegation: '经济界',
  title: '关于加强中小化工企业安全生产技术帮扶的提案',
  content: '建议组织专家开展常态化技术帮扶。',
  assignedOn: addDaysIso(today(), -10),
  leadUnitId: w.lead.id,
  enterpriseName: '东营海晟精细化工有限公司',
  contactName: '李经理',
  contactPhone: '13800138001',
  ...over,
});

async function register(w: World, over: Record<string, unknown> = {}, as: TestUser = w.users.intake) {
  const r = await post(w, as, '/api/proposals', body(w, over));
  assert.equal(r.statusCode, 201, r.body);
  return r.json();
}

test('R3.3 registration: number, deputy and delegation, session, reply due 3 months after assignment; the appeal through intake with its 2115 milestones', async () => {
  const w = await world();
  const assignedOn = addDaysIso(today(), -10);
  const p = await register(w, { number: '第123号', assignedOn });
  assert.equal(p.number, '第0123号');
  assert.equal(p.kindLabel, '政协委员提案');
  assert.equal(p.state, 'handling');
  assert.equal(p.round, 1);
  assert.equal(p.replyDue, addMonthsIso(assignedOn, 3));
  assert.equal(p.deadlineState, 'on_track');
  assert.equal(p.leadUnitName.length > 0, true);
  assert.deepEqual(p.allowedActions, []);
  // The appeal: channel 政协委员提案, dispatched to the lead unit, the three 2115 deadlines set.
  const a = (await get(w, w.users.leadStaff, `/api/appeals/${p.appealId}`)).json();
  assert.equal(a.channel, 'cppcc_proposal');
  assert.equal(a.number, p.appealNumber);
  assert.equal(a.state, 'dispatched');
  assert.equal(a.leadUnitId, w.lead.id);
  for (const m of ['contact', 'opinion', 'resolution']) assert.ok(a.milestones[m].dueAt, `${m} due`);
  // The appeal page reads its proposal (deadline beside the 2115 ones); an appeal without one: null.
  const ofAppeal = (await get(w, w.users.leadStaff, `/api/appeals/${p.appealId}/proposal`)).json();
  assert.equal(ofAppeal.proposal.id, p.id);
  assert.equal(ofAppeal.proposal.replyDue, p.replyDue);
  const plain = await createAppeal(w);
  assert.deepEqual((await get(w, w.users.intake, `/api/appeals/${plain.id}/proposal`)).json(), { proposal: null });
  // The lead unit sees the proposal and may reply; audit row of the registration.
  const seen = (await get(w, w.users.leadStaff, `/api/proposals/${p.id}`)).json();
  assert.deepEqual(seen.allowedActions, ['reply']);
  const audits = await auditRows(w.db, w.province.id);
  assert.ok(audits.some((r) => r.action === 'proposal.register' && r.entity_id === p.id));
  // The tenant's reply period (R8.1 setting) applies to new registrations.
  const sys = await createUser(w.db, w.province.id, { roles: ['sysadmin'], scope: 'tenant' });
  const cur = (await get(w, sys, '/api/tenant-settings')).json();
  const put = await call(w.app, sys, { method: 'PUT', url: '/api/tenant-settings', payload: { version: cur.version, overrides: { proposalReplyMonths: 2 } } });
  assert.equal(put.statusCode, 200, put.body);
  const p2 = await register(w, { assignedOn });
  assert.equal(p2.replyDue, addMonthsIso(assignedOn, 2));
  // A registry enterprise: the appeal names it; one of another tenant is refused with the intake's message.
  const enterpriseId = await enterpriseFixture(w.db, w.province.id);
  const p3 = await register(w, { enterpriseId, enterpriseName: null });
  assert.equal((await get(w, w.users.intake, `/api/appeals/${p3.appealId}`)).json().enterpriseId, enterpriseId);
  const foreign = await enterpriseFixture(w.db, w.city.id);
  const refused = await post(w, w.users.intake, '/api/proposals', body(w, { enterpriseId: foreign, enterpriseName: null }));
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.fields.enterpriseId, /名录/);
});

test('R3.3 registration refused: Chinese field messages, a number twice in a session, a future assignment date; only 办公室 / the coordinator', async () => {
  const w = await world();
  const bad = await post(w, w.users.intake, '/api/proposals', body(w, { number: 'A12', assignedOn: addDaysIso(today(), 3) }));
  assert.equal(bad.statusCode, 400);
  const fields = bad.json().error.fields;
  assert.match(fields.number, /编号/);
  assert.match(fields.assignedOn, /交办日期/);
  const missing = await post(w, w.users.intake, '/api/proposals', { ...body(w), proposerName: '', kind: 'x' });
  assert.equal(missing.statusCode, 400);
  assert.match(JSON.stringify(missing.json().error.fields), /[\u4e00-\u9fff]/);
  await register(w, { number: '0456' }, w.users.coordinator);
  const twice = await post(w, w.users.intake, '/api/proposals', body(w, { number: '第0456号' }));
  assert.equal(twice.statusCode, 400);
  assert.match(twice.json().error.fields.number, /已登记/);
  // The same number in another session (or of the other kind) is another proposal.
  await register(w, { number: '0456', kind: 'npc_suggestion', session: '省十四届人大三次会议', delegation: '济南代表团' });
  assert.equal((await post(w, w.users.leadHead, '/api/proposals', body(w))).statusCode, 403);
  assert.equal((await post(w, w.users.leader, '/api/proposals', body(w))).statusCode, 403);
  const refusedCount = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM proposals WHERE tenant_id = ${w.province.id}`);
  assert.equal(refusedCount[0].n, 2);
});

test('R3.3 reply → 不满意 → 重新办理 with a new period → reply → 满意; 409 on a stale version; who may do what; audited', async () => {
  const w = await world();
  const p = await register(w);
  const url = `/api/proposals/${p.id}`;
  // Only the lead unit replies; 办公室 cannot; another unit sees nothing.
  assert.equal((await post(w, w.users.intake, `${url}/reply`, { version: p.version, replyText: 'x' })).statusCode, 403);
  assert.equal((await post(w, w.users.otherStaff, `${url}/reply`, { version: p.version, replyText: 'x' })).statusCode, 404);
  const emptyReply = await post(w, w.users.leadStaff, `${url}/reply`, { version: p.version, replyText: '' });
  assert.equal(emptyReply.statusCode, 400);
  assert.ok(emptyReply.json().error.fields.replyText);
  const r1 = await post(w, w.users.leadStaff, `${url}/reply`, { version: p.version, replyText: '我厅将组织专家开展技术帮扶。' });
  assert.equal(r1.statusCode, 200, r1.body);
  assert.equal(r1.json().state, 'replied');
  assert.equal(r1.json().rounds[0].repliedOn, today());
  assert.equal(r1.json().rounds[0].deadlineState, 'met_on_time');
  // Stale version: 409 with the proposal as GET shows it.
  const stale = await post(w, w.users.intake, `${url}/evaluation`, { version: p.version, evaluation: 'satisfied' });
  assert.equal(stale.statusCode, 409);
  assert.deepEqual(stale.json().error.details.current, (await get(w, w.users.intake, url)).json());
  // The lead unit cannot record the evaluation; 不满意 needs the deputy's words.
  assert.equal((await post(w, w.users.leadHead, `${url}/evaluation`, { version: r1.json().version, evaluation: 'satisfied' })).statusCode, 403);
  const noNote = await post(w, w.users.intake, `${url}/evaluation`, { version: r1.json().version, evaluation: 'unsatisfied' });
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.json().error.fields.note, /不满意/);
  const e1 = await post(w, w.users.intake, `${url}/evaluation`, { version: r1.json().version, evaluation: 'unsatisfied', note: '未明确时间表' });
  assert.equal(e1.statusCode, 200, e1.body);
  assert.equal(e1.json().state, 'unsatisfied');
  assert.deepEqual(e1.json().allowedActions, ['rehandle']);
  // Replying again before re-handling: 409 (wrong state).
  assert.equal((await post(w, w.users.leadStaff, `${url}/reply`, { version: e1.json().version, replyText: 'x' })).statusCode, 409);
  const re = await post(w, w.users.coordinator, `${url}/rehandle`, { version: e1.json().version, reason: '代表不满意，重新办理' });
  assert.equal(re.statusCode, 200, re.body);
  const v = re.json();
  assert.equal(v.state, 'handling');
  assert.equal(v.round, 2);
  assert.equal(v.replyDue, addMonthsIso(today(), 3));
  assert.equal(v.rounds.length, 2);
  assert.equal(v.rounds[0].evaluation, 'unsatisfied');
  assert.equal(v.rounds[0].evaluationNote, '未明确时间表');
  assert.equal(v.rounds[1].reopenReason, '代表不满意，重新办理');
  const r2 = await post(w, w.users.leadHead, `${url}/reply`, { version: v.version, replyText: '已制定“综合查一次”方案，明年一季度实施。' });
  assert.equal(r2.statusCode, 200, r2.body);
  const e2 = await post(w, w.users.intake, `${url}/evaluation`, { version: r2.json().version, evaluation: 'basically_satisfied' });
  assert.equal(e2.json().state, 'closed');
  assert.equal(e2.json().evaluationLabel, '基本满意');
  assert.deepEqual(e2.json().allowedActions, []);
  const actions = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === p.id).map((r) => r.action);
  assert.deepEqual(actions, ['proposal.register', 'proposal.reply', 'proposal.evaluate', 'proposal.rehandle', 'proposal.reply', 'proposal.evaluate']);
});

test('R3.3 who sees what: the lead unit its own, leaders and oversight all, another unit and another tenant 404', async () => {
  const w = await world();
  const p = await register(w);
  for (const u of [w.users.intake, w.users.coordinator, w.users.leader, w.users.leaderElsewhere, w.users.oversight, w.users.leadStaff])
    assert.equal((await get(w, u, `/api/proposals/${p.id}`)).statusCode, 200);
  assert.equal((await get(w, w.users.otherStaff, `/api/proposals/${p.id}`)).statusCode, 404);
  assert.equal((await get(w, w.cityIntake, `/api/proposals/${p.id}`)).statusCode, 404);
  assert.equal((await get(w, w.users.otherStaff, '/api/proposals')).json().items.length, 0);
  assert.equal((await get(w, w.cityIntake, '/api/proposals')).json().items.length, 0);
  const mine = (await get(w, w.users.leadStaff, '/api/proposals')).json();
  assert.deepEqual(
    mine.items.map((x: { id: string }) => x.id),
    [p.id],
  );
  assert.equal(mine.canRegister, false);
  assert.equal((await get(w, w.users.intake, '/api/proposals')).json().canRegister, true);
  assert.equal((await get(w, w.users.intake, `/api/proposals?kind=npc_suggestion`)).json().items.length, 0);
});

test('R3.3 the deadline sweep: one due-soon and one overdue notice to the lead unit per round, audited; registered as a scheduled task', async () => {
  const w = await world();
  assert.ok(DEFAULT_TASKS.some((t) => t.name === 'proposal-deadlines'));
  // Assigned nearly three months ago: due in about ten days, inside the 15-day notice.
  const p = await register(w, { assignedOn: addDaysIso(addMonthsIso(today(), -3), 10) });
  assert.equal(p.deadlineState, 'due_soon');
  const notices = () =>
    queryRows<{ type: string; unit_id: string; appeal_id: string; title: string }>(
      w.db,
      sql`SELECT type, unit_id, appeal_id, title FROM notifications WHERE tenant_id = ${w.province.id} AND source_key LIKE ${`proposal:${p.id}:%`} ORDER BY created_at`,
    );
  const own = { tenantIds: [w.province.id] }; // this test's tenant only (the database is shared)
  await proposalDeadlineSweep(w.db, new Date(), own);
  await proposalDeadlineSweep(w.db, new Date(), own);
  let got = await notices();
  assert.equal(got.length, 1);
  assert.equal(got[0].type, 'due_soon');
  assert.equal(got[0].unit_id, w.lead.id);
  assert.equal(got[0].appeal_id, p.appealId);
  assert.match(got[0].title, /即将到期/);
  // The day after the due date: overdue, once.
  const after = new Date(`${addDaysIso(p.replyDue, 1)}T10:00:00+08:00`);
  await proposalDeadlineSweep(w.db, after, own);
  await proposalDeadlineSweep(w.db, after, own);
  got = await notices();
  assert.deepEqual(
    got.map((x) => x.type),
    ['due_soon', 'overdue'],
  );
  const audits = (await auditRows(w.db, w.province.id)).filter((r) => r.entity_id === p.id).map((r) => [r.action, r.actor_name]);
  assert.deepEqual(audits.slice(1), [
    ['proposal.due_soon', '系统'],
    ['proposal.overdue', '系统'],
  ]);
  // A replied proposal is not swept.
  const q = await register(w, { assignedOn: addDaysIso(addMonthsIso(today(), -3), 5) });
  await post(w, w.users.leadStaff, `/api/proposals/${q.id}/reply`, { version: q.version, replyText: '已答复' });
  await proposalDeadlineSweep(w.db, after, own);
  const qn = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM notifications WHERE source_key LIKE ${`proposal:${q.id}:%`}`);
  assert.equal(qn[0].n, 0);
});

test('R3.3 the yearly 办理 list (.xlsx) per unit, read back; a unit gets only its own', async () => {
  const w = await world();
  const assignedOn = addDaysIso(today(), -5);
  const year = Number(assignedOn.slice(0, 4));
  const a = await register(w, { number: '0011', assignedOn });
  await register(w, { number: '0012', assignedOn, leadUnitId: w.other.id, kind: 'npc_suggestion', session: '省十四届人大三次会议', delegation: '青岛代表团' });
  const r = await post(w, w.users.leadStaff, `/api/proposals/${a.id}/reply`, { version: a.version, replyText: '已答复' });
  await post(w, w.users.intake, `/api/proposals/${a.id}/evaluation`, { version: r.json().version, evaluation: 'satisfied' });
  const read = async (as: TestUser, q: string) => {
    const res = await get(w, as, `/api/proposals/yearly.xlsx?${q}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const all = await read(w.users.intake, `year=${year}`);
  const summary = all.getWorksheet('汇总')!;
  const unitRows: unknown[][] = [];
  summary.eachRow((row, i) => {
    if (i > 2) unitRows.push((row.values as unknown[]).slice(1));
  });
  assert.equal(unitRows.length, 2);
  const leadRow = unitRows.find((x) => x[2] === 0 && x[3] === 1)!;
  assert.deepEqual(leadRow.slice(1, 9), [1, 0, 1, 1, 1, 1, 0, 0]);
  assert.equal(all.worksheets.length, 3);
  const leadSheet = all.worksheets.find((s) => s.name !== '汇总' && s.getCell('D3').value === '第0011号')!;
  assert.ok(leadSheet, 'the lead unit has its sheet');
  assert.equal(leadSheet.getCell('K3').value, '是');
  assert.equal(leadSheet.getCell('L3').value, '满意');
  assert.equal(leadSheet.getCell('O3').value, a.appealNumber);
  // The lead unit's own staff: only their unit, whatever unitId they ask for.
  const own = await read(w.users.leadStaff, `year=${year}&unitId=${w.other.id}`);
  assert.equal(own.worksheets.length, 2);
  assert.equal(own.worksheets[1].getCell('D3').value, '第0011号');
  const empty = await read(w.users.intake, `year=${year - 5}`);
  assert.equal(empty.worksheets.length, 1);
  const bad = await get(w, w.users.intake, '/api/proposals/yearly.xlsx?year=abc');
  assert.equal(bad.statusCode, 400);
  assert.ok((await auditRows(w.db, w.province.id)).some((x) => x.action === 'proposal.year_export'));
});
