// Statements shared by concurrent requests (issue 20). Requests that ask the database the same kind of
// thing at the same moment (read their sessions, draw an appeal number of a tenant-year, write a new
// appeal) need not each pay a round trip of both processes: one statement runs at a time per database
// and key, and whatever was asked while it ran goes together as the next one. Alone, a request runs at
// once, as it would without this; under load one statement serves several requests. Nothing waits on a
// timer.
import { PgTransaction } from 'drizzle-orm/pg-core';
import { databaseKey, type Db } from './client.ts';

/** One item's outcome in a batch: a batch may answer some items and refuse others. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

type Waiter<I, O> = { item: I; resolve: (v: O) => void; reject: (e: unknown) => void };
type Queue<I, O> = { waiting: Waiter<I, O>[]; running: number };

/**
 * `run(db, key, items)` answers the items in their order (an error it throws refuses them all). The
 * returned function asks for one item on `db`'s database under `key`: `db` is the pool (the batch is its
 * own statement or transaction); a transaction handle runs its item alone in that transaction. At most
 * `max` items go in one batch, and at most `inFlight` batches of a key run at once (1 where they would
 * only queue on the same row).
 */
export function coalesced<I, O>(
  run: (db: Db, key: string, items: I[]) => Promise<Settled<O>[]>,
  { max = 64, inFlight = 1 }: { max?: number; inFlight?: number } = {},
): (db: Db, key: string, item: I) => Promise<O> {
  const queues = new WeakMap<object, Map<string, Queue<I, O>>>();
  async function drain(db: Db, key: string, q: Queue<I, O>, byKey: Map<string, Queue<I, O>>) {
    q.running++;
    while (q.waiting.length) {
      const batch = q.waiting.splice(0, max);
      try {
        const out = await run(
          db,
          key,
          batch.map((w) => w.item),
        );
        batch.forEach((w, i) => {
          const r = out[i];
          if (!r) w.reject(new Error(`coalesced batch answered ${out.length} of ${batch.length} items`));
          else if (r.ok) w.resolve(r.value);
          else w.reject(r.error);
        });
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    q.running--;
    if (!q.running) byKey.delete(key);
  }
  return (db, key, item) => {
    // A transaction handle (a caller that holds one, typed as the pool: demo data's contexts) runs its
    // item alone in it: its statements must see, and commit with, that transaction's work.
    if ((db as unknown) instanceof PgTransaction) {
      return run(db, key, [item]).then(([r]) => {
        if (!r) throw new Error('coalesced batch answered 0 of 1 items');
        if (!r.ok) throw r.error;
        return r.value;
      });
    }
    const dbKey = databaseKey(db);
    let byKey = queues.get(dbKey);
    if (!byKey) {
      byKey = new Map();
      queues.set(dbKey, byKey);
    }
    let q = byKey.get(key);
    if (!q) {
      q = { waiting: [], running: 0 };
      byKey.set(key, q);
    }
    const queue = q;
    const answer = new Promise<O>((resolve, reject) => queue.waiting.push({ item, resolve, reject }));
    if (queue.running < inFlight) void drain(db, key, queue, byKey);
    return answer;
  };
}
