// SQL of the webhooks module: subscriptions (per tenant), the delivery queue and its attempt log.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { fromRaw, pgInstant } from '../../db/rows.ts';

export type SubscriptionRow = {
  id: string;
  tenantId: string;
  name: string;
  url: string;
  events: string[];
  clientId: string | null;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

const instant = (v: unknown) => (v == null ? null : pgInstant(v));
const rowOf = (r: Record<string, unknown>): SubscriptionRow => ({
  ...fromRaw<SubscriptionRow>(r),
  previousSecretUntil: instant(r.previous_secret_until),
  failingSince: instant(r.failing_since),
});

export async function listSubscriptions(db: DbOrTx, tenantId: string) {
  return (await queryRows<Record<string, unknown>>(db, sql`SELECT * FROM webhook_subscriptions WHERE tenant_id = ${tenantId} ORDER BY created_at, id`)).map(
    rowOf,
  );
}

export async function getSubscription(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT * FROM webhook_subscriptions WHERE id = ${id} AND tenant_id = ${tenantId}${lock ? sql` FOR UPDATE` : sql``}`,
  );
  return r ? rowOf(r) : null;
}

export async function ownerOfSubscription(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string }>(db, sql`SELECT tenant_id FROM webhook_subscriptions WHERE id = ${id}`);
  return r ? { tenantId: r.tenant_id } : null;
}

export async function insertSubscription(
  db: DbOrTx,
  v: { tenantId: string; name: string; url: string; events: string[]; clientId: string | null; secret: string },
) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`INSERT INTO webhook_subscriptions (tenant_id, name, url, events, client_id, secret)
        VALUES (${v.tenantId}, ${v.name}, ${v.url}, ${JSON.stringify(v.events)}::jsonb, ${v.clientId}, ${v.secret}) RETURNING *`,
  );
  return rowOf(r);
}

/** Versioned update: null when the version is stale. */
export async function updateSubscription(
  db: DbOrTx,
  tenantId: string,
  id: string,
  version: number,
  set: {
    name?: string;
    url?: string;
    events?: string[];
    clientId?: string | null;
    status?: 'active' | 'disabled';
    disabledReason?: string | null;
    disabledAt?: Date | null;
    failingSince?: Date | null;
    secret?: string;
    previousSecret?: string | null;
    previousSecretUntil?: Date | null;
  },
) {
  const parts = [sql`version = version + 1`, sql`updated_at = now()`];
  if (set.name !== undefined) parts.push(sql`name = ${set.name}`);
  if (set.url !== undefined) parts.push(sql`url = ${set.url}`);
  if (set.events !== undefined) parts.push(sql`events = ${JSON.stringify(set.events)}::jsonb`);
  if (set.clientId !== undefined) parts.push(sql`client_id = ${set.clientId}`);
  if (set.status !== undefined) parts.push(sql`status = ${set.status}`);
  if (set.disabledReason !== undefined) parts.push(sql`disabled_reason = ${set.disabledReason}`);
  if (set.disabledAt !== undefined) parts.push(sql`disabled_at = ${set.disabledAt}`);
  if (set.failingSince !== undefined) parts.push(sql`failing_since = ${set.failingSince}`);
  if (set.secret !== undefined) parts.push(sql`secret = ${set.secret}`);
  if (set.previousSecret !== undefined) parts.push(sql`previous_secret = ${set.previousSecret}`);
  if (set.previousSecretUntil !== undefined) parts.push(sql`previous_secret_until = ${set.previousSecretUntil}`);
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`UPDATE webhook_subscriptions SET ${sql.join(parts, sql`, `)} WHERE id = ${id} AND tenant_id = ${tenantId} AND version = ${version} RETURNING *`,
  );
  return r ? rowOf(r) : null;
}

/** Pending deliveries of a re-enabled subscription go out at once. */
export async function wakePending(db: DbOrTx, subscriptionId: string, now: Date) {
  await db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = ${now} WHERE subscription_id = ${subscriptionId} AND status = 'pending'`);
}

