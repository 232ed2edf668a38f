// SQL of the evaluation links (issue 7, evaluation without logging in) and of the SMS outbox. A link
// lives with its appeal's reply cycle, so two queries join the appeal: the link with what its page
// shows and checks, and the replied appeals still without a link (architecture.test.ts lists them).
import { sql } from 'drizzle-orm';
import { inTenants, queryRows, type DbOrTx } from '../../db/client.ts';
import { fromRaw } from '../../db/rows.ts';

/** A link with what the public page and the checks need of its appeal. */
export type LinkRow = {
  id: string;
  tenantId: string;
  appealId: string;
  cycle: number;
  expiresAt: Date | null;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  appealTenantId: string;
  state: string;
  reopenCount: number;
  version: number;
  number: string;
  title: string;
  enterpriseName: string;
  replyText: string | null;
  repliedAt: Date | null;
};

/** The link with this token hash; `lock` takes the link row FOR UPDATE (lock its appeal first: the appeals module's lockAppealRow). */
export async function linkByHash(db: DbOrTx, tokenHash: string, lock = false): Promise<LinkRow | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT l.id, l.tenant_id, l.appeal_id, l.cycle, l.expires_at, l.used_at, l.revoked_at, l.created_at,
      a.tenant_id AS appeal_tenant_id, a.state, a.reopen_count, a.version, a.number, a.title, a.enterprise_name, a.reply_text, a.replied_at
    FROM evaluation_links l JOIN appeals a ON a.id = l.appeal_id
    WHERE l.token_hash = ${tokenHash}
    ${lock ? sql`FOR UPDATE OF l` : sql``}`,
  );
  return rows[0] ? fromRaw<LinkRow>(rows[0]) : null;
}

export async function markUsed(db: DbOrTx, id: string, at: Date) {
  await db.execute(sql`UPDATE evaluation_links SET used_at = ${at} WHERE id = ${id} AND used_at IS NULL`);
}

/** A replied appeal whose current reply has no link yet. */
export type Candidate = {
  id: string;
  tenantId: string;
  number: string;
  title: string;
  contactPhone: string;
  enterpriseId: string | null;
  reopenCount: number;
};

const CANDIDATE_COLUMNS = sql`a.id, a.tenant_id, a.number, a.title, a.contact_phone, a.enterprise_id, a.reopen_count`;

/** Replied appeals (awaiting evaluation) without a link for their current cycle, oldest reply first. */
export async function candidates(db: DbOrTx, opts: { tenantIds?: readonly string[]; limit: number }): Promise<Candidate[]> {
  const tw = inTenants(sql`c.tenant_id`, opts.tenantIds);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    // Which ones first, from the index alone (appeals_replied_order_idx; the links' unique key), then
    // their rows: in one step every replied appeal was read from the heap on every run (issue 20).
    sql`
    SELECT ${CANDIDATE_COLUMNS} FROM appeals a
    WHERE a.id IN (
      SELECT c.id FROM appeals c
      WHERE c.state = 'replied' AND ${tw}
        AND NOT EXISTS (SELECT 1 FROM evaluation_links l WHERE l.appeal_id = c.id AND l.cycle = c.reopen_count)
      ORDER BY c.replied_at, c.id
      LIMIT ${opts.limit})
    ORDER BY a.replied_at, a.id`,
  );
  return rows.map((r) => fromRaw<Candidate>(r));
}

/** Inserts the link; null when this appeal and cycle already have one. */
export async function insertLink(
  db: DbOrTx,
  v: { tenantId: string; appealId: string; cycle: number; tokenHash: string; expiresAt: Date | null; createdAt: Date },
): Promise<string | null> {
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO evaluation_links (tenant_id, appeal_id, cycle, token_hash, expires_at, created_at)
    VALUES (${v.tenantId}, ${v.appealId}, ${v.cycle}, ${v.tokenHash}, ${v.expiresAt}, ${v.createdAt})
    ON CONFLICT (appeal_id, cycle) DO NOTHING
    RETURNING id`,
  );
  return r?.id ?? null;
}

/** A new reply invalidates the appeal's older, unused links. Returns how many. */
export async function revokeOlder(db: DbOrTx, appealId: string, cycle: number, at: Date): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    UPDATE evaluation_links SET revoked_at = ${at}
    WHERE appeal_id = ${appealId} AND cycle < ${cycle} AND used_at IS NULL AND revoked_at IS NULL
    RETURNING id`,
  );
  return rows.length;
}

/** Links issued while their calendar year was not loaded (no expiry yet). */
export async function linksWithoutExpiry(db: DbOrTx, limit: number) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT id, tenant_id, created_at FROM evaluation_links
    WHERE expires_at IS NULL AND used_at IS NULL AND revoked_at IS NULL
    ORDER BY created_at LIMIT ${limit}`,
  );
  return rows.map((r) => fromRaw<{ id: string; tenantId: string; createdAt: Date }>(r));
}

export async function setExpiry(db: DbOrTx, id: string, expiresAt: Date) {
  await db.execute(sql`UPDATE evaluation_links SET expires_at = ${expiresAt} WHERE id = ${id} AND expires_at IS NULL`);
}
