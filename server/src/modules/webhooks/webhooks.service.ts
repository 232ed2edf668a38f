// Issue 18: a tenant's webhook subscriptions, managed by sysadmin (the tenant's own; policy roles).
// The secret is shown once, at creation and at each rotation; after a rotation the previous secret
// keeps signing beside the new one for a day (webhook-signature carries both), so a receiver can switch
// without losing messages. Every change is audited without the secret (audit's redact drops `secret`).
import type { WebhookDelivery, WebhookSubscription } from '../../../../shared/api/delivery.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import type { Tx } from '../../db/client.ts';
import { checkOutgoingUrl } from '../../lib/net-guard.ts';
import { newWebhookSecret } from '../../lib/standard-webhooks.ts';
import { integrationClientOf } from '../integrations/index.ts';
import * as repo from './webhooks.repository.ts';
import { messageId, sendWebhook, type NetworkPolicy } from './webhooks.worker.ts';

export const ROTATION_OVERLAP_HOURS = 24;

/** Policy resource 'webhook'. */
export const owner = repo.ownerOfSubscription;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function present(r: repo.SubscriptionRow): WebhookSubscription {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: r.events,
    clientId: r.clientId,
    status: r.status,
    disabledReason: r.disabledReason,
    disabledAt: iso(r.disabledAt),
    previousSecretUntil: r.previousSecret && r.previousSecretUntil && r.previousSecretUntil > new Date() ? r.previousSecretUntil.toISOString() : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Issue 18 (SSRF): only http(s) addresses without credentials, whose host resolves to addresses outside
 * the internal network (lib/net-guard.ts; private networks only when the install allows them). Checked
 * again at every delivery (webhooks.worker.ts sendWebhook).
 */
async function checkUrl(url: string, net: NetworkPolicy) {
  const target = await checkOutgoingUrl(url, { allowPrivate: net.allowPrivateNetworks });
  if (!target.ok) throw invalid({ url: target.reason });
}

const safe = (r: repo.SubscriptionRow) => ({ name: r.name, url: r.url, events: r.events, clientId: r.clientId, status: r.status });

/** Issue 18: a subscription may name an integration client of the tenant (its appeals' events only). */
async function checkClient(ctx: AuthedCtx, clientId: string | null | undefined) {
  if (!clientId) return null;
  const c = await integrationClientOf(ctx.db, ctx.actor.tenantId, clientId);
  if (!c) throw invalid({ clientId: '接入系统不存在' });
  return c;
}

export async function list(ctx: AuthedCtx) {
  const rows = await repo.listSubscriptions(ctx.db, ctx.actor.tenantId);
  return { items: rows.map(present), total: rows.length };
}

export async function get(ctx: AuthedCtx, id: string) {
  const r = await repo.getSubscription(ctx.db, ctx.actor.tenantId, id);
  if (!r) throw notFound('事件推送');
  return present(r);
}

export async function create(ctx: AuthedCtx, input: { name: string; url: string; events: string[]; clientId?: string | null }, net: NetworkPolicy) {
  await checkUrl(input.url, net);
  const client = await checkClient(ctx, input.clientId);
  const secret = newWebhookSecret();
  return withTx(ctx, async (tx) => {
    const row = await repo.insertSubscription(tx, {
      tenantId: ctx.actor.tenantId,
      name: input.name,
      url: input.url,
      events: [...new Set(input.events)],
      clientId: client?.id ?? null,
      secret,
    });
    await audit(tx, ctx, {
      action: 'webhook.create',
      entity: 'webhook_subscription',
      entityId: row.id,
      summary: `新增事件推送「${row.name}」→ ${row.url}${client ? `（仅接入系统「${client.name}」推送的诉求）` : ''}`,
      after: safe(row),
    });
    return { subscription: present(row), secret };
  });
}

async function locked(tx: Tx, ctx: AuthedCtx, id: string, version: number) {
  const before = await repo.getSubscription(tx, ctx.actor.tenantId, id, true);
  if (!before) throw notFound('事件推送');
  if (before.version !== version) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: present(before) } });
  return before;
}

