// The server's start with one URL (no MIGRATION_DATABASE_URL: a developer's, or a role that owns the
// tables) runs the migrations on a connection of their own without the requests' timeouts, as
// `zqt migrate --owner-url` does: a migration may build an index over every appeal (0039–0040 took
// ≈ 15 s each at 1M appeals, past the default DB_STATEMENT_TIMEOUT_MS of 10 s). Server only.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { openMigratedDatabase } from '../../src/boot.ts';
import { listMigrations } from '../../src/db/migrate.ts';
import { ownerDatabaseUrl } from '../helpers/db.ts';

const owner = ownerDatabaseUrl();

test("issue 20: the start with one URL migrates without the requests' statement timeout", { skip: !owner && 'PostgreSQL server only' }, async () => {
  const name = `zqt_migrate_start_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: owner });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(owner!);
    url.pathname = `/${name}`;
    // A 1 ms statement timeout for the requests: any migration statement run under it would be cancelled
    // (the old boot's start failed there, with most migrations not applied). The app's own first
    // statements after the migrations keep that timeout: they are cancelled too, unless one finishes
    // within the millisecond — it once did in CI (a shared test process), so the start may also succeed.
    const timedOut = (err: Error & { cause?: Error }) => /statement timeout/.test(`${err.message} ${err.cause?.message ?? ''}`);
    let database: Awaited<ReturnType<typeof openMigratedDatabase>> | undefined;
    try {
      database = await openMigratedDatabase({
        databaseUrl: url.toString(),
        dataDir: '', // unused with a database URL
        dbPoolMax: 1,
        migrationDatabaseUrl: undefined,
        dbTimeouts: { connectMs: 5_000, statementMs: 1, queryMs: 0, idleInTransactionMs: 0 },
      });
    } catch (err) {
      assert.ok(timedOut(err as Error & { cause?: Error }), `the start failed otherwise than by the requests' timeout: ${err}`);
    }
    await database?.close();
    const check = new pg.Client({ connectionString: url.toString() });
    await check.connect();
    try {
      const { rows } = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      assert.equal(rows[0].n, listMigrations().length, 'every migration ran');
    } finally {
      await check.end();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
