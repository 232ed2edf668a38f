// Reports (issue 16, R7.2, R6.5, R8.1): the monthly report read back from its .xlsx (exceljs) and its
// .docx (the document XML) with the right numbers; the scheduler stores a tenant's report once even
// with two instances; downloads are audited; the R6.5 leader-transfer report as .docx; access and bad input.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { afterEach, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { runDueTasks, type TaskDef } from '../../src/jobs/scheduler.ts';
import { DEFAULT_TASKS } from '../../src/jobs/tasks.ts';
import { runFiguresRollup } from '../../src/modules/appeals/appeals.rollup.ts';
import { generateScheduled, REPORTS_TASK } from '../../src/modules/reports/index.ts';
import { createUser, type TestUser } from '../helpers/factory.ts';
import { call, createAppeal, world, type World } from '../appeals/helpers.ts';
import { at, resetClock, scenario } from '../dashboard/fixtures.ts';

afterEach(resetClock);

async function readXlsx(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Rows of a sheet below its title and header, as arrays of cell values. */
function rowsOf(wb: ExcelJS.Workbook, name: string) {
  const ws = wb.getWorksheet(name);
  assert.ok(ws, `sheet ${name}`);
  const out: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 2) out.push((row.values as unknown[]).slice(1));
  });
  return out;
}

async function docxText(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`)
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
  return { text, media, zip };
}

async function generate(w: World, user: TestUser, body: Record<string, unknown>) {
  const res = await call(w.app, user, { method: 'POST', url: '/api/reports', payload: body });
  return res;
}

async function download(w: World, user: TestUser, id: string, format: 'docx' | 'xlsx') {
  const res = await call(w.app, user, { method: 'GET', url: `/api/reports/${id}/${format}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.rawPayload;
}

/** The scenario plus a 省政府领导转办 appeal in November (R6.5), rolled up. */
async function monthScene() {
  const w = await world();
  const s = await scenario(w);
  at('2025-11-10T09:00:00+08:00');
  const leaderAppeal = await createAppeal(w, { channel: 'provincial_leader', title: '省政府领导转办的企业诉求', dispatch: { leadUnitId: w.lead.id } });
  await runFiguresRollup(w.db, at('2025-11-30T23:00:00+08:00'), { tenantIds: [w.province.id, w.city.id] });
  return { w, s, leaderAppeal };
}

