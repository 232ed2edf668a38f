// queryPrepared (server/src/db/client.ts, issue 20): a hot statement of fixed text goes as a named
// prepared statement — to the server, and on PGlite (db/pglite-prepared.ts) —,
// answers what queryRows answers on both drivers, fails as queryRows fails, and a name cannot be reused
// for another text. queryShaped names each text of a statement built from a few shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryPrepared, queryRows, queryShaped, type DbOrTx } from '../../src/db/client.ts';
import { testDatabase } from '../helpers/db.ts';

const statement = (n: number) => sql`SELECT ${n}::int + 1 AS n, 'é😀' || ${String(n)}::text AS t`;

test('queryPrepared answers the rows queryRows answers, for each new parameter, inside and outside a transaction', async () => {
  const { db } = await testDatabase();
  for (const n of [1, 2, 3, 40, 41, 42, 43]) {
    assert.deepEqual(await queryPrepared(db, 'test_prepared_rows', statement(n)), await queryRows(db, statement(n)));
  }
  await db.transaction(async (tx) => {
    assert.deepEqual(await queryPrepared(tx, 'test_prepared_rows', statement(7)), [{ n: 8, t: 'é😀7' }]);
  });
});

const preparedNamed = (db: DbOrTx, like: string) =>
  queryRows<{ name: string }>(db, sql`SELECT name FROM pg_prepared_statements WHERE name LIKE ${like} ORDER BY name`).then((r) => r.map((x) => x.name));

test('queryPrepared on the PostgreSQL server: the statement is prepared on the connection under its name', async (t) => {
  const { db, kind } = await testDatabase();
  if (kind !== 'postgres') return t.skip('PGlite: see the next test');
  await db.transaction(async (tx) => {
    await queryPrepared(tx, 'test_prepared_seen', sql`SELECT ${'x'}::text AS v`);
    assert.deepEqual(await preparedNamed(tx, 'test_prepared_seen'), ['test_prepared_seen']);
  });
});

test('queryPrepared on PGlite: prepared once under its name, with its parameters typed, outside a transaction and inside one (also one rolled back)', async (t) => {
  const { db, kind } = await testDatabase();
  if (kind !== 'pglite') return t.skip('the server: see the test before');
  // Parameters of the types PGlite serializes itself (a date, JSON, an array, a boolean, null) and text.
  const typed = (at: Date, doc: unknown, ids: string[], flag: boolean, none: string | null) =>
    sql`SELECT ${at}::timestamptz AS at, ${JSON.stringify(doc)}::jsonb AS doc, ${sql.param(ids)}::text[] AS ids, ${flag}::boolean AS flag, ${none}::text AS none, now() >= ${at}::timestamptz AS past`;
  const at = new Date('2026-12-04T16:00:00.000Z');
  for (const args of [
    [at, { a: [1, '😀'] }, ['x', 'y,z'], true, null],
    [new Date(0), { b: null }, [], false, 'n'],
  ] as const) {
    const q = typed(...(args as unknown as Parameters<typeof typed>));
    assert.deepEqual(await queryPrepared(db, 'test_prepared_typed', q), await queryRows(db, q));
  }
  assert.deepEqual(await preparedNamed(db, 'test_prepared_typed'), ['test_prepared_typed']);
  // Inside a transaction too, and a statement first prepared in a transaction that is rolled back
  // stays prepared (PostgreSQL's prepared statements belong to the session): it runs after, outside
  // and in the next transaction, seeing what each sees.
  await queryRows(db, sql`CREATE TEMP TABLE IF NOT EXISTS test_prepared_t (v text)`);
  const count = sql`SELECT count(*)::int AS n FROM test_prepared_t WHERE v = ${'x'}`;
  await assert.rejects(
    db.transaction(async (tx) => {
      await queryRows(tx, sql`INSERT INTO test_prepared_t VALUES ('x')`);
      assert.deepEqual(await queryPrepared(tx, 'test_prepared_in_tx', count), [{ n: 1 }], 'sees its own transaction');
      assert.deepEqual(await preparedNamed(tx, 'test_prepared_in_tx'), ['test_prepared_in_tx']);
      tx.rollback();
    }),
  );
  assert.deepEqual(await queryPrepared(db, 'test_prepared_in_tx', count), [{ n: 0 }], 'after the rollback');
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`INSERT INTO test_prepared_t VALUES ('x')`);
    assert.deepEqual(await queryPrepared(tx, 'test_prepared_in_tx', count), [{ n: 1 }]);
  });
  assert.deepEqual(await queryPrepared(db, 'test_prepared_in_tx', count), [{ n: 1 }], 'after the commit');
  assert.deepEqual(await preparedNamed(db, 'test_prepared_in_tx'), ['test_prepared_in_tx']);
});

