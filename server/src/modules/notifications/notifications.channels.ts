// Issue 18: notices beyond the bell. In-app is always on; a user may also have chosen, per notification
// type, SMS (to the account's mobile, through the portal's sms_outbox and its gateway) and e-mail (SMTP),
// e-mail optionally as one daily digest (08:00 Asia/Shanghai). Every producer of notifications — the
// appeals notifier (dispatch, overdue, urged, evaluated …), the sweep's due-soon reminders, evaluation
// links, contact-point and survey reminders, webhook notices — writes `notifications`; this fan-out
// reads them after a cursor (re-reading a window, idempotent by notification × user × channel) and
// writes `notification_deliveries`: the mail queue, and a record of each SMS handed to the outbox, in
// the same transaction as the hand-over (never queued twice).
import { sql } from 'drizzle-orm';
import { STAFF_BUSINESS_ROLES } from '../../../../shared/roles.ts';
import type { SmtpConfig } from '../../config.ts';
import { queryRows, type Db, type DbOrTx } from '../../db/client.ts';
import { fromRaw } from '../../db/rows.ts';
import { nextShanghaiHour } from '../../domain/calendar/index.ts';
import { sendMail } from '../../lib/smtp.ts';
import { activeAccountsByIds, type AccountReach } from '../users/index.ts';

export const DIGEST_HOUR = 8;
export const MAIL_RETRY_DELAYS_SECONDS = [60, 600, 3600, 21600];
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_SECONDS.length + 1;

type Pref = { userId: string; tenantId: string; email: string | null; smsTypes: string[]; emailTypes: string[]; emailDigest: boolean };
type Note = {
  id: string;
  tenantId: string;
  type: string;
  userId: string | null;
  unitId: string | null;
  role: string | null;
  title: string;
  body: string;
  createdAt: Date;
};

const business = (roles: readonly string[]) => roles.some((r) => (STAFF_BUSINESS_ROLES as readonly string[]).includes(r));

/** The same addressing as the bell (notifications.service.ts addressedTo). */
function reaches(n: Note, a: AccountReach): boolean {
  if (n.tenantId !== a.tenantId) return false;
  if (n.userId) return n.userId === a.id;
  if (n.unitId) return business(a.roles) && n.unitId === a.unitId;
  if (n.role) return a.roles.includes(n.role);
  return false;
}

/** Fans the notifications created after `since` out to the chosen channels; returns the newest created_at read. */
/**
 * The SMS hand-over is the portal's `queueSms` (the outbox's one writer), passed in by jobs/tasks.ts:
 * the portal notifies through this module, so importing it here would close a cycle.
 */
export type QueueSms = (tx: DbOrTx, messages: { tenantId: string; kind: string; toPhone: string; body: string; createdAt: Date }[]) => Promise<void>;

