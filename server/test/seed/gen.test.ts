// The data generator (`zqt gen`, issue 8) on a small scale, in both database modes: counts, the same
// seed gives the same data, the rows pass the checks the app applies (valid USCCs, deadlines from the
// calendar, milestone states, row agrees with its timeline), refusal without --append, and the app
// serves a generated user (login, workbench, figures, search).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, queryRows, type Database } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { ownerDatabaseUrl } from '../helpers/db.ts';
import { cycleDeadlines, doneState } from '../../src/domain/appeals/clock.ts';
import { cityOf, isCountyCode } from '../../src/domain/regions/index.ts';
import { checkUscc } from '../../src/domain/uscc.ts';
import { tenantEnv } from '../../src/modules/appeals/index.ts';
import { generate, GenRefused, type GenOptions } from '../../src/seed/gen/index.ts';
import { GEN_PASSWORD } from '../../src/seed/gen/org.ts';

const NOW = new Date('2026-11-20T10:30:00+08:00');
const OPTS: GenOptions = { appeals: 2000, enterprises: 300, years: 3, seed: 42, now: NOW, silent: true };
const opened: { database: Database; drop?: () => Promise<void> }[] = [];

/**
 * A fresh empty database: in-memory PGlite, or a database of its own on the server when DATABASE_URL
 * is set — made, migrated and filled by the owner, as `zqt gen` is maintenance work.
 */
