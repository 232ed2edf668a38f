// Loading national holiday notices through the API (R6.2): province sysadmin only, replace only
// with `replace: true` and the version read, audited, and the recompute hook fires.
// Test years 2027/2028 belong to this file only: on a shared server database they are removed at
// the start so the file can run again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadBundledNotices } from '../../src/domain/calendar/index.ts';
import { bumpRevision } from '../../src/modules/calendar/calendar.repository.ts';
import { onCalendarChanged, type CalendarChange } from '../../src/modules/calendar/calendar-events.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser } from '../helpers/factory.ts';

/** Test data shaped like a State Council notice (not the real 2027 arrangement). */
const notice2027 = () => ({
  year: 2027,
  documents: [{ title: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', number: '国办发明电〔2026〕99号', publishedOn: '2026-11-20' }],
  holidays: [
    { name: '元旦', start: '2027-01-01', end: '2027-01-03' },
    { name: '春节', start: '2027-02-05', end: '2027-02-12' },
  ],
  makeupDays: [{ date: '2027-02-14', forHoliday: '春节' }],
});
const notice2028 = () => ({
  year: 2028,
  documents: [{ title: '国务院办公厅关于2028年部分节假日安排的通知（测试数据）', number: '国办发明电〔2027〕98号', publishedOn: '2027-11-20' }],
  holidays: [{ name: '元旦', start: '2028-01-01', end: '2028-01-03' }],
  makeupDays: [] as { date: string; forHoliday: string }[],
});

const ready = (async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM calendar_notices WHERE year IN (2027, 2028)`);
    await bumpRevision(tx);
  });
  return { app, db };
})();

async function scene() {
  const { app, db } = await ready;
  const s = await createScene(db);
  const admin = await createUser(db, s.province.id, { roles: ['sysadmin'] });
  const staff = await createUser(db, s.province.id, { roles: ['unit_staff'], scope: 'unit', unitId: s.unit.id });
  return { app, db, ...s, admin, staff };
}

const changes: CalendarChange[] = [];
onCalendarChanged((_tx, change) => {
  changes.push(change);
});

test('R6.2 load a 2027 notice through the API: add-workdays across 2026-12-31 answers 422 before and works after', async () => {
  const { app, db, province, admin, staff } = await scene();
  const url = '/api/calendar/add-workdays?from=2026-12-30T10:00:00%2B08:00&days=5';
  const before = await call(app, staff, { method: 'GET', url });
  assert.equal(before.statusCode, 422);
  assert.equal(before.json().error.code, 'CALENDAR_YEAR_NOT_LOADED');
  assert.deepEqual(before.json().error.details, { year: 2027 });

  const r = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: notice2027() });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().year, 2027);
  assert.equal(r.json().source, 'database');
  assert.equal(r.json().version, 1);
  assert.equal(r.json().supersedesBundled, false);

  const after = await call(app, staff, { method: 'GET', url });
  assert.equal(after.statusCode, 200, after.body);
  // 12-31 (Thu), then 01-01…01-03 off, then 01-04 … 01-07.
  assert.deepEqual(after.json(), { from: '2026-12-30T10:00:00+08:00', days: 5, dueDate: '2027-01-07', dueAt: '2027-01-08T00:00:00+08:00' });
  assert.equal((await call(app, staff, { method: 'GET', url: '/api/calendar/is-workday?date=2027-02-14' })).json().kind, 'makeup');

  const list = (await call(app, staff, { method: 'GET', url: '/api/calendar/notices' })).json();
  const y = list.items.find((n: { year: number }) => n.year === 2027);
  assert.equal(y.documents[0].number, '国办发明电〔2026〕99号');

  const audits = (await auditRows(db, province.id)).filter((a) => a.action === 'calendar.notice.load');
  assert.equal(audits.length, 1);
  assert.equal(audits[0].entity_id, '2027');
  assert.equal(audits[0].actor_id, admin.id);

  const hook = changes.find((c) => c.action === 'notice.load' && c.years.includes(2027));
  assert.ok(hook, 'the recompute hook fired');
  assert.equal(hook.tenantId, null, 'a national notice concerns every tenant');
  assert.deepEqual(hook.years, [2027]);
});

test('R6.2 a loaded year is replaced only with replace: true and the version read (409 otherwise)', async () => {
  const { app, db, province, admin, staff } = await scene();
  const first = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: notice2028() });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal((await call(app, staff, { method: 'GET', url: '/api/calendar/is-workday?date=2028-01-28' })).json().kind, 'weekday');

  const changed = {
    ...notice2028(),
    holidays: [...notice2028().holidays, { name: '春节', start: '2028-01-26', end: '2028-02-01' }],
    makeupDays: [{ date: '2028-02-05', forHoliday: '春节' }],
  };
  const again = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: changed });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'CONFLICT');
  assert.deepEqual(again.json().error.details, { year: 2028, source: 'database', version: 1 });

  const noVersion = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: { ...changed, replace: true } });
  assert.equal(noVersion.statusCode, 400);
  assert.ok(noVersion.json().error.fields.version);

  const stale = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: { ...changed, replace: true, version: 7 } });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.equal(stale.json().error.details.current.version, 1);

  const ok = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: { ...changed, replace: true, version: 1 } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().version, 2);
  assert.equal((await call(app, staff, { method: 'GET', url: '/api/calendar/is-workday?date=2028-01-28' })).json().kind, 'holiday');
  assert.equal((await call(app, staff, { method: 'GET', url: '/api/calendar/is-workday?date=2028-02-05' })).json().kind, 'makeup');

  const reused = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: { ...changed, replace: true, version: 1 } });
  assert.equal(reused.statusCode, 409, 'the version read is used once');

  const audits = (await auditRows(db, province.id)).filter((a) => String(a.action).startsWith('calendar.notice'));
  assert.deepEqual(
    audits.map((a) => a.action),
    ['calendar.notice.load', 'calendar.notice.replace'],
  );
  const replaced = audits[1] as { before: { version: number }; after: { version: number } };
  assert.equal(replaced.before.version, 1);
  assert.equal(replaced.after.version, 2);
  assert.ok(changes.some((c) => c.action === 'notice.replace' && c.years.includes(2028)));
});

test('R6.2 a bundled year is superseded by a DB notice only with replace: true and its version', async () => {
  const { app, admin } = await scene();
  const bundled2026 = loadBundledNotices().find((n) => n.year === 2026)!;
  const list = (await call(app, admin, { method: 'GET', url: '/api/calendar/notices' })).json();
  const current = list.items.find((n: { year: number }) => n.year === 2026);
  const plain = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: bundled2026 });
  assert.equal(plain.statusCode, 409);
  assert.equal(plain.json().error.details.source, current.source);
  // Same days as the bundled file (other tests share the database): only a note is added.
  const copy = { ...bundled2026, notes: [...(bundled2026.notes ?? []), '测试：由数据库载入的同内容通知取代随版本发布的文件'] };
  const r = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: { ...copy, replace: true, version: current.version } });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().source, 'database');
  assert.equal(r.json().supersedesBundled, true);
  assert.equal(r.json().version, current.version + 1);
  const after = (await call(app, admin, { method: 'GET', url: '/api/calendar/notices' })).json().items.filter((n: { year: number }) => n.year === 2026);
  assert.equal(after.length, 1);
  assert.equal(after[0].source, 'database');
});

test('R6.2 only the province sysadmin loads notices; cities and other roles get 403', async () => {
  const { app, db, city, staff } = await scene();
  const cityAdmin = await createUser(db, city.id, { roles: ['sysadmin'] });
  const r = await call(app, cityAdmin, { method: 'POST', url: '/api/calendar/notices', payload: notice2027() });
  assert.equal(r.statusCode, 403);
  assert.match(r.json().error.message, /省厅/);
  assert.equal((await call(app, staff, { method: 'POST', url: '/api/calendar/notices', payload: notice2027() })).statusCode, 403);
});

test('R6.2 an invalid notice is refused with a Chinese message per field', async () => {
  const { app, admin } = await scene();
  const bad = {
    ...notice2028(),
    year: 2029,
    holidays: [{ name: '元旦', start: '2029-01-03', end: '2029-01-01' }],
    makeupDays: [{ date: '2029-01-04', forHoliday: '春节' }],
  };
  const r = await call(app, admin, { method: 'POST', url: '/api/calendar/notices', payload: bad });
  assert.equal(r.statusCode, 400);
  const f = r.json().error.fields;
  assert.equal(f['holidays.0.end'], '结束日期不能早于开始日期');
  assert.equal(f['makeupDays.0.date'], '调休上班日须为星期六或星期日');
  assert.ok(f['makeupDays.0.forHoliday']);

  const shape = await call(app, admin, {
    method: 'POST',
    url: '/api/calendar/notices',
    payload: { year: 2029, documents: [], holidays: [{ name: '', start: '2029-02-30', end: '2029-01-01' }], makeupDays: [], extra: 1 },
  });
  assert.equal(shape.statusCode, 400);
  const g = shape.json().error.fields;
  assert.ok(g.documents, JSON.stringify(g));
  assert.ok(g['holidays.0.start'], JSON.stringify(g));
  assert.equal(g.extra, '不允许的字段');
  // Nothing was loaded.
  const r2 = await call(app, admin, { method: 'GET', url: '/api/calendar/is-workday?date=2029-01-02' });
  assert.equal(r2.statusCode, 422);
});
