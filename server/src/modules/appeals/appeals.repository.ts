// SQL of the appeals module. Always scoped by tenant_id. Raw rows are mapped to the drizzle
// camelCase shape (AppealRow) by fromRaw. Intake's own SQL (the number, the new appeals, the
// Idempotency-Keys) is appeals.intake.repository.ts.
import { and, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryPrepared, queryRows, type DbOrTx } from '../../db/client.ts';
import { fromRaw, tableColumnNames } from '../../db/rows.ts';
import { appealAttachmentData, appealAttachments, appealEvents, appealRequests, appealUnits, appeals, routingRules } from '../../db/schema.ts';

export type AppealRow = Omit<typeof appeals.$inferSelect, 'searchVector'>;
export type AppealInsert = typeof appeals.$inferInsert;
export type EventInsert = typeof appealEvents.$inferInsert;
export type RequestRow = typeof appealRequests.$inferSelect;

/** Every column but the search vector, qualified with alias `a`. */
export const APPEAL_COLUMNS_TEXT = tableColumnNames(appeals)
  .filter((n) => n !== 'search_vector')
  .map((n) => `a.${n}`)
  .join(', ');
const APPEAL_COLUMNS = sql.raw(APPEAL_COLUMNS_TEXT);

/** The due and done instants of the three 2115 milestones (R6.2), as AppealRow keys. */
export const MILESTONE_KEYS = [
  'contactDueAt',
  'contactDoneAt',
  'opinionDueAt',
  'opinionDoneAt',
  'resolutionDueAt',
  'resolutionDoneAt',
] as const satisfies readonly (keyof AppealRow)[];

/**
 * Issue 20: the columns a workbench row shows (appeals.view.ts presentSummary) — not the texts
 * (content, opinion, result, reply), which a list never shows: a page of 20 read less than half as much.
 */
export const SUMMARY_KEYS = [
  'id',
  'tenantId',
  'number',
  'state',
  'channel',
  'category',
  'title',
  'enterpriseId',
  'enterpriseName',
  'leadUnitId',
  'receivedAt',
  'isMajor',
  'isSafetyHazard',
  'isConfidential',
  'reopenCount',
  'urgeCount',
  'nextDueAt',
  'deadlineError',
  'closedAt',
  'closeReason',
  'version',
  'updatedAt',
  ...MILESTONE_KEYS,
] as const satisfies readonly (keyof AppealRow)[];
export type SummaryRow = Pick<AppealRow, (typeof SUMMARY_KEYS)[number]> & { leadUnitName: string | null };
const SUMMARY_COLUMNS = sql.raw(SUMMARY_KEYS.map((k) => `a.${getTableColumns(appeals)[k].name}`).join(', '));

/** Locks the appeal row for the rest of the transaction (FOR UPDATE), with its co-handling units. */
export async function lockAppeal(db: DbOrTx, tenantId: string, id: string): Promise<(AppealRow & { coUnitIds: string[] }) | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT ${APPEAL_COLUMNS} FROM appeals a WHERE a.id = ${id} AND a.tenant_id = ${tenantId} FOR UPDATE`,
  );
  if (!rows[0]) return null;
  const co = await db
    .select({ unitId: appealUnits.unitId })
    .from(appealUnits)
    .where(and(eq(appealUnits.appealId, id), sql`${appealUnits.status} <> 'withdrawn'`));
  return { ...fromRaw<AppealRow>(rows[0]), coUnitIds: co.map((c) => c.unitId) };
}

/** The appeal's current version (the sweep retries once with it), or null if it is gone. */
export async function appealVersion(db: DbOrTx, id: string): Promise<number | null> {
  const [r] = await db.select({ version: appeals.version }).from(appeals).where(eq(appeals.id, id));
  return r?.version ?? null;
}

export async function updateAppeal(db: DbOrTx, id: string, set: Partial<AppealInsert>): Promise<AppealRow> {
  const [row] = await db
    .update(appeals)
    .set({ ...set, version: sql`${appeals.version} + 1`, updatedAt: sql`now()` } as never)
    .where(eq(appeals.id, id))
    .returning();
  const { searchVector: _s, ...rest } = row;
  return rest;
}

export async function insertEvents(db: DbOrTx, events: EventInsert[]) {
  if (events.length) await db.insert(appealEvents).values(events);
}

/** Owner of an appeal for the policy layer: tenant, lead unit, co-handling units. */
export async function appealOwner(db: DbOrTx, id: string) {
  const [r] = await queryPrepared<{ tenant_id: string; lead_unit_id: string | null; co_unit_ids: string[] }>(
    db,
    'appeal_owner',
    sql`
    SELECT a.tenant_id, a.lead_unit_id,
      coalesce((SELECT array_agg(u.unit_id) FROM appeal_units u WHERE u.appeal_id = a.id AND u.status <> 'withdrawn'), '{}') AS co_unit_ids
    FROM appeals a WHERE a.id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.lead_unit_id, coUnitIds: r.co_unit_ids ?? [] } : null;
}

