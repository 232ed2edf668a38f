// One database handle for both modes: embedded PGlite (no DATABASE_URL) or a PostgreSQL server
// through `pg`. Both are drizzle PgDatabase instances running the same SQL.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations). */
  exec(sqlText: string): Promise<void>;
  /** Runs fn while holding a cluster-wide advisory lock (a no-op lock on PGlite: one process). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DatabaseOptions = { databaseUrl?: string; dataDir?: string; poolMax?: number };

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
  if (opts.databaseUrl) return openServer(opts.databaseUrl, opts.poolMax ?? 10);
  return openEmbedded(opts.dataDir);
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    exec: async (text) => {
      await client.exec(text);
    },
    withAdvisoryLock: (_key, fn) => fn(),
    close: async () => {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

async function openServer(url: string, max: number): Promise<Database> {
  // jit=off: every query here is short (index reads, small aggregates); PostgreSQL's JIT, switched on
  // by the planner's cost estimate on big tables, spent 0.3–0.7 s compiling a 1 ms keyword search
  // at 1M appeals (EXPLAIN ANALYZE in docs/SCALING.md).
  const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL idle connection error: ${err.message}`));
  // Fail fast with a clear message when the server is unreachable.
  const c = await pool.connect();
  c.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
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
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}
