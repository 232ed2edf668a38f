// The app under test for the benchmarks: the same boot as server/src/serve.ts (open, migrate,
// tenants, build the app, listen) without demo data and, unless BENCH_JOBS=1, without background jobs,
// so the timings are the requests' own. BENCH_JOBS=1 (the mixed workload, bench/mixed.ts) runs the
// background tasks as a deployed instance does, on a small pool of their own — the figures roll-up
// every 5 s, the hot words every 60 s, the SLA sweep every minute — since a province's staff meet their
// requests beside those. Prints {"url": …} on stdout; SIGTERM closes cleanly (PGlite must be closed)
// and prints to stderr how long the event loop was held (a request waits behind whatever runs).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../server/src/app.ts';
import { openJobsDatabase, openMigratedDatabase } from '../server/src/boot.ts';
import { loadConfig } from '../server/src/config.ts';
import { startBackgroundJobs } from '../server/src/jobs/tasks.ts';

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const config = loadConfig();
const database = await openMigratedDatabase(config);
const app = await buildApp({ config, database });
const jobsDatabase = process.env.BENCH_JOBS === '1' ? await openJobsDatabase(config, database) : undefined;
const jobs = jobsDatabase && startBackgroundJobs(jobsDatabase.db, { idempotencyRetentionHours: config.idempotencyRetentionHours });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
loopDelay.reset(); // from here on: the requests and the background tasks, not the start
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', async () => {
  const ms = (ns: number) => (ns / 1e6).toFixed(0);
  process.stderr.write(
    `[app] event loop held: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms since it listened\n`,
  );
  await app.close();
  await jobs?.stop();
  if (jobsDatabase && jobsDatabase !== database) await jobsDatabase.close();
  await database.close();
  process.exit(0);
});