test('queryPrepared fails as queryRows fails (the same driver error and code), and the name works again after its text failed to prepare', async () => {
  const { db } = await testDatabase();
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      for (let e = err; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code) return (e as { code: string }).code;
      return `no code: ${err}`;
    }
    return 'no error';
  };
  const divide = (n: number) => sql`SELECT 1 / ${n}::int AS q`;
  assert.equal(await code(queryPrepared(db, 'test_prepared_fails', divide(0))), '22012');
  assert.equal(await code(queryRows(db, divide(0))), '22012');
  assert.deepEqual(await queryPrepared(db, 'test_prepared_fails', divide(1)), [{ q: 1 }], 'the statement still runs with other values');
  // A text that cannot be prepared (no such table) leaves the name free for when it can.
  assert.equal(await code(queryPrepared(db, 'test_prepared_later', sql`SELECT count(*)::int AS n FROM test_prepared_later_t`)), '42P01');
  assert.equal(await code(queryPrepared(db, 'test_prepared_later', sql`SELECT count(*)::int AS n FROM test_prepared_later_t`)), '42P01');
});

test("queryPrepared on PGlite waits for a transaction in progress: it never runs inside another caller's transaction", async (t) => {
  const { db, kind } = await testDatabase();
  if (kind !== 'pglite') return t.skip('the server: each caller has its own connection');
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let inTx!: () => void;
  const started = new Promise<void>((r) => (inTx = r));
  const tx = db.transaction(async (tx) => {
    await queryRows(tx, sql`SELECT set_config('application_name', 'test_in_tx', true)`);
    inTx();
    await held;
    // Rolled back: a statement that had slipped into it would be rolled back too.
    tx.rollback();
  });
  await started;
  const outside = queryPrepared<{ v: string; app: string }>(
    db,
    'test_prepared_outside',
    sql`SELECT ${'a'}::text AS v, current_setting('application_name') AS app`,
  );
  let done = false;
  void outside.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 50));
  const waited = !done;
  release();
  await assert.rejects(tx);
  assert.ok(waited, 'waits while the transaction is open');
  const [row] = await outside;
  assert.equal(row!.v, 'a');
  assert.notEqual(row!.app, 'test_in_tx', 'then runs on its own, not in the transaction');
});

test('queryPrepared refuses a second text under a name already used (pg would refuse it on a connection that has the first)', async () => {
  const { db } = await testDatabase();
  await queryPrepared(db, 'test_prepared_once', sql`SELECT 1 AS a`);
  await assert.rejects(queryPrepared(db, 'test_prepared_once', sql`SELECT 2 AS a`), /test_prepared_once: its text changed/);
});

const shaped = (units: string[] | null) =>
  sql`SELECT count(*)::int AS n FROM (VALUES (1), (2), (3)) v(x) WHERE ${
    units === null
      ? sql`true`
      : sql`v.x::text IN (${sql.join(
          units.map((u) => sql`${u}`),
          sql`, `,
        )})`
  }`;

test('queryShaped answers the rows queryRows answers, for each shape and values', async () => {
  const { db } = await testDatabase();
  // Three shapes (no filter, one unit, two), two of them asked with other values.
  for (const units of [null, ['1'], ['2'], ['1', '3'], ['2', '3']])
    assert.deepEqual(await queryShaped(db, 'test_shaped', shaped(units)), await queryRows(db, shaped(units)));
});

test('queryShaped: each shape is prepared under a name of its own (prefix and a hash of its text)', async () => {
  const { db, kind } = await testDatabase();
  // The server: in a transaction (one connection, the one asked); PGlite: outside one (its one session).
  const check = async (d: DbOrTx) => {
    const before = await preparedNamed(d, 'test_shaped_%');
    // A shape this connection has not seen (three units), asked with two sets of values: one new name.
    await queryShaped(d, 'test_shaped', shaped(['1', '2', '3']));
    await queryShaped(d, 'test_shaped', shaped(['3', '2', '1']));
    const added = (await preparedNamed(d, 'test_shaped_%')).filter((n) => !before.includes(n));
    assert.equal(added.length, 1, 'one name per text, whatever the values');
    assert.match(added[0]!, /^test_shaped_[0-9a-f]{16}$/);
  };
  if (kind === 'postgres') await db.transaction(check);
  else await check(db);
});
