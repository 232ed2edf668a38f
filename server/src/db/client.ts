// One database handle for both modes: embedded PGlite (no DATABASE_URL) or a PostgreSQL server
// through `pg`. Both are drizzle PgDatabase instances running the same SQL.
import crypto from 'node:crypto';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransactionConfig } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { DbTimeouts } from '../config.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { nameStatements } from './pglite-prepared.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Embedded mode: the PGlite instance itself (backups: db/backup.ts dumps its data folder). */
  pglite?: PGlite;
  /** Runs a multi-statement SQL script (migrations). */
  exec(sqlText: string): Promise<void>;
  /** Runs fn while holding a database-wide advisory lock on a connection of its own (the pool needs another one for fn; a no-op lock on PGlite: one process). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** True when `SELECT 1` answers within timeoutMs (/readyz); never waits longer. */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  databaseUrl?: string;
  dataDir?: string;
  poolMax?: number;
  /** Server mode; unset fields take DEFAULT_TIMEOUTS. */
  timeouts?: Partial<DbTimeouts>;
  /** What holds the embedded data folder's lock, shown to a second process (data-dir-lock.ts). */
  command?: string;
  /** Embedded, in memory only: start from this dump of a data folder (the tests' migrated template). */
  loadDataDir?: Blob;
};

/** The defaults of config.ts (DB_*_TIMEOUT_MS), for callers that build options without a Config. */
export const DEFAULT_TIMEOUTS: DbTimeouts = { connectMs: 3_000, statementMs: 10_000, queryMs: 12_000, idleInTransactionMs: 15_000 };
/** Long maintenance work (migrations, gen, bulk imports): no statement or query limit. */
export const MAINTENANCE_TIMEOUTS: DbTimeouts = { connectMs: 10_000, statementMs: 0, queryMs: 0, idleInTransactionMs: 0 };

/**
 * A key shared by a database handle and every transaction opened on it, for in-process caches
 * that must not mix two databases yet should be hit from inside a transaction too. drizzle gives
 * a transaction the dialect object of the database it was opened on (checked by a test in
 * server/test/calendar-api/cache.test.ts, so a drizzle upgrade that changes it is noticed).
 */
export function databaseKey(db: DbOrTx): object {
  return (db as unknown as { dialect?: object }).dialect ?? db;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openServer(opts.databaseUrl, opts.poolMax ?? 10, { ...DEFAULT_TIMEOUTS, ...opts.timeouts });
  return openEmbedded(opts.dataDir, opts.command ?? commandName(), opts.loadDataDir);
}

/** `server`, `zqt user create`, … for the lock file. */
function commandName(): string {
  const script = path.basename(process.argv[1] ?? 'node');
  const args = process.argv.slice(2, 4).filter((a) => !a.startsWith('-'));
  return [script === 'zqt.mjs' ? 'zqt' : script, ...args].join(' ');
}

