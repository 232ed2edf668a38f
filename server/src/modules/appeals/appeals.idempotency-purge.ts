// Issue 12 item 13: Idempotency-Keys (appeals intake, portal submit) are kept for a retention and
// then deleted by the scheduled task `idempotency-purge` (jobs/tasks.ts). The appeals module owns
// idempotency_keys (the portal's submissions go through its intake), so the purge lives here.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';

/**
 * Issue 12 item 13: deletes keys older than `before`, in batches (short transactions, the created_at
 * index); returns how many went. A retry with a purged key is a new submission, so `before` must
 * lie beyond the retention that clients are promised (IDEMPOTENCY_RETENTION_HOURS).
 */
export async function purgeIdempotencyKeys(db: DbOrTx, before: Date, batch = 5_000, maxBatches = 200): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`WITH gone AS (
            DELETE FROM idempotency_keys WHERE ctid IN (
              SELECT ctid FROM idempotency_keys WHERE created_at < ${before} ORDER BY created_at LIMIT ${batch})
            RETURNING 1)
          SELECT count(*)::int AS n FROM gone`,
    );
    total += r.n;
    if (r.n < batch) break;
  }
  return total;
}
