// Demo appeals: a few hundred across channels and states, on time and overdue, deterministic,
// loaded set-based with deadlines from the calendar module relative to the current date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { loadAppealDemo } from '../../src/seed/demo-appeals.ts';
import { testDatabase } from '../helpers/db.ts';
import { createScene, createUnit, createUser } from '../helpers/factory.ts';
import { call, testApp } from '../helpers/app.ts';

test('demo appeals: states, channels, overdue and due soon, readable through the API', async () => {
  const { app } = await testApp();
  const db = (await testDatabase()).db;
  const { province } = await createScene(db);
  await createUnit(db, province.id, { kind: 'business', sectors: ['hazchem'] });
  await createUnit(db, province.id, { kind: 'enforcement', sectors: ['hazchem', 'mining', 'industry'] });
  const [{ code }] = await queryRows<{ code: string }>(db, sql`SELECT code FROM tenants WHERE id = ${province.id}`);
  const t0 = performance.now();
  const n = await loadAppealDemo(db, [{ code, count: 300 }]);
  const ms = performance.now() - t0;
  assert.equal(n, 300);
  assert.ok(ms < 30_000, `${ms} ms`);
  const rows = await queryRows<{ state: string; n: number }>(
    db,
    sql`SELECT state, count(*)::int AS n FROM appeals WHERE tenant_id = ${province.id} GROUP BY state`,
  );
  const states = Object.fromEntries(rows.map((r) => [r.state, r.n]));
  for (const s of ['received', 'dispatched', 'handling', 'replied', 'closed']) assert.ok(states[s] > 0, s);
  const [c] = await queryRows<{ overdue: number; channels: number; events: number }>(
    db,
    sql`
    SELECT (SELECT count(*)::int FROM appeals WHERE tenant_id = ${province.id} AND next_due_at < now()) AS overdue,
      (SELECT count(DISTINCT channel)::int FROM appeals WHERE tenant_id = ${province.id}) AS channels,
      (SELECT count(*)::int FROM appeal_events WHERE tenant_id = ${province.id}) AS events`,
  );
  assert.ok(c.overdue > 0 && c.channels > 8 && c.events > 900, JSON.stringify(c));
  // R6.2: a paused demo appeal holds the remaining working days of its open milestone, like a real pause.
  const paused = await queryRows<{ pause: { milestones: { resolution?: { remainingWorkdays: number } } } }>(
    db,
    sql`
    SELECT pause FROM appeals WHERE tenant_id = ${province.id} AND state = 'paused' AND deadline_error IS NULL`,
  );
  assert.ok(paused.length > 0);
  for (const p of paused) assert.equal(typeof p.pause.milestones.resolution?.remainingWorkdays, 'number');
  const oversight = await createUser(db, province.id, { roles: ['oversight'], scope: 'tenant' });
  const list = await call(app, oversight, { method: 'GET', url: '/api/appeals?open=true' });
  assert.equal(list.statusCode, 200, list.body);
  const first = list.json().items[0];
  const d = await call(app, oversight, { method: 'GET', url: `/api/appeals/${first.id}` });
  assert.equal(d.statusCode, 200, d.body);
  const f = await call(app, oversight, { method: 'GET', url: `/api/appeals/figures?from=2020-01-01T00:00:00%2B08:00&to=2030-01-01T00:00:00%2B08:00` });
  assert.equal(f.json().totals.received, 300);
});
