// R6.5 省政府领导转办 appeals: the monthly .xlsx, the 报送 record (due before the 25th), and the
// reminder to 办公室 on the 20th (once; not on the 19th), driven with an explicit `now`.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { shanghaiDate } from '../../src/domain/calendar/index.ts';
import { runDueTasks } from '../../src/jobs/scheduler.ts';
import { DEFAULT_TASKS } from '../../src/jobs/tasks.ts';
import { remindLeaderReports, REPORT_HEADERS } from '../../src/modules/escalation/escalation.report.ts';
import { leaderReportReminderTask } from '../../src/modules/escalation/escalation.tasks.ts';
import { appealFixture } from '../appeals/fixtures.ts';
import { appealIn, call, createAppeal, ok, world } from '../appeals/helpers.ts';
import { testDatabase } from '../helpers/db.ts';
import { createTenant, createUnit } from '../helpers/factory.ts';

const month = shanghaiDate(new Date()).slice(0, 7);

test("R6.5 monthly report .xlsx: the month's 省政府领导转办 appeals with Chinese headers, status, milestones, reply and evaluation", async () => {
  const w = await world();
  const closed = await appealIn(w, 'replied', { channel: 'provincial_leader', title: '省领导批转：危化企业扩建审批' });
  await ok(w, w.users.intake, closed, 'evaluate', { rating: 'satisfied', comment: '办理及时' });
  await appealIn(w, 'handling', { channel: 'provincial_leader', title: '省领导批转：矿山证照延续' });
  await createAppeal(w, { channel: 'hotline', title: '普通热线诉求' });

  assert.equal((await call(w.app, w.users.leadHead, { method: 'GET', url: `/api/leader-reports/xlsx?month=${month}` })).statusCode, 403);
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: '/api/leader-reports/xlsx?month=2026-13' })).statusCode, 400);
  const res = await call(w.app, w.users.intake, { method: 'GET', url: `/api/leader-reports/xlsx?month=${month}` });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(3).values as unknown[]).slice(1);
  assert.deepEqual(header, [...REPORT_HEADERS]);
  for (const h of ['编号', '受理时间', '企业', '诉求标题', '主办处室', '办理状态', '三个环节完成情况', '答复内容', '企业评价'])
    assert.ok((header as string[]).includes(h), h);
  const rows: Record<string, string>[] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = (ws.getRow(r).values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [String(h), v[i] === undefined ? '' : String(v[i])])));
  }
  assert.equal(rows.length, 2, 'only the 省政府领导转办 appeals of this tenant');
  const byTitle = Object.fromEntries(rows.map((r) => [r['诉求标题'], r]));
  const c = byTitle['省领导批转：危化企业扩建审批'];
  assert.match(c['办理状态'], /已办结（满意）/);
  assert.equal(c['企业评价'], '满意');
  assert.equal(c['答复内容'], '您的许可证延期申请已受理，请按通知补充材料。');
  assert.match(c['三个环节完成情况'], /联系企业（2小时）：按时完成/);
  assert.match(c['三个环节完成情况'], /解决或服务确认（15个工作日）：按时完成/);
  assert.equal(c['主办处室'], (await queryRows<{ name: string }>(w.db, sql`SELECT name FROM units WHERE id = ${w.lead.id}`))[0].name);
  assert.equal(c['企业'], '鲁华化工有限公司');
  const o = byTitle['省领导批转：矿山证照延续'];
  assert.equal(o['办理状态'], '办理中');
  assert.match(o['三个环节完成情况'], /联系企业（2小时）：(未到期|即将到期)/);
  assert.equal(o['企业评价'], '');
  assert.ok(o['编号'].startsWith('ZQT-'));
});

test('R6.5 报送: due at the 25th 00:00 Asia/Shanghai; recorded once per month with date and person', async () => {
  const w = await world();
  await appealIn(w, 'handling', { channel: 'provincial_leader' });
  const st = await call(w.app, w.users.coordinator, { method: 'GET', url: `/api/leader-reports?month=${month}` });
  assert.equal(st.statusCode, 200, st.body);
  assert.equal(st.json().dueAt, new Date(`${month}-25T00:00:00+08:00`).toISOString());
  assert.equal(st.json().remindOn, `${month}-20`);
  assert.equal(st.json().appealCount, 1);
  assert.equal(st.json().submitted, false);
  assert.equal(
    (
      await call(w.app, w.users.coordinator, {
        method: 'POST',
        url: '/api/leader-reports/submissions',
        payload: { month, submittedOn: shanghaiDate(new Date()) },
      })
    ).statusCode,
    403,
  );
  const future = await call(w.app, w.users.intake, { method: 'POST', url: '/api/leader-reports/submissions', payload: { month, submittedOn: '2099-01-01' } });
  assert.equal(future.statusCode, 400);
  assert.ok(future.json().error.fields.submittedOn);
  const today = shanghaiDate(new Date());
  const res = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/leader-reports/submissions',
    payload: { month, submittedOn: today, note: '已通过省政府办公厅系统报送' },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().submitted, true);
  assert.equal(res.json().submission.submittedOn, today);
  assert.equal(res.json().submission.appealCount, 1);
  assert.equal(res.json().overdue, false);
  const twice = await call(w.app, w.users.intake, { method: 'POST', url: '/api/leader-reports/submissions', payload: { month, submittedOn: today } });
  assert.equal(twice.statusCode, 409);
  // The city's report is its own.
  const city = await call(w.app, w.cityIntake, { method: 'GET', url: `/api/leader-reports?month=${month}` });
  assert.equal(city.json().submitted, false);
  assert.equal(city.json().appealCount, 0);
  const audit = await queryRows<{ action: string }>(
    w.db,
    sql`SELECT action FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'leader_report.submit'`,
  );
  assert.equal(audit.length, 1);
});

