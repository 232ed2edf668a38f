// SQL of the appeal message thread (issue 7). Messages are read through their appeal in the
// caller's tenant (the appeal's current tenant: a transfer to a city moves the thread with it).
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { appealMessages, type MessageSide } from '../../db/schema.ts';
import { pgInstant } from '../appeals/appeals.repository.ts';

/** What posting needs to know about the appeal, read with a share lock (a concurrent close waits). */
export type ThreadAppeal = {
  id: string;
  tenantId: string;
  number: string;
  title: string;
  state: string;
  enterpriseId: string | null;
  leadUnitId: string | null;
  isConfidential: boolean;
};

export async function threadAppeal(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<ThreadAppeal | null> {
  const [r] = await queryRows<{ id: string; tenant_id: string; number: string; title: string; state: string; enterprise_id: string | null; lead_unit_id: string | null; is_confidential: boolean }>(
    db,
    sql`SELECT id, tenant_id, number, title, state, enterprise_id, lead_unit_id, is_confidential FROM appeals
      WHERE id = ${id} AND tenant_id = ${tenantId} ${lock ? sql`FOR SHARE` : sql``}`,
  );
  return r
    ? { id: r.id, tenantId: r.tenant_id, number: r.number, title: r.title, state: r.state, enterpriseId: r.enterprise_id, leadUnitId: r.lead_unit_id, isConfidential: r.is_confidential }
    : null;
}

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
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    SELECT * FROM (
      SELECT m.id, m.author_id, m.author_side, m.author_name, m.author_unit_name, m.body, m.created_at
      FROM appeal_messages m JOIN appeals a ON a.id = m.appeal_id
      WHERE m.appeal_id = ${appealId} AND a.tenant_id = ${tenantId}
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT ${limit}
    ) t ORDER BY t.created_at, t.id`);
  const [c] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM appeal_messages WHERE appeal_id = ${appealId}`);
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
    total: c.n,
  };
}

export async function insertMessage(db: DbOrTx, values: typeof appealMessages.$inferInsert) {
  const [row] = await db.insert(appealMessages).values(values).returning();
  return row;
}

/** Active enterprise accounts of the appeal's registry enterprise (the addressees of staff messages). */
export async function enterpriseAccountIds(db: DbOrTx, tenantId: string, enterpriseId: string | null): Promise<string[]> {
  if (!enterpriseId) return [];
  const rows = await queryRows<{ id: string }>(db, sql`
    SELECT id FROM users WHERE tenant_id = ${tenantId} AND enterprise_id = ${enterpriseId} AND 'enterprise' = ANY(roles) AND NOT disabled`);
  return rows.map((r) => r.id);
}

export async function unitNameOf(db: DbOrTx, unitId: string | null): Promise<string | null> {
  if (!unitId) return null;
  const [r] = await queryRows<{ name: string }>(db, sql`SELECT name FROM units WHERE id = ${unitId}`);
  return r?.name ?? null;
}