export async function update(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; name?: string; url?: string; events?: string[]; clientId?: string | null; enabled?: boolean },
  net: NetworkPolicy,
) {
  if (input.url !== undefined) await checkUrl(input.url, net);
  await checkClient(ctx, input.clientId);
  return withTx(ctx, async (tx) => {
    const before = await locked(tx, ctx, id, input.version);
    const now = new Date();
    const enable = input.enabled === true && before.status === 'disabled';
    const disable = input.enabled === false && before.status === 'active';
    const after = await repo.updateSubscription(tx, ctx.actor.tenantId, id, input.version, {
      name: input.name,
      url: input.url,
      events: input.events ? [...new Set(input.events)] : undefined,
      clientId: input.clientId,
      ...(enable ? { status: 'active' as const, disabledReason: null, disabledAt: null, failingSince: null } : {}),
      ...(disable ? { status: 'disabled' as const, disabledReason: '系统管理员停用', disabledAt: now } : {}),
    });
    if (!after) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: present(before) } });
    // Re-enabled: what waited goes out at the next run.
    if (enable) await repo.wakePending(tx, id, now);
    const what = enable ? '重新启用' : disable ? '停用' : '修改';
    await audit(tx, ctx, {
      action: 'webhook.update',
      entity: 'webhook_subscription',
      entityId: id,
      summary: `${what}事件推送「${after.name}」`,
      before: safe(before),
      after: safe(after),
    });
    return present(after);
  });
}

export async function rotateSecret(ctx: AuthedCtx, id: string, version: number) {
  const secret = newWebhookSecret();
  return withTx(ctx, async (tx) => {
    const before = await locked(tx, ctx, id, version);
    const until = new Date(Date.now() + ROTATION_OVERLAP_HOURS * 3_600_000);
    const after = await repo.updateSubscription(tx, ctx.actor.tenantId, id, version, { secret, previousSecret: before.secret, previousSecretUntil: until });
    if (!after) throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: present(before) } });
    await audit(tx, ctx, {
      action: 'webhook.rotate_secret',
      entity: 'webhook_subscription',
      entityId: id,
      summary: `更换事件推送「${after.name}」的签名密钥（旧密钥继续签名至 ${until.toISOString()}）`,
    });
    return { subscription: present(after), secret };
  });
}

function presentDelivery(d: repo.DeliveryRow, log: repo.AttemptRow[]): WebhookDelivery {
  return {
    id: d.id,
    messageId: messageId(d.id),
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
    log: log
      .filter((a) => a.deliveryId === d.id)
      .map((a) => ({
        attempt: a.attempt,
        at: a.at.toISOString(),
        ok: a.ok,
        statusCode: a.statusCode,
        error: a.error,
        durationMs: a.durationMs,
        trigger: a.trigger,
      })),
  };
}

/** The delivery log: the newest messages first, each with its attempts. */
export async function deliveries(ctx: AuthedCtx, id: string, q: { page: number; pageSize: number; status?: string }) {
  const sub = await repo.getSubscription(ctx.db, ctx.actor.tenantId, id);
  if (!sub) throw notFound('事件推送');
  const { rows, total } = await repo.deliveriesOf(ctx.db, id, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, status: q.status });
  const log = await repo.attemptsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentDelivery(r, log)), total };
}

/**
 * Manual redelivery: the same message (same webhook-id and body) is sent now, once, and the attempt
 * logged as 'manual'. A success marks the delivery delivered; a failure leaves its state and schedule.
 */
export async function redeliver(ctx: AuthedCtx, id: string, deliveryId: string, net: NetworkPolicy) {
  const sub = await repo.getSubscription(ctx.db, ctx.actor.tenantId, id);
  if (!sub) throw notFound('事件推送');
  const d = await repo.getDelivery(ctx.db, id, deliveryId);
  if (!d) throw notFound('投递记录');
  const now = new Date();
  const out = await sendWebhook(
    { id: d.id, url: sub.url, secret: sub.secret, previousSecret: sub.previousSecret, previousSecretUntil: sub.previousSecretUntil, body: d.body },
    now,
    10_000,
    net,
  );
  return withTx(ctx, async (tx) => {
    const attempt = d.attempts + 1;
    await repo.insertAttempt(tx, { tenantId: d.tenantId, deliveryId: d.id, attempt, at: now, ...out, trigger: 'manual' });
    await repo.settleDelivery(tx, d.id, {
      status: out.ok ? 'delivered' : d.status,
      attempts: attempt,
      nextAttemptAt: d.nextAttemptAt,
      statusCode: out.statusCode,
      error: out.error,
      deliveredAt: out.ok ? now : null,
    });
    if (out.ok) await repo.markSubscriptionHealth(tx, id, true, now);
    await audit(tx, ctx, {
      action: 'webhook.redeliver',
      entity: 'webhook_subscription',
      entityId: id,
      summary: `手动重新投递 ${messageId(d.id)}（${d.eventType}）：${out.ok ? `成功 HTTP ${out.statusCode}` : `失败 ${out.error}`}`,
    });
    const fresh = (await repo.getDelivery(tx, id, d.id))!;
    return presentDelivery(fresh, await repo.attemptsOf(tx, [d.id]));
  });
}
