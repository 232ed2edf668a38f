// R6.5 is the handling units' report (issue 22): from the 20th each lead unit writes and confirms
// its rows (办理情况) of the monthly report on provincial leaders' transfers, the reminder goes to those
// units, and 办公室 sees which units have not confirmed before registering the submission.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { appealClock } from '../../src/modules/appeals/index.ts';
import { remindLeaderReportUnits as remindUnits } from '../../src/modules/escalation/index.ts';
import { call, createAppeal, current, world } from '../appeals/helpers.ts';

const rows = (w: Awaited<ReturnType<typeof world>>, u: Parameters<typeof call>[1], month: string) =>
  call(w.app, u, { method: 'GET', url: `/api/leader-reports/rows?month=${month}` });

test('R6.5 the lead units write and confirm their rows from the 20th; 办公室 sees who has not confirmed; the units are reminded', async () => {
  const w = await world();
  const realNow = appealClock.now;
  const month = '2026-11';
  try {
    appealClock.now = () => new Date('2026-11-19T02:00:00Z');
    const a = await createAppeal(w, { channel: 'provincial_leader', dispatch: { leadUnitId: w.lead.id } });
    const b = await createAppeal(w, { channel: 'provincial_leader', dispatch: { leadUnitId: w.co.id } });
    await createAppeal(w, { channel: 'hotline', dispatch: { leadUnitId: w.lead.id } }); // not in the report

    const early = await call(w.app, w.users.leadStaff, {
      method: 'POST',
      url: '/api/leader-reports/rows',
      payload: { month, appealId: a.id, progress: '已联系企业' },
    });
    assert.equal(early.statusCode, 409, 'before the 20th');
    assert.match(early.json().error.message, /20日起/);

    appealClock.now = () => new Date('2026-11-20T02:00:00Z');
    const mine = (await rows(w, w.users.leadStaff, month)).json();
    assert.deepEqual(
      mine.items.map((i: { appealId: string; canWrite: boolean }) => [i.appealId, i.canWrite]),
      [[a.id, true]],
      'a unit sees its own rows',
    );
    const other = await call(w.app, w.users.leadStaff, { method: 'POST', url: '/api/leader-reports/rows', payload: { month, appealId: b.id, progress: 'x' } });
    assert.equal(other.statusCode, 403, "another unit's row");
    const empty = await call(w.app, w.users.leadStaff, {
      method: 'POST',
      url: '/api/leader-reports/rows',
      payload: { month, appealId: a.id, progress: ' ', confirm: true },
    });
    assert.equal(empty.statusCode, 400);
    const conf = await call(w.app, w.users.leadHead, {
      method: 'POST',
      url: '/api/leader-reports/rows',
      payload: { month, appealId: a.id, progress: '已联系企业，正在协调解决', confirm: true },
    });
    assert.equal(conf.statusCode, 200, conf.body);
    assert.ok(conf.json().items[0].confirmedAt);
    const ev = (await current(w, a.id)).events.at(-1);
    assert.equal(ev.type, 'leader_report_row');

    const office = (await rows(w, w.users.intake, month)).json();
    assert.equal(office.total, 2);
    assert.deepEqual(office.unconfirmedUnits, [w.co.name], 'the unit that has not confirmed');
    assert.equal(office.items.find((i: { appealId: string }) => i.appealId === a.id).progress, '已联系企业，正在协调解决');

    const r1 = await remindUnits(w.db, new Date('2026-11-20T03:00:00Z'), { tenantIds: [w.province.id] });
    assert.ok(r1.created >= 1);
    const coNotes = (await call(w.app, w.users.coStaff, { method: 'GET', url: '/api/notifications' })).json().items as { title: string }[];
    assert.ok(
      coNotes.some((n) => n.title.startsWith('省政府领导转办事项办理情况待填报')),
      'the unit that has rows to confirm',
    );
    const leadNotes = (await call(w.app, w.users.leadStaff, { method: 'GET', url: '/api/notifications' })).json().items as { title: string }[];
    assert.ok(!leadNotes.some((n) => n.title.startsWith('省政府领导转办事项办理情况待填报')), 'a unit that confirmed all is not reminded');
    const before19 = await remindUnits(w.db, new Date('2026-11-19T03:00:00Z'), { tenantIds: [w.province.id] });
    assert.equal(before19.created, 0);

    // The report 办公室 submits carries what each unit wrote: confirmed, or 未填报.
    const xlsx = await call(w.app, w.users.intake, { method: 'GET', url: `/api/leader-reports/xlsx?month=${month}` });
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
    const col = header.indexOf('处室填报情况');
    assert.ok(col >= 0, header.join(','));
    const byNumber = new Map<string, string>();
    for (let r = 4; r <= ws.rowCount; r++) {
      const v = (ws.getRow(r).values as unknown[]).slice(1);
      byNumber.set(String(v[header.indexOf('编号')]), String(v[col]));
    }
    assert.match(byNumber.get(a.number)!, /^已联系企业，正在协调解决（.+ 11-20 \d\d:\d\d 确认）$/);
    assert.equal(byNumber.get(b.number), '未填报');
  } finally {
    appealClock.now = realNow;
  }
});
