// Cold start of the embedded mode: `node server/src/server.ts` (a new process: Node start, modules,
// PGlite open, migrations, demo data on a new folder, app ready) until it prints that it listens,
// on an empty data folder and on a filled one. Baseline: a process that only opens PGlite on the
// same folder and runs SELECT 1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, type Row } from './lib.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** ms from spawn until a stdout line matches `ready`; then SIGTERM and wait for a clean exit. */
function timeProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let out = '';
    let ms = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!ms && ready.test(out)) {
        ms = performance.now() - t0;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => (ms ? resolve(ms) : reject(new Error(`no start: ${out.slice(-500)}`))));
  });
}

// PGlite alone, with the extensions of PGLITE_EXTENSIONS (db/client.ts) named here: importing the app's module would load drizzle into the baseline.
const RAW = `import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
const db = await PGlite.create({ dataDir: process.argv[1], extensions: { pg_trgm, btree_gin } });
await db.query('SELECT 1'); console.log('ready'); await db.close();`;

export async function coldStart(filledDir: string | null): Promise<Row[]> {
  const rows: Row[] = [];
  const run = async (what: string, dir: string) => {
    const raw = await timeProcess(['--input-type=module', '-e', RAW, dir], {}, /ready/);
    const app = await timeProcess(
      [path.join(ROOT, 'server/src/server.ts')],
      { DATA_DIR: dir, DATABASE_URL: '', PORT: String(await freePort()), LOG_LEVEL: 'silent' },
      /政企通已启动/,
    );
    rows.push({
      scenario: `cold start, ${what}`,
      database: 'PGlite',
      p50: app,
      baseline: `${Math.round(raw).toLocaleString('en-US')} ms (open + SELECT 1)`,
      ratio: `${(app / raw).toFixed(1)}×`,
      target: '—',
      ok: null,
    });
  };
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-cold-'));
  try {
    // The baseline runs first on the empty folder, so the app's run is not its first open: measure the app on a second empty folder.
    const empty2 = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-cold-'));
    const raw = await timeProcess(['--input-type=module', '-e', RAW, empty], {}, /ready/);
    const app = await timeProcess(
      [path.join(ROOT, 'server/src/server.ts')],
      { DATA_DIR: empty2, DATABASE_URL: '', PORT: String(await freePort()), LOG_LEVEL: 'silent' },
      /政企通已启动/,
    );
    rows.push({
      scenario: 'cold start, empty data folder (initdb, migrate, demo data)',
      database: 'PGlite',
      p50: app,
      baseline: `${Math.round(raw).toLocaleString('en-US')} ms (initdb + SELECT 1)`,
      ratio: `${(app / raw).toFixed(1)}×`,
      target: '—',
      ok: null,
    });
    fs.rmSync(empty2, { recursive: true, force: true });
    if (filledDir) await run('filled data folder (generated province)', filledDir);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
  return rows;
}
