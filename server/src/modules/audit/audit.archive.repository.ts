// SQL of the audit log archives (issue 21): the rows due for archiving, the archives, and the
// documented purge of archived rows (the trigger of migration 0023 lets exactly these DELETEs through).
import { and, asc, desc, eq, gt, gte, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { auditArchives, auditLog } from '../../db/schema.ts';

export type ArchiveRow = typeof auditArchives.$inferSelect;
export type ArchiveInsert = typeof auditArchives.$inferInsert;

const tenantIs = (col: typeof auditLog.tenantId | typeof auditArchives.tenantId, tenantId: string | null): SQL =>
  tenantId === null ? isNull(col) : eq(col, tenantId);

/** Serialises archiving (several instances, a manual run beside the scheduled one); PGlite and the server alike. */
export async function lockArchiving(tx: Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7370000021)`);
}

export async function lastArchive(db: DbOrTx, tenantId: string | null): Promise<ArchiveRow | undefined> {
  const [r] = await db.select().from(auditArchives).where(tenantIs(auditArchives.tenantId, tenantId)).orderBy(desc(auditArchives.lastId)).limit(1);
  return r;
}

/** Rows of the tenant after `afterId` older than `cutoff`, in id order. */
export async function rowsToArchive(db: DbOrTx, tenantId: string | null, afterId: number, cutoff: Date, limit: number) {
  return db
    .select({
      id: auditLog.id,
      tenantId: auditLog.tenantId,
      at: auditLog.at,
      /** The instant to the microsecond, as stored (a Date keeps milliseconds). */
      atText: sql<string>`to_char(${auditLog.at} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorId: auditLog.actorId,
      actorName: auditLog.actorName,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      summary: auditLog.summary,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .where(and(tenantIs(auditLog.tenantId, tenantId), gt(auditLog.id, afterId), lt(auditLog.at, cutoff)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}

export async function insertArchive(tx: Tx, a: ArchiveInsert): Promise<number> {
  const [r] = await tx.insert(auditArchives).values(a).returning({ id: auditArchives.id });
  return r.id;
}

/** The archives of a tenant (without their files), oldest first. */
export async function listArchives(db: DbOrTx, tenantId: string | null) {
  return db
    .select({
      id: auditArchives.id,
      tenantId: auditArchives.tenantId,
      firstId: auditArchives.firstId,
      lastId: auditArchives.lastId,
      fromAt: auditArchives.fromAt,
      toAt: auditArchives.toAt,
      cutoff: auditArchives.cutoff,
      rowCount: auditArchives.rowCount,
      prevHash: auditArchives.prevHash,
      headHash: auditArchives.headHash,
      fileSha256: auditArchives.fileSha256,
      createdAt: auditArchives.createdAt,
    })
    .from(auditArchives)
    .where(tenantIs(auditArchives.tenantId, tenantId))
    .orderBy(asc(auditArchives.lastId));
}

/** Archives of a tenant overlapping [from, to) (with their files), newest first. */
export async function archivesOverlapping(db: DbOrTx, tenantId: string | null, from: Date | undefined, to: Date | undefined, limit: number) {
  return db
    .select()
    .from(auditArchives)
    .where(and(tenantIs(auditArchives.tenantId, tenantId), from ? gte(auditArchives.toAt, from) : undefined, to ? lte(auditArchives.fromAt, to) : undefined))
    .orderBy(desc(auditArchives.lastId))
    .limit(limit);
}

export async function archiveById(db: DbOrTx, id: number): Promise<ArchiveRow | undefined> {
  const [r] = await db.select().from(auditArchives).where(eq(auditArchives.id, id));
  return r;
}

export async function allArchives(db: DbOrTx): Promise<ArchiveRow[]> {
  return db.select().from(auditArchives).orderBy(asc(auditArchives.id));
}

/** Rows of an archive still in the live log. */
export async function liveRowsOf(db: DbOrTx, a: ArchiveRow): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(tenantIs(auditLog.tenantId, a.tenantId), gte(auditLog.id, a.firstId), lte(auditLog.id, a.lastId), lt(auditLog.at, a.cutoff)));
  return r.n;
}

/**
 * The documented purge step: deletes the archive's rows from the live log. Only the owner can (the
 * app role has no DELETE grant) and only inside this transaction's `zqt.audit_purge` setting, which
 * the trigger checks together with the archive's range.
 */
export async function purgeArchivedRows(tx: Tx, a: ArchiveRow): Promise<number> {
  await tx.execute(sql`SELECT set_config('zqt.audit_purge', 'archived', true)`);
  const r = await tx
    .delete(auditLog)
    .where(and(tenantIs(auditLog.tenantId, a.tenantId), gte(auditLog.id, a.firstId), lte(auditLog.id, a.lastId), lt(auditLog.at, a.cutoff)))
    .returning({ id: auditLog.id });
  await tx.execute(sql`SELECT set_config('zqt.audit_purge', '', true)`);
  return r.length;
}
