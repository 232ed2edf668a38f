// Issue 20: statements shared by concurrent requests (server/src/db/coalesce.ts) — what goes together,
// in what order, and who is refused when a batch or one of its items fails.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Db } from '../../src/db/client.ts';
import { coalesced, type Settled } from '../../src/db/coalesce.ts';

/** A batch runner whose batches the test finishes by hand. */
function manual<O>(answer: (item: number) => Settled<O>) {
  const batches: { items: number[]; finish: () => void; fail: (e: unknown) => void }[] = [];
  const run = (_db: Db, _key: string, items: number[]) =>
    new Promise<Settled<O>[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map(answer)), fail: reject });
    });
  return { batches, run };
}
const tick = () => new Promise((r) => setImmediate(r));
const dbA = { dialect: {} } as unknown as Db;
const dbB = { dialect: {} } as unknown as Db;

test('issue 20 coalesce: alone a call runs at once; calls made while a batch runs go together next, in order; a call is never added to a batch already running', async () => {
  const m = manual((i) => ({ ok: true, value: i * 10 }));
  const ask = coalesced(m.run);
  const first = ask(dbA, 'k', 1);
  await tick();
  assert.deepEqual(
    m.batches.map((b) => b.items),
    [[1]],
  );
  const later = [ask(dbA, 'k', 2), ask(dbA, 'k', 3), ask(dbA, 'k', 4)];
  await tick();
  assert.equal(m.batches.length, 1, 'nothing starts while the batch runs');
  m.batches[0]!.finish();
  assert.equal(await first, 10);
  await tick();
  assert.deepEqual(m.batches[1]!.items, [2, 3, 4]);
  const afterStart = ask(dbA, 'k', 5);
  m.batches[1]!.finish();
  assert.deepEqual(await Promise.all(later), [20, 30, 40]);
  await tick();
  assert.deepEqual(m.batches[2]!.items, [5]);
  m.batches[2]!.finish();
  assert.equal(await afterStart, 50);
});

test('issue 20 coalesce: keys and databases never share a batch; inFlight batches of a key run at once; at most max items a batch', async () => {
  const m = manual((i) => ({ ok: true, value: i }));
  const ask = coalesced(m.run, { max: 2, inFlight: 2 });
  const all = [ask(dbA, 'x', 1), ask(dbA, 'x', 2), ask(dbA, 'y', 3), ask(dbB, 'x', 4), ask(dbA, 'x', 5), ask(dbA, 'x', 6), ask(dbA, 'x', 7)];
  await tick();
  // x on A: 1 and 2 started alone (two in flight), then 5, 6, 7 wait; y on A and x on B run apart.
  assert.deepEqual(
    m.batches.map((b) => b.items),
    [[1], [2], [3], [4]],
  );
  m.batches[0]!.finish();
  await tick();
  assert.deepEqual(m.batches[4]!.items, [5, 6], 'max 2 a batch');
  for (const b of m.batches.slice(1)) b.finish();
  await tick();
  assert.deepEqual(m.batches[5]!.items, [7]);
  m.batches[5]!.finish();
  assert.deepEqual(await Promise.all(all), [1, 2, 3, 4, 5, 6, 7]);
});

test('issue 20 coalesce: a batch that throws refuses its own callers only; an item refused by the batch refuses only its caller; the next batch runs', async () => {
  const m = manual((i) => (i === 3 ? { ok: false, error: new Error('item 3') } : { ok: true, value: i }));
  const ask = coalesced(m.run);
  const a = ask(dbA, 'k', 1);
  const rest = [ask(dbA, 'k', 2), ask(dbA, 'k', 3), ask(dbA, 'k', 4)];
  await tick();
  m.batches[0]!.fail(new Error('batch down'));
  await assert.rejects(a, /batch down/);
  await tick();
  m.batches[1]!.finish();
  const settled = await Promise.allSettled(rest);
  assert.deepEqual(
    settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)),
    [2, 'item 3', 4],
  );
  // A batch that answers fewer items than it was given refuses the rest rather than leaving them waiting.
  const short = coalesced(async (_db: Db, _k: string, items: number[]) => items.slice(1).map((i) => ({ ok: true as const, value: i })));
  await assert.rejects(short(dbA, 'k', 9), /answered 0 of 1/);
});

test('issue 20 coalesce: a transaction handle runs its item alone in it, never shared with the pool', async () => {
  const { testDatabase } = await import('../helpers/db.ts');
  const db = (await testDatabase()).db;
  const seen: { tx: boolean; items: number[] }[] = [];
  const ask = coalesced(async (d: Db, _k: string, items: number[]) => {
    seen.push({ tx: d !== db, items });
    return items.map((i) => ({ ok: true as const, value: i }));
  });
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    assert.deepEqual(await Promise.all([ask(t, 'k', 1), ask(t, 'k', 2), ask(t, 'k', 3)]), [1, 2, 3]);
  });
  assert.deepEqual(seen, [
    { tx: true, items: [1] },
    { tx: true, items: [2] },
    { tx: true, items: [3] },
  ]);
});