async function freshDatabase(): Promise<Database> {
  const url = ownerDatabaseUrl();
  if (!url) {
    const database = await openDatabase({});
    await migrate(database);
    opened.push({ database });
    return database;
  }
  const name = `zqt_scale_gen_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolMax: 4 });
  await migrate(database);
  opened.push({
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
  return database;
}

// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('zqt gen', () => {
  after(async () => {
    for (const o of opened) {
      await o.database.close();
      await o.drop?.();
    }
  });

  /** What must be equal between two generations with the same seed (ids of demo units differ, so names are compared). Demo appeals have no creator, but for those of the demo proposals (R3.3), made by intake. */
  async function digest(d: Database) {
    const rows = await queryRows<Record<string, unknown>>(
      d.db,
      sql`
    SELECT a.number, a.title, a.content, a.enterprise_name, a.enterprise_uscc, a.channel, a.category, a.state, a.received_at, a.contact_due_at,
      a.opinion_due_at, a.resolution_due_at, a.resolution_done_at, a.evaluation, a.close_reason, a.reopen_count, u.name AS unit,
      (SELECT count(*) FROM appeal_events e WHERE e.appeal_id = a.id)::int AS events
    FROM appeals a LEFT JOIN units u ON u.id = a.lead_unit_id
    WHERE a.created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.appeal_id = a.id) ORDER BY a.number`,
    );
    return { n: rows.length, hash: crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
  }

  let A: Database;
  let summaryA: Awaited<ReturnType<typeof generate>>;
  before(async () => {
    A = await freshDatabase();
    summaryA = await generate(A.db, OPTS);
  });

  test('gen: counts of a small province (17 tenants, units, generated accounts, enterprises, appeals with timelines)', async () => {
    assert.equal(summaryA.tenants, 17);
    assert.equal(summaryA.appeals, 2000);
    assert.equal(summaryA.enterprisesInserted, 300);
    assert.ok(summaryA.events > 2000 * 5, `${summaryA.events} events`);
    const [c] = await queryRows<{ gen_users: number; tenants_with_appeals: number; open: number; recent_open: number; closed: number }>(
      A.db,
      sql`
    SELECT (SELECT count(*) FROM users WHERE username LIKE 'g37%')::int AS gen_users,
      (SELECT count(DISTINCT tenant_id) FROM appeals)::int AS tenants_with_appeals,
      count(*) FILTER (WHERE closed_at IS NULL)::int AS open,
      count(*) FILTER (WHERE closed_at IS NULL AND received_at > ${NOW}::timestamptz - interval '45 days')::int AS recent_open,
      count(*) FILTER (WHERE closed_at IS NOT NULL)::int AS closed
    FROM appeals WHERE received_at < ${NOW}`,
    );
    assert.ok(c.gen_users > 17 * 10, `${c.gen_users} generated accounts`);
    assert.equal(c.tenants_with_appeals, 17);
    // Most appeals are closed; the open ones are recent.
    assert.ok(c.closed > c.open * 4, JSON.stringify(c));
    assert.ok(c.recent_open >= c.open * 0.9, JSON.stringify(c));
    const mix = await queryRows<{ k: string; n: number }>(
      A.db,
      sql`SELECT 'c:' || channel AS k, count(*)::int AS n FROM appeals GROUP BY 1
    UNION ALL SELECT 'e:' || coalesce(close_reason, 'open'), count(*)::int FROM appeals GROUP BY 1`,
    );
    assert.ok(mix.filter((m) => m.k.startsWith('c:')).length >= 12, 'many channels');
    for (const k of ['e:satisfied', 'e:basically_satisfied', 'e:unevaluated', 'e:answered_on_spot', 'e:open'])
      assert.ok(
        mix.some((m) => m.k === k && m.n > 0),
        k,
      );
    const [reopened] = await queryRows<{ n: number }>(A.db, sql`SELECT count(*)::int AS n FROM appeals WHERE reopen_count > 0`);
    assert.ok(reopened.n > 0, 'some appeals were reopened (不满意 → 重办)');
    // The planner has statistics of what was written last (the roll-ups): gen runs as the owner here.
    assert.equal(summaryA.analyzed, true);
    const stats = await queryRows<{ relname: string; reltuples: number }>(
      A.db,
      sql`SELECT relname, reltuples FROM pg_class WHERE relname IN ('appeal_figures_daily', 'appeal_words_daily', 'appeals') ORDER BY relname`,
    );
    for (const t of stats) assert.ok(Number(t.reltuples) > 0, `${t.relname} analyzed: ${t.reltuples}`);
    // …and vacuumed, as autovacuum would leave a bulk-loaded table: the visibility map is set, so index-only
    // and bitmap scans need not read the heap to check visibility (autovacuum is off on the test server).
    const [vm] = await queryRows<{ pages: number; visible: number }>(
      A.db,
      sql`SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'appeals'`,
    );
    assert.ok(vm.pages > 0 && vm.visible >= vm.pages * 0.9, `appeals vacuumed: ${vm.visible} of ${vm.pages} pages all-visible`);
  });

  test('gen: enterprises have valid USCCs of their county, city enterprises lie in their city', async () => {
    const rows = await queryRows<{ uscc: string; region_code: string; code: string }>(
      A.db,
      sql`
    SELECT e.uscc, e.region_code, t.code FROM enterprises e JOIN tenants t ON t.id = e.tenant_id`,
    );
    assert.ok(rows.length >= 300);
    for (const e of rows) {
      assert.ok(checkUscc(e.uscc).valid, e.uscc);
      assert.equal(e.uscc.slice(2, 8), e.region_code);
      assert.ok(isCountyCode(e.region_code), e.region_code);
      if (e.code !== '370000') assert.equal(cityOf(e.region_code), e.code);
    }
  });

  test("gen: deadlines are the calendar's, milestone states agree with due and done, the row agrees with its timeline", async () => {
    const rows = await queryRows<Record<string, string | null> & { tenant_id: string; resumed: boolean; last_state: string; open_events: number }>(
      A.db,
      sql`
    SELECT a.tenant_id, a.state, a.cycle_started_at, a.closed_at,
      a.contact_due_at, a.contact_done_at, a.contact_state, a.opinion_due_at, a.opinion_done_at, a.opinion_state,
      a.resolution_due_at, a.resolution_done_at, a.resolution_state,
      EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = 'resume') AS resumed,
      (SELECT e.state_after FROM appeal_events e WHERE e.appeal_id = a.id ORDER BY e.id DESC LIMIT 1) AS last_state
    FROM appeals a WHERE a.created_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM proposals p WHERE p.appeal_id = a.id)`,
    );
    assert.equal(rows.length, 2000);
    const envs = new Map<string, Awaited<ReturnType<typeof tenantEnv>>>();
    for (const r of rows) {
      if (!envs.has(r.tenant_id)) envs.set(r.tenant_id, await tenantEnv(A.db, r.tenant_id));
      const env = envs.get(r.tenant_id)!;
      const due = cycleDeadlines(new Date(r.cycle_started_at!), env.sla, env.calendar);
      const t = (m: 'contact' | 'opinion' | 'resolution') => new Date(r[`${m}_due_at`]!).getTime();
      assert.equal(t('contact'), due.contact.getTime());
      if (!r.resumed) {
        assert.equal(t('opinion'), due.opinion.getTime());
        assert.equal(t('resolution'), due.resolution.getTime());
      }
      for (const m of ['contact', 'opinion', 'resolution'] as const) {
        const done = r[`${m}_done_at`];
        if (done) assert.equal(r[`${m}_state`], doneState(new Date(r[`${m}_due_at`]!), new Date(done)), `${m} state`);
        else assert.ok(['pending', 'due_soon', 'overdue'].includes(r[`${m}_state`]!), `${m}: ${r[`${m}_state`]}`);
      }
      assert.equal(r.last_state, r.state, 'the last timeline event leads to the stored state');
      assert.equal(r.closed_at !== null, r.state === 'closed');
    }
  });

  test('gen: the same seed and end instant give the same data; another seed does not', async () => {
    const B = await freshDatabase();
    await generate(B.db, OPTS);
    const [a, b] = [await digest(A), await digest(B)];
    assert.equal(a.n, 2000);
    assert.deepEqual(b, a);
    const C = await freshDatabase();
    await generate(C.db, { ...OPTS, seed: 43, appeals: 300, enterprises: 20 });
    assert.notEqual((await digest(C)).hash, a.hash);
    // A second run is refused unless --append; an append continues the numbers.
    await assert.rejects(generate(C.db, { ...OPTS, appeals: 10 }), GenRefused);
    const s = await generate(C.db, { ...OPTS, seed: 43, appeals: 200, enterprises: 10, append: true });
    assert.equal(s.run, 2);
    const [dup] = await queryRows<{ n: number; total: number }>(
      C.db,
      sql`
    SELECT (SELECT count(*) FROM (SELECT tenant_id, number FROM appeals GROUP BY 1, 2 HAVING count(*) > 1) d)::int AS n, (SELECT count(*) FROM appeals)::int AS total`,
    );
    assert.equal(dup.n, 0);
  });

  test('gen: the app serves a generated user — login, workbench, figures, keyword search', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000', DATABASE_URL: '' });
    const app = await buildApp({ config, database: A });
    try {
      const login = async (username: string) => {
        const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: GEN_PASSWORD } });
        assert.equal(r.statusCode, 200, r.body);
        const cookie = String(r.headers['set-cookie']).split(';')[0];
        return { cookie, 'x-csrf-token': r.json().csrfToken as string };
      };
      // A staff member of the provincial unit with the most open appeals.
      const [busiest] = await queryRows<{ username: string }>(
        A.db,
        sql`
      SELECT u.username FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE t.code = '370000' AND u.username LIKE 'g370000\_u%\_staff1' ESCAPE '\'
      ORDER BY (SELECT count(*) FROM appeals a WHERE a.lead_unit_id = u.unit_id AND a.closed_at IS NULL) DESC, u.username LIMIT 1`,
      );
      const staff = await login(busiest.username);
      const wb = await app.inject({ method: 'GET', url: '/api/appeals?view=lead&open=true', headers: staff });
      assert.equal(wb.statusCode, 200, wb.body);
      const page = wb.json();
      const [own] = await queryRows<{ n: number }>(
        A.db,
        sql`
      SELECT count(*)::int AS n FROM appeals a JOIN users u ON u.unit_id = a.lead_unit_id WHERE u.username = ${busiest.username} AND a.closed_at IS NULL`,
      );
      assert.ok(own.n > 0, 'the unit has open appeals');
      assert.equal(page.total, own.n);
      {
        const one = await app.inject({ method: 'GET', url: `/api/appeals/${page.items[0].id}`, headers: staff });
        assert.equal(one.statusCode, 200, one.body);
        assert.ok(one.json().events.length >= 2);
      }

      const coord = await login('g370000_coord');
      const from = '2026-01-01T00:00:00+08:00';
      const to = '2027-01-01T00:00:00+08:00';
      const fig = await app.inject({
        method: 'GET',
        url: `/api/appeals/figures?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        headers: coord,
      });
      assert.equal(fig.statusCode, 200, fig.body);
      const [rec] = await queryRows<{ n: number }>(
        A.db,
        sql`
      SELECT count(*)::int AS n FROM appeals a JOIN tenants t ON t.id = a.tenant_id WHERE t.code = '370000' AND a.received_at >= ${new Date(from)} AND a.received_at < ${new Date(to)}`,
      );
      assert.equal(fig.json().totals.received, rec.n);
      assert.ok(fig.json().totals.satisfactionRate > 0.5);

      const q = await app.inject({ method: 'GET', url: `/api/appeals?q=${encodeURIComponent('许可证')}`, headers: coord });
      assert.equal(q.statusCode, 200, q.body);
      const found = q.json();
      assert.ok(found.total > 0);
      const ids = found.items.map((it: { id: string }) => it.id);
      const texts = await queryRows<{ t: string }>(
        A.db,
        sql`SELECT title || content AS t FROM appeals WHERE id IN (${sql.join(
          ids.map((i: string) => sql`${i}::uuid`),
          sql`, `,
        )})`,
      );
      assert.equal(texts.length, ids.length);
      for (const x of texts) assert.match(x.t, /许可证/);
    } finally {
      await app.close();
    }
  });
});