export async function fanOutChannels(db: Db, opts: { since: Date; queueSms: QueueSms; limit?: number; tenantIds?: readonly string[] }) {
  const prefs = (
    await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT user_id, tenant_id, email, sms_types, email_types, email_digest FROM notification_preferences
          WHERE (jsonb_array_length(sms_types) > 0 OR jsonb_array_length(email_types) > 0)${
            opts.tenantIds?.length
              ? sql` AND tenant_id IN (${sql.join(
                  opts.tenantIds.map((t) => sql`${t}`),
                  sql`, `,
                )})`
              : sql``
          }`,
    )
  ).map((r) => fromRaw<Pref>(r));
  if (!prefs.length) return { last: opts.since, notes: 0, sms: 0, email: 0 };
  const tenants = [...new Set(prefs.map((p) => p.tenantId))];
  const types = [...new Set(prefs.flatMap((p) => [...p.smsTypes, ...p.emailTypes]))];
  const limit = opts.limit ?? 2000;
  let accounts: Map<string, AccountReach> | undefined; // read once, and only when there is something to fan out
  // Keyset pages: a burst of more than `limit` notices inside the re-read window is read to its end
  // in this run (a LIMIT alone would return the same first page on every run and never get past it).
  // The key is the stored row's own created_at (microseconds), not the JavaScript Date (milliseconds).
  const total = { last: opts.since, notes: 0, sms: 0, email: 0 };
  let after: Note | null = null;
  for (;;) {
    const notes = await notesPage(db, { since: opts.since, after, tenants, types, limit });
    if (!notes.length) break;
    accounts ??= new Map(
      (
        await activeAccountsByIds(
          db,
          prefs.map((p) => p.userId),
        )
      ).map((a) => [a.id, a]),
    );
    const out = await fanOutNotes(db, notes, prefs, accounts, opts.queueSms);
    total.last = notes[notes.length - 1].createdAt;
    total.notes += notes.length;
    total.sms += out.sms;
    total.email += out.email;
    if (notes.length < limit) break;
    after = notes[notes.length - 1];
  }
  return total;
}

async function notesPage(db: Db, q: { since: Date; after: Note | null; tenants: string[]; types: string[]; limit: number }): Promise<Note[]> {
  const { tenants, types } = q;
  return (
    await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT id, tenant_id, type, user_id, unit_id, role, title, body, created_at FROM notifications
          WHERE created_at > ${q.since}${q.after ? sql` AND (created_at, id) > (SELECT n.created_at, n.id FROM notifications n WHERE n.id = ${q.after.id})` : sql``} AND tenant_id IN (${sql.join(
            tenants.map((t) => sql`${t}`),
            sql`, `,
          )}) AND type IN (${sql.join(
            types.map((t) => sql`${t}`),
            sql`, `,
          )})
          ORDER BY created_at, id LIMIT ${q.limit}`,
    )
  ).map((r) => fromRaw<Note>(r));
}

/** One page of notices → notification_deliveries (idempotent) and the SMS hand-over, in one transaction. */
async function fanOutNotes(db: Db, notes: Note[], prefs: Pref[], accounts: Map<string, AccountReach>, queueSms: QueueSms) {
  type Row = {
    tenant_id: string;
    notification_id: string;
    user_id: string;
    channel: string;
    to_address: string;
    subject: string;
    body: string;
    status: string;
    next_attempt_at: string;
  };
  const rows: Row[] = [];
  for (const n of notes) {
    for (const p of prefs) {
      const a = accounts.get(p.userId);
      if (!a || !reaches(n, a)) continue;
      const base = { tenant_id: n.tenantId, notification_id: n.id, user_id: a.id, subject: n.title };
      if (p.smsTypes.includes(n.type) && a.mobile)
        rows.push({
          ...base,
          channel: 'sms',
          to_address: a.mobile,
          body: `${n.title}。${n.body}`.slice(0, 300),
          status: 'queued',
          next_attempt_at: n.createdAt.toISOString(),
        });
      if (p.emailTypes.includes(n.type) && p.email)
        rows.push({
          ...base,
          channel: 'email',
          to_address: p.email,
          body: n.body,
          status: p.emailDigest ? 'digest' : 'pending',
          next_attempt_at: (p.emailDigest ? nextShanghaiHour(n.createdAt, DIGEST_HOUR) : n.createdAt).toISOString(),
        });
    }
  }
  let sms = 0;
  let email = 0;
  if (rows.length) {
    await db.transaction(async (tx) => {
      const inserted = await queryRows<{ tenant_id: string; channel: string; to_address: string; body: string; created_at: unknown }>(
        tx,
        sql`INSERT INTO notification_deliveries (tenant_id, notification_id, user_id, channel, to_address, subject, body, status, next_attempt_at)
            SELECT x.tenant_id, x.notification_id, x.user_id, x.channel, x.to_address, x.subject, x.body, x.status, x.next_attempt_at
            FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              AS x(tenant_id uuid, notification_id uuid, user_id uuid, channel text, to_address text, subject text, body text, status text, next_attempt_at timestamptz)
            ON CONFLICT (notification_id, user_id, channel) DO NOTHING
            RETURNING tenant_id, channel, to_address, body, created_at`,
      );
      const texts = inserted.filter((r) => r.channel === 'sms');
      sms = texts.length;
      email = inserted.length - sms;
      await queueSms(
        tx,
        texts.map((r) => ({ tenantId: r.tenant_id, kind: 'notice', toPhone: r.to_address, body: r.body, createdAt: new Date() })),
      );
    });
  }
  return { sms, email };
}

