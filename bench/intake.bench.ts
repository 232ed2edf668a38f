// Issue 20: intake and work orders alone, against the one-statement raw baseline (bench/intake.ts
// intakeCte) and the replay of the app's own recorded statements, in the same run. A throw-away
// province (server: a scratch database; PGlite: a temporary folder).
//   node bench/intake.bench.ts [--db server|pglite] [--appeals 20000] [--seconds 5] [--clients 16] [--profile DIR]
// --profile DIR: the app process runs with --cpu-prof into DIR (one .cpuprofile per run).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../server/src/db/migrate.ts';
import { generate } from '../server/src/seed/gen/index.ts';
import { GEN_PASSWORD } from '../server/src/seed/gen/org.ts';
import { openPgliteDb, openServerDb } from './capture.ts';
import { captureIntake, INTAKE_USER, intakeBaseline, intakeCteBaseline, intakeHttp, intakeRow } from './intake.ts';
import { arg, cpuCeiling, cpuSnapshot, cpuSplit, login, machineCpuPerOp, printTable, scratchDatabase, startApp, type Row } from './lib.ts';
import { readPlan } from './reads.ts';
import { workOrderTokens, workOrdersHttp, workOrdersRow } from './work-orders.ts';

const MODE = arg('db', 'server') as 'server' | 'pglite';
const APPEALS = Number(arg('appeals', '20000'));
const SECONDS = Number(arg('seconds', '5'));
const PROFILE = arg('profile', '');
const label = MODE === 'server' ? 'PostgreSQL' : 'PGlite';
const say = (s: string) => process.stderr.write(`[${label}] ${s}\n`);

const scratch = MODE === 'server' ? await scratchDatabase('intake') : null;
if (MODE === 'server' && !scratch) throw new Error('no PostgreSQL server answered');
const dataDir = MODE === 'pglite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-intake-')) : '';
const open = () => (MODE === 'server' ? openServerDb(scratch!.url) : openPgliteDb(dataDir));
const rows: Row[] = [];
try {
  let b = await open();
  await migrate(b.database);
  say(`generating ${APPEALS.toLocaleString('en-US')} appeals …`);
  await generate(b.database.db, { appeals: APPEALS, enterprises: Math.max(1000, Math.round(APPEALS * 0.06)), years: 5, seed: 1 });
  const plan = await readPlan(b);
  const cap = await captureIntake(b, plan.unitId);
  say(`intake request runs ${cap.seq.length} statements: ${cap.seq.map((s) => s.text.replace(/\s+/g, ' ').slice(0, 40)).join(' | ')}`);
  const clients = Number(arg('clients', MODE === 'server' ? '16' : '4'));
  const c0 = cpuSnapshot(undefined);
  const cte = await intakeCteBaseline(b, scratch?.url, plan.unitId, clients, SECONDS);
  const c1 = cpuSnapshot(undefined);
  say(`one-statement CTE: ${cpuSplit(c0, c1, cte.n)}`);
  const cteCounter = await intakeCteBaseline(b, scratch?.url, plan.unitId, clients, SECONDS, true);
  const replayed = await intakeBaseline(b, scratch?.url, cap, clients, SECONDS);
  const tokens = await workOrderTokens(b.database.db, clients);
  if (MODE === 'pglite') await b.database.close();
  const env: Record<string, string> = MODE === 'server' ? { DATABASE_URL: scratch!.url, DB_POOL_MAX: '20' } : { DATABASE_URL: '', DATA_DIR: dataDir };
  const app = await startApp({ ...env, LOGIN_RATE_PER_MINUTE: '100000' }, PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : []);
  try {
    const s = await Promise.all(Array.from({ length: clients }, () => login(app.url, INTAKE_USER, GEN_PASSWORD)));
    await intakeHttp(app.url, s, plan.unitId, clients, 1); // warm
    const a0 = cpuSnapshot(app.child.pid);
    const appIntake = await intakeHttp(app.url, s, plan.unitId, clients, SECONDS);
    const a1 = cpuSnapshot(app.child.pid);
    say(`app intake: ${cpuSplit(a0, a1, appIntake.n)}`);
    const bound = cpuCeiling({ cpu: machineCpuPerOp(c0, c1, cte.n) }, { cpu: machineCpuPerOp(a0, a1, appIntake.n) });
    say(`intake against the CTE: ${bound.text}; measured ${Math.round((100 * appIntake.rate) / cte.rate)}%`);
    rows.push(intakeRow(label, clients, appIntake, cte, 1));
    rows.push({ ...intakeRow(label, clients, appIntake, cteCounter, 1), scenario: 'intake vs. the CTE drawing the number from the counter' });
    rows.push({ ...intakeRow(label, clients, appIntake, replayed, cap.seq.length), scenario: 'intake vs. its own statements replayed' });
    const orders = await workOrdersHttp(app.url, tokens, SECONDS);
    rows.push(workOrdersRow(label, clients, orders, cte));
  } finally {
    await app.stop();
  }
  if (MODE === 'pglite') b = await open();
  await b.database.close();
} finally {
  await scratch?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
printTable(rows);
