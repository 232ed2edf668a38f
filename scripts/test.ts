// `npm test`: the server suite on the test database (in-memory PGlite, or the PostgreSQL server
// when DATABASE_URL is set; server/test/helpers/db.ts).
//
// A test file alone in its process pays ≈ 5 s before its first test: importing the app (≈ 2.5 s),
// loading the migrated PGlite template (≈ 1.8 s), building the app. So files run in batches: one
// process (`node --test --test-isolation=none`) imports the app and opens the database once for
// several files (helpers/app.ts and helpers/db.ts close them after the batch's last test); the files
// stay independent by fresh tenants, as they always have on the shared server database.
// In such a process every file is imported before the first test runs, and a hook at a file's top
// level belongs to the whole batch. So a file with `before`, `after` or `beforeEach` at its top level
// runs in a process of its own (a clock set in one file's `before` would hold in the next file's
// tests); a top-level `afterEach` only undoes (it puts the real clock back), so it may run after
// every test of the batch.
// Batches run --jobs at a time (default: the machine's cores), the heaviest first; each batch's
// output is printed whole when it ends, then the totals and the slowest batches. A file weighs the
// seconds its tests took in a measured run (scripts/test-times.json, written by --record through
// scripts/test-times-reporter.ts), or, not measured yet, its size; a balanced packing keeps the last
// batch from running on after the others have ended.
//
//   node scripts/test.ts [--jobs N] [--batch N] [--record] [file or glob ...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(args.splice(i, 2)[1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a whole number ≥ 1`);
  return n;
};
const record = args.includes('--record');
if (record) args.splice(args.indexOf('--record'), 1);
const jobs = option('--jobs', os.availableParallelism());
const perBatch = option('--batch', 8);
const patterns = args.length ? args : ['server/test/**/*.test.ts'];

const files = [...new Set(patterns.flatMap((p) => (fs.existsSync(path.resolve(root, p)) ? [p] : fs.globSync(p, { cwd: root }))))].sort();
if (!files.length) {
  console.error(`no test files match ${patterns.join(' ')}`);
  process.exit(1);
}

// A file's weight in seconds: measured, else its size at ≈ 4 kB of tests per second; a process adds ≈ 5 s to start.
const TIMES = path.join(root, 'scripts/test-times.json');
const measured: Record<string, number> = fs.existsSync(TIMES) ? JSON.parse(fs.readFileSync(TIMES, 'utf8')) : {};
const START = 5;
const weight = (f: string) => measured[f] ?? fs.statSync(path.resolve(root, f)).size / 4_000;
const TOP_LEVEL_HOOK = /^(before|after|beforeEach)\(/m;
const alone = files.filter((f) => TOP_LEVEL_HOOK.test(fs.readFileSync(path.resolve(root, f), 'utf8')));
const together = files.filter((f) => !alone.includes(f)).sort((a, b) => weight(b) - weight(a));

type Batch = { files: string[]; shared: boolean; weight: number };
const batches: Batch[] = alone.map((f) => ({ files: [f], shared: false, weight: START + weight(f) }));
const bins: Batch[] = Array.from({ length: Math.ceil(together.length / perBatch) }, () => ({ files: [], shared: true, weight: START }));
for (const f of together) {
  const lightest = bins.reduce((a, b) => (b.weight < a.weight ? b : a)); // longest processing time first
  lightest.files.push(f);
  lightest.weight += weight(f);
}
batches.push(...bins);
batches.sort((a, b) => b.weight - a.weight);

type Totals = { tests: number; pass: number; fail: number; cancelled: number; skipped: number; todo: number };
const totals: Totals = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
const timings: { label: string; ms: number }[] = [];
const times: Record<string, number> = {};
const running = new Set<ReturnType<typeof spawn>>();
const timesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-test-times-'));
let batchNo = 0;
const started = Date.now();

type Result = { batch: Batch; label: string; ok: boolean; failing: string[] };

function runBatch(batch: Batch, note = ''): Promise<Result> {
  const t0 = Date.now();
  const timesFile = path.join(timesDir, `${++batchNo}.json`);
  const child = spawn(
    process.execPath,
    [
      '--import',
      './server/src/resolve-hooks.ts',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/test-times-reporter.ts',
      `--test-reporter-destination=${timesFile}`,
      ...(batch.shared ? ['--test-isolation=none'] : []),
      ...batch.files,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const out: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => out.push(d));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      const ms = Date.now() - t0;
      const text = Buffer.concat(out).toString('utf8');
      const label = batch.files.map((f) => path.relative('server/test', f)).join(', ');
      process.stdout.write(`\n▶ ${label}${note} (${(ms / 1000).toFixed(1)} s)\n${text}`);
      for (const key of Object.keys(totals) as (keyof Totals)[]) {
        const m = text.match(new RegExp(`^ℹ ${key} (\\d+)$`, 'm'));
        if (m) totals[key] += Number(m[1]);
      }
      timings.push({ label, ms });
      if (fs.existsSync(timesFile)) Object.assign(times, JSON.parse(fs.readFileSync(timesFile, 'utf8') || '{}'));
      // The spec reporter names each failing test's file ("test at server/test/x.test.ts:12:1").
      const failing = [...text.matchAll(/^test at (.+?):\d+:\d+$/gm)].map((m) => path.relative(root, path.resolve(root, m[1])));
      const ok = code === 0;
      resolve({ batch, label: `${label}${ok ? '' : ` (${signal ?? `exit ${code}`})`}`, ok, failing: ok ? [] : [...new Set(failing)] });
    });
  });
}

