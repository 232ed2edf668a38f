// Issue 20: the intakes of concurrent requests written together (appeals.intake.ts prepares each one;
// this file writes them): their Idempotency-Keys claimed, their appeals written in one statement, another
// module's rows written with them (a work order's), and the answers stored — one transaction per batch.
import type { Db, DbOrTx } from '../../db/client.ts';
import { coalesced, type Settled } from '../../db/coalesce.ts';
import { withTx } from '../../lib/context.ts';
import * as repo from './appeals.intake.repository.ts';
import type { AppealRow, DetailExtras } from './appeals.repository.ts';

export type PendingIntake = {
  write: repo.IntakeWrite;
  claim: repo.IdempotencyClaim | null;
  /** Whether the answer needs the appeal page's row (else only the id). */
  detail: boolean;
  present: (written: (AppealRow & DetailExtras) | { id: string }) => unknown;
  /** Another module's rows written with the appeal (receiveWorkOrderTogether). */
  companion?: { of: IntakeCompanion<unknown>; item: unknown };
};
/** A key that had been used: the request answers the stored response. */
export const REPEAT = Symbol('repeat');
/** An intake its companion did not admit: nothing of it was written. */
export const NOT_ADMITTED = Symbol('not admitted');

/**
 * Rows another module writes with appeals of an intake batch, in the batch's transaction (issue 20: a
 * work order's own row and audit row, modules/integrations). Each is called once per batch with all
 * of the batch's items that carry it, in their order.
 */
export type IntakeCompanion<C> = {
  /** Before the appeals: which items go ahead (false: nothing of the item is written; its caller is told). */
  admit(tx: DbOrTx, items: C[]): Promise<boolean[]>;
  /** After the appeals: the admitted items' own rows. */
  write(tx: DbOrTx, items: C[]): Promise<void>;
};

/**
 * Issue 20: intakes written together. Requests whose intake is ready while another batch is being
 * written wait for it and then go together (db/coalesce.ts): one transaction claims their keys, writes
 * their appeals in one statement and stores their answers — a handful of round trips for the batch
 * instead of each. Alone, an intake is written at once. A batch that fails is written again one
 * intake at a time, so one intake's fault (an enterprise or a unit removed meanwhile …) never refuses
 * the others.
 */
export const writeIntakes = coalesced<PendingIntake, unknown>(async (db, _key, items) => {
  try {
    return await writeBatch(db, items);
  } catch (err) {
    if (items.length === 1) throw err;
    return Promise.all(
      items.map((item) =>
        writeBatch(db, [item]).then(
          ([r]) => r!,
          (error: unknown) => ({ ok: false as const, error }),
        ),
      ),
    );
  }
});

async function writeBatch(db: Db, items: PendingIntake[]): Promise<Settled<unknown>[]> {
  const claims = items.flatMap((i) => (i.claim ? [i.claim] : []));
  const companions = new Map<IntakeCompanion<unknown>, PendingIntake[]>();
  for (const i of items) {
    if (!i.companion) continue;
    const group = companions.get(i.companion.of);
    if (group) group.push(i);
    else companions.set(i.companion.of, [i]);
  }
  const write = async (tx: DbOrTx) => {
    const claimed = claims.length ? await repo.claimIdempotencyKeys(tx, claims) : () => true;
    const refused = new Set<PendingIntake>();
    for (const [of, group] of companions) {
      const admitted = await of.admit(
        tx,
        group.map((i) => i.companion!.item),
      );
      group.forEach((i, n) => {
        if (!admitted[n]) refused.add(i);
      });
    }
    const fresh = items.filter((i) => (!i.claim || claimed(i.claim)) && !refused.has(i));
    const writes = fresh.map((i) => i.write);
    const rows = !fresh.length ? [] : fresh.some((i) => i.detail) ? await repo.insertIntakes(tx, writes, 'detail') : await repo.insertIntakes(tx, writes, 'id');
    for (const [of, group] of companions) {
      const written = group.filter((i) => !refused.has(i));
      if (written.length)
        await of.write(
          tx,
          written.map((i) => i.companion!.item),
        );
    }
    const bodies = new Map(fresh.map((i, n) => [i, i.present(rows[n]!)]));
    const answers = fresh.flatMap((i) => (i.claim ? [{ ...i.claim, statusCode: 201, response: bodies.get(i) }] : []));
    if (answers.length) await repo.storeIdempotentResponses(tx, answers);
    return items.map((i): Settled<unknown> => ({ ok: true, value: bodies.has(i) ? bodies.get(i) : refused.has(i) ? NOT_ADMITTED : REPEAT }));
  };
  // One intake without a key or another module's rows is one statement: atomic without a transaction.
  return claims.length || companions.size || items.length > 1 ? withTx({ db }, write) : write(db);
}
