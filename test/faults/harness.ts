// The fault suite's tools (issue 12, `npm run test:faults`): the real server in its own process,
// a fresh database of its own on the PostgreSQL server (created by the owner; the app connects as
// the app role, as in production), a bounded load of idempotent intake submissions, and a TCP proxy
// on loopback that can freeze or refuse the database's traffic. Everything stays on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'Zqt@2026demo';

/** The owner's and the app role's connection strings of the server (.ci/run exports both). */
export function serverUrls(): { owner: string; app: string } | undefined {
  const app = process.env.DATABASE_URL;
  if (!app) return undefined;
  const owner = process.env.MIGRATION_DATABASE_URL;
  if (owner) return { owner, app };
  // Only DATABASE_URL given: it is the owner; the app connects as zqt_fault_app (created by the migration).
  const u = new URL(app);
  u.username = 'zqt_fault_app';
  u.password = '';
  return { owner: app, app: u.toString() };
}

/** A fresh database on the server, dropped by drop(); URLs for the owner and the app role point to it. */
export async function scratchDatabase(): Promise<{ owner: string; app: string; name: string; drop(): Promise<void> }> {
  const urls = serverUrls();
  if (!urls) throw new Error('the fault suite needs DATABASE_URL (the PostgreSQL server)');
  const name = `zqt_faults_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: urls.owner });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const at = (url: string, port?: number) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    if (port) u.port = String(port);
    return u.toString();
  };
  return {
    name,
    owner: at(urls.owner),
    app: at(urls.app),
    drop: async () => {
      const c = new pg.Client({ connectionString: urls.owner });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type Server = {
  base: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts server/src/server.ts and waits for its "started" line (or its exit: `started: false`). */
export async function startServer(env: Record<string, string>, opts: { port?: number; expectStart?: boolean } = {}): Promise<Server & { started: boolean }> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(ROOT, 'server/src/server.ts')], {
    env: { ...process.env, MIGRATION_DATABASE_URL: '', LOG_LEVEL: 'warn', LOGIN_RATE_PER_MINUTE: '100000', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 120_000;
  while (!out.includes('政企通已启动')) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (opts.expectStart === false) return { base: '', child, output: () => out, exited, started: false };
      throw new Error(`server exited before starting:\n${out}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base: `http://127.0.0.1:${port}`, child, output: () => out, exited, started: true };
}

export type Session = { cookie: string; csrf: string };

