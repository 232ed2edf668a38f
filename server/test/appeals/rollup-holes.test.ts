// Figures roll-up (issue 16 / R7.2): a run records the event ids at or below its cursor that its
// snapshot did not hold (a transaction still in flight). An event that commits later under such an id
// is counted by every reader at once (its days are computed live) and stored by the next run; the
// monthly buckets are always the sums of the daily ones.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { runFiguresRollup } from '../../src/modules/appeals/appeals.rollup.ts';
import { at, resetClock, scenario } from '../dashboard/fixtures.ts';
import { call, ok, world, type World } from './helpers.ts';

afterEach(resetClock);

async function figures(w: World, from: string, to: string, shiftMs = 0) {
  const iso = (s: string) => encodeURIComponent(new Date(new Date(s).getTime() + shiftMs).toISOString());
  const res = await call(w.app, w.users.oversight, { method: 'GET', url: `/api/appeals/figures?from=${iso(from)}&to=${iso(to)}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}

async function dashboardNovember(w: World) {
  const res = await call(w.app, w.users.oversight, { method: 'GET', url: '/api/dashboard?year=2025' });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().months.find((m: { month: string }) => m.month === '2025-11');
}

/** Monthly buckets that differ from the sums of their days (none expected). */
async function monthlyMismatches(w: World, tenantIds: string[]) {
  return queryRows<{ tenant_id: string; month: string }>(
    w.db,
    sql`WITH d AS (
          SELECT tenant_id, date_trunc('month', day::timestamp)::date AS month, unit_id, sum(received)::int AS received, sum(closed)::int AS closed,
            sum(contact_due)::int AS contact_due, sum(opinion_on_time)::int AS opinion_on_time, sum(evaluated)::int AS evaluated, sum(satisfied)::int AS satisfied
          FROM appeal_figures_daily WHERE tenant_id IN (${sql.join(
            tenantIds.map((t) => sql`${t}::uuid`),
            sql`, `,
          )}) GROUP BY 1, 2, 3),
        m AS (SELECT tenant_id, month, unit_id, received, closed, contact_due, opinion_on_time, evaluated, satisfied FROM appeal_figures_monthly
          WHERE tenant_id IN (${sql.join(
            tenantIds.map((t) => sql`${t}::uuid`),
            sql`, `,
          )}))
        SELECT coalesce(d.tenant_id, m.tenant_id) AS tenant_id, coalesce(d.month, m.month)::text AS month
        FROM d FULL JOIN m ON d.tenant_id = m.tenant_id AND d.month = m.month AND d.unit_id IS NOT DISTINCT FROM m.unit_id
        WHERE d IS DISTINCT FROM m`,
  );
}

test('R7.2 an event committed after a run under a lower id (a hole) is counted at once and stored by the next run', async () => {
  const w = await world();
  const s = await scenario(w);
  const tenants = [w.province.id, w.city.id];
  const now = at('2025-11-20T09:00:00+08:00');
  await runFiguresRollup(w.db, now, { tenantIds: tenants });
  assert.deepEqual(await monthlyMismatches(w, tenants), [], 'monthly = sum of daily after the build');

  // A transaction takes its event id, and a later one commits before the run: the run cannot see the first.
  const [{ id: reserved }] = await queryRows<{ id: number }>(w.db, sql`SELECT nextval(pg_get_serial_sequence('appeal_events', 'id'))::bigint AS id`);
  at('2025-11-20T09:10:00+08:00');
  await ok(w, w.users.otherStaff, s.oct.id, 'accept');
  const run = await runFiguresRollup(w.db, at('2025-11-20T09:11:00+08:00'), { tenantIds: tenants });
  const [state] = await queryRows<{ cursor: string; holes: string[] }>(
    w.db,
    sql`SELECT cursor::text, holes::text[] FROM appeal_figures_tenants WHERE tenant_id = ${w.province.id}`,
  );
  assert.ok(Number(state.cursor) > Number(reserved), 'the cursor is past the reserved id');
  assert.ok(state.holes.map(Number).includes(Number(reserved)), `the reserved id is a hole (${JSON.stringify(run.result)})`);

  // It commits now: a 满意 evaluation of the appeal received on 11-03 (its bucket and today's).
  await w.db.execute(sql`
    INSERT INTO appeal_events (id, tenant_id, appeal_id, type, at, actor_name, state_before, state_after, payload)
    OVERRIDING SYSTEM VALUE
    VALUES (${reserved}, ${w.province.id}, ${s.late.id}, 'evaluate', ${new Date('2025-11-20T09:05:00+08:00')}, '回访', 'replied', 'closed', '{"rating":"satisfied"}'::jsonb)`);
  at('2025-11-20T09:12:00+08:00');
  const month = ['2025-11-01T00:00:00+08:00', '2025-12-01T00:00:00+08:00'] as const;
  const live = await figures(w, ...month, 1);
  assert.equal(live.source, 'live');
  const rolled = await figures(w, ...month);
  assert.equal(rolled.source, 'rollup');
  assert.deepEqual(rolled.totals, live.totals, 'the appeals figures read the hole live');
  const nov = await dashboardNovember(w);
  assert.equal(nov.evaluated, live.totals.evaluated);
  assert.equal(nov.satisfied, live.totals.satisfied);
  assert.equal(nov.evaluated, 2, 'the late evaluation is counted');

  // The next run stores it and forgets the hole.
  const next = await runFiguresRollup(w.db, at('2025-11-20T09:13:00+08:00'), { tenantIds: tenants });
  assert.ok(next.result.buckets >= 1);
  const [after] = await queryRows<{ holes: string[] }>(w.db, sql`SELECT holes::text[] FROM appeal_figures_tenants WHERE tenant_id = ${w.province.id}`);
  assert.ok(!after.holes.map(Number).includes(Number(reserved)));
  const [stored] = await queryRows<{ evaluated: number }>(
    w.db,
    sql`SELECT coalesce(sum(evaluated), 0)::int AS evaluated FROM appeal_figures_daily WHERE tenant_id = ${w.province.id} AND day >= '2025-11-01' AND day < '2025-12-01'`,
  );
  assert.equal(stored.evaluated, 2);
  assert.deepEqual((await figures(w, ...month)).totals, live.totals);
  assert.deepEqual(await monthlyMismatches(w, tenants), [], 'monthly = sum of daily after the refresh');
});
