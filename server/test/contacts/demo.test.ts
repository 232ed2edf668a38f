// Issue 14 demo data: each demo leader with 1–2 points, units with 1–2, a year of visits, some
// behind pace, one pending selection at each step; the year at a glance reads it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { demoLoaded, loadDemoData } from '../../src/seed/demo.ts';
import { testDatabase } from '../helpers/db.ts';

test('demo contact points: R1.1 R1.6 1–2 per leader and unit, pending selections at each step, visits with follow-ups', async (t) => {
  const db = (await testDatabase()).db;
  if (await demoLoaded(db)) {
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM contact_points p JOIN tenants t ON t.id = p.tenant_id WHERE t.code = '370000'`,
    );
    if (n === 0) return t.skip('demo data was loaded into this database before contact points existed');
  } else {
    // false: another test process loaded it meanwhile (the marker row serialises the loads; the data commits with it).
    await loadDemoData(db);
  }
  const perHolder = await queryRows<{ holder: string; n: number }>(
    db,
    sql`SELECT coalesce(p.leader_id::text, 'u:' || p.unit_id) AS holder, count(*)::int AS n FROM contact_points p JOIN tenants t ON t.id = p.tenant_id
      WHERE t.code = '370000' AND p.state IN ('proposed', 'returned', 'leader_review', 'confirmed') GROUP BY 1`,
  );
  assert.ok(perHolder.length >= 6);
  assert.ok(
    perHolder.every((h) => h.n >= 1 && h.n <= 2),
    JSON.stringify(perHolder),
  );
  const states = await queryRows<{ state: string }>(
    db,
    sql`SELECT DISTINCT p.state FROM contact_points p JOIN tenants t ON t.id = p.tenant_id WHERE t.code = '370000'`,
  );
  for (const s of ['proposed', 'returned', 'leader_review', 'confirmed'])
    assert.ok(
      states.some((r) => r.state === s),
      s,
    );
  const [v] = await queryRows<{ visits: number; open: number; done: number; linked: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM field_records r JOIN tenants t ON t.id = r.tenant_id WHERE t.code = '370000') AS visits,
      (SELECT count(*)::int FROM field_follow_ups f JOIN tenants t ON t.id = f.tenant_id WHERE t.code = '370000' AND f.done_at IS NULL) AS open,
      (SELECT count(*)::int FROM field_follow_ups f JOIN tenants t ON t.id = f.tenant_id WHERE t.code = '370000' AND f.done_at IS NOT NULL) AS done,
      (SELECT count(*)::int FROM field_record_appeals l JOIN tenants t ON t.id = l.tenant_id WHERE t.code = '370000') AS linked`,
  );
  assert.ok(v.visits >= 6 && v.open > 0 && v.done > 0, JSON.stringify(v));
  assert.equal(v.linked, 1);
  // The demo leader 李卫东 has a point awaiting his confirmation.
  const [mine] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM contact_points p JOIN leaders l ON l.id = p.leader_id JOIN users u ON u.id = l.user_id WHERE u.username = 'leader' AND p.state = 'leader_review'`,
  );
  assert.equal(mine.n, 1);
});