/** A SELECT 1 raced against a timer: /readyz answers in time even when the database hangs. */
export async function pingWithin(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = db.execute(sql`SELECT 1`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The contrib extensions the migrations create (pg_trgm: 0005, 0007; btree_gin: 0039), for every PGlite the app or a tool opens. */
export const PGLITE_EXTENSIONS = { pg_trgm, btree_gin };

async function openEmbedded(dataDir: string | undefined, command: string, loadDataDir?: Blob): Promise<Database> {
  if (dataDir && loadDataDir) throw new Error('loadDataDir is for an in-memory database only');
  // Issue 12 item 9: one process per data folder (the in-memory database of tests needs no lock).
  const lock = dataDir ? acquireDataDirLock(dataDir, command) : undefined;
  let client: PGlite;
  try {
    // relaxedDurability: false (the default, kept explicitly): a query returns only after PGlite has
    // handed its writes to the filesystem. What that promises on Node (no fsync): README "嵌入式模式的持久性".
    client = await PGlite.create({ dataDir, loadDataDir, extensions: PGLITE_EXTENSIONS, relaxedDurability: false });
  } catch (err) {
    lock?.release();
    throw err;
  }
  nameStatements(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    exec: async (text) => {
      await client.exec(text);
    },
    withAdvisoryLock: (_key, fn) => fn(),
    ping: (timeoutMs) => pingWithin(db, timeoutMs),
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * A pg client that is thrown away when a query's round trip times out (query_timeout): its
 * connection is in an unknown state (a frozen network, a half-sent query), and everything queued on
 * it — a transaction's ROLLBACK — would wait for the same dead socket. Destroying the socket fails
 * those at once and the pool replaces the client.
 */
class GuardedClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this wrapper passes them through.
  override query(...args: any[]): any {
    const kill = (err: unknown) => {
      if (err instanceof Error && err.message === 'Query read timeout')
        (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        kill(err);
        last(err, res);
      };
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above.
    const r = (super.query as any)(...args);
    if (r && typeof r.then === 'function') {
      return r.catch((err: unknown) => {
        kill(err);
        throw err;
      });
    }
    return r;
  }
}

async function openServer(url: string, max: number, t: DbTimeouts): Promise<Database> {
  // jit=off: every query here is short (index reads, small aggregates); PostgreSQL's JIT, switched on
  // by the planner's cost estimate on big tables, spent 0.3–0.7 s compiling a 1 ms keyword search
  // at 1M appeals (EXPLAIN ANALYZE in docs/SCALING.md).
  // Issue 12 item 11: every wait is bounded — connecting and waiting for a pooled client
  // (connectionTimeoutMillis), a statement on the server (statement_timeout), a transaction left
  // idle (idle_in_transaction_session_timeout), a query's round trip seen from here (query_timeout:
  // a frozen network). TCP keepalive notices a peer that vanished.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: '-c jit=off',
    Client: GuardedClient,
    connectionTimeoutMillis: t.connectMs,
    ...(t.statementMs ? { statement_timeout: t.statementMs } : {}),
    ...(t.queryMs ? { query_timeout: t.queryMs } : {}),
    ...(t.idleInTransactionMs ? { idle_in_transaction_session_timeout: t.idleInTransactionMs } : {}),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // Issue 12 item 10: a connection dropped by the server (pg_terminate_backend, restart, failover)
  // emits 'error' on its client. The pool listens only while the client is idle; a client checked out
  // by a transaction had no listener and the error killed the process. Every client gets one for its
  // whole life; the query in progress fails on its own (→ 503) and the pool discards the client.
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error(`PostgreSQL 连接中断 (connection error): ${err.message}`));
  });
  pool.on('error', (err) => console.error(`PostgreSQL 空闲连接中断 (idle connection error): ${err.message}`));
  // Fail fast with a clear message when the server is unreachable.
  const c = await pool.connect();
  c.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  releaseOnFailedBegin(pool, db);
  let closed = false;
  return {
    db,
    kind: 'postgres',
    exec: async (text) => {
      await pool.query(text);
    },
    withAdvisoryLock: async (key, fn) => {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    ping: (timeoutMs) => pingWithin(db, timeoutMs),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * drizzle's transaction on a pool (drizzle-orm 0.45, node-postgres session) sends BEGIN before its
 * try/finally: when BEGIN fails — the pooled connection was ended by the server (pg_terminate_backend,
 * a restart, a failover) after the pool handed it out, before the pool saw it — the client is never
 * released, and the pool is one client short for good. Enough of them and every request waits for a
 * client: /readyz answered 503 for good after a storm of terminated connections (test/faults
 * server.test.ts). The same transaction with BEGIN inside: the client is always released, and the pool
 * discards it when its connection is gone.
 */
function releaseOnFailedBegin(pool: pg.Pool, db: Db) {
  type Parts = {
    dialect: ConstructorParameters<typeof NodePgSession>[1];
    schema: ConstructorParameters<typeof NodePgSession>[2];
    options: ConstructorParameters<typeof NodePgSession>[3];
  };
  const session = db._.session as unknown as Parts & { transaction: Db['transaction'] };
  const { dialect, schema, options } = session;
  session.transaction = (async (fn: (tx: NodePgTransaction<never, never>) => Promise<unknown>, config?: PgTransactionConfig) => {
    const client = await pool.connect();
    try {
      const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, schema, options), schema);
      const mode = config ? (tx as unknown as { getTransactionConfigSQL(c: PgTransactionConfig): SQL }).getTransactionConfigSQL(config) : undefined;
      await tx.execute(sql`begin${mode ? sql` ${mode}` : undefined}`);
      try {
        const result = await fn(tx as never);
        await tx.execute(sql`commit`);
        return result;
      } catch (error) {
        await tx.execute(sql`rollback`);
        throw error;
      }
    } finally {
      client.release();
    }
  }) as Db['transaction'];
}

/**
 * The tenant scope of a whole-database task (the scheduler's sweeps and reminders): without ids every
 * tenant (`true`), else `column IN (ids)` (`false` for none). Tests pass their own tenants so that a
 * task run in one test never touches another test's tenants on the shared database.
 */
export function inTenants(column: SQL, ids: readonly string[] | undefined): SQL {
  if (!ids) return sql`true`;
  if (!ids.length) return sql`false`;
  return sql`${column} IN (${sqlUuidList(ids)})`;
}

/** Ids as a list of uuid parameters (`IN (${sqlUuidList(ids)})`); `ids` must not be empty. */
export function sqlUuidList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((i) => sql`${i}::uuid`),
    sql`, `,
  );
}

