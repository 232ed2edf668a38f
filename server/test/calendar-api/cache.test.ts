// The per-tenant calendar cache (R6.2, R8.1): reused while the database's calendar revision is
// unchanged, rebuilt when any instance changes the calendar (seen through the revision row, not
// through an in-process signal), and cheap per deadline once in hand.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { computeDeadlines, parseInstant } from '../../src/domain/calendar/index.ts';
import { bumpRevision, readRevision } from '../../src/modules/calendar/calendar.repository.ts';
import { getTenantCalendar, getTenantSlaSettings, parseOfficeHours } from '../../src/modules/calendar/tenant-calendar.ts';
import { closeTestDatabase, testDatabase } from '../helpers/db.ts';
import { createScene } from '../helpers/factory.ts';

after(closeTestDatabase);

test('R8.1 the tenant calendar is cached per revision and rebuilt after a change written by another instance', async () => {
  const db = (await testDatabase()).db;
  const { city } = await createScene(db);
  const a = await getTenantCalendar(db, city.id);
  assert.equal(await getTenantCalendar(db, city.id), a, 'same object while the revision is unchanged');
  assert.equal(a.dayKind('2025-10-13'), 'weekday');

  // Another app instance writes an override and bumps the revision (plain SQL, no service call here).
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO calendar_overrides (tenant_id, items) VALUES (${city.id}, ${JSON.stringify([{ date: '2025-10-13', kind: 'holiday', note: '' }])}::jsonb)`);
    await bumpRevision(tx);
  });
  const b = await getTenantCalendar(db, city.id);
  assert.notEqual(b, a);
  assert.equal(b.dayKind('2025-10-13'), 'holiday');
});

test('R6.2 with the calendar in hand a deadline costs microseconds', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const [cal, settings] = await Promise.all([getTenantCalendar(db, province.id), getTenantSlaSettings(db, province.id)]);
  const t0 = parseInstant('2024-01-01T09:00:00+08:00').getTime();
  const n = 20_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) computeDeadlines(new Date(t0 + i * 3_600_000), settings, cal);
  const perDeadlineUs = Number(process.hrtime.bigint() - start) / 1000 / n;
  assert.ok(perDeadlineUs < 50, `${perDeadlineUs.toFixed(2)} µs per deadline`);
  assert.ok((await readRevision(db)) >= 0);
});

test('R8.1 office hours setting "08:30-12:00,13:00-17:30" maps onto SLA intervals', () => {
  assert.deepEqual(parseOfficeHours('08:30-12:00,13:00-17:30'), [['08:30', '12:00'], ['13:00', '17:30']]);
});
