// Issue 18: 短信发件箱 — what the SMS outbox holds for the caller's tenant, for staff (sysadmin runs the
// gateway, intake answers the enterprises who ask). Numbers are masked and an evaluation link's token is
// never shown (whoever read it could evaluate in the enterprise's place). Reading changes nothing.
import type { SmsOutboxPage } from '../../../../shared/api/delivery.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { maskMobile } from '../users/index.ts';
import { LINK_PATH } from './portal.links.issue.ts';
import { outboxPage } from './portal.sms.ts';

// The evaluation link (/e/<token>, LINK_PATH) and the survey link (/s/<token>, R7.3) are single-use secrets.
const TOKEN = /\/(e|s)\/[A-Za-z0-9_-]{8,}/g;
export const maskSmsBody = (body: string) => body.replace(TOKEN, (_m, p: string) => (p === 'e' ? `${LINK_PATH}******` : '/s/******'));

export async function outbox(ctx: AuthedCtx, gatewayConfigured: boolean, q: { status?: string; page: number; pageSize: number }): Promise<SmsOutboxPage> {
  const { rows, counts, total } = await outboxPage(ctx.db, ctx.actor.tenantId, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const count = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  return {
    gatewayConfigured,
    counts: { pending: count('pending'), sent: count('sent'), failed: count('failed') },
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      toPhone: maskMobile(r.toPhone) ?? '',
      body: maskSmsBody(r.body),
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt ? r.sentAt.toISOString() : null,
    })),
    total,
  };
}