test('R7.2 monthly report: generated on demand, read back from .xlsx and .docx with the figures of the month', async () => {
  const { w, s, leaderAppeal } = await monthScene();
  at('2025-12-01T09:00:00+08:00');
  const res = await generate(w, w.users.intake, { kind: 'monthly', period: '2025-11' });
  assert.equal(res.statusCode, 201, res.body);
  const report = res.json();
  assert.equal(report.kind, 'monthly');
  assert.equal(report.periodLabel, '2025年11月');
  assert.equal(report.trigger, 'manual');
  assert.equal(report.partial, false);
  assert.deepEqual(
    { received: report.summary.received, closed: report.summary.closed, overdue: report.summary.overdueNow, reopened: report.summary.reopened },
    { received: 2, closed: 1, overdue: 3, reopened: 0 },
  );

  // The rates of the month equal the appeals module's live aggregate.
  const live = await call(w.app, w.users.oversight, {
    method: 'GET',
    url: `/api/appeals/figures?from=${encodeURIComponent('2025-11-01T00:00:00.001+08:00')}&to=${encodeURIComponent('2025-12-01T00:00:00.001+08:00')}`,
  });
  const lt = live.json().totals;

  const wb = await readXlsx(await download(w, w.users.leader, report.id, 'xlsx'));
  assert.deepEqual(
    wb.worksheets.map((x) => x.name),
    ['主要指标', '月度趋势', '各处室', '各市', '逾期未办结', '重办', '重大涉企事项', '省政府领导转办', '统计口径'],
  );
  const summary = new Map(rowsOf(wb, '主要指标').map((r) => [r[0], r.slice(1)]));
  // 本月, 上月, 本年累计.
  assert.deepEqual(summary.get('受理（件）'), [2, 2, 5]);
  assert.deepEqual(summary.get('办结（件）'), [1, 1, 2]);
  assert.deepEqual(summary.get('当场答复（件）'), [0, 1, 1]);
  assert.deepEqual(summary.get('企业评价（件）'), [1, 1, 2]);
  assert.deepEqual(summary.get('满意率'), [1, 0, 0.5]);
  assert.equal(summary.get('响应率（2小时联系）')?.[0], lt.contactOnTimeRate);
  assert.equal(summary.get('初步意见按时率')?.[0], lt.opinionOnTimeRate);
  assert.equal(summary.get('办结按时率')?.[0], lt.resolutionOnTimeRate);
  assert.equal(summary.get('初步意见：应计件数')?.[0], lt.opinionDue);
  assert.deepEqual(summary.get('重办（次）'), [0]);
  assert.deepEqual(summary.get('当前逾期未办结（件）'), [3]);
  assert.deepEqual(summary.get('重大涉企事项（件）'), [1]);
  assert.deepEqual(summary.get('省政府领导转办（件）'), [1]);
  const trend = rowsOf(wb, '月度趋势');
  assert.equal(trend.length, 12, 'twelve months to November');
  assert.deepEqual(trend[0].slice(0, 3), ['2024-12', 0, 0]);
  assert.deepEqual(
    trend.slice(-3).map((r) => r.slice(0, 3)),
    [
      ['2025-09', 1, 0],
      ['2025-10', 2, 1],
      ['2025-11', 2, 1],
    ],
  );
  const units = rowsOf(wb, '各处室');
  const leadRow = units.find((r) => r[0] === w.lead.name);
  assert.ok(leadRow);
  assert.deepEqual([leadRow[1], leadRow[2], leadRow[10]], [2, 1, 2], `${w.lead.name}: received, closed, overdue now`);
  // R8.1 the province's report has each city's aggregate — a row of figures, no appeal.
  const cities = rowsOf(wb, '各市');
  assert.deepEqual(
    cities.map((r) => [r[0], r[1]]),
    [[w.city.name, 1]],
  );
  const overdue = rowsOf(wb, '逾期未办结');
  assert.deepEqual(
    overdue.map((r) => r[1]),
    [s.oct.number, s.late.number, leaderAppeal.number],
    'longest overdue first',
  );
  // issue 17: a working-day deadline reads as its last day at 24:00 with the weekday.
  assert.equal(overdue[1][6], '2025-11-04（周二）24:00');
  assert.equal(overdue[0][5], '联系企业（2小时）');
  assert.deepEqual(
    rowsOf(wb, '重大涉企事项').map((r) => r[1]),
    [s.oct.number],
  );
  assert.deepEqual(
    rowsOf(wb, '省政府领导转办').map((r) => r[1]),
    [leaderAppeal.number],
  );

  const doc = await docxText(await download(w, w.users.oversight, report.id, 'docx'));
  assert.match(doc.text, /涉企诉求办理情况月报/);
  assert.match(doc.text, /（2025年11月）/);
  assert.match(doc.text, /本月共受理涉企诉求2件，与上月持平，办结1件（其中当场答复0件）/);
  assert.match(doc.text, /满意率100\.0%（企业评价1件）/);
  assert.match(doc.text, /仍有3件诉求逾期未办结/);
  assert.match(doc.text, /省政府领导转办事项1件/);
  for (const n of [s.oct.number, s.late.number, leaderAppeal.number]) assert.ok(doc.text.includes(n), `overdue ${n} listed`);
  assert.ok(doc.text.includes('11-04（周二）24:00'), 'a working-day deadline in the .docx');
  assert.match(doc.text, /八、各市应急管理局办理情况/);
  assert.ok(doc.text.includes(w.city.name));
  assert.match(doc.text, /统计口径/);
  assert.match(doc.text, /响应率：2小时内联系企业/);
  // Charts are pictures: volume, satisfaction, units' on-time rates, cities.
  assert.equal(doc.media.length, 4, doc.media.join());
  for (const f of doc.media) {
    const png = await doc.zip.file(f)!.async('nodebuffer');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${f} is a PNG`);
    assert.ok(png.length > 5000, `${f} has content`);
  }

  // Every download is audited: who, which report, which format.
  const audits = await queryRows<{ action: string; actor_id: string; after: { format: string } }>(
    w.db,
    sql`SELECT action, actor_id, after FROM audit_log WHERE tenant_id = ${w.province.id} AND entity = 'report' AND entity_id = ${report.id} ORDER BY id`,
  );
  assert.deepEqual(
    audits.map((a) => [a.action, a.actor_id, a.after.format ?? null]),
    [
      ['report.generate', w.users.intake.id, null],
      ['report.download', w.users.leader.id, 'xlsx'],
      ['report.download', w.users.oversight.id, 'docx'],
    ],
  );

  // Listed for the tenant; a city never sees the province's report (404, like a missing one).
  const listed = await call(w.app, w.users.leader, { method: 'GET', url: '/api/reports?kind=monthly' });
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(
    listed.json().items.map((r: { id: string }) => r.id),
    [report.id],
  );
  const cityReader = await createUser(w.db, w.city.id, { roles: ['oversight'], scope: 'tenant', unitId: w.cityUnit.id });
  assert.equal((await call(w.app, cityReader, { method: 'GET', url: `/api/reports/${report.id}/docx` })).statusCode, 404);
  assert.deepEqual((await call(w.app, cityReader, { method: 'GET', url: '/api/reports' })).json().items, []);
});

test('R7.2 a city bureau generates its own report: its figures, no city section', async () => {
  const { w } = await monthScene();
  at('2025-12-01T09:00:00+08:00');
  const res = await generate(w, w.cityIntake, { kind: 'monthly', period: '2025-11' });
  assert.equal(res.statusCode, 201, res.body);
  const wb = await readXlsx(await download(w, w.cityIntake, res.json().id, 'xlsx'));
  assert.ok(!wb.getWorksheet('各市'), 'a city has no cities below it');
  assert.deepEqual(new Map(rowsOf(wb, '主要指标').map((r) => [r[0], r.slice(1)])).get('受理（件）'), [1, 0, 1]);
  const doc = await docxText(await download(w, w.cityIntake, res.json().id, 'docx'));
  assert.ok(!doc.text.includes('各市应急管理局办理情况'));
  assert.equal(doc.media.length, 3);
});

test('R7.2 annual report: the year by month, read back', async () => {
  const { w } = await monthScene();
  at('2026-01-02T09:00:00+08:00');
  const res = await generate(w, w.users.coordinator, { kind: 'annual', period: '2025' });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().periodLabel, '2025年');
  const wb = await readXlsx(await download(w, w.users.coordinator, res.json().id, 'xlsx'));
  const summary = new Map(rowsOf(wb, '主要指标').map((r) => [r[0], r.slice(1)]));
  assert.deepEqual(summary.get('受理（件）'), [5, 0], '本年, 上年');
  assert.deepEqual(summary.get('重办（次）'), [1]);
  assert.equal(rowsOf(wb, '月度趋势').length, 12);
  const doc = await docxText(await download(w, w.users.coordinator, res.json().id, 'docx'));
  assert.match(doc.text, /涉企诉求办理情况年报/);
  assert.match(doc.text, /本年共受理涉企诉求5件/);
  assert.match(doc.text, /本年因企业不满意重办1次/);
});

test('the scheduler stores each tenant’s report of the month before once, even with two instances', async () => {
  const { w } = await monthScene();
  const tenants = [w.province.id, w.city.id];
  const task: TaskDef = {
    name: `${REPORTS_TASK}-test-${crypto.randomBytes(3).toString('hex')}`,
    intervalSeconds: 3600,
    run: async ({ db, now }) => ({ result: await generateScheduled(db, now, { tenantIds: tenants }) }),
  };
  assert.ok(
    DEFAULT_TASKS.some((t) => t.name === REPORTS_TASK),
    'the real task is scheduled',
  );
  const now = new Date('2025-12-01T00:10:00+08:00');
  at('2025-12-01T00:10:00+08:00');
  const runs = (await Promise.all([runDueTasks(w.db, now, { tasks: [task], instance: 'A' }), runDueTasks(w.db, now, { tasks: [task], instance: 'B' })])).flat();
  assert.equal(runs.length, 1, 'one instance ran it');
  assert.ok(runs[0].ok, runs[0].error);
  assert.deepEqual(runs[0].result, { periods: ['2025-11'], made: 2 });
  // A later run, and a direct call racing another, add nothing.
  at('2025-12-01T01:10:00+08:00');
  const again = await runDueTasks(w.db, new Date('2025-12-01T01:10:00+08:00'), { tasks: [task] });
  assert.deepEqual(again[0].result, { periods: ['2025-11'], made: 0 });
  const raced = await Promise.all([generateScheduled(w.db, now, { tenantIds: tenants }), generateScheduled(w.db, now, { tenantIds: tenants })]);
  assert.equal(raced[0].made + raced[1].made, 0);
  const rows = await queryRows<{ tenant_id: string; kind: string; period: string; trigger: string; generated_by_name: string }>(
    w.db,
    sql`SELECT tenant_id, kind, period, trigger, generated_by_name FROM reports WHERE tenant_id IN (${w.province.id}::uuid, ${w.city.id}::uuid) ORDER BY tenant_id = ${w.province.id} DESC`,
  );
  assert.deepEqual(
    rows.map((r) => [r.tenant_id, r.kind, r.period, r.trigger]),
    [
      [w.province.id, 'monthly', '2025-11', 'scheduled'],
      [w.city.id, 'monthly', '2025-11', 'scheduled'],
    ],
  );
  const [audit] = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'report.generate' AND actor_name = '系统（定时任务）'`,
  );
  assert.equal(audit.n, 1);
  // In January the year before is reported too.
  at('2026-01-01T00:10:00+08:00');
  const jan = await generateScheduled(w.db, new Date('2026-01-01T00:10:00+08:00'), { tenantIds: [w.province.id] });
  assert.deepEqual(jan, { periods: ['2025-12', '2025'], made: 2 });
  // The scheduled report reads back like a manual one.
  const listed = (await call(w.app, w.users.leader, { method: 'GET', url: '/api/reports?kind=monthly' })).json();
  const scheduled = listed.items.find((r: { period: string }) => r.period === '2025-11');
  assert.equal(scheduled.trigger, 'scheduled');
  assert.equal(scheduled.generatedByName, '系统（定时任务）');
  const wb = await readXlsx(await download(w, w.users.leader, scheduled.id, 'xlsx'));
  assert.deepEqual(new Map(rowsOf(wb, '主要指标').map((r) => [r[0], r.slice(1)])).get('受理（件）'), [2, 2, 5]);
});

