// Issue 20 standalone: the read scenarios of the suite (bench/reads.ts: workbench, appeal page, keyword
// search, figures, dashboard) and their raw baselines against a database that `zqt gen` has already
// filled — the app's own cost per request (ratio app ÷ raw) without regenerating a province.
// Read-only: logs in (a session row per login) and reads, nothing else.
//   node bench/reads.bench.ts --db-url postgres://postgres@127.0.0.1:5432/<generated database> [--cpu-prof DIR]
//   node bench/reads.bench.ts --data-dir <an embedded data folder filled by zqt gen> [--cpu-prof DIR]
// --cpu-prof DIR: the app process writes a V8 CPU profile (.cpuprofile) of the requests to DIR.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/src/db/client.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import type { BenchDb } from './capture.ts';
import { arg, login, printTable, startApp } from './lib.ts';
import { rawRunner, readBaselines, readPlan, readRequests, readRows } from './reads.ts';

const url = arg('db-url', process.env.BENCH_DATABASE_URL ?? '');
const dataDir = arg('data-dir', '');
const prof = arg('cpu-prof', '');
if (!url === !dataDir) {
  console.error(
    'usage: node bench/reads.bench.ts (--db-url postgres://…/<a database filled by zqt gen> | --data-dir <a PGlite folder filled by zqt gen>) [--cpu-prof DIR]',
  );
  process.exit(2);
}
// PGlite: the raw baselines on the folder before the app opens it (one process at a time per folder).
const database = await openDatabase(dataDir ? { dataDir } : { databaseUrl: url });
const b = { database, pglite: database.pglite } as BenchDb;
const plan = await readPlan(b);
const [{ open }] = await queryRows<{ open: number }>(
  database.db,
  sql`SELECT count(*)::int AS open FROM appeals WHERE lead_unit_id = ${plan.unitId} AND closed_at IS NULL`,
);
let base: Awaited<ReturnType<typeof readBaselines>>;
if (dataDir) {
  base = await readBaselines(rawRunner(b), plan);
  await database.close();
} else {
  await database.close();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  base = await readBaselines(rawRunner(b, pool), plan);
  await pool.end();
}
const app = await startApp(
  { ...(dataDir ? { DATABASE_URL: '', DATA_DIR: dataDir } : { DATABASE_URL: url, DB_POOL_MAX: '20' }), LOGIN_RATE_PER_MINUTE: '100000' },
  prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [],
);
try {
  const staff = await login(app.url, plan.staffUser, GEN_PASSWORD);
  const coord = await login(app.url, 'g370000_coord', GEN_PASSWORD);
  printTable(readRows(dataDir ? 'PGlite' : 'PostgreSQL', await readRequests(app.url, staff, coord, plan), base, open));
} finally {
  await app.stop();
}
