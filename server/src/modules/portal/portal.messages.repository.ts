// SQL of the appeal message thread (issue 7). Messages are read in the caller's tenant: the
// appeal's current tenant (a transfer to a city moves the thread with it, appeals.repository.ts
// moveToTenant), checked on the appeal by the service first.
import { sql } from 'drizzle-orm';
import { queryPrepared, type DbOrTx } from '../../db/client.ts';
import type { MessageSide } from '../../../../shared/portal.ts';
import { appealMessages } from '../../db/schema.ts';
import { pgInstant } from '../../db/rows.ts';

export type MessageRow = {
  id: string;
  authorId: string;
  authorSide: MessageSide;
  authorName: string;
  authorUnitName: string | null;
  body: string;
  createdAt: Date;
};

/** The latest `limit` messages of the appeal, oldest first, and how many there are. */
export async function listMessages(db: DbOrTx, tenantId: string, appealId: string, limit: number): Promise<{ rows: MessageRow[]; total: number }> {
  // Read with every appeal page: prepared (db/client.ts queryPrepared).
  const rows = await queryPrepared<Record<string, unknown>>(
    db,
    'appeal_messages',
    sql`
    SELECT *, (SELECT count(*)::int FROM appeal_messages c WHERE c.appeal_id = ${appealId}) AS total FROM (
      SELECT m.id, m.author_id, m.author_side, m.author_name, m.author_unit_name, m.body, m.created_at
      FROM appeal_messages m
      WHERE m.appeal_id = ${appealId} AND m.tenant_id = ${tenantId}
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT ${limit}
    ) t ORDER BY t.created_at, t.id`,
  );
  // Issue 20: the count rides on the rows (one round trip); no row means no message (limit ≥ 1).
  return {
    rows: rows.map((r) => ({
      id: String(r.id),
      authorId: String(r.author_id),
      authorSide: r.author_side as MessageSide,
      authorName: String(r.author_name),
      authorUnitName: (r.author_unit_name as string | null) ?? null,
      body: String(r.body),
      createdAt: pgInstant(r.created_at)!,
    })),
    total: rows.length ? Number(rows[0].total) : 0,
  };
}

export async function insertMessage(db: DbOrTx, values: typeof appealMessages.$inferInsert) {
  const [row] = await db.insert(appealMessages).values(values).returning();
  return row;
}