/** Active subscriptions of these tenants (fan-out). */
export async function activeSubscriptionsOf(db: DbOrTx, tenantIds: readonly string[]) {
  if (!tenantIds.length) return [];
  return (
    await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT * FROM webhook_subscriptions WHERE status = 'active' AND tenant_id IN (${sql.join(
        tenantIds.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    )
  ).map(rowOf);
}

export type NewDelivery = { tenant_id: string; subscription_id: string; event_id: number; event_type: string; body: string; created_at: string };

/** Set-based, idempotent (one delivery per subscription and event). */
export async function insertDeliveries(db: DbOrTx, rows: readonly NewDelivery[]) {
  if (!rows.length) return 0;
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`
    WITH ins AS (
      INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body, next_attempt_at, created_at)
      SELECT x.tenant_id, x.subscription_id, x.event_id, x.event_type, x.body, x.created_at, x.created_at
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(tenant_id uuid, subscription_id uuid, event_id bigint, event_type text, body text, created_at timestamptz)
      ON CONFLICT (subscription_id, event_id) DO NOTHING RETURNING 1
    ) SELECT count(*)::int AS n FROM ins`,
  );
  return r.n;
}

export type ClaimedDelivery = {
  id: string;
  tenantId: string;
  subscriptionId: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  body: string;
  attempts: number;
};

/**
 * Takes up to `limit` due deliveries of active subscriptions with a lease (FOR UPDATE SKIP LOCKED in a
 * short transaction): several workers never take the same row; a crashed worker's rows are taken again
 * once their lease has passed.
 */
export async function claimDue(db: DbOrTx, now: Date, leaseUntil: Date, instance: string, limit: number, onlyIds?: readonly string[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.locked_until IS NULL OR d.locked_until < ${now})
        AND s.status = 'active'${
          onlyIds
            ? sql` AND d.id IN (${sql.join(
                onlyIds.map((i) => sql`${i}`),
                sql`, `,
              )})`
            : sql``
        }
      ORDER BY d.next_attempt_at, d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d SET locked_until = ${leaseUntil}, locked_by = ${instance}
    FROM due, webhook_subscriptions s
    WHERE d.id = due.id AND s.id = d.subscription_id
    RETURNING d.id, d.tenant_id, d.subscription_id, s.url, s.secret, s.previous_secret, s.previous_secret_until, d.body, d.attempts`,
  );
  return rows.map((r) => ({ ...fromRaw<ClaimedDelivery>(r), previousSecretUntil: instant(r.previous_secret_until) }));
}

export async function insertAttempt(
  db: DbOrTx,
  a: {
    tenantId: string;
    deliveryId: string;
    attempt: number;
    at: Date;
    ok: boolean;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    trigger: 'auto' | 'manual';
  },
) {
  await db.execute(sql`
    INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, at, ok, status_code, error, duration_ms, trigger)
    VALUES (${a.tenantId}, ${a.deliveryId}, ${a.attempt}, ${a.at}, ${a.ok}, ${a.statusCode}, ${a.error}, ${a.durationMs}, ${a.trigger})`);
}

/** The outcome of an attempt on the delivery row (only while this worker holds it, for automatic attempts). */
export async function settleDelivery(
  db: DbOrTx,
  id: string,
  v: {
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    nextAttemptAt: Date;
    statusCode: number | null;
    error: string | null;
    deliveredAt: Date | null;
  },
) {
  await db.execute(sql`
    UPDATE webhook_deliveries SET status = ${v.status}, attempts = ${v.attempts}, next_attempt_at = ${v.nextAttemptAt},
      last_status_code = ${v.statusCode}, last_error = ${v.error}, delivered_at = coalesce(${v.deliveredAt}, delivered_at),
      locked_until = NULL, locked_by = NULL
    WHERE id = ${id}`);
}

/** A success clears the failing mark; a failure sets it if unset. Returns the subscription's failing_since. */
export async function markSubscriptionHealth(db: DbOrTx, id: string, ok: boolean, now: Date) {
  const [r] = await queryRows<{ failing_since: unknown }>(
    db,
    ok
      ? sql`UPDATE webhook_subscriptions SET failing_since = NULL WHERE id = ${id} RETURNING failing_since`
      : sql`UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, ${now}) WHERE id = ${id} RETURNING failing_since`,
  );
  return instant(r?.failing_since);
}

export async function disableSubscription(db: DbOrTx, id: string, reason: string, now: Date) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ${reason}, disabled_at = ${now}, version = version + 1, updated_at = now()
        WHERE id = ${id} AND status = 'active' RETURNING *`,
  );
  return r ? rowOf(r) : null;
}

