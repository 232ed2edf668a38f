// `zqt sla --received … --tenant CODE` reads the tenant's settings and calendar from the database (R8.1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { runSlaCli } from '../../src/cli/sla-tenant-cli.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene } from '../helpers/factory.ts';

test('R8.1 CLI sla --tenant uses the tenant settings and overrides', async () => {
  const database = await testDatabase();
  const { city } = await createScene(database.db);
  await database.db.execute(sql`INSERT INTO tenant_settings (tenant_id, overrides) VALUES (${city.id}, ${JSON.stringify({ contactHours: 4, opinionWorkdays: 2 })}::jsonb)
    ON CONFLICT (tenant_id) DO UPDATE SET overrides = excluded.overrides`);
  await database.db.execute(
    sql`INSERT INTO calendar_overrides (tenant_id, items) VALUES (${city.id}, ${JSON.stringify([{ date: '2025-10-09', kind: 'holiday', note: '' }])}::jsonb)`,
  );
  await database.db.execute(
    sql`INSERT INTO calendar_revision (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = calendar_revision.revision + 1`,
  );
  const r = await runSlaCli(['sla', '--received', '2025-09-30T16:00:00+08:00', '--tenant', city.code], { database });
  assert.equal(r.exitCode, 0, r.stderr);
  // 10-09 is a local holiday: opinion (2 working days) = 10-10, 10-11 (make-up Saturday).
  assert.equal(
    r.stdout,
    '{"received":"2025-09-30T16:00:00+08:00","contactDueAt":"2025-09-30T20:00:00+08:00","opinionDueAt":"2025-10-12T00:00:00+08:00","resolutionDueAt":"2025-10-30T00:00:00+08:00"}\n',
  );
  const eq = await runSlaCli(['sla', `--tenant=${city.code}`, '--received=2025-09-30T16:00:00+08:00'], { database });
  assert.equal(eq.stdout, r.stdout);
});

test('R8.1 CLI sla --tenant: unknown tenant exits 1 with a message; bad arguments exit 1; no --tenant needs no database', async () => {
  const database = await testDatabase();
  const unknown = await runSlaCli(['sla', '--received', '2025-09-30T16:00:00+08:00', '--tenant', '999999'], { database });
  assert.equal(unknown.exitCode, 1);
  assert.match(unknown.stderr, /单位代码 999999 不存在.*unknown tenant 999999/);
  assert.equal((await runSlaCli(['sla', '--received', '2025-09-30T16:00:00+08:00', '--tenant'], { database })).exitCode, 1);
  assert.equal((await runSlaCli(['sla', '--tenant', '370000'], { database })).exitCode, 1);
  assert.equal((await runSlaCli(['sla', '--received', 'x', '--tenant', '370000', '--tenant', '370100'], { database })).exitCode, 1);
  const plain = await runSlaCli(['sla', '--received', '2025-09-30T16:00:00+08:00']);
  assert.equal(plain.exitCode, 0);
  assert.match(plain.stdout, /"resolutionDueAt":"2025-10-29T00:00:00\+08:00"/);
  const { province } = await createScene(database.db);
  const year = await runSlaCli(['sla', '--received', '2019-06-03T10:00:00+08:00', '--tenant', province.code], { database });
  assert.equal(year.exitCode, 2);
  assert.match(year.stderr, /2019/);
});