type DueMail = { id: string; userId: string; toAddress: string; subject: string; body: string; attempts: number; status: string };

async function claimMail(db: DbOrTx, now: Date, status: 'pending' | 'digest', limit: number, tenantIds?: readonly string[]) {
  const scope = tenantIds?.length
    ? sql` AND tenant_id IN (${sql.join(
        tenantIds.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  return (
    await queryRows<Record<string, unknown>>(
      db,
      sql`
      WITH due AS (
        SELECT id FROM notification_deliveries
        WHERE channel = 'email' AND status = ${status} AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})${scope}
        ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )
      UPDATE notification_deliveries d SET locked_until = ${new Date(now.getTime() + 120_000)} FROM due WHERE d.id = due.id
      RETURNING d.id, d.user_id, d.to_address, d.subject, d.body, d.attempts, d.status`,
    )
  ).map((r) => fromRaw<DueMail>(r));
}

async function settleMail(db: DbOrTx, ids: readonly string[], attempts: number, error: string | null, now: Date, sentStatus: string, retryStatus: string) {
  const list = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  if (!error) {
    await db.execute(
      sql`UPDATE notification_deliveries SET status = ${sentStatus}, sent_at = ${now}, attempts = ${attempts}, last_error = NULL, locked_until = NULL WHERE id IN (${list})`,
    );
    return;
  }
  const exhausted = attempts >= MAIL_MAX_ATTEMPTS;
  const next = new Date(now.getTime() + (MAIL_RETRY_DELAYS_SECONDS[attempts - 1] ?? 0) * 1000);
  await db.execute(sql`
    UPDATE notification_deliveries SET status = ${exhausted ? 'failed' : retryStatus}, attempts = ${attempts}, next_attempt_at = ${next},
      last_error = ${error.slice(0, 500)}, locked_until = NULL WHERE id IN (${list})`);
}

const FOOTER = '\n\n——\n政企通 通知。如不再需要邮件通知，请登录后在“通知设置”中修改。';

/** Sends due e-mail: single notices, then the digests whose hour has come (one message per user). */
export async function deliverMail(db: Db, smtp: SmtpConfig | null, now: Date, opts: { limit?: number; tenantIds?: readonly string[] } = {}) {
  if (!smtp) return { configured: false, sent: 0, failed: 0, digests: 0 };
  let sent = 0;
  let failed = 0;
  for (const m of await claimMail(db, now, 'pending', opts.limit ?? 100, opts.tenantIds)) {
    const error = await sendMail(smtp, { to: m.toAddress, subject: `【政企通】${m.subject}`, text: `${m.subject}\n\n${m.body}${FOOTER}` }).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await settleMail(db, [m.id], m.attempts + 1, error, now, 'sent', 'pending');
    if (error) failed++;
    else sent++;
  }
  const digestRows = await claimMail(db, now, 'digest', 5000, opts.tenantIds);
  const byUser = new Map<string, DueMail[]>();
  for (const r of digestRows) byUser.set(`${r.userId}|${r.toAddress}`, [...(byUser.get(`${r.userId}|${r.toAddress}`) ?? []), r]);
  let digests = 0;
  for (const list of byUser.values()) {
    const text = list.map((r, i) => `${i + 1}. ${r.subject}\n   ${r.body}`).join('\n\n');
    const error = await sendMail(smtp, { to: list[0].toAddress, subject: `【政企通】每日通知摘要（${list.length}条）`, text: `${text}${FOOTER}` }).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await settleMail(
      db,
      list.map((r) => r.id),
      Math.max(...list.map((r) => r.attempts)) + 1,
      error,
      now,
      'sent',
      'digest',
    );
    if (error) failed++;
    else digests++;
  }
  return { configured: true, sent, failed, digests };
}