export type DeliveryRow = {
  id: string;
  tenantId: string;
  subscriptionId: string;
  eventType: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export async function deliveriesOf(db: DbOrTx, subscriptionId: string, opts: { limit: number; offset: number; status?: string }) {
  const where = sql`subscription_id = ${subscriptionId}${opts.status ? sql` AND status = ${opts.status}` : sql``}`;
  const rows = (
    await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT * FROM webhook_deliveries WHERE ${where} ORDER BY created_at DESC, id LIMIT ${opts.limit} OFFSET ${opts.offset}`,
    )
  ).map((r) => fromRaw<DeliveryRow>(r));
  const [c] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE ${where}`);
  return { rows, total: c.n };
}

export async function getDelivery(db: DbOrTx, subscriptionId: string, id: string) {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`SELECT * FROM webhook_deliveries WHERE id = ${id} AND subscription_id = ${subscriptionId}`);
  return r ? fromRaw<DeliveryRow>(r) : null;
}

export type AttemptRow = {
  deliveryId: string;
  attempt: number;
  at: Date;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  trigger: string;
};

export async function attemptsOf(db: DbOrTx, deliveryIds: readonly string[]) {
  if (!deliveryIds.length) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT delivery_id, attempt, at, ok, status_code, error, duration_ms, trigger FROM webhook_attempts WHERE delivery_id IN (${sql.join(
      deliveryIds.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY attempt`,
  );
  return rows.map((r) => ({ ...fromRaw<AttemptRow>(r), at: pgInstant(r.at)! }));
}

export type Outcome = {
  deliveryId: string;
  tenantId: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: string;
};

/** The outcomes of a batch of automatic attempts: the log rows and the deliveries' new state, set-based. */
export async function settleOutcomes(db: DbOrTx, rows: readonly Outcome[], now: Date) {
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  await db.execute(sql`
    INSERT INTO webhook_attempts (tenant_id, delivery_id, attempt, at, ok, status_code, error, duration_ms, trigger)
    SELECT x."tenantId", x."deliveryId", x.attempt, ${now}, x.ok, x."statusCode", x.error, x."durationMs", 'auto'
    FROM jsonb_to_recordset(${json}::jsonb)
      AS x("tenantId" uuid, "deliveryId" uuid, attempt int, ok boolean, "statusCode" int, error text, "durationMs" int)`);
  await db.execute(sql`
    UPDATE webhook_deliveries d SET status = x.status, attempts = x.attempt, next_attempt_at = x."nextAttemptAt",
      last_status_code = x."statusCode", last_error = x.error,
      delivered_at = CASE WHEN x.ok THEN ${now}::timestamptz ELSE d.delivered_at END, locked_until = NULL, locked_by = NULL
    FROM jsonb_to_recordset(${json}::jsonb)
      AS x("deliveryId" uuid, attempt int, ok boolean, "statusCode" int, error text, status text, "nextAttemptAt" timestamptz)
    WHERE d.id = x."deliveryId"`);
}