async function pool(list: Batch[], note = ''): Promise<Result[]> {
  const queue = [...list];
  const results: Result[] = [];
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) results.push(await runBatch(b, note));
    }),
  );
  return results;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const c of running) c.kill(signal);
    process.exit(130);
  });
}

const first = await pool(batches);
const failed = first.filter((r) => !r.ok && !r.batch.shared);
// A file that failed in a shared process runs once more alone. Passing then, it does not fail the run,
// but it is named below: it depends on what another file of its batch left behind (a test isolation bug).
const again = first
  .filter((r) => !r.ok && r.batch.shared)
  .flatMap((r) => {
    const named = r.failing.filter((f) => r.batch.files.includes(f));
    return named.length ? named : r.batch.files; // a process that died names no test: all of its files
  });
const alone2 = again.length
  ? await pool(
      again.map((f) => ({ files: [f], shared: false, weight: 0 })),
      ' — again, alone',
    )
  : [];
failed.push(...alone2.filter((r) => !r.ok));
const isolationBugs = alone2.filter((r) => r.ok).map((r) => r.label);

fs.rmSync(timesDir, { recursive: true, force: true });
if (record) {
  const all = { ...measured, ...times };
  const sorted = Object.fromEntries(
    Object.keys(all)
      .filter((f) => fs.existsSync(path.resolve(root, f)))
      .sort()
      .map((f) => [f, Math.round(all[f] * 10) / 10]),
  );
  fs.writeFileSync(TIMES, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`\nscripts/test-times.json: the times of ${Object.keys(times).length} files recorded`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const unmeasured = files.filter((f) => measured[f] === undefined).length;
console.log(
  `\n${files.length} files in ${batches.length} processes (${bins.length} shared, ${alone.length} alone), ${jobs} at a time, ${seconds} s` +
    ` (packed by the times of scripts/test-times.json${unmeasured ? `; ${unmeasured} files not in it, by size` : ''})`,
);
console.log(
  `tests ${totals.tests} · pass ${totals.pass} · fail ${totals.fail} · cancelled ${totals.cancelled} · skipped ${totals.skipped} · todo ${totals.todo}${again.length ? ' (the runs alone included)' : ''}`,
);
console.log('slowest processes:');
for (const t of timings.sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${(t.ms / 1000).toFixed(1)} s  ${t.label}`);
if (isolationBugs.length) {
  console.log(`failed in a shared process but passed alone (a test leans on what another file left behind; fix it):`);
  for (const f of isolationBugs) console.log(`  ${f}`);
}
if (failed.length) {
  console.log(`failed:\n${failed.map((f) => `  ${f.label}`).join('\n')}`);
  process.exit(1);
}
