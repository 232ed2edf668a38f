// Shared by the benchmark suite (bench/run.ts): arguments, percentiles, a throw-away server database,
// the app under test in its own process, timing loops, result rows and the one table.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';

export const BENCH_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const ROOT = path.resolve(import.meta.dirname, '..');

export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? NaN, n: s.length };
}

/** Creates a fresh database on the server; returns its URL and a dropper. Null when no server answers. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: BENCH_SERVER });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const db = `zqt_bench_${name}_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const url = new URL(BENCH_SERVER);
  url.pathname = `/${db}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: BENCH_SERVER });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** One line of the result table. Times in ms; throughput per second; ratio = app ÷ baseline (time) or app ÷ baseline (throughput). */
export type Row = {
  scenario: string;
  database: string;
  p50?: number;
  p95?: number;
  /** ops/s (or rows/s), with its unit. */
  throughput?: number;
  unit?: string;
  /** The raw baseline's figure in the same unit as the compared figure. */
  baseline?: string;
  ratio?: string;
  target?: string;
  ok?: boolean | null;
  note?: string;
};

const f = (v: number | undefined, digits = 1) =>
  v === undefined || Number.isNaN(v) ? '' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits);

export function printTable(rows: Row[]) {
  const out = rows.map((r) => ({
    scenario: r.scenario,
    db: r.database,
    'p50 ms': f(r.p50, 2),
    'p95 ms': f(r.p95, 2),
    throughput: r.throughput === undefined ? '' : `${f(r.throughput)} ${r.unit ?? '/s'}`,
    baseline: r.baseline ?? '',
    ratio: r.ratio ?? '',
    target: r.target ?? '',
    '': r.ok === undefined || r.ok === null ? '' : r.ok ? '✔' : '✘',
  }));
  const cols = Object.keys(out[0] ?? {});
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const w = cols.map((c) => Math.max(width(c), ...out.map((r) => width(String(r[c as keyof typeof r])))));
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
  console.log(cols.map((c, i) => pad(c, w[i])).join('  '));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of out) console.log(cols.map((c, i) => pad(String(r[c as keyof typeof r]), w[i])).join('  '));
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    console.log('');
    for (const r of notes) console.log(`  ${r.scenario} (${r.database}): ${r.note}`);
  }
}

/** Runs fn n times one after another (after `warm` unmeasured runs); latency percentiles and rate. */
export async function sequential(n: number, fn: (i: number) => Promise<unknown>, warm = 10) {
  for (let i = 0; i < warm; i++) await fn(i);
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return { ...summarize(samples), rate: n / ((performance.now() - t0) / 1000) };
}

/** `clients` concurrent loops calling fn(worker, i) for `seconds`; latency percentiles and completed calls per second. */
export async function concurrent(clients: number, seconds: number, fn: (worker: number, i: number) => Promise<unknown>) {
  const samples: number[] = [];
  const stopAt = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = 0; performance.now() < stopAt; i++) {
        const t = performance.now();
        await fn(w, i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return { ...summarize(samples), rate: samples.length / ((performance.now() - t0) / 1000) };
}

/**
 * The app under test in its own process (bench/app-server.ts): no background jobs, listening on a free port.
 * `nodeArgs` go to its node (e.g. `--cpu-prof --cpu-prof-dir DIR` to profile the requests; the profile is written on stop).
 */
export async function startApp(env: Record<string, string>, nodeArgs: string[] = []): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bench/app-server.ts')], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.once('line', (l) => resolve(JSON.parse(l).url));
    child.once('exit', (code) => reject(new Error(`app-server exited with ${code}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export type Session = { cookie: string; 'x-csrf-token': string };

export async function login(url: string, username: string, password: string): Promise<Session> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { csrfToken: string };
  return { cookie: r.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': body.csrfToken };
}

/** Kept-alive connections for the timed GETs (one per concurrent caller). */
const keepAlive = new http.Agent({ keepAlive: true });

/**
 * GET that must answer 200; the body is read (as a browser would). Through node:http on kept-alive
 * connections rather than fetch: the client shares the 2 cores with the app and PostgreSQL, and fetch
 * (undici) cost the measurement itself enough to show in the app's tail — the appeal page at 1M, 3,000
 * sequential requests, p95 4.5–5.0 ms through fetch against 3.8–4.1 ms through node:http (2026-12-05).
 */
export function get(url: string, s: Session): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: keepAlive, headers: s }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${url}: ${res.statusCode} ${body.toString().slice(0, 300)}`));
      });
    });
    req.on('error', reject);
  });
}

