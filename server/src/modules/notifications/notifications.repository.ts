// SQL of in-app notifications. A notification is addressed to a user, to the users of a unit, or
// to the tenant's holders of a role; always scoped by tenant_id.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { pgInstant } from '../../db/rows.ts';

export type Addressee = { tenantId: string; userId: string; unitId: string | null; roles: readonly string[] };

/** The notifications a user receives (R3.5: leaders by user; units by unit; intake by role). */
function addressedTo(me: Addressee): SQL {
  const parts: SQL[] = [sql`n.user_id = ${me.userId}`];
  if (me.unitId) parts.push(sql`n.unit_id = ${me.unitId}`);
  if (me.roles.length)
    parts.push(
      sql`n.role IN (${sql.join(
        me.roles.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
  return sql`n.tenant_id = ${me.tenantId} AND (${sql.join(parts, sql` OR `)})`;
}

const unread = (me: Addressee) => sql`NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ${me.userId})
  AND n.created_at > coalesce((SELECT m.read_before FROM notification_read_marks m WHERE m.user_id = ${me.userId}), '-infinity'::timestamptz)`;

export type NotificationRow = {
  id: string;
  type: string;
  title: string;
  body: string;
  appealId: string | null;
  appealNumber: string | null;
  createdAt: Date;
  read: boolean;
};

export async function listFor(db: DbOrTx, me: Addressee, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  const where = opts.unreadOnly ? sql`${addressedTo(me)} AND ${unread(me)}` : addressedTo(me);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT n.id, n.type, n.title, n.body, n.appeal_id, ap.number AS appeal_number, n.created_at, NOT (${unread(me)}) AS read
    FROM notifications n LEFT JOIN appeals ap ON ap.id = n.appeal_id AND ap.tenant_id = n.tenant_id
    WHERE ${where}
    ORDER BY n.created_at DESC, n.id
    LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const [count] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications n WHERE ${where} LIMIT 10000) t`);
  return {
    rows: rows.map(
      (r): NotificationRow => ({
        id: String(r.id),
        type: String(r.type),
        title: String(r.title),
        body: String(r.body),
        appealId: (r.appeal_id as string | null) ?? null,
        appealNumber: (r.appeal_number as string | null) ?? null,
        createdAt: pgInstant(r.created_at)!,
        read: Boolean(r.read),
      }),
    ),
    total: count.n,
  };
}

/** Unread count, capped (the bell shows 99+). */
export async function unreadCount(db: DbOrTx, me: Addressee, cap: number) {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications n WHERE ${addressedTo(me)} AND ${unread(me)} LIMIT ${cap}) t`,
  );
  return r.n;
}

export async function ownerOfNotification(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; user_id: string | null; unit_id: string | null; role: string | null }>(
    db,
    sql`SELECT tenant_id, user_id, unit_id, role FROM notifications WHERE id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.unit_id, userId: r.user_id, role: r.role } : null;
}

export async function isAddressedTo(db: DbOrTx, me: Addressee, id: string) {
  const [r] = await queryRows<{ id: string }>(db, sql`SELECT n.id FROM notifications n WHERE n.id = ${id} AND ${addressedTo(me)}`);
  return Boolean(r);
}

export async function markRead(db: DbOrTx, userId: string, id: string) {
  await db.execute(sql`INSERT INTO notification_reads (notification_id, user_id) VALUES (${id}, ${userId}) ON CONFLICT DO NOTHING`);
}

/**
 * Notices of these kinds about one appeal whose task is done (the enterprise evaluated, or it was
 * closed as 未评价): read for every account they were addressed to, so a 请评价 notice does not stay
 * unread after the evaluation (issue 17). Notices to a unit or a role are untouched.
 */
export async function markAppealNoticesDone(db: DbOrTx, appealId: string, types: readonly string[]) {
  if (!types.length) return;
  await db.execute(sql`
    INSERT INTO notification_reads (notification_id, user_id)
    SELECT n.id, n.user_id FROM notifications n
    WHERE n.appeal_id = ${appealId} AND n.user_id IS NOT NULL AND n.type IN (${sql.join(
      types.map((t) => sql`${t}`),
      sql`, `,
    )})
    ON CONFLICT DO NOTHING`);
}

export async function markAllRead(db: DbOrTx, userId: string) {
  const [r] = await queryRows<{ read_before: unknown }>(
    db,
    sql`
    INSERT INTO notification_read_marks (user_id, read_before) VALUES (${userId}, clock_timestamp())
    ON CONFLICT (user_id) DO UPDATE SET read_before = EXCLUDED.read_before
    RETURNING read_before`,
  );
  return pgInstant(r.read_before)!;
}

export type NewNotification = {
  tenant_id: string;
  type: string;
  user_id?: string | null;
  unit_id?: string | null;
  role?: string | null;
  appeal_id?: string | null;
  title: string;
  body: string;
  source_key: string;
};

/**
 * Bulk insert; a source key already used is skipped (the same fact never notifies twice). Rows get
 * increasing created_at in the given order (clock_timestamp), so a batch lists newest-event first.
 */
export async function insertNotifications(db: DbOrTx, rows: NewNotification[]): Promise<number> {
  if (!rows.length) return 0;
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`
    WITH ins AS (
      INSERT INTO notifications (tenant_id, type, user_id, unit_id, role, appeal_id, title, body, source_key, created_at)
      SELECT x.tenant_id, x.type, x.user_id, x.unit_id, x.role, x.appeal_id, x.title, x.body, x.source_key, clock_timestamp()
      FROM jsonb_to_recordset(${JSON.stringify(rows.map((r, ord) => ({ ...r, ord })))}::jsonb)
        AS x(tenant_id uuid, type text, user_id uuid, unit_id uuid, role text, appeal_id uuid, title text, body text, source_key text, ord int)
      ORDER BY x.ord
      ON CONFLICT (source_key) DO NOTHING
      RETURNING 1
    ) SELECT count(*)::int AS n FROM ins`,
  );
  return r.n;
}
