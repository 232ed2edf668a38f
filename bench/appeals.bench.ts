// Appeals benchmark (issue 6): intake POST throughput and p95 over real HTTP; workbench list and
// appeal page p95 with many appeals bulk-loaded by generate_series. Runs on PGlite and on the server.
//   node bench/appeals.bench.ts [--count 200000] [--pglite-count 50000] [--only pglite|server] [--seconds 5]
// The issue's full target is 1,000,000 appeals: pass --count 1000000 (the server needs ~1.5 GB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase, queryRows, type Db } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { cycleDeadlines } from '../server/src/domain/appeals/clock.ts';
import { DEFAULT_SLA_SETTINGS, getBundledCalendar } from '../server/src/domain/calendar/index.ts';
import { documentWords } from '../server/src/modules/appeals/appeals.search.ts';
import { createScene, createUnit, createUser, type TestUser } from '../server/test/helpers/factory.ts';
import { scratchDatabase, summarize, table } from './lib.ts';

const arg = (name: string, dflt: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : dflt);
const COUNT = Number(arg('count', '200000'));
const PGLITE_COUNT = Number(arg('pglite-count', process.argv.includes('--count') ? String(COUNT) : '50000'));
const ONLY = arg('only', '');
const SECONDS = Number(arg('seconds', '5'));
const UNITS = 20;

/** Bulk load: `count` appeals over UNITS units of one tenant; deadlines computed by the calendar module for 400 receipt instants and reused. */
async function bulkLoad(db: Db, tenantId: string, unitIds: string[], count: number) {
  const cal = getBundledCalendar();
  const now = Date.now();
  const samples = Array.from({ length: 400 }, (_, i) => {
    const received = new Date(now - (i * 37 + 1) * 3_600_000);
    const d = cycleDeadlines(received, DEFAULT_SLA_SETTINGS, cal);
    return { received: received.toISOString(), contact: d.contact.toISOString(), opinion: d.opinion.toISOString(), resolution: d.resolution.toISOString() };
  });
  const words = documentWords('危险化学品经营许可证延期办理咨询', '企业反映许可证即将到期，咨询延期办理所需材料');
  const t0 = performance.now();
  const batch = 100_000;
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1);
    await db.execute(sql`
      INSERT INTO appeals (tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content, received_at, state,
        lead_unit_id, dispatched_at, accepted_at, cycle_started_at, contact_due_at, opinion_due_at, resolution_due_at, contact_done_at, contact_state,
        next_due_at, closed_at, close_reason, search_vector)
      SELECT ${tenantId}, 'ZQT-BENCH-' || lpad(g::text, 7, '0'), '企业' || (g % 5000), '联系人', '13800000000',
        (ARRAY['hotline','website','wechat','letter','hotline_12345'])[1 + g % 5], (ARRAY['policy','licensing','enforcement','complaint','hazard'])[1 + g % 5],
        '诉求标题' || g, '诉求内容', s.received, CASE WHEN g % 10 < 4 THEN 'closed' WHEN g % 10 < 9 THEN 'handling' ELSE 'dispatched' END,
        (${sql.raw(`ARRAY[${unitIds.map((u) => `'${u}'::uuid`).join(',')}]`)})[1 + g % ${UNITS}], s.received, s.received, s.received,
        s.contact, s.opinion, s.resolution, CASE WHEN g % 10 < 9 AND g % 10 >= 0 AND g % 3 = 0 THEN s.received END, 'pending',
        CASE WHEN g % 10 < 4 THEN NULL WHEN g % 3 = 0 THEN s.opinion ELSE s.contact END,
        CASE WHEN g % 10 < 4 THEN s.resolution END, CASE WHEN g % 10 < 4 THEN 'satisfied' END,
        to_tsvector('simple', ${words})
      FROM generate_series(${start}::int, ${end}::int) g
      JOIN (SELECT (e.n - 1)::int AS k, (e.v->>'received')::timestamptz AS received, (e.v->>'contact')::timestamptz AS contact,
              (e.v->>'opinion')::timestamptz AS opinion, (e.v->>'resolution')::timestamptz AS resolution
            FROM jsonb_array_elements(${JSON.stringify(samples)}::jsonb) WITH ORDINALITY AS e(v, n)) s ON s.k = g % 400`);
  }
  await db.execute(sql`ANALYZE appeals`);
  return performance.now() - t0;
}

async function timeRequests(n: number, fn: (i: number) => Promise<Response>) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await fn(i);
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

