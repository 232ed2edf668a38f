// SQL of the integrations (issue 18): clients, their tokens (sha256 only) and the work orders they
// pushed. Every query is scoped by tenant (a token's lookup by its hash is the one exception: the
// hash names the client, whose tenant then scopes everything).
import { and, desc, eq, sql } from 'drizzle-orm';
import { queryPrepared, sqlArray, sqlUuidList, type DbOrTx } from '../../db/client.ts';
import { fromRaw, tableColumnNames } from '../../db/rows.ts';
import { integrationClients, integrationTokens, workOrders } from '../../db/schema.ts';
import { auditRowsSql, tenantSnapshotOf, type AuditRecord, type TenantSnapshot } from '../../lib/context.ts';
import { calendarRevisionColumn } from '../calendar/index.ts';
import { tenantSettingsColumns } from '../tenants/index.ts';

export type ClientRow = typeof integrationClients.$inferSelect;
export type TokenRow = typeof integrationTokens.$inferSelect;
export type WorkOrderRow = typeof workOrders.$inferSelect;
export type WorkOrderInsert = typeof workOrders.$inferInsert;

/** The tables' columns, for prepared statements (a column list fixed at start, unlike `*`). */
const CLIENT_COLUMNS = tableColumnNames(integrationClients).join(', ');
const WORK_ORDER_COLUMNS = tableColumnNames(workOrders).join(', ');
/** The settings of the client's tenant `tn` (tenants module). */
const TENANT_SETTINGS = tenantSettingsColumns('tn');

export async function listClients(db: DbOrTx, tenantId: string) {
  return db.select().from(integrationClients).where(eq(integrationClients.tenantId, tenantId)).orderBy(integrationClients.createdAt, integrationClients.id);
}

