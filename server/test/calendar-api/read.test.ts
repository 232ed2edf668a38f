// HTTP answers of the working-day calendar for the caller's tenant (R6.2, R8.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUser } from '../helpers/factory.ts';

async function scene() {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const s = await createScene(db);
  const staff = await createUser(db, s.province.id, { roles: ['unit_staff'], scope: 'unit', unitId: s.unit.id });
  return { app, db, ...s, staff };
}

test('R6.2 GET /api/calendar/is-workday: make-up Saturday, holiday, weekend, weekday', async () => {
  const { app, staff } = await scene();
  const ask = async (date: string) => (await call(app, staff, { method: 'GET', url: `/api/calendar/is-workday?date=${date}` })).json();
  assert.deepEqual(await ask('2025-10-11'), { date: '2025-10-11', workday: true, kind: 'makeup' });
  assert.deepEqual(await ask('2025-10-03'), { date: '2025-10-03', workday: false, kind: 'holiday' });
  assert.deepEqual(await ask('2025-10-12'), { date: '2025-10-12', workday: false, kind: 'weekend' });
  assert.deepEqual(await ask('2025-10-13'), { date: '2025-10-13', workday: true, kind: 'weekday' });
});

test('R6.2 GET /api/calendar/add-workdays: 15 working days from 2025-09-30 16:00 (encoded and unencoded +)', async () => {
  const { app, staff } = await scene();
  const expected = { from: '2025-09-30T16:00:00+08:00', days: 15, dueDate: '2025-10-28', dueAt: '2025-10-29T00:00:00+08:00' };
  const r = await call(app, staff, { method: 'GET', url: '/api/calendar/add-workdays?from=2025-09-30T16:00:00%2B08:00&days=15' });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), expected);
  const raw = await call(app, staff, { method: 'GET', url: '/api/calendar/add-workdays?from=2025-09-30T16:00:00+08:00&days=15' });
  assert.deepEqual(raw.json(), expected);
  const utc = await call(app, staff, { method: 'GET', url: '/api/calendar/add-workdays?from=2025-09-30T08:00:00Z&days=15' });
  assert.deepEqual(utc.json(), expected);
});

test('R6.2 GET /api/calendar/sla: the three milestones with the province defaults', async () => {
  const { app, staff } = await scene();
  const r = await call(app, staff, { method: 'GET', url: '/api/calendar/sla?received=2025-09-30T16:00:00%2B08:00' });
  assert.equal(r.statusCode, 200, r.body);
  const b = r.json();
  assert.equal(b.received, '2025-09-30T16:00:00+08:00');
  assert.equal(b.contactDueAt, '2025-09-30T18:00:00+08:00');
  assert.equal(b.opinionDueDate, '2025-10-09');
  assert.equal(b.opinionDueAt, '2025-10-10T00:00:00+08:00');
  assert.equal(b.resolutionDueDate, '2025-10-28');
  assert.equal(b.resolutionDueAt, '2025-10-29T00:00:00+08:00');
  assert.equal(b.dueSoonFrom.contact, '2025-09-30T17:30:00+08:00');
  assert.deepEqual(b.settings, {
    contactHours: 2,
    contactClock: 'natural',
    opinionWorkdays: 1,
    resolutionWorkdays: 15,
    officeHours: [
      ['08:30', '12:00'],
      ['13:00', '17:30'],
    ],
  });
});

test('R8.1 GET /api/calendar/sla uses the tenant settings (city inherits the province, overrides its own)', async () => {
  const { app, db, province, city, cityUnit, staff } = await scene();
  await db.execute(sql`INSERT INTO tenant_settings (tenant_id, overrides) VALUES (${province.id}, ${JSON.stringify({ resolutionWorkdays: 10 })}::jsonb)
    ON CONFLICT (tenant_id) DO UPDATE SET overrides = excluded.overrides`);
  await db.execute(sql`INSERT INTO tenant_settings (tenant_id, overrides) VALUES (${city.id}, ${JSON.stringify({ contactClock: 'working', contactHours: 4, officeHours: '09:00-12:00,14:00-18:00' })}::jsonb)
    ON CONFLICT (tenant_id) DO UPDATE SET overrides = excluded.overrides`);
  const cityStaff = await createUser(db, city.id, { roles: ['unit_staff'], scope: 'unit', unitId: cityUnit.id });
  const url = '/api/calendar/sla?received=2025-09-30T16:00:00%2B08:00';
  const p = (await call(app, staff, { method: 'GET', url })).json();
  assert.equal(p.resolutionDueDate, '2025-10-21'); // 10 working days
  assert.equal(p.contactDueAt, '2025-09-30T18:00:00+08:00');
  const c = (await call(app, cityStaff, { method: 'GET', url })).json();
  assert.equal(c.resolutionDueDate, '2025-10-21', 'the city inherits the province value');
  // 16:00–18:00 = 2 working hours on 09-30, the remaining 2 from 09:00 on 10-09 (after the National Day break).
  assert.equal(c.contactDueAt, '2025-10-09T11:00:00+08:00');
  assert.deepEqual(c.settings.officeHours, [
    ['09:00', '12:00'],
    ['14:00', '18:00'],
  ]);
});