export type DetailExtras = {
  leadUnitName: string | null;
  coUnits: {
    unitId: string;
    unitName: string;
    part: string;
    status: string;
    submittedText: string | null;
    submittedAt: string | null;
    submittedByName: string | null;
    assignedAt: string;
  }[];
  events: {
    id: number;
    type: string;
    at: string;
    actorId: string | null;
    actorName: string;
    unitId: string | null;
    unitName: string | null;
    stateBefore: string | null;
    stateAfter: string | null;
    payload: Record<string, unknown>;
  }[];
  requests: Record<string, unknown>[];
  attachments: {
    id: string;
    name: string;
    ext: string;
    mime: string;
    size: number;
    note: string;
    unitId: string | null;
    uploadedByName: string;
    createdAt: string;
  }[];
  leaders: { id: string; name: string; title: string }[];
  originTenantName: string | null;
};

/** The appeal page in one round trip: the row, its units, timeline, requests, attachments and the leaders covering its lead unit (R3.5). */
export async function getDetailRow(db: DbOrTx, tenantId: string, id: string): Promise<(AppealRow & DetailExtras) | null> {
  // Prepared: its five subqueries took 0.69 ms to plan against 0.55 ms to run (queryPrepared).
  const rows = await queryPrepared<Record<string, unknown>>(
    db,
    'appeal_detail',
    sql`
    SELECT ${APPEAL_COLUMNS}, lu.name AS lead_unit_name, ot.name AS origin_tenant_name,
      (SELECT coalesce(json_agg(json_build_object('unitId', au.unit_id, 'unitName', u.name, 'part', au.part, 'status', au.status,
          'submittedText', au.submitted_text, 'submittedAt', au.submitted_at, 'submittedByName', au.submitted_by_name,
          'assignedAt', au.assigned_at) ORDER BY u.sort_order, u.name), '[]')
        FROM appeal_units au JOIN units u ON u.id = au.unit_id WHERE au.appeal_id = a.id) AS co_units,
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'at', e.at, 'actorId', e.actor_id, 'actorName', e.actor_name,
          'unitId', e.unit_id, 'unitName', coalesce(e.unit_name, eu.name), 'stateBefore', e.state_before, 'stateAfter', e.state_after,
          'payload', e.payload) ORDER BY e.id), '[]')
        FROM appeal_events e LEFT JOIN units eu ON eu.id = e.unit_id WHERE e.appeal_id = a.id) AS events,
      (SELECT coalesce(json_agg(json_build_object('id', r.id, 'kind', r.kind, 'workdays', r.workdays, 'reason', r.reason, 'status', r.status,
          'needsCoordinator', r.needs_coordinator, 'requestedByName', r.requested_by_name, 'requestedAt', r.requested_at,
          'headByName', r.head_by_name, 'headAt', r.head_at, 'headComment', r.head_comment,
          'coordinatorByName', r.coordinator_by_name, 'coordinatorAt', r.coordinator_at, 'coordinatorComment', r.coordinator_comment,
          'effect', r.effect) ORDER BY r.requested_at), '[]')
        FROM appeal_requests r WHERE r.appeal_id = a.id) AS requests,
      (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'ext', t.ext, 'mime', t.mime, 'size', t.size, 'note', t.note,
          'unitId', t.unit_id, 'uploadedByName', t.uploaded_by_name, 'createdAt', t.created_at) ORDER BY t.created_at), '[]')
        FROM appeal_attachments t WHERE t.appeal_id = a.id AND t.withdrawn_at IS NULL) AS attachments,
      (SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'title', l.title) ORDER BY l.sort_order), '[]')
        FROM leaders l JOIN leader_units lu2 ON lu2.leader_id = l.id WHERE lu2.unit_id = a.lead_unit_id AND NOT l.archived) AS leaders
    FROM appeals a
    LEFT JOIN units lu ON lu.id = a.lead_unit_id
    LEFT JOIN tenants ot ON ot.id = a.origin_tenant_id
    WHERE a.id = ${id} AND a.tenant_id = ${tenantId}`,
  );
  return rows[0] ? fromRaw<AppealRow & DetailExtras>(rows[0]) : null;
}

