import { and, count, desc, eq, gte, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { queryPrepared, type DbOrTx } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';

export type AuditInput = {
  tenantId: string | null;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
  ip: string | null;
  requestId: string | null;
};

const SECRET_KEYS = new Set(['passwordHash', 'password', 'newPassword', 'currentPassword', 'csrfToken', 'token', 'initialPassword']);

/** Drops secrets from a before/after summary (they never reach the audit log). */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_KEYS.has(k)) out[k] = redact(v);
    return out;
  }
  return value;
}

export async function insertAudit(db: DbOrTx, e: AuditInput) {
  // Every change writes one: a named prepared statement (issue 20; db/client.ts queryPrepared), planned
  // once per connection.
  await queryPrepared(db, 'audit_insert', auditInsertRowsSql([e]));
}

/**
 * Audit rows as one INSERT statement (insertAudit's, and for changes written in ONE statement with their
 * audit rows: a data-modifying CTE — appeals intake, one appeal or a batch of them, work orders; issue
 * 20). The rows travel as one JSON document, so the text never changes.
 */
export function auditInsertRowsSql(rows: AuditInput[]): SQL {
  const docs = rows.map((e) => ({
    tenant_id: e.tenantId,
    actor_id: e.actorId,
    actor_name: e.actorName,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    summary: e.summary ?? '',
    before: redact(e.before),
    after: redact(e.after),
    ip: e.ip,
    request_id: e.requestId,
  }));
  return sql`INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity, entity_id, summary, before, after, ip, request_id)
    SELECT tenant_id, actor_id, actor_name, action, entity, entity_id, summary, before, after, ip, request_id
    FROM json_populate_recordset(NULL::audit_log, ${JSON.stringify(docs)}::json)`;
}

export type AuditFilter = {
  /** null: rows of no tenant (sign-in failures of unknown usernames). */
  tenantId: string | null;
  from?: Date;
  to?: Date;
  actor?: string;
  entity?: string;
  action?: string;
  entityId?: string;
};

function where(f: AuditFilter): SQL | undefined {
  return and(
    f.tenantId === null ? isNull(auditLog.tenantId) : eq(auditLog.tenantId, f.tenantId),
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
    f.actor ? ilike(auditLog.actorName, `%${f.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.entity ? eq(auditLog.entity, f.entity) : undefined,
    f.action ? or(eq(auditLog.action, f.action), sql`${auditLog.action} LIKE ${f.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '.%'}`) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
  );
}

export async function listAudit(db: DbOrTx, f: AuditFilter, page: { limit: number; offset: number }) {
  const w = where(f);
  const [items, [{ total }]] = await Promise.all([
    db.select().from(auditLog).where(w).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(page.limit).offset(page.offset),
    db.select({ total: count() }).from(auditLog).where(w),
  ]);
  return { items, total };
}

/** Streams rows in id order in batches (CSV export), so memory stays flat. */
export async function* iterateAudit(db: DbOrTx, f: AuditFilter, batch = 1000) {
  let beforeId: number | null = null;
  for (;;) {
    const cond: SQL | undefined = beforeId === null ? where(f) : and(where(f), lt(auditLog.id, beforeId));
    const rows = await db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(batch);
    if (rows.length === 0) return;
    yield rows;
    beforeId = rows[rows.length - 1].id;
    if (rows.length < batch) return;
  }
}

/** Issue 21 personal information export: the latest rows a staff member made (at most `limit`). */
export async function rowsOfActor(db: DbOrTx, tenantId: string, actorId: string, limit: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.actorId, actorId)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