/**
 * POST over the same kept-alive node:http connections (bench writes: intake, work orders, contact
 * records); answers the status, the body and the headers. fetch (undici) cost the bench's client
 * ≈ 0.5 ms of CPU more per request than node:http, taken from the cores the app and PostgreSQL share
 * (see `get`).
 */
export function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: keepAlive, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Plain table of records (the standalone micro-benchmarks). */
export function table(rows: Record<string, string | number>[]) {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(fmt(r[c])).length)));
  console.log(cols.map((c, i) => c.padEnd(width[i])).join('  '));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(cols.map((c, i) => String(fmt(r[c])).padEnd(width[i])).join('  '));
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** A /proc/<pid>/stat line: the command name, the parent's pid, CPU clock ticks (utime + stime) and its reaped children's (cutime + cstime). */
export function parseProcStat(stat: string) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    ppid: Number(f[1]),
    ticks: Number(f[11]) + Number(f[12]),
    childTicks: Number(f[13]) + Number(f[14]),
  };
}

/**
 * CPU seconds used so far (Linux /proc; clock ticks of 1/100 s): by the app's process, by every
 * PostgreSQL process of the machine, by this bench process (its clients), and by the whole machine (busy, all cores). Two snapshots around
 * a run say where its CPU went (cpuSplit). Zero where /proc is missing.
 */
export function cpuSnapshot(appPid: number | undefined) {
  // utime + stime, and for PostgreSQL also cutime + cstime: a backend that ended (a client's
  // connection closed) counts in the postmaster's reaped children's time.
  const ticks = (stat: string, children = false) => {
    const p = parseProcStat(stat);
    return p.ticks + (children ? p.childTicks : 0);
  };
  let app = 0;
  let postgres = 0;
  let busy = 0;
  let all = 0;
  try {
    if (appPid) app = ticks(fs.readFileSync(`/proc/${appPid}/stat`, 'utf8'));
    for (const d of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        if (parseProcStat(stat).comm === 'postgres') postgres += ticks(stat, true);
      } catch {
        // the process ended meanwhile
      }
    }
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    all = cpu.reduce((a, b) => a + b, 0);
    busy = all - cpu[3] - cpu[4]; // minus idle and iowait
  } catch {
    // not Linux
  }
  const self = process.cpuUsage();
  return { app: app / 100, postgres: postgres / 100, bench: (self.user + self.system) / 1e6, busy: busy / 100, all: all / 100, at: performance.now() };
}

/** The whole machine's busy CPU milliseconds per operation between two snapshots (every process: the app, PostgreSQL, the bench, the kernel). */
export function machineCpuPerOp(a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>, operations: number) {
  return (1000 * (b.busy - a.busy)) / Math.max(1, operations);
}

/**
 * Issue 20: the most of the baseline's rate that the app's intake can reach on this machine. Both runs
 * are bound by the machine's processors, so at the same machine use their rates stand as the inverse of
 * their CPU per operation: app ÷ baseline ≤ (baseline's CPU) ÷ (app's CPU), whatever the app waits for.
 */
export function cpuCeiling(base: { cpu: number }, app: { cpu: number }) {
  const ceiling = base.cpu / Math.max(0.001, app.cpu);
  return {
    ceiling,
    text: `the whole machine's CPU per request: app ${app.cpu.toFixed(2)} ms, baseline ${base.cpu.toFixed(2)} ms — at equal machine use the app can reach at most ${Math.round(100 * ceiling)}% of the baseline's rate`,
  };
}

/** Between two snapshots: CPU milliseconds per operation of the app, of PostgreSQL and of this bench process, and how busy the machine was. */
export function cpuSplit(a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>, operations: number) {
  const per = (x: number) => `${((1000 * x) / Math.max(1, operations)).toFixed(2)} ms`;
  const wall = (b.at - a.at) / 1000;
  return `CPU per request: app ${per(b.app - a.app)}, PostgreSQL ${per(b.postgres - a.postgres)}, the bench's own client ${per(b.bench - a.bench)}; machine ${Math.round((100 * (b.busy - a.busy)) / Math.max(0.01, b.all - a.all))}% busy over ${wall.toFixed(1)} s`;
}
