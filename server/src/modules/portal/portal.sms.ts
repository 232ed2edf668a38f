// The SMS outbox (schema-links.ts sms_outbox), its one writer: the evaluation link of a reply (with its
// appeal), the R5.1 roundtable invitations, the R7.3 survey invitations and reminders. A gateway drains
// the pending rows in created_at order.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts';
import { fromRaw } from '../../db/rows.ts';

export type OutgoingSms = { tenantId: string; appealId?: string | null; kind: string; toPhone: string; body: string; createdAt: Date };

export async function queueSms(db: DbOrTx, messages: readonly OutgoingSms[]) {
  if (messages.length === 0) return;
  await db.execute(sql`
    INSERT INTO sms_outbox (tenant_id, appeal_id, kind, to_phone, body, created_at)
    SELECT x.tenant_id, x.appeal_id, x.kind, x.to_phone, x.body, x.created_at
    FROM jsonb_to_recordset(${JSON.stringify(messages.map((m) => ({ tenant_id: m.tenantId, appeal_id: m.appealId ?? null, kind: m.kind, to_phone: m.toPhone, body: m.body, created_at: m.createdAt.toISOString() })))}::jsonb)
      AS x(tenant_id uuid, appeal_id uuid, kind text, to_phone text, body text, created_at timestamptz)`);
}

// ---------------------------------------------------------------- the gateway adapter (issue 18)
//
// drainSmsOutbox takes due pending rows (FOR UPDATE SKIP LOCKED, with a lease, in created_at order) and
// POSTs each to the configured HTTP gateway: JSON { account, mobile, content, clientId } with headers
// x-sms-account, x-sms-timestamp and x-sms-signature = hex HMAC-SHA256(secret, `${account}.${timestamp}.${body}`).
// A 2xx answer whose JSON, if any, has no non-zero `code` is 'sent'; anything else is retried
// (SMS_RETRY_DELAYS_SECONDS) and then 'failed'. Without a gateway nothing is touched: the rows stay
// 'pending', visible in 短信发件箱, and nothing is claimed as sent.

export type SmsGateway = { url: string; account: string; secret: string; signName: string };

export const SMS_RETRY_DELAYS_SECONDS = [60, 300, 1800, 7200];
export const SMS_MAX_ATTEMPTS = SMS_RETRY_DELAYS_SECONDS.length + 1;

type DueSms = { id: string; to_phone: string; body: string; attempts: number };

async function sendOne(gw: SmsGateway, m: DueSms, timeoutMs: number): Promise<string | null> {
  const content = gw.signName ? `【${gw.signName}】${m.body}` : m.body;
  const body = JSON.stringify({ account: gw.account, mobile: m.to_phone, content, clientId: m.id });
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = crypto.createHmac('sha256', gw.secret).update(`${gw.account}.${ts}.${body}`).digest('hex');
  try {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sms-account': gw.account, 'x-sms-timestamp': ts, 'x-sms-signature': signature },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text().catch(() => '');
    if (res.status < 200 || res.status >= 300) return `HTTP ${res.status}${text ? ` ${text.slice(0, 200)}` : ''}`;
    try {
      const j = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (j && j.code !== undefined && j.code !== 0 && j.code !== '0') return `网关拒绝：${String(j.code)} ${String(j.message ?? '')}`.trim();
    } catch {
      // not JSON: a 2xx is enough
    }
    return null;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return err instanceof Error && err.name === 'TimeoutError'
      ? `超时（${timeoutMs} ms）`
      : String(cause?.code ?? (err instanceof Error ? err.message : err)).slice(0, 300);
  }
}

/** Sends the due pending messages through the gateway; with no gateway, does nothing. */
export async function drainSmsOutbox(
  db: Db,
  gateway: SmsGateway | null,
  now: Date,
  opts: { limit?: number; timeoutMs?: number; tenantIds?: readonly string[] } = {},
) {
  if (!gateway) return { configured: false, claimed: 0, sent: 0, failed: 0 };
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const scope = opts.tenantIds?.length
    ? sql` AND tenant_id IN (${sql.join(
        opts.tenantIds.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  const due = await queryRows<DueSms>(
    db,
    sql`
    WITH due AS (
      SELECT id FROM sms_outbox
      WHERE status = 'pending' AND coalesce(next_attempt_at, created_at) <= ${now} AND (locked_until IS NULL OR locked_until < ${now})${scope}
      ORDER BY created_at, id LIMIT ${opts.limit ?? 100}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE sms_outbox o SET locked_until = ${new Date(now.getTime() + timeoutMs * 3 + 30_000)}
    FROM due WHERE o.id = due.id
    RETURNING o.id, o.to_phone, o.body, o.attempts`,
  );
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    const error = await sendOne(gateway, m, timeoutMs);
    const attempts = m.attempts + 1;
    if (!error) {
      sent++;
      await db.execute(
        sql`UPDATE sms_outbox SET status = 'sent', sent_at = ${now}, attempts = ${attempts}, last_error = NULL, locked_until = NULL WHERE id = ${m.id}`,
      );
    } else {
      failed++;
      const exhausted = attempts >= SMS_MAX_ATTEMPTS;
      const next = exhausted ? null : new Date(now.getTime() + SMS_RETRY_DELAYS_SECONDS[attempts - 1] * 1000);
      await db.execute(sql`
        UPDATE sms_outbox SET status = ${exhausted ? 'failed' : 'pending'}, attempts = ${attempts}, next_attempt_at = ${next},
          last_error = ${error}, locked_until = NULL WHERE id = ${m.id}`);
    }
  }
  return { configured: true, claimed: due.length, sent, failed };
}

export type OutboxRow = {
  id: string;
  kind: string;
  toPhone: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** One page of a tenant's outbox, newest first, and the counts per status (短信发件箱). */
export async function outboxPage(db: DbOrTx, tenantId: string, q: { status?: string; limit: number; offset: number }) {
  const where = sql`tenant_id = ${tenantId}${q.status ? sql` AND status = ${q.status}` : sql``}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT id, kind, to_phone, body, status, attempts, last_error, created_at, sent_at FROM sms_outbox WHERE ${where}
        ORDER BY created_at DESC, id LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  const counts = await queryRows<{ status: string; n: number }>(
    db,
    sql`SELECT status, count(*)::int AS n FROM sms_outbox WHERE tenant_id = ${tenantId} GROUP BY status`,
  );
  const [t] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM sms_outbox WHERE ${where}`);
  return { rows: rows.map((r) => fromRaw<OutboxRow>(r)), counts, total: t.n };
}
