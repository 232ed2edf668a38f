// The per-tenant calendar cache (R6.2, R8.1): reused while the database's calendar revision is
// unchanged, rebuilt when any instance changes the calendar (seen through the revision row, not
// through an in-process signal), and cheap per deadline once in hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { computeDeadlines, parseInstant } from '../../src/domain/calendar/index.ts';
import { bumpRevision, readRevision } from '../../src/modules/calendar/calendar.repository.ts';
import { getTenantCalendar, getTenantSlaSettings, parseOfficeHours } from '../../src/modules/calendar/tenant-calendar.ts';
import { databaseKey } from '../../src/db/client.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene } from '../helpers/factory.ts';

test('R8.1 the tenant calendar is cached per revision and rebuilt after a change written by another instance', async () => {
  const db = (await testDatabase()).db;
  const { city } = await createScene(db);
  // On the server the database is shared with the other test processes, whose calendar changes move the
  // one revision too (the authorization matrix's writes, run beside this file, did): the reuse is
  // checked over a window in which the revision stood still.
  let a = await getTenantCalendar(db, city.id);
  for (let attempt = 1; ; attempt++) {
    const before = await readRevision(db);
    a = await getTenantCalendar(db, city.id);
    const again = await getTenantCalendar(db, city.id);
    if ((await readRevision(db)) !== before) {
      assert.ok(attempt < 50, 'the revision never stood still');
      continue;
    }
    assert.equal(again, a, 'same object while the revision is unchanged');
    break;
  }
  assert.equal(a.dayKind('2025-10-13'), 'weekday');

  // Another app instance writes an override and bumps the revision (plain SQL, no service call here).
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO calendar_overrides (tenant_id, items) VALUES (${city.id}, ${JSON.stringify([{ date: '2025-10-13', kind: 'holiday', note: '' }])}::jsonb)`,
    );
    await bumpRevision(tx);
  });
  const b = await getTenantCalendar(db, city.id);
  assert.notEqual(b, a);
  assert.equal(b.dayKind('2025-10-13'), 'holiday');
});

test('R6.2 a transaction (every intake and action) is served from the same cached calendar as plain reads', async () => {
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  const outside = await getTenantCalendar(db, province.id);
  await db.transaction(async (tx) => {
    assert.equal(databaseKey(tx), databaseKey(db), 'drizzle hands a transaction the dialect of its database');
    assert.equal(await getTenantCalendar(tx, province.id), outside);
  });
  // With the calendar in hand, deadlines need no database (speed is measured in bench/calendar.bench.ts).
  const settings = await getTenantSlaSettings(db, province.id);
  const d = computeDeadlines(parseInstant('2024-01-02T09:00:00+08:00'), settings, outside);
  assert.ok(d.resolutionDueAt.getTime() > d.opinionDueAt.getTime());
});

test('R8.1 a calendar change rolled back leaves no trace in the cache and its revision is never reused', async () => {
  const db = (await testDatabase()).db;
  const { city } = await createScene(db);
  const before = await getTenantCalendar(db, city.id);
  let rolledBack = 0;
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.execute(
        sql`INSERT INTO calendar_overrides (tenant_id, items) VALUES (${city.id}, ${JSON.stringify([{ date: '2025-10-14', kind: 'holiday', note: '' }])}::jsonb)`,
      );
      rolledBack = await bumpRevision(tx);
      // Inside the transaction its own uncommitted change is seen (and cached under its own revision).
      assert.equal((await getTenantCalendar(tx, city.id)).dayKind('2025-10-14'), 'holiday');
      throw new Error('roll back');
    }),
    /roll back/,
  );
  const after = await getTenantCalendar(db, city.id);
  assert.equal(after.dayKind('2025-10-14'), 'weekday', 'the rolled-back override is not served');
  assert.equal(after.dayKind('2025-10-13'), before.dayKind('2025-10-13'));
  const next = await db.transaction((tx) => bumpRevision(tx));
  assert.ok(next > rolledBack, `revision ${next} drawn after the rolled-back ${rolledBack}`);
  assert.ok((await readRevision(db)) === next);
});

test('R8.1 office hours setting "08:30-12:00,13:00-17:30" maps onto SLA intervals', () => {
  assert.deepEqual(parseOfficeHours('08:30-12:00,13:00-17:30'), [
    ['08:30', '12:00'],
    ['13:00', '17:30'],
  ]);
});
