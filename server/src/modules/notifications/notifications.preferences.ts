// Issue 18: a user's own notification preferences — which notices also go by SMS or e-mail (in-app is
// always on) and whether e-mail comes as one daily digest. Saving is versioned and audited (it names an
// address notices will be sent to).
import { sql } from 'drizzle-orm';
import type { NotificationPreferences } from '../../../../shared/api/delivery.ts';
import { AppError, ErrorCode, invalid } from '../../errors.ts';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { isMailbox } from '../../lib/smtp.ts';
import { activeAccountsByIds } from '../users/index.ts';

type Stored = { email: string | null; sms_types: string[]; email_types: string[]; email_digest: boolean; version: number };

async function stored(db: DbOrTx, userId: string, lock = false) {
  const [r] = await queryRows<Stored>(
    db,
    sql`SELECT email, sms_types, email_types, email_digest, version FROM notification_preferences WHERE user_id = ${userId}${lock ? sql` FOR UPDATE` : sql``}`,
  );
  return r ?? null;
}

export type ChannelsConfigured = { email: boolean; sms: boolean };

async function present(db: DbOrTx, userId: string, s: Stored | null, configured: ChannelsConfigured): Promise<NotificationPreferences> {
  const [a] = await activeAccountsByIds(db, [userId]);
  return {
    email: s?.email ?? null,
    hasMobile: Boolean(a?.mobile),
    smsTypes: s?.sms_types ?? [],
    emailTypes: s?.email_types ?? [],
    emailDigest: s?.email_digest ?? false,
    emailConfigured: configured.email,
    smsConfigured: configured.sms,
    version: s?.version ?? 0,
  };
}

export async function getPreferences(ctx: AuthedCtx, configured: ChannelsConfigured) {
  return present(ctx.db, ctx.actor.userId, await stored(ctx.db, ctx.actor.userId), configured);
}

export async function savePreferences(
  ctx: AuthedCtx,
  configured: ChannelsConfigured,
  input: { version: number; email: string | null; smsTypes: string[]; emailTypes: string[]; emailDigest: boolean },
) {
  const email = input.email?.trim() || null;
  if (email && !isMailbox(email)) throw invalid({ email: '邮箱地址格式不正确' });
  if (input.emailTypes.length && !email) throw invalid({ email: '选择了邮件通知，请填写邮箱地址' });
  return withTx(ctx, async (tx) => {
    const before = await stored(tx, ctx.actor.userId, true);
    if ((before?.version ?? 0) !== input.version)
      throw new AppError(ErrorCode.VERSION_CONFLICT, undefined, { details: { current: await present(tx, ctx.actor.userId, before, configured) } });
    const v = { email, sms: JSON.stringify([...new Set(input.smsTypes)]), mail: JSON.stringify([...new Set(input.emailTypes)]) };
    await tx.execute(sql`
      INSERT INTO notification_preferences (user_id, tenant_id, email, sms_types, email_types, email_digest)
      VALUES (${ctx.actor.userId}, ${ctx.actor.tenantId}, ${v.email}, ${v.sms}::jsonb, ${v.mail}::jsonb, ${input.emailDigest})
      ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, sms_types = EXCLUDED.sms_types, email_types = EXCLUDED.email_types,
        email_digest = EXCLUDED.email_digest, version = notification_preferences.version + 1, updated_at = now()`);
    const after = await stored(tx, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'notification_preferences.update',
      entity: 'user',
      entityId: ctx.actor.userId,
      summary: `修改通知设置：短信 ${after!.sms_types.length} 类，邮件 ${after!.email_types.length} 类${after!.email_digest ? '（每日摘要）' : ''}`,
      before: before ?? undefined,
      after: after ?? undefined,
    });
    return present(tx, ctx.actor.userId, after, configured);
  });
}
