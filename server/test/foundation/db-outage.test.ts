// Issue 12 items 10, 11: a database that is away answers 503 + Retry-After, never 500, and a
// connection dropped under a running transaction does not kill the process. (The heavier scenarios —
// pg_terminate_backend under load, refused connections, a frozen network — are in test/faults.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, queryRows } from '../../src/db/client.ts';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';
import { asOwner, testDatabase } from '../helpers/db.ts';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: SELECT 1'), { cause });

test('issue 12 item 11: what counts as "the database is away" (503) and what does not (500)', () => {
  for (const e of [
    pgError('57P01', 'terminating connection due to administrator command'),
    pgError('ECONNREFUSED'),
    pgError('57014', 'canceling statement due to statement timeout'),
    pgError('25P03'),
    pgError('08006'),
    new Error('Connection terminated unexpectedly'),
    new Error('Query read timeout'),
    new Error('timeout exceeded when trying to connect'),
    new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')]),
  ]) {
    assert.equal(isDatabaseUnavailable(e), true, String(e));
    assert.equal(isDatabaseUnavailable(wrapped(e)), true, `wrapped ${e}`);
  }
  for (const e of [pgError('23505', 'duplicate key'), pgError('42501', 'permission denied'), new Error('boom'), null, 'text']) {
    assert.equal(isDatabaseUnavailable(e), false, String(e));
  }
});

test('issue 12 item 10: a backend terminated under a running transaction fails that transaction (503 class), the process lives, the pool recovers', {
  skip: !process.env.DATABASE_URL && 'pg_terminate_backend needs the PostgreSQL server',
}, async () => {
  await testDatabase(); // migrated, grants applied
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolMax: 1 });
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL }), database });
  try {
    let uncaught: unknown;
    const onUncaught = (err: unknown) => {
      uncaught = err;
    };
    process.on('uncaughtException', onUncaught);
    const failed = await database.db
      .transaction(async (tx) => {
        const [{ pid }] = await queryRows<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
        await asOwner((owner) => owner.db.execute(sql`SELECT pg_terminate_backend(${pid})`));
        await new Promise((r) => setTimeout(r, 200));
        await tx.execute(sql`SELECT 1`);
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    process.off('uncaughtException', onUncaught);
    assert.equal(uncaught, undefined, 'no uncaught error event');
    assert.ok(failed, 'the transaction failed');
    assert.equal(isDatabaseUnavailable(failed), true, String(failed));
    // The one pooled connection was replaced: the app answers again.
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200, ready.body);
    // From an address of its own: the login throttle counts per address in the database, which other test files share.
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'Wrong#Pass1' },
      remoteAddress: '192.0.2.36',
    });
    assert.equal(login.statusCode, 401, login.body);
  } finally {
    await app.close();
    await database.close();
  }
});
