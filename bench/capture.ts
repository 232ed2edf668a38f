// Record and replay the SQL of one request. The suite records the statements of an intake POST
// handled in-process (their count goes in the table); bench/intake.bench.ts replays that sequence with
// fresh values — the idempotency key, the appeal number and the new appeal's id made unique, and
// every id the database returned mapped to the id the replayed statement returned — over plain
// connections, beside the one-statement baseline (bench/intake.ts intakeCte).
// Server: a hook on pg.Client.prototype.query. PGlite: the app's database handle is built here on
// a proxy of the PGlite instance that records query() and the statements inside transaction().
import crypto from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { openDatabase, PGLITE_EXTENSIONS, pingWithin, type Database, type Db } from '../server/src/db/client.ts';
import { acquireDataDirLock } from '../server/src/db/data-dir-lock.ts';
import * as schema from '../server/src/db/schema.ts';

export type Stmt = { text: string; values: unknown[]; rowMode?: string; rows: unknown[] };
export type Recorder = { start(): void; stop(): Stmt[] };
export type BenchDb = { database: Database; recorder: Recorder /** PGlite only: the instance, for raw queries. */; pglite?: PGlite };

let recording: Stmt[] | null = null;

function note(text: string, values: unknown[] | undefined, rowMode: string | undefined, result: Promise<{ rows: unknown[] }>) {
  if (!recording) return;
  const s: Stmt = { text, values: values ?? [], rowMode, rows: [] };
  recording.push(s);
  result.then(
    (r) => (s.rows = r?.rows ?? []),
    () => {},
  );
}

const recorder: Recorder = {
  start: () => {
    recording = [];
  },
  stop: () => {
    const r = recording ?? [];
    recording = null;
    return r;
  },
};

let hooked = false;
function hookPg() {
  if (hooked) return;
  hooked = true;
  const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    if (!recording) return orig.apply(this, args);
    const a0 = args[0] as string | { text: string; values?: unknown[]; rowMode?: string };
    const text = typeof a0 === 'string' ? a0 : a0.text;
    // drizzle calls query({ text, rowMode, types }, params): the values may come as the second argument.
    const values = typeof a0 === 'string' ? (args[1] as unknown[] | undefined) : (a0.values ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : undefined));
    const rowMode = typeof a0 === 'string' ? undefined : a0.rowMode;
    // pg.Pool.query passes a callback (no promise returned): wrap it to see the result.
    const cbAt = args.findIndex((x) => typeof x === 'function');
    if (cbAt >= 0) {
      let settle!: (r: { rows: unknown[] }) => void;
      note(text, values, rowMode, new Promise((res) => (settle = res)));
      const cb = args[cbAt] as (err: unknown, res: { rows: unknown[] }) => void;
      args[cbAt] = (err: unknown, res: { rows: unknown[] }) => {
        settle(res ?? { rows: [] });
        cb(err, res);
      };
      return orig.apply(this, args);
    }
    const out = orig.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === 'function') note(text, values, rowMode, out as Promise<{ rows: unknown[] }>);
    return out;
  };
}

export async function openServerDb(url: string, poolMax = 20): Promise<BenchDb> {
  hookPg();
  return { database: await openDatabase({ databaseUrl: url, poolMax }), recorder };
}

/** Like db/client.ts openEmbedded, on a recording proxy of the PGlite instance. */
export async function openPgliteDb(dataDir: string): Promise<BenchDb> {
  // One process per data folder, like every other entry point (issue 12 item 9).
  const lock = acquireDataDirLock(dataDir, 'bench');
  const client = await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS });
  type Q = (text: string, values?: unknown[], opts?: { rowMode?: string }) => Promise<{ rows: unknown[] }>;
  const rec =
    (q: Q): Q =>
    (text, values, opts) => {
      const p = q(text, values, opts);
      note(text, values, opts?.rowMode, p);
      return p;
    };
  const proxy = new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return rec(target.query.bind(target) as Q);
      if (prop === 'transaction') {
        return (fn: (tx: unknown) => Promise<unknown>) =>
          target.transaction((tx) => {
            note('BEGIN', [], undefined, Promise.resolve({ rows: [] }));
            const wrapped = {
              ...tx,
              query: rec(tx.query as Q),
              rollback: tx.rollback,
              get closed() {
                return tx.closed;
              },
            };
            return fn(wrapped).then((v) => {
              note('COMMIT', [], undefined, Promise.resolve({ rows: [] }));
              return v;
            });
          });
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  const db = drizzlePglite(proxy as PGlite, { schema }) as unknown as Db;
  let closed = false;
  const database: Database = {
    db,
    kind: 'pglite',
    exec: async (t) => void (await client.exec(t)),
    withAdvisoryLock: (_k, fn) => fn(),
    ping: (timeoutMs) => pingWithin(db, timeoutMs),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
  return { database, recorder, pglite: client };
}

export type Exec = (text: string, values: unknown[], rowMode?: string) => Promise<unknown[]>;

/** Replays a recorded sequence: fresh key and number, ids returned by the database mapped to the new ones. */
export async function replay(exec: Exec, seq: Stmt[], fresh: Map<string, string>) {
  const map = new Map(fresh);
  const sub = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let s = v;
      for (const [from, to] of map) if (s.includes(from)) s = s.split(from).join(to);
      return s;
    }
    if (Array.isArray(v)) return v.map(sub);
    return v;
  };
  for (const st of seq) {
    const rows = await exec(st.text, st.values.map(sub), st.rowMode);
    // Values the database made (new ids): learn old → new from the same cells of the recorded result.
    for (let i = 0; i < Math.min(rows.length, st.rows.length); i++) {
      const a = st.rows[i] as Record<string, unknown>;
      const b = rows[i] as Record<string, unknown>;
      for (const k of Object.keys(a ?? {})) {
        const x = a[k];
        const y = b?.[k];
        if (typeof x === 'string' && typeof y === 'string' && x !== y && /^[0-9a-f-]{36}$/.test(x)) map.set(x, y);
      }
    }
  }
}

/** The recorded POST's own values that must be fresh in every replay: key, number, the new appeal's id (made by the app). */
export function freshValues(cap: { key: string; number: string; id: string }, w: number, i: number) {
  return new Map([
    [cap.key, `replay-${process.pid}-${w}-${i}`],
    [cap.number, `${cap.number}-R${w}-${i}`],
    [cap.id, crypto.randomUUID()],
  ]);
}
