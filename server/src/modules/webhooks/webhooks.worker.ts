// Issue 18: events out. Two steps, both run by the scheduled task `webhooks` (jobs/tasks.ts) and safe
// to run from several workers at once:
//  1. fan-out — the appeals module's timeline (appeal_events, written in the same transaction as each
//     change, append-only) is read after a cursor (re-reading a window below it, like the notifier, so
//     an event committed late is not skipped); each event × active subscription of its tenant that
//     wants it becomes one webhook_deliveries row (unique per subscription and event: idempotent).
//  2. delivery — due rows are leased with FOR UPDATE SKIP LOCKED, POSTed signed the Standard Webhooks
//     way, and settled: delivered, or retried with exponential backoff (RETRY_DELAYS_SECONDS, about a
//     day), or failed. Every attempt is logged (webhook_attempts). When a delivery runs out of tries
//     and the subscription has had no success for DISABLE_AFTER_FAILING_HOURS, it is disabled and the
//     tenant's sysadmins are notified. At-least-once: a worker killed after the POST but before the
//     settle leaves the lease, which expires, and the message is sent again with the same webhook-id.
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit, systemActor } from '../../lib/context.ts';
import { webhookHeaders } from '../../lib/standard-webhooks.ts';
import { timelineEventsForExport } from '../appeals/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { DISABLE_AFTER_FAILING_HOURS, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, TIMELINE_TYPES, webhookBody } from './webhooks.events.ts';
import * as repo from './webhooks.repository.ts';

export const WEBHOOKS_TASK = 'webhooks';

/** Fans out the timeline events with id > afterId; returns the last id read. */
export async function fanOutWebhooks(db: DbOrTx, opts: { afterId: number; limit?: number }) {
  const events = await timelineEventsForExport(db, { afterId: opts.afterId, types: TIMELINE_TYPES, limit: opts.limit ?? 2000 });
  if (!events.length) return { lastId: opts.afterId, events: 0, queued: 0 };
  const subs = await repo.activeSubscriptionsOf(db, [...new Set(events.map((e) => e.tenantId))]);
  const rows: repo.NewDelivery[] = [];
  for (const e of events) {
    const wanting = subs.filter((s) => s.tenantId === e.tenantId && s.createdAt <= e.at);
    if (!wanting.length) continue;
    const { type, body } = webhookBody(e);
    for (const s of wanting)
      if (s.events.includes(type))
        rows.push({ tenant_id: e.tenantId, subscription_id: s.id, event_id: e.id, event_type: type, body, created_at: e.at.toISOString() });
  }
  const queued = await repo.insertDeliveries(db, rows);
  return { lastId: events[events.length - 1].id, events: events.length, queued };
}

/** The webhook-id of a delivery: the same on every attempt, so receivers can deduplicate. */
export const messageId = (deliveryId: string) => `msg_${deliveryId.replaceAll('-', '')}`;

