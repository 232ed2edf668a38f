// Issue 18: events out. Two steps, both run by the scheduled task `webhooks` (jobs/tasks.ts) and safe
// to run from several workers at once:
//  1. fan-out — the appeals module's timeline (appeal_events, written in the same transaction as each
//     change, append-only) is read after a cursor (re-reading a window below it, like the notifier, so
//     an event committed late is not skipped); each event × active subscription of its tenant that
//     wants it (its type; and for a subscription naming an integration client, an appeal that came from
//     that client) becomes one webhook_deliveries row (unique per subscription and event: idempotent).
//  2. delivery — due rows are leased with FOR UPDATE SKIP LOCKED, POSTed signed the Standard Webhooks
//     way, and settled: delivered, or retried with exponential backoff (RETRY_DELAYS_SECONDS, about a
//     day), or failed. Every attempt is logged (webhook_attempts). When a delivery runs out of tries
//     and the subscription has had no success for DISABLE_AFTER_FAILING_HOURS, it is disabled and the
//     tenant's sysadmins are notified. At-least-once: a worker killed after the POST but before the
//     settle leaves the lease, which expires, and the message is sent again with the same webhook-id.
import http from 'node:http';
import https from 'node:https';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit, systemActor } from '../../lib/context.ts';
import { checkOutgoingUrl, pinnedLookup } from '../../lib/net-guard.ts';
import { webhookHeaders } from '../../lib/standard-webhooks.ts';
import { timelineEventsForExport } from '../appeals/index.ts';
import { clientsOfAppeals } from '../integrations/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { DISABLE_AFTER_FAILING_HOURS, MAX_ATTEMPTS, RETRY_DELAYS_SECONDS, TIMELINE_TYPES, webhookBody } from './webhooks.events.ts';
import * as repo from './webhooks.repository.ts';

export const WEBHOOKS_TASK = 'webhooks';

/** Fans out the timeline events with id > afterId; returns the last id read. */
export async function fanOutWebhooks(db: DbOrTx, opts: { afterId: number; limit?: number }) {
  const events = await timelineEventsForExport(db, { afterId: opts.afterId, types: TIMELINE_TYPES, limit: opts.limit ?? 2000 });
  if (!events.length) return { lastId: opts.afterId, events: 0, queued: 0 };
  const subs = await repo.activeSubscriptionsOf(db, [...new Set(events.map((e) => e.tenantId))]);
  // A subscription naming an integration client wants only the events of appeals that came from it.
  const origin = subs.some((s) => s.clientId) ? await clientsOfAppeals(db, [...new Set(events.map((e) => e.appealId))]) : new Map<string, string>();
  const rows: repo.NewDelivery[] = [];
  for (const e of events) {
    const wanting = subs.filter((s) => s.tenantId === e.tenantId && s.createdAt <= e.at && (!s.clientId || origin.get(e.appealId) === s.clientId));
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

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/** The network rule of the outgoing requests: private networks are refused unless the install allows them (WEBHOOK_ALLOW_PRIVATE_NETWORKS). */
export type NetworkPolicy = { allowPrivateNetworks: boolean };

/**
 * One signed POST. 2xx is success; anything else (or no answer in time) a failure. The URL is checked
 * again here (lib/net-guard.ts: its host resolved, every address public unless private networks are
 * allowed) and the request connects to the checked address only; a refused address is a failed attempt
 * whose error says why, and nothing is sent.
 */
export async function sendWebhook(
  d: Pick<repo.ClaimedDelivery, 'id' | 'url' | 'secret' | 'previousSecret' | 'previousSecretUntil' | 'body'>,
  now: Date,
  timeoutMs: number,
  net: NetworkPolicy,
): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = await checkOutgoingUrl(d.url, { allowPrivate: net.allowPrivateNetworks });
  if (!target.ok) return { ok: false, statusCode: null, error: `已拒绝，未发送：${target.reason}`.slice(0, 500), durationMs: elapsed() };
  const secrets = [d.secret, ...(d.previousSecret && d.previousSecretUntil && d.previousSecretUntil > now ? [d.previousSecret] : [])];
  const headers = webhookHeaders(secrets, messageId(d.id), Math.floor(Date.now() / 1000), d.body);
  const u = target.url;
  const secure = u.protocol === 'https:';
  return new Promise<SendOutcome>((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (o: Omit<SendOutcome, 'durationMs'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...o, durationMs: elapsed() });
    };
    const req = (secure ? https : http).request(
      {
        method: 'POST',
        protocol: u.protocol,
        hostname: target.host,
        port: u.port || (secure ? 443 : 80),
        path: `${u.pathname}${u.search}`,
        agent: secure ? agents.https : agents.http,
        // Connect to the address that was checked (no second DNS answer: DNS rebinding cannot redirect it).
        lookup: pinnedLookup(target.addresses),
        headers: {
          host: u.host,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(d.body),
          'user-agent': 'Zhengqitong-Webhooks/1',
          ...headers,
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        const ok = status >= 200 && status < 300;
        res.on('end', () => finish({ ok, statusCode: status, error: ok ? null : `HTTP ${status}` }));
        res.on('error', () => finish({ ok, statusCode: status, error: ok ? null : `HTTP ${status}` }));
      },
    );
    timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `超时（${timeoutMs} ms）` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, statusCode: null, error: String(err.code ?? err.message).slice(0, 500) }));
    req.end(d.body);
  });
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
  /** Private networks (loopback, RFC 1918 …) may be called: tests and on-premises installs. Default: refused. */
  allowPrivateNetworks?: boolean;
};

/** Claims and sends the due deliveries (up to `limit`, `concurrency` at a time). */
export async function deliverDueWebhooks(db: Db, now: Date, opts: DeliverOptions = {}) {
  const instance = opts.instance ?? `webhooks:${process.pid}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const limit = opts.limit ?? 200;
  const concurrency = opts.concurrency ?? 8;
  const net: NetworkPolicy = { allowPrivateNetworks: opts.allowPrivateNetworks ?? false };
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
      const out = await sendWebhook(d, now, timeoutMs, net);
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
