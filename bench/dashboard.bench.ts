// Issue 16 standalone: the dashboard and monthly-report scenarios of the suite against a database that
// `zqt gen` has already filled (the full `npm run bench` generates its own; at 1M appeals that takes
// ~10–30 min). Same measurements and baselines as bench/reads.ts and bench/reports.ts.
//   node bench/dashboard.bench.ts --db-url postgres://postgres@127.0.0.1:5432/<generated database>
import pg from 'pg';
import { openDatabase } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import type { BenchDb } from './capture.ts';
import { arg, get, login, printTable, sequential, startApp, type Row } from './lib.ts';
import { rawRunner, readBaselines, readPlan } from './reads.ts';
import { reportScenario } from './reports.ts';

const url = arg('db-url', process.env.BENCH_DATABASE_URL ?? '');
if (!url) {
  console.error('usage: node bench/dashboard.bench.ts --db-url postgres://…/<a database filled by zqt gen>');
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: url });
await migrate(database);
const b = { database } as BenchDb;
const plan = await readPlan(b);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const base = (await readBaselines(rawRunner(b, pool), plan)).dashboard;
await pool.end();
const rows: Row[] = [];
const app = await startApp({ DATABASE_URL: url, DB_POOL_MAX: '20', LOGIN_RATE_PER_MINUTE: '100000' });
try {
  const coord = await login(app.url, 'g370000_coord', GEN_PASSWORD);
  const a = await sequential(100, () => get(`${app.url}/api/dashboard?year=${plan.from.slice(0, 4)}`, coord), 5);
  rows.push({
    scenario: 'dashboard, province-year with 16 cities (GET /api/dashboard)',
    database: 'PostgreSQL',
    p50: a.p50,
    p95: a.p95,
    throughput: a.rate,
    unit: 'req/s',
    baseline: `p95 ${base.p95.toFixed(2)} ms (received/closed by tenant × month from appeals)`,
    ratio: `${(a.p95 / base.p95).toFixed(1)}×`,
    target: 'p95 ≤ 50 ms',
    ok: a.p95 <= 50,
  });
} finally {
  await app.stop();
}
rows.push(...(await reportScenario(database.db, 'PostgreSQL')));
await database.close();
printTable(rows);