export async function getClient(db: DbOrTx, tenantId: string, id: string): Promise<ClientRow | null> {
  // Read on every new work order (issue 20: prepared, fixed text, no builder).
  const [r] = await queryPrepared<Record<string, unknown>>(
    db,
    'integration_client_get',
    sql`SELECT ${sql.raw(CLIENT_COLUMNS)} FROM integration_clients WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
  return r ? fromRaw<ClientRow>(r) : null;
}

export async function clientOwner(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: integrationClients.tenantId }).from(integrationClients).where(eq(integrationClients.id, id));
  return r ?? null;
}

export async function tokenOwner(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: integrationTokens.tenantId }).from(integrationTokens).where(eq(integrationTokens.id, id));
  return r ?? null;
}

export async function clientNameTaken(db: DbOrTx, tenantId: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: integrationClients.id })
    .from(integrationClients)
    .where(and(eq(integrationClients.tenantId, tenantId), eq(integrationClients.name, name)));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertClient(db: DbOrTx, values: typeof integrationClients.$inferInsert): Promise<ClientRow> {
  const [r] = await db.insert(integrationClients).values(values).returning();
  return r;
}

export async function tokensOf(db: DbOrTx, tenantId: string, clientIds: string[]): Promise<TokenRow[]> {
  if (!clientIds.length) return [];
  return db
    .select()
    .from(integrationTokens)
    .where(and(eq(integrationTokens.tenantId, tenantId), sql`${integrationTokens.clientId} IN (${sqlUuidList(clientIds)})`))
    .orderBy(desc(integrationTokens.createdAt), integrationTokens.id);
}

export async function workOrderCounts(db: DbOrTx, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ clientId: workOrders.clientId, n: sql<number>`count(*)::int` })
    .from(workOrders)
    .where(eq(workOrders.tenantId, tenantId))
    .groupBy(workOrders.clientId);
  return new Map(rows.map((r) => [r.clientId, Number(r.n)]));
}

export async function insertToken(db: DbOrTx, values: typeof integrationTokens.$inferInsert): Promise<TokenRow> {
  const [r] = await db.insert(integrationTokens).values(values).returning();
  return r;
}

export async function getToken(db: DbOrTx, tenantId: string, id: string, lock = false): Promise<TokenRow | null> {
  const q = db
    .select()
    .from(integrationTokens)
    .where(and(eq(integrationTokens.tenantId, tenantId), eq(integrationTokens.id, id)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export async function revokeToken(db: DbOrTx, id: string, by: string | null): Promise<TokenRow> {
  const [r] = await db.update(integrationTokens).set({ revokedAt: sql`now()`, revokedBy: by }).where(eq(integrationTokens.id, id)).returning();
  return r;
}

/**
 * The token with this hash and its client (authentication), and what a work order's intake needs of
 * the client's tenant (issue 20: its settings and the calendar revision, as the session read answers
 * them for staff — lib/context.ts TenantSnapshot).
 */
export async function tokenByHash(
  db: DbOrTx,
  hash: string,
): Promise<{ token: TokenRow; client: ClientRow; tenantCode: string; tenantSnapshot: TenantSnapshot } | null> {
  // Every request of a client authenticates by it: a named prepared statement of fixed text, its rows
  // mapped by fromRaw (issue 20: drizzle's builder and row mapping of the two whole rows were most of
  // the work orders' own CPU after their round trips).
  const [r] = await queryPrepared<{ token: Record<string, unknown>; client: Record<string, unknown>; tenant_code: string } & Record<string, unknown>>(
    db,
    'integration_token_by_hash',
    sql`SELECT row_to_json(t) AS token, row_to_json(c) AS client, tn.code AS tenant_code,
          ${sql.raw(TENANT_SETTINGS.overrides)}, ${sql.raw(calendarRevisionColumn)}
        FROM integration_tokens t JOIN integration_clients c ON c.id = t.client_id JOIN tenants tn ON tn.id = c.tenant_id
        ${sql.raw(TENANT_SETTINGS.joins)}
        WHERE t.token_hash = ${hash}`,
  );
  if (!r) return null;
  const client = fromRaw<ClientRow>(r.client);
  return { token: fromRaw<TokenRow>(r.token), client, tenantCode: r.tenant_code, tenantSnapshot: tenantSnapshotOf(client.tenantId, r) };
}

export async function markTokenUsed(db: DbOrTx, id: string, ip: string) {
  await db.update(integrationTokens).set({ lastUsedAt: sql`now()`, lastUsedIp: ip }).where(eq(integrationTokens.id, id));
}

/** A work order's (client, external id) as one key: its advisory lock's text and existingWorkOrders' answers. */
export const workOrderKey = (clientId: string, externalId: string) => `${clientId}:${externalId}`;

/** Serialises the receipts of one (client, external id): two simultaneous identical posts make one appeal. */
export function lockExternalId(db: DbOrTx, clientId: string, externalId: string) {
  return lockExternalIds(db, [{ clientId, externalId }]);
}

/**
 * The same locks for several orders at once (issue 20: new orders written together), taken in the order
 * of their keys' hashes, so two transactions that lock some of the same orders never wait on each other
 * in a circle.
 */
export async function lockExternalIds(db: DbOrTx, keys: { clientId: string; externalId: string }[]) {
  await queryPrepared(
    db,
    'work_order_lock_many',
    sql`SELECT pg_advisory_xact_lock(h) FROM (
          SELECT hashtextextended(k, 18) AS h FROM unnest(${sqlArray(
            keys.map((k) => workOrderKey(k.clientId, k.externalId)),
            'text',
          )}) AS k ORDER BY 1) AS ordered`,
  );
}

/** Which of these (client, external id) pairs have a work order already, as workOrderKey keys. */
export async function existingWorkOrders(db: DbOrTx, keys: { clientId: string; externalId: string }[]): Promise<Set<string>> {
  // Each pair through the unique index (LIMIT 1 keeps the planner from joining the whole table).
  const rows = await queryPrepared<{ client_id: string; external_id: string }>(
    db,
    'work_orders_existing',
    sql`SELECT w.client_id, w.external_id
        FROM json_to_recordset(${JSON.stringify(keys.map((k) => ({ client_id: k.clientId, external_id: k.externalId })))}::json) AS x(client_id uuid, external_id text)
        CROSS JOIN LATERAL (SELECT client_id, external_id FROM work_orders WHERE client_id = x.client_id AND external_id = x.external_id LIMIT 1) w`,
  );
  return new Set(rows.map((r) => workOrderKey(r.client_id, r.external_id)));
}

/** New work orders with their audit rows (lib/context.ts auditRecord), in one statement. */
export async function insertWorkOrders(db: DbOrTx, rows: WorkOrderInsert[], audits: AuditRecord[]) {
  const docs = rows.map((r) => ({
    tenant_id: r.tenantId,
    client_id: r.clientId,
    external_id: r.externalId,
    appeal_id: r.appealId,
    payload_hash: r.payloadHash,
    payload: r.payload,
    revision: r.revision ?? 1,
    response_status: r.responseStatus,
    response: r.response,
  }));
  await queryPrepared(
    db,
    'work_orders_insert_many',
    sql`WITH w AS (
          INSERT INTO work_orders (tenant_id, client_id, external_id, appeal_id, payload_hash, payload, revision, response_status, response)
          SELECT tenant_id, client_id, external_id, appeal_id, payload_hash, payload, revision, response_status, response
          FROM json_populate_recordset(NULL::work_orders, ${JSON.stringify(docs)}::json))
        ${auditRowsSql(audits)}`,
  );
}

export async function getWorkOrder(db: DbOrTx, tenantId: string, clientId: string, externalId: string): Promise<WorkOrderRow | null> {
  // Read twice on every work order (issue 20: prepared, fixed text, no builder).
  const [r] = await queryPrepared<Record<string, unknown>>(
    db,
    'work_order_get',
    sql`SELECT ${sql.raw(WORK_ORDER_COLUMNS)} FROM work_orders WHERE tenant_id = ${tenantId} AND client_id = ${clientId} AND external_id = ${externalId}`,
  );
  return r ? fromRaw<WorkOrderRow>(r) : null;
}

export async function insertWorkOrder(db: DbOrTx, values: typeof workOrders.$inferInsert): Promise<WorkOrderRow> {
  const [r] = await db.insert(workOrders).values(values).returning();
  return r;
}

export async function updateWorkOrder(db: DbOrTx, id: string, set: Partial<typeof workOrders.$inferInsert>) {
  await db
    .update(workOrders)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(workOrders.id, id));
}

/** Issue 18: the client of each of these appeals that came in as a work order (per-client webhook subscriptions). */
export async function clientsOfAppeals(db: DbOrTx, appealIds: readonly string[]): Promise<Map<string, string>> {
  if (!appealIds.length) return new Map();
  const rows = await db
    .select({ appealId: workOrders.appealId, clientId: workOrders.clientId })
    .from(workOrders)
    .where(sql`${workOrders.appealId} IN (${sqlUuidList(appealIds)})`);
  return new Map(rows.map((r) => [r.appealId, r.clientId]));
}
