// Issue 20 standalone: the mixed workload (bench/mixed.ts) against a database that `zqt gen` has
// already filled. It WRITES (contact records, new appeals): use a database of your own, never a shared one.
//   node bench/mixed.bench.ts --db-url postgres://postgres@127.0.0.1:5432/<generated database> [--seconds 20] [--cpu-prof DIR]
import { openDatabase } from '../server/src/db/client.ts';
import type { BenchDb } from './capture.ts';
import { arg, printTable, startApp } from './lib.ts';
import { MIXED_POOL, mixedBaseline, mixedHttp, mixedPlan, mixedRows } from './mixed.ts';
import { readPlan } from './reads.ts';

const url = arg('db-url', process.env.BENCH_DATABASE_URL ?? '');
const seconds = Number(arg('seconds', '20'));
const prof = arg('cpu-prof', '');
if (!url) {
  console.error('usage: node bench/mixed.bench.ts --db-url postgres://…/<a database filled by zqt gen, your own> [--seconds 20] [--cpu-prof DIR]');
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: url });
const plan = await mixedPlan(database.db, await readPlan({ database } as BenchDb));
await database.close();
const base = await mixedBaseline(url, plan, seconds);
const app = await startApp(
  { DATABASE_URL: url, DB_POOL_MAX: String(MIXED_POOL), LOGIN_RATE_PER_MINUTE: '100000' },
  prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [],
);
try {
  printTable(mixedRows('PostgreSQL', await mixedHttp(app.url, plan, seconds), base));
} finally {
  await app.stop();
}
