// Not a test: times the SLA sweep over N open appeals (default 100,000) in one tenant.
//   DATABASE_URL=postgres://… node server/test/jobs/sweep-bench.ts [N]
// First sweep (every overdue appeal marked, urged, escalated: the worst case, once), then the
// steady state (a sweep a minute later, when little changes).
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { slaSweep } from '../../src/jobs/sla-sweep.ts';
import { appealClock } from '../../src/modules/appeals/appeals.service.ts';
import { createLeader, createTenant, createUnit } from '../helpers/factory.ts';
import { at } from './helpers.ts';

const N = Number(process.argv[2] ?? 100_000);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined });
await migrate(database);
const db = database.db;
const NOW = at('2026-03-10T10:00:00');
appealClock.now = () => NOW;
const tenant = await createTenant(db, { kind: 'province' });
const units = [];
for (let i = 0; i < 12; i++) units.push((await createUnit(db, tenant.id)).id);
await createLeader(db, tenant.id, units.slice(0, 6));
await createLeader(db, tenant.id, units.slice(6));
let t = performance.now();
// Received over the last ~35 days, one every ~30 s: contact done for all but the newest and a few
// overdue ones; working-day deadlines at 24:00 of a date (as the calendar gives them).
await db.execute(sql`
  INSERT INTO appeals (tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content,
    received_at, state, lead_unit_id, dispatched_at, cycle_started_at,
    contact_due_at, contact_done_at, opinion_due_at, opinion_done_at, resolution_due_at, next_due_at, reopen_count)
  SELECT ${tenant.id}, 'B-' || i, '企业' || i, '联系人', '13800000000', 'hotline', 'policy', '诉求' || i, '内容',
    r, CASE WHEN i % 10 = 0 THEN 'received' ELSE 'handling' END, CASE WHEN i % 10 = 0 THEN NULL ELSE (${JSON.stringify(units)}::jsonb ->> (i % 12))::uuid END,
    r, r, r + interval '2 hours', CASE WHEN i % 7 = 0 OR i < 240 THEN NULL ELSE r + interval '1 hour' END,
    date_trunc('day', r + interval '2 days'), CASE WHEN i % 3 = 0 THEN r + interval '3 hours' END,
    date_trunc('day', r + interval '21 days'),
    CASE WHEN i % 7 = 0 OR i < 240 THEN r + interval '2 hours' WHEN i % 3 = 0 THEN date_trunc('day', r + interval '21 days') ELSE date_trunc('day', r + interval '2 days') END,
    CASE WHEN i % 500 = 0 THEN 3 ELSE 0 END
  FROM generate_series(1, ${N}) AS i, LATERAL (SELECT ${NOW}::timestamptz - i * interval '30 seconds' AS r) x`);
await db.execute(sql`ANALYZE appeals`);
console.log(`loaded ${N} open appeals in ${Math.round(performance.now() - t)} ms`);

for (const [label, now] of [['first sweep', NOW], ['same minute again', NOW], ['one minute later', at('2026-03-10T10:01:00')], ['two minutes later', at('2026-03-10T10:02:00')]] as const) {
  t = performance.now();
  const r = await slaSweep(db, now, { tenantIds: [tenant.id] });
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`, JSON.stringify({ overdue: r.overdue, dueSoon: r.dueSoon, urged: r.urged, escalated: r.escalated, corrected: r.corrected, ms: r.ms }));
}
t = performance.now();
await slaSweep(db, at('2026-03-10T10:03:00'));
console.log(`unscoped sweep (every tenant of the database): ${Math.round(performance.now() - t)} ms`);
await database.close();