test('R6.2 a year without a notice answers 422 CALENDAR_YEAR_NOT_LOADED naming the year (never weekends only)', async () => {
  const { app, staff } = await scene();
  for (const url of [
    '/api/calendar/is-workday?date=2019-06-03',
    '/api/calendar/days?year=2019',
    '/api/calendar/sla?received=2019-06-03T10:00:00%2B08:00',
    '/api/calendar/add-workdays?from=2019-06-03T10:00:00%2B08:00&days=1',
  ]) {
    const r = await call(app, staff, { method: 'GET', url });
    assert.equal(r.statusCode, 422, url);
    const e = r.json().error;
    assert.equal(e.code, 'CALENDAR_YEAR_NOT_LOADED');
    assert.deepEqual(e.details, { year: 2019 });
    assert.match(e.message, /2019 年/);
  }
});

test('R6.2 bad query parameters answer 400 with Chinese messages per field', async () => {
  const { app, staff } = await scene();
  const cases: [string, string][] = [
    ['/api/calendar/is-workday?date=2025-02-30', 'date'],
    ['/api/calendar/is-workday', 'date'],
    ['/api/calendar/days?year=abc', 'year'],
    ['/api/calendar/days?year=1999', 'year'],
    ['/api/calendar/add-workdays?from=yesterday&days=1', 'from'],
    ['/api/calendar/add-workdays?from=2025-09-30&days=-1', 'days'],
    ['/api/calendar/add-workdays?from=2025-09-30&days=1.5', 'days'],
    ['/api/calendar/sla?received=2025-13-01', 'received'],
  ];
  for (const [url, field] of cases) {
    const r = await call(app, staff, { method: 'GET', url });
    assert.equal(r.statusCode, 400, url);
    const fields = r.json().error.fields;
    assert.ok(fields[field], `${url}: ${JSON.stringify(fields)}`);
    assert.match(fields[field], /[\u4e00-\u9fa5]/, `${url}: Chinese message`);
  }
});

test('R6.2 GET /api/calendar/days: holidays with names, make-up days, counts', async () => {
  const { app, staff } = await scene();
  const r = await call(app, staff, { method: 'GET', url: '/api/calendar/days?year=2025' });
  assert.equal(r.statusCode, 200, r.body);
  const b = r.json();
  assert.equal(b.days.length, 365);
  assert.equal(b.notice.year, 2025);
  assert.ok(b.notice.documents.some((d: { number: string }) => d.number === '国办发明电〔2024〕12号'));
  const day = (d: string) => b.days.find((x: { date: string }) => x.date === d);
  assert.deepEqual(day('2025-10-01'), { date: '2025-10-01', kind: 'holiday', workday: false, name: '国庆节、中秋节', override: null });
  assert.equal(day('2025-10-11').kind, 'makeup');
  assert.equal(day('2025-10-11').name, '国庆节、中秋节');
  assert.equal(day('2025-10-13').name, null);
  assert.equal(b.workdays, b.days.filter((d: { workday: boolean }) => d.workday).length);
  assert.equal(b.workdays, 248); // 261 Mon–Fri − 18 of them holidays + 5 make-up days
});

test('R6.2 GET /api/calendar/notices lists the years in force with their document numbers', async () => {
  const { app, staff } = await scene();
  const r = await call(app, staff, { method: 'GET', url: '/api/calendar/notices' });
  assert.equal(r.statusCode, 200);
  const years = r.json().items.map((n: { year: number }) => n.year);
  for (const y of [2020, 2021, 2022, 2023, 2024, 2025, 2026]) assert.ok(years.includes(y), String(y));
  const y2020 = r.json().items.find((n: { year: number }) => n.year === 2020);
  assert.deepEqual(
    y2020.documents.map((d: { number: string }) => d.number),
    ['国办发明电〔2019〕16号', '国办发明电〔2020〕1号'],
  );
});

test('calendar endpoints need a signed-in user and appear in the OpenAPI document', async () => {
  const { app } = await scene();
  assert.equal((await call(app, null, { method: 'GET', url: '/api/calendar/is-workday?date=2025-10-11' })).statusCode, 401);
  const doc = (await call(app, null, { method: 'GET', url: '/api/openapi.json' })).json();
  for (const p of [
    '/api/calendar/days',
    '/api/calendar/is-workday',
    '/api/calendar/add-workdays',
    '/api/calendar/sla',
    '/api/calendar/notices',
    '/api/calendar/overrides',
  ]) {
    assert.ok(doc.paths[p], p);
  }
  assert.ok(doc.paths['/api/calendar/notices'].post);
  assert.ok(doc.paths['/api/calendar/overrides'].put);
});