test('R6.5 the leader-transfer report as .docx: the month’s appeals of the channel, audited', async () => {
  const { w, leaderAppeal } = await monthScene();
  at('2025-11-21T09:00:00+08:00');
  const res = await call(w.app, w.users.intake, { method: 'GET', url: '/api/leader-reports/docx?month=2025-11' });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /wordprocessingml/);
  const doc = await docxText(res.rawPayload);
  assert.match(doc.text, /省政府领导转办企业诉求事项办理情况（2025年11月）/);
  assert.match(doc.text, /报送截止：2025-11-24（周一）24:00/);
  assert.match(doc.text, /共1件/);
  assert.ok(doc.text.includes(leaderAppeal.number));
  assert.ok(doc.text.includes('省政府领导转办的企业诉求'));
  for (const h of ['序号', '编号', '三个环节完成情况', '企业评价']) assert.ok(doc.text.includes(h), h);
  const [a] = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'leader_report.download' AND entity_id = '2025-11'`,
  );
  assert.equal(a.n, 1);
  // The .xlsx download is audited the same way.
  assert.equal((await call(w.app, w.users.coordinator, { method: 'GET', url: '/api/leader-reports/xlsx?month=2025-11' })).statusCode, 200);
  const [x] = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = ${w.province.id} AND action = 'leader_report.download' AND after->>'format' = 'xlsx'`,
  );
  assert.equal(x.n, 1);
  // Same access as the .xlsx: 办公室 and 政策法规处.
  assert.equal((await call(w.app, w.users.oversight, { method: 'GET', url: '/api/leader-reports/docx?month=2025-11' })).statusCode, 403);
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: '/api/leader-reports/docx?month=2025-13' })).statusCode, 400);
});

