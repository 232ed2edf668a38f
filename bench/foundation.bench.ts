// Foundation figures: embedded cold start (new and existing data folder), and login requests/s
// over real HTTP (argon2id verification dominates; compare with bare Fastify in PERFORMANCE.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.ts';
import { openMigratedDatabase } from '../server/src/boot.ts';
import { loadConfig } from '../server/src/config.ts';
import { loadDemoData } from '../server/src/seed/demo.ts';
import { scratchDatabase, summarize, table } from './lib.ts';

async function coldStart(dataDir: string) {
  const t0 = performance.now();
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const database = await openMigratedDatabase(config);
  await loadDemoData(database.db);
  const app = await buildApp({ config, database });
  await app.ready();
  const ms = performance.now() - t0;
  await app.close();
  await database.close();
  return ms;
}

async function loginThroughput(databaseUrl: string | undefined, label: string, concurrency: number, durationMs: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl ?? '', LOGIN_RATE_PER_MINUTE: '100000', DEMO_DATA: 'true' });
  const database = await openMigratedDatabase(config);
  await loadDemoData(database.db);
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const url = `http://127.0.0.1:${port}/api/auth/login`;
  const body = JSON.stringify({ username: 'intake', password: 'Zqt@2026demo' });
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await r.arrayBuffer();
      if (r.status !== 200) errors++;
      samples.push(performance.now() - t);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - start) / 1000;
  await app.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const s = summarize(samples);
  return { scenario: `login (${label}, ${concurrency} clients)`, 'req/s': Math.round(samples.length / secs), 'p50 ms': s.p50, 'p95 ms': s.p95, errors };
}

const rows: Record<string, string | number>[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-cold-'));
rows.push({ scenario: 'cold start, new data folder (PGlite: initdb + migrate + demo data + app ready)', ms: Math.round(await coldStart(dir)) });
rows.push({ scenario: 'cold start, existing data folder (PGlite)', ms: Math.round(await coldStart(dir)) });
fs.rmSync(dir, { recursive: true, force: true });
table(rows);
console.log();

const login: Record<string, string | number>[] = [];
login.push(await loginThroughput(undefined, 'PGlite', 8, 5000));
const scratch = await scratchDatabase('login');
if (scratch) {
  try {
    login.push(await loginThroughput(scratch.url, 'PostgreSQL server', 8, 5000));
  } finally {
    await scratch.drop();
  }
} else console.log('(no PostgreSQL server reachable: server-mode login skipped)');
table(login);
console.log('\nLogin is bound by argon2id (m=19 MiB, t=2) on 2 cores — by design; bare Fastify does ≈17,000 req/s here (PERFORMANCE.md).');