export type ListRow = AppealRow & { leadUnitName: string | null };

/** A page of appeals; `where` is built by the service (tenant and visibility included). */
export async function listAppealRows(db: DbOrTx, where: SQL, orderBy: SQL, limit: number, offset: number): Promise<ListRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT ${APPEAL_COLUMNS}, lu.name AS lead_unit_name
    FROM appeals a LEFT JOIN units lu ON lu.id = a.lead_unit_id
    WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((r) => fromRaw<ListRow>(r));
}

/** A page of workbench rows (SUMMARY_KEYS only); `where` is built by the service (tenant and visibility included). */
export async function listSummaryRows(db: DbOrTx, where: SQL, orderBy: SQL, limit: number, offset: number): Promise<SummaryRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT ${SUMMARY_COLUMNS}, lu.name AS lead_unit_name
    FROM appeals a LEFT JOIN units lu ON lu.id = a.lead_unit_id
    WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
  );
  return rows.map((r) => fromRaw<SummaryRow>(r));
}

/** Count capped at `cap` + 1 (a workbench shows "10000+" rather than scanning a tenant). */
export async function countAppeals(db: DbOrTx, where: SQL, cap: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM appeals a WHERE ${where} LIMIT ${cap + 1}) x`);
  return r.n;
}

export async function replaceCoUnits(db: DbOrTx, tenantId: string, appealId: string, co: { unitId: string; part: string }[]) {
  await db.delete(appealUnits).where(eq(appealUnits.appealId, appealId));
  if (co.length) await insertCoUnits(db, tenantId, appealId, co);
}

export async function insertCoUnits(db: DbOrTx, tenantId: string, appealId: string, co: { unitId: string; part: string }[]) {
  await db.insert(appealUnits).values(co.map((c) => ({ appealId, tenantId, unitId: c.unitId, part: c.part })));
}

export async function submitPart(db: DbOrTx, appealId: string, unitId: string, text: string, byName: string) {
  await db
    .update(appealUnits)
    .set({ status: 'submitted', submittedText: text, submittedAt: sql`now()` as unknown as Date, submittedByName: byName })
    .where(and(eq(appealUnits.appealId, appealId), eq(appealUnits.unitId, unitId)));
}

export async function coUnitStatuses(db: DbOrTx, appealId: string) {
  return queryRows<{ unit_id: string; name: string; status: string }>(
    db,
    sql`
    SELECT au.unit_id, u.name, au.status FROM appeal_units au JOIN units u ON u.id = au.unit_id WHERE au.appeal_id = ${appealId}`,
  );
}

// ---- requests (extension / pause) ----

export async function insertRequest(db: DbOrTx, values: typeof appealRequests.$inferInsert) {
  const [r] = await db.insert(appealRequests).values(values).returning();
  return r;
}

export async function getRequest(db: DbOrTx, appealId: string, id: string) {
  const [r] = await db
    .select()
    .from(appealRequests)
    .where(and(eq(appealRequests.id, id), eq(appealRequests.appealId, appealId)));
  return r ?? null;
}

export async function pendingRequests(db: DbOrTx, appealId: string) {
  return db
    .select()
    .from(appealRequests)
    .where(and(eq(appealRequests.appealId, appealId), inArray(appealRequests.status, ['pending', 'pending_coordinator'])));
}

export async function updateRequest(db: DbOrTx, id: string, set: Partial<typeof appealRequests.$inferInsert>) {
  const [r] = await db.update(appealRequests).set(set).where(eq(appealRequests.id, id)).returning();
  return r;
}

// ---- transfer to a city: the case file moves to the other tenant ----

export async function moveToTenant(db: DbOrTx, appealId: string, toTenantId: string) {
  await db.execute(sql`UPDATE appeal_events SET tenant_id = ${toTenantId} WHERE appeal_id = ${appealId}`);
  await db.execute(sql`UPDATE appeal_requests SET tenant_id = ${toTenantId},
    status = CASE WHEN status IN ('pending', 'pending_coordinator') THEN 'cancelled' ELSE status END WHERE appeal_id = ${appealId}`);
  await db.execute(sql`UPDATE appeal_attachments SET tenant_id = ${toTenantId} WHERE appeal_id = ${appealId}`);
  await db.execute(sql`UPDATE appeal_messages SET tenant_id = ${toTenantId} WHERE appeal_id = ${appealId}`);
  await db.delete(appealUnits).where(eq(appealUnits.appealId, appealId));
}

/**
 * The province's read-only status links to the appeals it transferred to cities, within the caller's
 * data scope (issue 12): `units` 'all' for tenant-wide roles and scope, otherwise only appeals whose
 * lead or co-handling unit at the moment of transfer (transfer_city event, fromUnitIds) is one of them.
 */
export async function transferredOut(db: DbOrTx, provinceId: string, units: readonly string[] | 'all', limit: number, offset: number) {
  const scoped =
    units === 'all'
      ? sql`true`
      : units.length === 0
        ? sql`false`
        : sql`EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.type = 'transfer_city'
            AND e.payload->'fromUnitIds' ?| ARRAY[${sql.join(
              units.map((u) => sql`${u}`),
              sql`, `,
            )}]::text[])`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT a.id, a.number, a.title, a.state, a.received_at, a.closed_at, a.close_reason, a.next_due_at,
      a.contact_done_at, a.opinion_done_at, a.resolution_done_at, a.updated_at, t.id AS tenant_id, t.name AS tenant_name, t.code AS tenant_code
    FROM appeals a JOIN tenants t ON t.id = a.tenant_id
    WHERE a.origin_tenant_id = ${provinceId} AND ${scoped} ORDER BY a.received_at DESC, a.id LIMIT ${limit} OFFSET ${offset}`,
  );
  const [c] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM appeals a WHERE a.origin_tenant_id = ${provinceId} AND ${scoped}`);
  return { rows: rows.map((r) => fromRaw<Record<string, unknown>>(r)), total: c.n };
}

// ---- attachments ----

export async function countAttachments(db: DbOrTx, appealId: string) {
  const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM appeal_attachments WHERE appeal_id = ${appealId} AND withdrawn_at IS NULL`);
  return r.n;
}

