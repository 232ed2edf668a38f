// Issue 20 standalone: the mixed workload (bench/mixed.ts) against a database that `zqt gen` has
// already filled. It WRITES (contact records, new appeals): use a database of your own, never a shared one.
//   node bench/mixed.bench.ts --db-url postgres://postgres@127.0.0.1:5432/<generated database> [--seconds 20] [--rates closed,50,100] [--cpu-prof DIR]
// --rates: `closed` is the closed loop (every user clicks again as soon as answered: the most the app
// serves); a number paces the 64 users at that many requests a second in all (bench/mixed.ts loop). Each
// rate runs its raw baseline, then the app; the last line names the highest rate at which every read
// kept its p95 within the target.
import { openDatabase } from '../server/src/db/client.ts';
import type { BenchDb } from './capture.ts';
import { arg, printTable, startApp } from './lib.ts';
import { MIXED_POOL, mixedBaseline, mixedHttp, mixedPlan, mixedRows } from './mixed.ts';
import { readPlan } from './reads.ts';

const url = arg('db-url', process.env.BENCH_DATABASE_URL ?? '');
const seconds = Number(arg('seconds', '20'));
const prof = arg('cpu-prof', '');
const rates = arg('rates', 'closed')
  .split(',')
  .map((r) => (r.trim() === 'closed' ? undefined : Number(r)));
if (!url || rates.some((r) => r !== undefined && !(r > 0))) {
  console.error(
    'usage: node bench/mixed.bench.ts --db-url postgres://…/<a database filled by zqt gen, your own> [--seconds 20] [--rates closed,50,100] [--cpu-prof DIR]',
  );
  process.exit(2);
}
const database = await openDatabase({ databaseUrl: url });
const plan = await mixedPlan(database.db, await readPlan({ database } as BenchDb));
await database.close();
const app = await startApp(
  { DATABASE_URL: url, DB_POOL_MAX: String(MIXED_POOL), LOGIN_RATE_PER_MINUTE: '100000', BENCH_JOBS: '1' },
  prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : [],
);
const kept: number[] = [];
try {
  for (const rate of rates) {
    const base = await mixedBaseline(url, plan, seconds, rate);
    const rows = mixedRows('PostgreSQL', await mixedHttp(app.url, plan, seconds, rate), base);
    printTable(rows);
    if (rate && rows.every((r) => r.ok !== false)) kept.push(rate);
  }
} finally {
  await app.stop();
}
if (rates.some((r) => r !== undefined)) {
  console.log(kept.length ? `每项读取 p95 均达标的最高负载: ${Math.max(...kept)} 次/秒` : '所测负载下均有读取 p95 未达标');
}
