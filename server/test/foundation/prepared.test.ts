// queryPrepared (server/src/db/client.ts, issue 20): a hot statement of fixed text goes to the server as
// a named prepared statement, answers what queryRows answers on both drivers, and a name cannot be
// reused for another text. queryShaped names each text of a statement built from a few shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryPrepared, queryRows, queryShaped } from '../../src/db/client.ts';
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

test('queryPrepared on the PostgreSQL server: the statement is prepared on the connection under its name', async (t) => {
  const { db, kind } = await testDatabase();
  if (kind !== 'postgres') return t.skip('PGlite: its driver has no named statements');
  await db.transaction(async (tx) => {
    await queryPrepared(tx, 'test_prepared_seen', sql`SELECT ${'x'}::text AS v`);
    const rows = await queryRows<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE name = 'test_prepared_seen'`);
    assert.equal(rows.length, 1);
  });
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

test('queryShaped on the PostgreSQL server: each shape is prepared under a name of its own (prefix and a hash of its text)', async (t) => {
  const { db, kind } = await testDatabase();
  if (kind !== 'postgres') return t.skip('PGlite: its driver has no named statements');
  await db.transaction(async (tx) => {
    const names = async () =>
      (await queryRows<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'test_shaped_%'`)).map((r) => r.name);
    const before = await names();
    // A shape this connection has not seen (three units), asked with two sets of values: one new name.
    await queryShaped(tx, 'test_shaped', shaped(['1', '2', '3']));
    await queryShaped(tx, 'test_shaped', shaped(['3', '2', '1']));
    const added = (await names()).filter((n) => !before.includes(n));
    assert.equal(added.length, 1, 'one name per text, whatever the values');
    assert.match(added[0]!, /^test_shaped_[0-9a-f]{16}$/);
  });
});
