// Issue 19 standalone: the assistance scenarios of the suite (bench/assistance.ts) against a database
// that `zqt gen` has already filled. Migrates it, builds the hot-word roll-up if it is not built yet
// (timed: the first run of the 'hot-words-rollup' task on an existing database), times the live
// computation hot topics used before the roll-up (once, for comparison), then measures over HTTP.
//   node bench/assistance.bench.ts --db-url postgres://postgres@127.0.0.1:5432/<generated database>
import pg from 'pg';
import { openDatabase } from '../server/src/db/client.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { runHotWordsRollup } from '../server/src/modules/appeals/index.ts';
import { liveHotTopics } from '../server/src/modules/assistance/assistance.hot-topics.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import {
  ASSISTANCE_APP_ENV,
  ASSISTANCE_COORD_USER,
  ASSISTANCE_INTAKE_USER,
  assistanceBaselines,
  assistanceHttp,
  assistancePlan,
  assistanceRows,
} from './assistance.ts';
import { arg, login, printTable, startApp, type Row } from './lib.ts';

const url = arg('db-url', process.env.BENCH_DATABASE_URL ?? '');
if (!url) {
  console.error('usage: node bench/assistance.bench.ts --db-url postgres://…/<a database filled by zqt gen>');
  process.exit(2);
}
const say = (s: string) => process.stderr.write(`[assistance] ${s}\n`);
const database = await openDatabase({ databaseUrl: url });
await migrate(database);
const rows: Row[] = [];
let plan = await assistancePlan(database.db);
if (!plan.rolledUp) {
  say('building the hot-word roll-up (first run of the task) …');
  const t0 = performance.now();
  const r = await runHotWordsRollup(database.db, new Date());
  const ms = performance.now() - t0;
  const t1 = performance.now();
  await runHotWordsRollup(database.db, new Date());
  rows.push({
    scenario: 'hot-word roll-up, first build of every tenant (hot-words-rollup task)',
    database: 'PostgreSQL',
    p50: ms,
    throughput: r.result.appealsRead / (ms / 1000),
    unit: 'appeals/s',
    note: `${r.result.appealsRead.toLocaleString('en-US')} appeals split; the next run (nothing touched) ${(performance.now() - t1).toFixed(0)} ms`,
  });
  plan = await assistancePlan(database.db);
}
if (arg('live', 'yes') === 'yes') {
  say('hot topics computed live, once (what the roll-up replaces) …');
  const t0 = performance.now();
  const live = await liveHotTopics(database.db, plan.tenantIds, 'month', null, new Date());
  rows.push({
    scenario: 'hot topics province-month computed live (before the roll-up: every text split)',
    database: 'PostgreSQL',
    p50: performance.now() - t0,
    note: `${live.n.toLocaleString('en-US')} + ${live.baselineN.toLocaleString('en-US')} appeals split, once`,
  });
}
const pool = new pg.Pool({ connectionString: url, max: 2 });
say('raw baselines …');
const base = await assistanceBaselines((t, v) => pool.query(t, v), plan);
await pool.end();
const app = await startApp({ DATABASE_URL: url, DB_POOL_MAX: '20', LOGIN_RATE_PER_MINUTE: '100000', ...ASSISTANCE_APP_ENV });
try {
  say('requests …');
  const intake = await login(app.url, ASSISTANCE_INTAKE_USER, GEN_PASSWORD);
  const coord = await login(app.url, ASSISTANCE_COORD_USER, GEN_PASSWORD);
  rows.push(...assistanceRows('PostgreSQL', await assistanceHttp(app.url, intake, coord, plan), base, plan));
} finally {
  await app.stop();
}
await database.close();
printTable(rows);