/**
 * An array as ONE parameter: PostgreSQL's array literal, cast to `type[]` (`= ANY(${sqlArray(ids, 'uuid')})`).
 * Every element is quoted, so a text with a comma, a quote, a brace or a space stays one element.
 */
export function sqlArray(values: readonly (string | number)[], type: 'uuid' | 'date' | 'bigint' | 'text'): SQL {
  const literal = `{${values.map((v) => `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

const dialect = new PgDialect();
const preparedNames = new Map<string, string>();

/**
 * Issue 20: queryRows for a statement whose text never changes (only its parameters) and that runs on
 * almost every request — the session lookup, the tenant's settings, an appeal's owner and page. On the
 * server it goes as a named prepared statement: each pooled connection parses and plans it once
 * (PostgreSQL then keeps a generic plan when that costs no more than the custom ones) instead of on
 * every request. Measured at 100k appeals, one connection: the session lookup, the appeal's owner and
 * its page row took 2.7–3.6 ms together sent as before and 0.8–0.9 ms named; planning was 0.46, 0.18
 * and 0.69 ms of their EXPLAIN ANALYZE against 0.08, 0.04 and 0.55 ms of execution. A name belongs to
 * one text: `pg` refuses the same name with another text on a connection, so a second text under a
 * name throws here at once. On PGlite it is a named statement too, prepared once per instance
 * (db/pglite-prepared.ts nameStatements).
 */
export async function queryPrepared<T>(db: DbOrTx, name: string, q: SQL): Promise<T[]> {
  return runPrepared<T>(db, name, dialect.sqlToQuery(q));
}

/**
 * queryPrepared for a statement assembled from a few shapes (optional parts, a list of one or of all
 * the cities): each text gets its own name, `prefix` and a hash of the text. Issue 20: a province
 * dashboard's PostgreSQL time was mostly planning — 16 ms of bind (planning) and 4 ms of parse
 * against 5 ms of execution over its 23 statements then — for the same few texts every time. Only for
 * texts whose variants are few: every name is kept by every pooled connection.
 */
export async function queryShaped<T>(db: DbOrTx, prefix: string, q: SQL): Promise<T[]> {
  const query = dialect.sqlToQuery(q);
  const name = `${prefix}_${crypto.createHash('sha1').update(query.sql).digest('hex').slice(0, 16)}`;
  return runPrepared<T>(db, name, query);
}

async function runPrepared<T>(db: DbOrTx, name: string, query: { sql: string; params: unknown[] }): Promise<T[]> {
  const known = preparedNames.get(name);
  if (known === undefined) preparedNames.set(name, query.sql);
  else if (known !== query.sql) throw new Error(`prepared statement ${name}: its text changed`);
  const r = (await db._.session.prepareQuery(query, undefined, name, false).execute()) as { rows: T[] };
  return r.rows;
}
