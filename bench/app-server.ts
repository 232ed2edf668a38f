// The app under test for the benchmarks: the same boot as server/src/serve.ts (open, migrate,
// tenants, build the app, listen) without demo data and, unless BENCH_JOBS=1, without background jobs,
// so the timings are the requests' own. BENCH_JOBS=1 (the mixed workload, bench/mixed.ts) runs the
// background tasks as a deployed instance does, on a small pool of their own — the figures and
// hot-word roll-ups every 30/60 s, the SLA sweep every minute — since a province's staff meet their
// requests beside those. Prints {"url": …} on stdout; SIGTERM closes cleanly (PGlite must be closed).
import { buildApp } from '../server/src/app.ts';
import { openMigratedDatabase } from '../server/src/boot.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/client.ts';
import { startBackgroundJobs } from '../server/src/jobs/tasks.ts';

const config = loadConfig();
const database = await openMigratedDatabase(config);
const app = await buildApp({ config, database });
const jobsDatabase =
  process.env.BENCH_JOBS === '1' && database.kind === 'postgres'
    ? await openDatabase({ databaseUrl: config.databaseUrl, poolMax: 2, timeouts: { ...config.dbTimeouts, statementMs: 0, queryMs: 0 } })
    : undefined;
const jobs = process.env.BENCH_JOBS === '1' ? startBackgroundJobs((jobsDatabase ?? database).db) : undefined;
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await jobs?.stop();
  await jobsDatabase?.close();
  await database.close();
  process.exit(0);
});
