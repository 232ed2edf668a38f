// sqlArray (server/src/db/client.ts): an array sent as one parameter keeps every element whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, sqlArray } from '../../src/db/client.ts';
import { testDatabase } from '../helpers/db.ts';

test('sqlArray: texts with commas, quotes, backslashes, braces, spaces, NULL-like words and emoji come back as sent', async () => {
  const { db } = await testDatabase();
  const texts = ['a,b', 'say "hi"', 'back\\slash', '{brace}', ' spaced ', 'NULL', '', '危化品,经营', '😀x', '91370100MA3C5X7B1G'];
  const rows = await queryRows<{ v: string }>(db, sql`SELECT unnest(${sqlArray(texts, 'text')}) AS v`);
  assert.deepEqual(
    rows.map((r) => r.v),
    texts,
  );
  const [n] = await queryRows<{ n: number }>(db, sql`SELECT cardinality(${sqlArray([1, 2, 30000000000], 'bigint')}) AS n`);
  assert.equal(n.n, 3);
  const [d] = await queryRows<{ d: string }>(db, sql`SELECT (${sqlArray(['2026-12-04', '2026-12-05'], 'date')})[2]::text AS d`);
  assert.equal(d.d, '2026-12-05');
  const [e] = await queryRows<{ n: number }>(db, sql`SELECT cardinality(${sqlArray([], 'uuid')}) AS n`);
  assert.equal(e.n, 0);
});
