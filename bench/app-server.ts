// The app under test for the benchmarks: the same boot as server/src/server.ts (open, migrate,
// tenants, build the app, listen) without demo data and without background jobs, so the timings are
// the requests' own. Prints {"url": …} on stdout; SIGTERM closes cleanly (PGlite must be closed).
import { buildApp } from '../server/src/app.ts';
import { openMigratedDatabase } from '../server/src/boot.ts';
import { loadConfig } from '../server/src/config.ts';

const config = loadConfig();
const database = await openMigratedDatabase(config);
const app = await buildApp({ config, database });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
