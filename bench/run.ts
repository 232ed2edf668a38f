// `npm run bench`: the benchmark suite (issue 8). Fills a province with the data generator on the
// PostgreSQL server (a throw-away database) and on PGlite, measures each scenario and its raw
// baseline in the same run, and prints ONE table. Compare with ../shared/PERFORMANCE.md.
//   npm run bench                                  200,000 appeals on the server, 50,000 on PGlite (< 10 min on 2 cores)
//   npm run bench -- --appeals 1000000             the full target run (server; PGlite gets --pglite-appeals, default 50,000)
//   options: --pglite-appeals N  --enterprises N  --seconds 5  --sweep 100000  --import 50000  --webhooks 1000  --only server|pglite|cold|webhooks
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server.
// Standalone micro-benchmarks (not in the table): node bench/calendar.bench.ts, bench/enterprises.bench.ts, bench/foundation.bench.ts,
// bench/contacts.bench.ts (the year at a glance alone, on the server), bench/intake.bench.ts (intake and work orders alone, issue 20);
// on an already generated database: bench/reads.bench.ts (the reads, --cpu-prof DIR), bench/mixed.bench.ts (64 users at once; it
// writes, use your own database), bench/dashboard.bench.ts, bench/assistance.bench.ts, bench/backup.ts --db-url.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { coldStart } from './coldstart.ts';
import { arg, printTable, ROOT, type Row } from './lib.ts';
import { webhooksBench } from './webhooks.bench.ts';

const APPEALS = arg('appeals', '200000');
const PGLITE_APPEALS = arg('pglite-appeals', '50000');
const ONLY = arg('only', '');
const pass = ['enterprises', 'seconds', 'sweep', 'import'].flatMap((k) => (process.argv.includes(`--${k}`) ? [`--${k}`, arg(k, '')] : []));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-'));
const pgliteDir = path.join(tmp, 'pglite');
const t0 = performance.now();

console.log(
  `政企通 benchmark — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM`,
);
console.log(
  `sizes: ${Number(APPEALS).toLocaleString('en-US')} appeals on the PostgreSQL server, ${Number(PGLITE_APPEALS).toLocaleString('en-US')} on PGlite, over 5 years; raw baselines measured in the same run\n`,
);

const rows: Row[] = [];
let failed = false;
function suite(db: 'server' | 'pglite', appeals: string) {
  const out = path.join(tmp, `${db}.json`);
  const args = [
    path.join(ROOT, 'bench/suite.ts'),
    '--db',
    db,
    '--appeals',
    appeals,
    '--out',
    out,
    ...pass,
    ...(db === 'pglite' ? ['--data-dir', pgliteDir] : []),
  ];
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  if (r.status !== 0) {
    failed = true;
    console.error(`(bench/suite.ts --db ${db} exited with ${r.status})`);
  }
  if (fs.existsSync(out)) rows.push(...(JSON.parse(fs.readFileSync(out, 'utf8')) as Row[]));
}

try {
  if (!ONLY || ONLY === 'server') suite('server', APPEALS);
  if (!ONLY || ONLY === 'pglite') suite('pglite', PGLITE_APPEALS);
  if (!ONLY || ONLY === 'cold' || ONLY === 'pglite') {
    process.stderr.write('[PGlite] cold start …\n');
    rows.push(...(await coldStart(fs.existsSync(pgliteDir) ? pgliteDir : null)));
  }
  // Issue 18: webhook deliveries per second to a local receiver, beside raw signed POSTs (a few seconds each).
  for (const db of ['server', 'pglite'] as const) {
    if (ONLY && ONLY !== db && ONLY !== 'webhooks') continue;
    process.stderr.write(`[${db}] webhook deliveries …\n`);
    const r = await webhooksBench({ n: Number(arg('webhooks', '1000')), concurrency: 8, db });
    if (r) rows.push(r);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

console.log('');
const order = (r: Row) =>
  [
    'generate',
    'intake',
    'work orders in',
    'workbench',
    'appeal page',
    'keyword',
    '三率',
    'dashboard',
    'monthly report',
    'year at a glance',
    'SLA sweep, first',
    'SLA sweep, every',
    'enterprise import',
    'webhook deliveries',
    'cold start',
  ].findIndex((k) => r.scenario.startsWith(k));
printTable(rows.sort((a, b) => order(a) - order(b) || a.database.localeCompare(b.database)));
console.log(`\nratio: app ÷ raw (time: lower is better; intake: share of the raw rate). Whole run ${((performance.now() - t0) / 60000).toFixed(1)} min.`);
process.exit(failed ? 1 : 0);