export type SendOutcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** One signed POST. 2xx is success; anything else (or no answer in time) a failure. */
export async function sendWebhook(
  d: Pick<repo.ClaimedDelivery, 'id' | 'url' | 'secret' | 'previousSecret' | 'previousSecretUntil' | 'body'>,
  now: Date,
  timeoutMs: number,
): Promise<SendOutcome> {
  const secrets = [d.secret, ...(d.previousSecret && d.previousSecretUntil && d.previousSecretUntil > now ? [d.previousSecret] : [])];
  const headers = webhookHeaders(secrets, messageId(d.id), Math.floor(Date.now() / 1000), d.body);
  const started = performance.now();
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Zhengqitong-Webhooks/1', ...headers },
      body: d.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const msg =
      err instanceof Error && err.name === 'TimeoutError'
        ? `超时（${timeoutMs} ms）`
        : (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
    return { ok: false, statusCode: null, error: String(msg).slice(0, 500), durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * Records the outcomes of automatic attempts (one transaction per batch: the log, the deliveries, each
 * subscription's health); disables a subscription after persistent failure, with a notice to sysadmin.
 */
async function settleBatch(db: Db, items: readonly { d: repo.ClaimedDelivery; out: SendOutcome }[], now: Date) {
  if (!items.length) return;
  const rows = items.map(({ d, out }): repo.Outcome & { subscriptionId: string; exhausted: boolean } => {
    const attempt = d.attempts + 1;
    const exhausted = !out.ok && attempt >= MAX_ATTEMPTS;
    const next = out.ok || exhausted ? now : new Date(now.getTime() + RETRY_DELAYS_SECONDS[attempt - 1] * 1000);
    return {
      deliveryId: d.id,
      tenantId: d.tenantId,
      subscriptionId: d.subscriptionId,
      attempt,
      ok: out.ok,
      statusCode: out.statusCode,
      error: out.error,
      durationMs: out.durationMs,
      status: out.ok ? 'delivered' : exhausted ? 'failed' : 'pending',
      nextAttemptAt: next.toISOString(),
      exhausted,
    };
  });
  await db.transaction(async (tx) => {
    await repo.settleOutcomes(tx, rows, now);
    for (const subscriptionId of new Set(rows.map((r) => r.subscriptionId))) {
      const mine = rows.filter((r) => r.subscriptionId === subscriptionId);
      const anyOk = mine.some((r) => r.ok);
      const failingSince = await repo.markSubscriptionHealth(tx, subscriptionId, anyOk, now);
      const last = mine.filter((r) => r.exhausted).at(-1);
      if (!last || anyOk || !failingSince || now.getTime() - failingSince.getTime() < DISABLE_AFTER_FAILING_HOURS * 3_600_000) continue;
      const reason = `连续${DISABLE_AFTER_FAILING_HOURS}小时以上投递失败（最后一次：${last.error ?? '未知错误'}），已自动停用`;
      const sub = await repo.disableSubscription(tx, subscriptionId, reason, now);
      if (!sub) continue;
      // Notice to the tenant's sysadmins (in-app, and their chosen channels through the notifications module).
      await insertNotifications(tx, [
        {
          tenant_id: sub.tenantId,
          type: 'webhook_disabled',
          role: 'sysadmin',
          title: `事件推送已停用：${sub.name}`,
          body: `推送地址 ${sub.url} ${reason}。请检查对方系统后在“事件推送”页重新启用。`,
          source_key: `webhook-disabled:${sub.id}:${now.getTime()}`,
        },
      ]);
      const ctx = { db, actor: systemActor(sub.tenantId, WEBHOOKS_TASK), ip: '', requestId: WEBHOOKS_TASK };
      await audit(tx, ctx, {
        action: 'webhook.disable',
        entity: 'webhook_subscription',
        entityId: sub.id,
        summary: `事件推送「${sub.name}」${reason}`,
        after: { status: 'disabled', disabledReason: reason },
      });
    }
  });
}

/** Outcomes are written in batches of this many (a crash re-sends at most the unwritten ones: at-least-once). */
const SETTLE_BATCH = 16;

export type DeliverOptions = {
  instance?: string;
  limit?: number;
  concurrency?: number;
  timeoutMs?: number;
  leaseSeconds?: number;
  onlyIds?: readonly string[];
};

/** Claims and sends the due deliveries (up to `limit`, `concurrency` at a time). */
export async function deliverDueWebhooks(db: Db, now: Date, opts: DeliverOptions = {}) {
  const instance = opts.instance ?? `webhooks:${process.pid}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const limit = opts.limit ?? 200;
  const concurrency = opts.concurrency ?? 8;
  // Long enough for the whole batch at worst (every request timing out), so no other worker takes a row still being sent.
  const leaseMs = opts.leaseSeconds !== undefined ? opts.leaseSeconds * 1000 : Math.ceil(limit / concurrency) * timeoutMs + 30_000;
  const claimed = await repo.claimDue(db, now, new Date(now.getTime() + leaseMs), instance, limit, opts.onlyIds);
  let delivered = 0;
  let failed = 0;
  let next = 0;
  let buffer: { d: repo.ClaimedDelivery; out: SendOutcome }[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = buffer;
    buffer = [];
    writing = writing.then(() => settleBatch(db, batch, now));
    return writing;
  };
  const worker = async () => {
    while (next < claimed.length) {
      const d = claimed[next++];
      const out = await sendWebhook(d, now, timeoutMs);
      buffer.push({ d, out });
      if (out.ok) delivered++;
      else failed++;
      if (buffer.length >= SETTLE_BATCH) await flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
  await flush();
  return { claimed: claimed.length, delivered, failed };
}
