// Tenant-local calendar overrides (R8.1): whole-list PUT with version, sysadmin of that tenant,
// audited; a city's override changes that city's answers and not the province's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { onCalendarChanged, type CalendarChange } from '../../src/modules/calendar/calendar-events.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUser } from '../helpers/factory.ts';

async function scene() {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const s = await createScene(db);
  const provinceStaff = await createUser(db, s.province.id, { roles: ['unit_staff'], scope: 'unit', unitId: s.unit.id });
  const cityAdmin = await createUser(db, s.city.id, { roles: ['sysadmin'] });
  const cityStaff = await createUser(db, s.city.id, { roles: ['intake'] });
  return { app, db, ...s, provinceStaff, cityAdmin, cityStaff };
}

const changes: CalendarChange[] = [];
onCalendarChanged((_tx, c) => {
  changes.push(c);
});

test("R8.1 a city override changes that city's answers and not the province's", async () => {
  const { app, db, city, province, provinceStaff, cityAdmin, cityStaff } = await scene();
  const get = await call(app, cityAdmin, { method: 'GET', url: '/api/calendar/overrides' });
  assert.equal(get.statusCode, 200);
  assert.deepEqual(get.json(), { tenantId: city.id, version: 1, items: [] });

  // 2025-10-13 (Mon) a local day off; 2025-10-12 (Sun) worked instead.
  const put = await call(app, cityAdmin, {
    method: 'PUT',
    url: '/api/calendar/overrides',
    payload: {
      version: 1,
      items: [
        { date: '2025-10-13', kind: 'restday', note: '本市防汛调休' },
        { date: '2025-10-12', kind: 'workday' },
      ],
    },
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(put.json().version, 2);
  assert.deepEqual(
    put.json().items.map((i: { date: string }) => i.date),
    ['2025-10-12', '2025-10-13'],
    'sorted by date',
  );
  assert.equal(put.json().items[0].note, '');

  const kind = async (user: typeof cityStaff, date: string) => (await call(app, user, { method: 'GET', url: `/api/calendar/is-workday?date=${date}` })).json();
  assert.deepEqual(await kind(cityStaff, '2025-10-13'), { date: '2025-10-13', workday: false, kind: 'holiday' });
  assert.deepEqual(await kind(cityStaff, '2025-10-12'), { date: '2025-10-12', workday: true, kind: 'makeup' });
  assert.deepEqual(await kind(provinceStaff, '2025-10-13'), { date: '2025-10-13', workday: true, kind: 'weekday' });
  assert.deepEqual(await kind(provinceStaff, '2025-10-12'), { date: '2025-10-12', workday: false, kind: 'weekend' });

  // Counting from 10-11: the city works 10-12 (Sun) and rests 10-13 (Mon); the province the reverse.
  const add = async (user: typeof cityStaff) =>
    (await call(app, user, { method: 'GET', url: '/api/calendar/add-workdays?from=2025-10-10T09:00:00%2B08:00&days=1' })).json().dueDate;
  assert.equal(await add(cityStaff), '2025-10-11', '10-11 is a national make-up Saturday');
  const add2 = async (user: typeof cityStaff) =>
    (await call(app, user, { method: 'GET', url: '/api/calendar/add-workdays?from=2025-10-11T09:00:00%2B08:00&days=2' })).json().dueDate;
  assert.equal(await add2(cityStaff), '2025-10-14', 'city: 10-12 worked, 10-13 off, 10-14');
  assert.equal(await add2(provinceStaff), '2025-10-14', 'province: 10-13, 10-14');
  const sla = async (user: typeof cityStaff) =>
    (await call(app, user, { method: 'GET', url: '/api/calendar/sla?received=2025-10-11T09:00:00%2B08:00' })).json().opinionDueDate;
  assert.equal(await sla(cityStaff), '2025-10-12');
  assert.equal(await sla(provinceStaff), '2025-10-13');

  // The month grid shows the override with its note.
  const days = (await call(app, cityStaff, { method: 'GET', url: '/api/calendar/days?year=2025' })).json().days;
  const d13 = days.find((d: { date: string }) => d.date === '2025-10-13');
  assert.deepEqual(d13, { date: '2025-10-13', kind: 'holiday', workday: false, name: '本市防汛调休', override: { kind: 'restday', note: '本市防汛调休' } });

  const audits = (await auditRows(db, city.id)).filter((a) => a.action === 'calendar.overrides.update');
  assert.equal(audits.length, 1);
  assert.deepEqual(audits[0].before, []);
  assert.equal((audits[0].after as unknown[]).length, 2);
  assert.equal((await auditRows(db, province.id)).filter((a) => a.action === 'calendar.overrides.update').length, 0);

  const hook = changes.find((c) => c.tenantId === city.id);
  assert.deepEqual(hook && { years: hook.years, action: hook.action }, { years: [2025], action: 'overrides.update' });
});

test('R8.1 overrides: a stale version answers 409; the whole list is replaced', async () => {
  const { app, cityAdmin, cityStaff } = await scene();
  const one = { version: 1, items: [{ date: '2026-03-02', kind: 'holiday', note: '甲' }] };
  assert.equal((await call(app, cityAdmin, { method: 'PUT', url: '/api/calendar/overrides', payload: one })).statusCode, 200);
  const stale = await call(app, cityAdmin, { method: 'PUT', url: '/api/calendar/overrides', payload: one });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
  assert.equal(stale.json().error.details.current.version, 2);
  assert.equal((await call(app, cityStaff, { method: 'GET', url: '/api/calendar/is-workday?date=2026-03-02' })).json().kind, 'holiday');
  const cleared = await call(app, cityAdmin, { method: 'PUT', url: '/api/calendar/overrides', payload: { version: 2, items: [] } });
  assert.equal(cleared.statusCode, 200);
  assert.equal((await call(app, cityStaff, { method: 'GET', url: '/api/calendar/is-workday?date=2026-03-02' })).json().kind, 'weekday');
});

test('R8.1 overrides: validation per field, and only the tenant sysadmin changes them', async () => {
  const { app, cityAdmin, cityStaff } = await scene();
  const r = await call(app, cityAdmin, {
    method: 'PUT',
    url: '/api/calendar/overrides',
    payload: {
      version: 1,
      items: [
        { date: '2025-10-13', kind: 'makeup' },
        { date: '2025-10-14', kind: 'holiday' },
        { date: '2025-10-14', kind: 'workday' },
      ],
    },
  });
  assert.equal(r.statusCode, 400);
  const f = r.json().error.fields;
  assert.match(f['items.0.kind'], /星期六或星期日/);
  assert.match(f['items.2.date'], /重复/);
  const shape = await call(app, cityAdmin, {
    method: 'PUT',
    url: '/api/calendar/overrides',
    payload: { version: 1, items: [{ date: '2025-02-30', kind: 'nap' }] },
  });
  assert.equal(shape.statusCode, 400);
  assert.ok(shape.json().error.fields['items.0.date']);
  assert.ok(shape.json().error.fields['items.0.kind']);
  const denied = await call(app, cityStaff, { method: 'PUT', url: '/api/calendar/overrides', payload: { version: 1, items: [] } });
  assert.equal(denied.statusCode, 403);
  assert.equal((await call(app, cityStaff, { method: 'GET', url: '/api/calendar/overrides' })).statusCode, 200);
});

test('R8.1 an override cannot make an unloaded year usable', async () => {
  const { app, cityAdmin, cityStaff } = await scene();
  const r = await call(app, cityAdmin, {
    method: 'PUT',
    url: '/api/calendar/overrides',
    payload: { version: 1, items: [{ date: '2019-06-03', kind: 'workday' }] },
  });
  assert.equal(r.statusCode, 200);
  const q = await call(app, cityStaff, { method: 'GET', url: '/api/calendar/is-workday?date=2019-06-03' });
  assert.equal(q.statusCode, 422);
});