async function scenario(label: string, databaseUrl: string | undefined, count: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-appeals-'));
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? undefined : dataDir, poolMax: 20 });
  await migrate(database);
  const db = database.db;
  const { province } = await createScene(db);
  const units = [await createUnit(db, province.id, { kind: 'business', sectors: ['hazchem'] })];
  for (let i = 1; i < UNITS; i++) units.push(await createUnit(db, province.id));
  const intake = await createUser(db, province.id, { roles: ['intake'], scope: 'tenant', unitId: units[0].id });
  const staff = await createUser(db, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: units[0].id });

  const loadMs = await bulkLoad(db, province.id, units.map((u) => u.id), count);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl ?? '' });
  const app = await buildApp({ config, database });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const headers = (u: TestUser) => ({ cookie: `zqt_sid=${u.token}`, 'x-csrf-token': u.csrfToken, 'content-type': 'application/json' });

  // Intake throughput: concurrent clients posting for SECONDS seconds.
  const concurrency = databaseUrl ? 16 : 4;
  const lat: number[] = [];
  let posted = 0;
  const stopAt = performance.now() + SECONDS * 1000;
  const body = (i: number) =>
    JSON.stringify({ enterpriseName: '鲁华化工有限公司', contactName: '王建国', contactPhone: '13800138000', channel: 'hotline', category: 'licensing', title: `压测诉求${i}`, content: '危险化学品经营许可证延期办理咨询', dispatch: { leadUnitId: units[0].id } });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      let i = 0;
      while (performance.now() < stopAt) {
        const t = performance.now();
        const r = await fetch(`${address}/api/appeals`, { method: 'POST', headers: { ...headers(intake), 'idempotency-key': `b-${w}-${i}` }, body: body(i++) });
        await r.arrayBuffer();
        if (r.status !== 201) throw new Error(`intake ${r.status}`);
        lat.push(performance.now() - t);
        posted++;
      }
    }),
  );
  const intakeSecs = (performance.now() - t0) / 1000;
  const intakeStats = summarize(lat);

  // Workbench: the unit's 20 open appeals in due order; appeal page: random appeals of the unit.
  const open = await queryRows<{ id: string }>(db, sql`SELECT id FROM appeals WHERE tenant_id = ${province.id} AND lead_unit_id = ${units[0].id} AND closed_at IS NULL LIMIT 500`);
  await timeRequests(20, () => fetch(`${address}/api/appeals?view=lead&open=true`, { headers: headers(staff) }));
  const workbench = await timeRequests(300, () => fetch(`${address}/api/appeals?view=lead&open=true`, { headers: headers(staff) }));
  const page = await timeRequests(300, (i) => fetch(`${address}/api/appeals/${open[i % open.length].id}`, { headers: headers(staff) }));
  const search = await timeRequests(100, () => fetch(`${address}/api/appeals?q=${encodeURIComponent('许可证')}&view=lead`, { headers: headers(staff) }));

  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [
    { database: label, scenario: `bulk load ${count.toLocaleString('en-US')} appeals`, figure: `${(loadMs / 1000).toFixed(1)} s`, p50_ms: '', p95_ms: '' },
    { database: label, scenario: `intake POST, ${concurrency} clients, ${SECONDS}s`, figure: `${Math.round(posted / intakeSecs)} req/s`, p50_ms: intakeStats.p50.toFixed(1), p95_ms: intakeStats.p95.toFixed(1) },
    { database: label, scenario: `workbench list (unit of ${Math.round(count / UNITS).toLocaleString('en-US')})`, figure: `n=${workbench.n}`, p50_ms: workbench.p50.toFixed(2), p95_ms: workbench.p95.toFixed(2) },
    { database: label, scenario: 'appeal page', figure: `n=${page.n}`, p50_ms: page.p50.toFixed(2), p95_ms: page.p95.toFixed(2) },
    { database: label, scenario: 'keyword search 许可证 in the unit', figure: `n=${search.n}`, p50_ms: search.p50.toFixed(2), p95_ms: search.p95.toFixed(2) },
  ];
}

const rows: Record<string, string | number>[] = [];
if (ONLY !== 'server') rows.push(...(await scenario('PGlite', undefined, PGLITE_COUNT)));
if (ONLY !== 'pglite') {
  const scratch = await scratchDatabase('appeals');
  if (!scratch) console.log('(no PostgreSQL server answered: server scenario skipped)');
  else {
    try {
      rows.push(...(await scenario('PostgreSQL', scratch.url, COUNT)));
    } finally {
      await scratch.drop();
    }
  }
}
console.log(`Node ${process.version}, ${os.cpus().length} cores; targets: workbench p95 ≤ 20 ms, appeal page ≤ 10 ms`);
table(rows);