export async function login(base: string, username = 'intake', password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

export const appealBody = (marker: string, n: number) => ({
  enterpriseName: '鲁华化工有限公司',
  contactName: '王建国',
  contactPhone: '13800138000',
  channel: 'hotline',
  category: 'licensing',
  title: `${marker}-${n}`,
  content: '故障测试：进程被杀、连接中断或关闭时，已确认的诉求不得丢失，也不得重复。',
});

/** Counts statuses (and transport errors as 'net'); `bodies` keeps one sample body per status. */
export class Tally {
  readonly counts = new Map<string, number>();
  readonly samples = new Map<string, string>();
  add(key: string | number, body?: string) {
    const k = String(key);
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    if (body !== undefined && !this.samples.has(k)) this.samples.set(k, body);
  }
  get(key: string | number) {
    return this.counts.get(String(key)) ?? 0;
  }
  toString() {
    return [...this.counts.entries()]
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
  }
}

/**
 * A TCP proxy on loopback in front of the database: `freeze()` stops passing bytes (a network
 * partition: sockets stay open, nothing arrives), `refuse()` closes the listener and every socket
 * (connections refused), `restore()` goes back to normal.
 */
export async function dbProxy(targetPort: number) {
  const port = await freePort();
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const held: { from: net.Socket; to: net.Socket; data: Buffer }[] = [];
  const pipe = (from: net.Socket, to: net.Socket) =>
    from.on('data', (data) => {
      if (frozen) held.push({ from, to, data });
      else to.write(data);
    });
  const onConnection = (client: net.Socket) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    pipe(client, upstream);
    pipe(upstream, client);
  };
  let server = net.createServer(onConnection);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    port,
    freeze() {
      frozen = true;
    },
    async refuse() {
      frozen = false;
      held.length = 0;
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async restore() {
      frozen = false;
      for (const h of held.splice(0)) if (!h.to.destroyed) h.to.write(h.data);
      if (!server.listening) {
        server = net.createServer(onConnection);
        await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      }
    },
    async close() {
      const closed = new Promise<void>((r) => (server.listening ? server.close(() => r()) : r()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

export type Outcome = { startedAt: number; endedAt: number; method: string; status?: number; code?: string; error?: string };

export type Load = {
  /** Idempotency-Key → appeal id of every acknowledged (201) submission. */
  acked: Map<string, string>;
  /** Keys tried at least once. */
  tried: Set<string>;
  tally: Tally;
  outcomes: Outcome[];
  /** Stops starting new keys; with retries, waits until every client's current key is acknowledged. */
  stop(): Promise<void>;
};

/**
 * `clients` loops, each submitting appeals (POST /api/appeals with an Idempotency-Key) and, when
 * `reads` is set, listing appeals between them. With `retry`, a key that got no 201 — a refused
 * connection, a reset, a 503 — is sent again (same key, same body) until it is acknowledged, as a
 * client following the API's contract does; without, every attempt is recorded once.
 */
export function startLoad(opts: {
  base: () => string;
  session: Session;
  clients: number;
  marker: string;
  retry: boolean;
  reads?: boolean;
  deadlineMs?: number;
}): Load {
  const acked = new Map<string, string>();
  const tried = new Set<string>();
  const tally = new Tally();
  const outcomes: Outcome[] = [];
  let stopping = false;
  let next = 0;
  const deadline = Date.now() + (opts.deadlineMs ?? 180_000);
  const headers = { 'content-type': 'application/json', cookie: opts.session.cookie, 'x-csrf-token': opts.session.csrf };
  const record = async (method: string, send: () => Promise<Response>): Promise<Response | undefined> => {
    const o: Outcome = { startedAt: Date.now(), endedAt: 0, method };
    try {
      const res = await send();
      const body = await res.text();
      o.status = res.status;
      if (res.status >= 500) {
        try {
          o.code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
        } catch {
          o.code = 'not-json';
        }
      }
      tally.add(`${method} ${res.status}${o.code ? ` ${o.code}` : ''}`, body.slice(0, 300));
      o.endedAt = Date.now();
      outcomes.push(o);
      return new Response(body, { status: res.status, headers: res.headers });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      o.error = cause?.code ?? cause?.message ?? String(err);
      tally.add(`${method} net`);
      o.endedAt = Date.now();
      outcomes.push(o);
      return undefined;
    }
  };
  const client = async () => {
    while (!stopping && Date.now() < deadline) {
      const n = next++;
      const key = `${opts.marker}-${n}`;
      tried.add(key);
      for (;;) {
        const res = await record('POST', () =>
          fetch(`${opts.base()}/api/appeals`, {
            method: 'POST',
            headers: { ...headers, 'idempotency-key': key },
            body: JSON.stringify(appealBody(opts.marker, n)),
          }),
        );
        if (res?.status === 201) {
          acked.set(key, ((await res.json()) as { id: string }).id);
          break;
        }
        if (!opts.retry || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 150));
      }
      if (opts.reads) await record('GET', () => fetch(`${opts.base()}/api/appeals?pageSize=20`, { headers }));
    }
  };
  const running = Array.from({ length: opts.clients }, () => client());
  return {
    acked,
    tried,
    tally,
    outcomes,
    stop: async () => {
      stopping = true;
      await Promise.all(running);
    },
  };
}

/** SELECT of the appeals a load made; appealsByTitle groups its rows. */
export const APPEALS_OF_MARKER = 'SELECT id, title FROM appeals WHERE title LIKE $1';

/** Title → ids of the load's appeals (one each when nothing was duplicated). */
export function appealsByTitle(rows: { title: string; id: string }[]) {
  const byTitle = new Map<string, string[]>();
  for (const r of rows) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r.id]);
  return byTitle;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