test('reports: bad input is a 400 with a Chinese message per field and stores nothing; roles are enforced', async () => {
  const w = await world();
  at('2025-12-01T09:00:00+08:00');
  for (const body of [
    { kind: 'monthly', period: '2025-13' },
    { kind: 'monthly', period: '2026-01' },
    { kind: 'annual', period: '2026' },
    { kind: 'annual', period: '2025-11' },
    { kind: 'monthly', period: '2019-12' },
    { kind: 'weekly', period: '2025-11' },
    { kind: 'monthly' },
    { kind: 'monthly', period: '2025-11', extra: 1 },
  ]) {
    const res = await generate(w, w.users.intake, body);
    assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
    const err = res.json().error;
    assert.equal(err.code, 'VALIDATION_FAILED');
    if (!('extra' in body)) assert.match(Object.values(err.fields ?? {}).join(''), /[\u4e00-\u9fff]/, JSON.stringify(body));
  }
  const [n] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM reports WHERE tenant_id = ${w.province.id}`);
  assert.equal(n.n, 0);
  assert.equal((await generate(w, w.users.leader, { kind: 'monthly', period: '2025-11' })).statusCode, 403, 'leaders read, 办公室 generates');
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/reports' })).statusCode, 403);
  assert.equal((await call(w.app, w.users.leader, { method: 'GET', url: `/api/reports/${crypto.randomUUID()}/docx` })).statusCode, 404);
});