/** A tenant with one open 省政府领导转办 appeal received on 2026-03-05. */
async function tenantWithLeaderAppeal(db: Db) {
  const t = await createTenant(db, { kind: 'province' });
  const unit = await createUnit(db, t.id);
  const id = await appealFixture(db, t.id, unit.id);
  await db.execute(sql`UPDATE appeals SET channel = 'provincial_leader', received_at = '2026-03-05T09:00:00+08:00' WHERE id = ${id}`);
  return t;
}
const reminders = async (db: Db, tenantId: string, m: string) =>
  (
    await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM notifications WHERE tenant_id = ${tenantId} AND role = 'intake' AND source_key = ${`leader-report:${tenantId}:${m}`}`,
    )
  )[0].n;

test('R6.5 reminder: on the 20th 办公室 is notified once; not on the 19th; not twice; not once submitted', async () => {
  const db = (await testDatabase()).db;
  const t = await tenantWithLeaderAppeal(db);
  const r19 = await remindLeaderReports(db, new Date('2026-03-19T23:59:00+08:00'));
  assert.equal(r19.skipped, 'before-remind-day');
  assert.equal(await reminders(db, t.id, '2026-03'), 0);
  const r20 = await remindLeaderReports(db, new Date('2026-03-20T00:05:00+08:00'));
  assert.equal(r20.month, '2026-03');
  assert.equal(await reminders(db, t.id, '2026-03'), 1);
  await remindLeaderReports(db, new Date('2026-03-20T09:00:00+08:00'));
  await remindLeaderReports(db, new Date('2026-03-21T09:00:00+08:00'));
  assert.equal(await reminders(db, t.id, '2026-03'), 1, 'once per month');
  assert.equal((await remindLeaderReports(db, new Date('2026-03-25T09:00:00+08:00'))).skipped, 'past-due-day');

  // Submitted before the 20th: no reminder that month.
  await db.execute(sql`INSERT INTO leader_report_submissions (tenant_id, month, due_at, submitted_on, submitted_by_name, appeal_count)
    VALUES (${t.id}, '2026-05', '2026-05-25T00:00:00+08:00', '2026-05-18', '测试', 1)`);
  await remindLeaderReports(db, new Date('2026-05-20T10:00:00+08:00'));
  assert.equal(await reminders(db, t.id, '2026-05'), 0);
});

test('R6.5 reminder through the scheduler: registered in the default tasks; runs on the 20th once, not on the 19th', async () => {
  assert.ok(DEFAULT_TASKS.some((d) => d.name === leaderReportReminderTask.name));
  const db = (await testDatabase()).db;
  const t = await tenantWithLeaderAppeal(db);
  // The real task under a task row of its own, run for this test's tenant only (runDueTasks'
  // tenantIds), so that the test and the others sharing the database do not touch each other's rows.
  const task = { ...leaderReportReminderTask, name: `leader-report-reminder-test-${crypto.randomUUID()}` };
  const scope = { tasks: [task], tenantIds: [t.id] };
  const at = (s: string) => new Date(`2026-04-${s}+08:00`);
  let runs = await runDueTasks(db, at('19T10:00:00'), scope);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].result?.skipped, 'before-remind-day');
  assert.equal(await reminders(db, t.id, '2026-04'), 0);
  runs = await runDueTasks(db, at('20T09:00:00'), scope);
  assert.equal(runs.length, 1);
  assert.ok(runs[0].ok, runs[0].error);
  assert.equal(await reminders(db, t.id, '2026-04'), 1);
  // Same hour again: not due; next hour: runs, but the reminder is not repeated.
  assert.equal((await runDueTasks(db, at('20T09:20:00'), scope)).length, 0);
  assert.equal((await runDueTasks(db, at('20T10:00:00'), scope)).length, 1);
  assert.equal(await reminders(db, t.id, '2026-04'), 1);
});