export async function insertAttachment(db: DbOrTx, values: typeof appealAttachments.$inferInsert, data: Buffer) {
  const [row] = await db.insert(appealAttachments).values(values).returning();
  await db.insert(appealAttachmentData).values({ attachmentId: row.id, data });
  return row;
}

export async function attachmentIdsOf(db: DbOrTx, appealId: string, ids: string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await db
    .select({ id: appealAttachments.id })
    .from(appealAttachments)
    .where(and(eq(appealAttachments.appealId, appealId), inArray(appealAttachments.id, ids), isNull(appealAttachments.withdrawnAt)));
  return new Set(rows.map((r) => r.id));
}

export async function getAttachment(db: DbOrTx, tenantId: string, appealId: string, id: string) {
  const [r] = await queryRows<{ name: string; mime: string; size: number; data: Buffer; unit_id: string | null }>(
    db,
    sql`
    SELECT t.name, t.mime, t.size, d.data, t.unit_id FROM appeal_attachments t JOIN appeal_attachment_data d ON d.attachment_id = t.id
    WHERE t.id = ${id} AND t.appeal_id = ${appealId} AND t.tenant_id = ${tenantId} AND t.withdrawn_at IS NULL`,
  );
  return r ?? null;
}

// ---- routing rules (R3.2) ----

export async function listRoutingRules(db: DbOrTx, tenantId: string) {
  return queryRows<{ id: string; sector: string | null; category: string | null; unit_id: string; unit_name: string; note: string }>(
    db,
    sql`
    SELECT r.id, r.sector, r.category, r.unit_id, u.name AS unit_name, r.note FROM routing_rules r JOIN units u ON u.id = r.unit_id
    WHERE r.tenant_id = ${tenantId} ORDER BY r.sector NULLS LAST, r.category NULLS LAST`,
  );
}

export async function replaceRoutingRules(
  db: DbOrTx,
  tenantId: string,
  rules: { sector: string | null; category: string | null; unitId: string; note: string }[],
) {
  await db.delete(routingRules).where(eq(routingRules.tenantId, tenantId));
  if (rules.length) await db.insert(routingRules).values(rules.map((r) => ({ ...r, tenantId })));
}

/** R3.2 suggestion: the routing rules matching the sector and category, most specific first (score), on active units. */
export async function matchingRules(db: DbOrTx, tenantId: string, sector: string | null, category: string) {
  return queryRows<{ unit_id: string; unit_name: string; score: number }>(
    db,
    sql`
    SELECT r.unit_id, u.name AS unit_name,
      (CASE WHEN r.sector IS NOT NULL THEN 2 ELSE 0 END) + (CASE WHEN r.category IS NOT NULL THEN 1 ELSE 0 END) AS score
    FROM routing_rules r JOIN units u ON u.id = r.unit_id AND NOT u.archived
    WHERE r.tenant_id = ${tenantId} AND (r.sector IS NULL OR r.sector = ${sector}) AND (r.category IS NULL OR r.category = ${category})`,
  );
}
