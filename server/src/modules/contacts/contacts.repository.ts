// SQL of contact points, their timeline, field records, follow-ups and the year at a glance.
// Reads join the names of its own rows' leader, unit, enterprise and liaison officer (CROSS in the
// architecture test); every query is scoped by tenant_id.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { inTenants, queryRows, type DbOrTx } from '../../db/client.ts';
import { contactPointEvents, contactPoints, fieldFollowUps, fieldRecordAppeals, fieldRecordFiles, fieldRecords } from '../../db/schema.ts';
import { fromRaw } from '../../db/rows.ts';
import type { FieldKind, PointKind, PointState, ServiceRating, VisitForm } from '../../../../shared/contacts.ts';

export type PointRow = typeof contactPoints.$inferSelect;
export type PointView = PointRow & {
  leaderName: string | null;
  leaderTitle: string | null;
  leaderUserId: string | null;
  unitName: string;
  enterpriseName: string;
  enterpriseSector: string;
  liaisonName: string | null;
};

const POINT_SELECT = sql`
  SELECT p.id, p.tenant_id, p.kind, p.leader_id, p.unit_id, p.enterprise_id, p.liaison_user_id, p.state, p.reason, p.overlap_accepted,
         p.confirmed_at, p.term_start::text AS term_start, p.term_end::text AS term_end, p.ended_at, p.version, p.created_by, p.created_at, p.updated_at,
         l.name AS leader_name, l.title AS leader_title, l.user_id AS leader_user_id, u.name AS unit_name,
         e.name AS enterprise_name, e.sector AS enterprise_sector, lu.display_name AS liaison_name
  FROM contact_points p
  JOIN units u ON u.id = p.unit_id
  JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN leaders l ON l.id = p.leader_id
  LEFT JOIN users lu ON lu.id = p.liaison_user_id`;

const toPoint = (r: Record<string, unknown>) => fromRaw<PointView>(r);

/** Policy owner of a point: its tenant and unit. */
export async function ownerOfPoint(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: contactPoints.tenantId, unitId: contactPoints.unitId }).from(contactPoints).where(eq(contactPoints.id, id));
  return r ?? null;
}

/** Policy owner of a field record: its tenant and recording unit. */
export async function ownerOfRecord(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: fieldRecords.tenantId, unitId: fieldRecords.unitId }).from(fieldRecords).where(eq(fieldRecords.id, id));
  return r ?? null;
}

/** Policy owner of a follow-up: its tenant and its record's unit. */
export async function ownerOfFollowUp(db: DbOrTx, id: string) {
  const [r] = await db
    .select({ tenantId: fieldFollowUps.tenantId, unitId: fieldRecords.unitId })
    .from(fieldFollowUps)
    .innerJoin(fieldRecords, eq(fieldRecords.id, fieldFollowUps.recordId))
    .where(eq(fieldFollowUps.id, id));
  return r ?? null;
}

export async function getPoint(db: DbOrTx, tenantId: string, id: string): Promise<PointView | null> {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`${POINT_SELECT} WHERE p.id = ${id} AND p.tenant_id = ${tenantId}`);
  return r ? toPoint(r) : null;
}

/** A contact point in brief for another capability (supervision R7.2 opens items on one). */
export async function pointBrief(db: DbOrTx, tenantId: string, id: string) {
  const p = await getPoint(db, tenantId, id);
  if (!p) return null;
  const holder = p.kind === 'leader' ? (p.leaderName ?? '') : p.unitName;
  return { id: p.id, kind: p.kind, unitId: p.unitId, state: p.state, enterpriseName: p.enterpriseName, holder };
}

export type PointFilter = {
  tenantId: string;
  unitIds: string[] | 'all';
  kind?: PointKind;
  states?: readonly PointState[];
  enterpriseId?: string;
  leaderId?: string;
};

function pointWhere(f: PointFilter): SQL {
  const parts: SQL[] = [sql`p.tenant_id = ${f.tenantId}`];
  if (f.unitIds !== 'all')
    parts.push(
      f.unitIds.length
        ? sql`p.unit_id IN (${sql.join(
            f.unitIds.map((u) => sql`${u}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (f.kind) parts.push(sql`p.kind = ${f.kind}`);
  if (f.states?.length)
    parts.push(
      sql`p.state IN (${sql.join(
        f.states.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.enterpriseId) parts.push(sql`p.enterprise_id = ${f.enterpriseId}`);
  if (f.leaderId) parts.push(sql`p.leader_id = ${f.leaderId}`);
  return sql.join(parts, sql` AND `);
}

export async function listPoints(db: DbOrTx, f: PointFilter, limit = 500): Promise<PointView[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${POINT_SELECT} WHERE ${pointWhere(f)} ORDER BY p.kind, coalesce(l.sort_order, 0), l.name, u.sort_order, u.name, p.created_at DESC LIMIT ${limit}`,
  );
  return rows.map(toPoint);
}

/** R1.1 / R1.6: the points a leader or a unit holds (live states), locked against a concurrent proposal. */
export async function livePointsOfHolder(db: DbOrTx, tenantId: string, holder: { kind: 'leader'; leaderId: string } | { kind: 'unit'; unitId: string }) {
  const who = holder.kind === 'leader' ? sql`p.kind = 'leader' AND p.leader_id = ${holder.leaderId}` : sql`p.kind = 'unit' AND p.unit_id = ${holder.unitId}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${POINT_SELECT} WHERE p.tenant_id = ${tenantId} AND ${who} AND p.state IN ('proposed', 'returned', 'leader_review', 'confirmed') ORDER BY p.created_at FOR UPDATE OF p`,
  );
  return rows.map(toPoint);
}

/** Other live points of the same enterprise (an overlap the coordinator must accept). */
export async function otherPointsOfEnterprise(db: DbOrTx, tenantId: string, enterpriseId: string, exceptId: string | null) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${POINT_SELECT} WHERE p.tenant_id = ${tenantId} AND p.enterprise_id = ${enterpriseId}
      AND p.state IN ('proposed', 'returned', 'leader_review', 'confirmed') ${exceptId ? sql`AND p.id <> ${exceptId}` : sql``} ORDER BY p.created_at`,
  );
  return rows.map(toPoint);
}

export async function insertPoint(db: DbOrTx, values: typeof contactPoints.$inferInsert) {
  const [row] = await db.insert(contactPoints).values(values).returning();
  return row;
}

export type PointEventInsert = typeof contactPointEvents.$inferInsert;
export async function insertPointEvent(db: DbOrTx, e: PointEventInsert) {
  await db.insert(contactPointEvents).values(e);
}

export async function pointEvents(db: DbOrTx, tenantId: string, pointId: string) {
  return db
    .select()
    .from(contactPointEvents)
    .where(and(eq(contactPointEvents.tenantId, tenantId), eq(contactPointEvents.pointId, pointId)))
    .orderBy(contactPointEvents.id);
}

/** Confirmed points whose term has ended on `today` or before (the scheduler expires them). */
export async function endedPoints(db: DbOrTx, today: string, limit: number, tenantIds?: readonly string[]) {
  return queryRows<{ id: string; tenant_id: string; state: string; version: number }>(
    db,
    sql`SELECT id, tenant_id, state, version FROM contact_points WHERE state = 'confirmed' AND term_end <= ${today}::date AND ${inTenants(sql`tenant_id`, tenantIds)} ORDER BY term_end LIMIT ${limit}`,
  );
}

/** Confirmed points whose renewal notice is due (term ends within `days`), for the scheduler. */
export async function pointsNearingEnd(db: DbOrTx, today: string, days: number, tenantIds?: readonly string[]) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${POINT_SELECT} WHERE p.state = 'confirmed' AND p.term_end > ${today}::date AND p.term_end <= ${today}::date + ${days}::int AND ${inTenants(sql`p.tenant_id`, tenantIds)} ORDER BY p.term_end LIMIT 5000`,
  );
  return rows.map(toPoint);
}

// ---------------------------------------------------------------- field records

export type RecordInsert = typeof fieldRecords.$inferInsert;
export type RecordRow = typeof fieldRecords.$inferSelect;
export type RecordView = RecordRow & { enterpriseName: string; unitName: string; pointKind: PointKind | null };
export type FollowUpRow = typeof fieldFollowUps.$inferSelect;

export async function insertRecord(db: DbOrTx, values: RecordInsert) {
  const [row] = await db.insert(fieldRecords).values(values).returning();
  return row;
}

export async function insertFollowUps(db: DbOrTx, rows: (typeof fieldFollowUps.$inferInsert)[]) {
  if (rows.length) await db.insert(fieldFollowUps).values(rows);
}

/** A visit to a point counts in its year (the counters the year at a glance reads). */
export async function countVisit(db: DbOrTx, tenantId: string, pointId: string, visitedOn: string) {
  await db.execute(sql`
    INSERT INTO contact_point_visits (point_id, year, tenant_id, visits, last_visit)
    VALUES (${pointId}, ${Number(visitedOn.slice(0, 4))}, ${tenantId}, 1, ${visitedOn}::date)
    ON CONFLICT (point_id, year) DO UPDATE SET visits = contact_point_visits.visits + 1,
      last_visit = greatest(contact_point_visits.last_visit, excluded.last_visit)`);
}

/** Recounts the counters from the visits of the given tenants (bulk loads: demo data, `zqt gen`). */
export async function recountVisits(db: DbOrTx, tenantIds: readonly string[]) {
  if (!tenantIds.length) return;
  await db.execute(sql`
    INSERT INTO contact_point_visits (point_id, year, tenant_id, visits, last_visit)
    SELECT r.point_id, extract(year FROM r.visited_on)::int, r.tenant_id, count(*), max(r.visited_on)
    FROM field_records r
    WHERE r.kind = 'visit' AND r.point_id IS NOT NULL AND r.tenant_id IN (${sql.join(
      tenantIds.map((t) => sql`${t}`),
      sql`, `,
    )})
    GROUP BY 1, 2, 3
    ON CONFLICT (point_id, year) DO UPDATE SET visits = excluded.visits, last_visit = excluded.last_visit`);
}

export async function linkAppeal(db: DbOrTx, tenantId: string, recordId: string, appealId: string) {
  await db.insert(fieldRecordAppeals).values({ tenantId, recordId, appealId });
}

const RECORD_SELECT = sql`
  SELECT r.id, r.tenant_id, r.kind, r.point_id, r.enterprise_id, r.unit_id, r.visited_on::text AS visited_on, r.form, r.leader_ids, r.staff_names,
         r.policies, r.difficulties, r.suggestions, r.findings, r.reference, r.service_rating, r.service_comment, r.statement, r.created_by,
         r.created_by_name, r.version, r.created_at, r.updated_at, e.name AS enterprise_name, u.name AS unit_name, p.kind AS point_kind
  FROM field_records r
  JOIN enterprises e ON e.id = r.enterprise_id
  JOIN units u ON u.id = r.unit_id
  LEFT JOIN contact_points p ON p.id = r.point_id`;

export async function getRecord(db: DbOrTx, tenantId: string, id: string): Promise<RecordView | null> {
  const [r] = await queryRows<Record<string, unknown>>(db, sql`${RECORD_SELECT} WHERE r.id = ${id} AND r.tenant_id = ${tenantId}`);
  return r ? fromRaw<RecordView>(r) : null;
}

export type RecordFilter = { tenantId: string; unitIds: string[] | 'all'; pointId?: string; enterpriseId?: string; kind?: FieldKind };

export async function listRecords(db: DbOrTx, f: RecordFilter, limit: number): Promise<RecordView[]> {
  const parts: SQL[] = [sql`r.tenant_id = ${f.tenantId}`];
  if (f.unitIds !== 'all')
    parts.push(
      f.unitIds.length
        ? sql`r.unit_id IN (${sql.join(
            f.unitIds.map((u) => sql`${u}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (f.pointId) parts.push(sql`r.point_id = ${f.pointId}`);
  if (f.enterpriseId) parts.push(sql`r.enterprise_id = ${f.enterpriseId}`);
  if (f.kind) parts.push(sql`r.kind = ${f.kind}`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${RECORD_SELECT} WHERE ${sql.join(parts, sql` AND `)} ORDER BY r.visited_on DESC, r.created_at DESC LIMIT ${limit}`,
  );
  return rows.map((r) => fromRaw<RecordView>(r));
}

export async function followUpsOf(db: DbOrTx, tenantId: string, recordIds: readonly string[]): Promise<FollowUpRow[]> {
  if (!recordIds.length) return [];
  return db
    .select()
    .from(fieldFollowUps)
    .where(
      and(
        eq(fieldFollowUps.tenantId, tenantId),
        sql`${fieldFollowUps.recordId} IN (${sql.join(
          recordIds.map((r) => sql`${r}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(fieldFollowUps.dueOn, fieldFollowUps.createdAt);
}

export async function getFollowUp(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(fieldFollowUps)
    .where(and(eq(fieldFollowUps.tenantId, tenantId), eq(fieldFollowUps.id, id)));
  return r ?? null;
}

/** The appeals raised during records, with what the record page shows of them (a join on its own links). */
export async function appealsOfRecords(db: DbOrTx, tenantId: string, recordIds: readonly string[]) {
  if (!recordIds.length) return [];
  return queryRows<{ record_id: string; id: string; number: string; title: string; state: string }>(
    db,
    sql`SELECT l.record_id, a.id, a.number, a.title, a.state FROM field_record_appeals l JOIN appeals a ON a.id = l.appeal_id
      WHERE l.tenant_id = ${tenantId} AND l.record_id IN (${sql.join(
        recordIds.map((r) => sql`${r}`),
        sql`, `,
      )}) ORDER BY a.number`,
  );
}

export async function filesOf(db: DbOrTx, tenantId: string, recordIds: readonly string[]) {
  if (!recordIds.length) return [];
  return queryRows<{ id: string; record_id: string; name: string; size: number; uploaded_by_name: string; created_at: unknown }>(
    db,
    sql`SELECT id, record_id, name, size, uploaded_by_name, created_at FROM field_record_files
      WHERE tenant_id = ${tenantId} AND record_id IN (${sql.join(
        recordIds.map((r) => sql`${r}`),
        sql`, `,
      )}) ORDER BY created_at`,
  );
}

export async function insertFile(db: DbOrTx, values: typeof fieldRecordFiles.$inferInsert) {
  const [r] = await db.insert(fieldRecordFiles).values(values).returning({ id: fieldRecordFiles.id, name: fieldRecordFiles.name, size: fieldRecordFiles.size });
  return r;
}

export async function getFile(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(fieldRecordFiles)
    .where(and(eq(fieldRecordFiles.tenantId, tenantId), eq(fieldRecordFiles.id, id)));
  return r ?? null;
}

export type NewRecord = {
  kind: FieldKind;
  form: VisitForm;
  serviceRating?: ServiceRating | null;
};

// ---------------------------------------------------------------- year at a glance

export type YearRow = {
  id: string;
  tenantId: string;
  kind: PointKind;
  state: PointState;
  leaderId: string | null;
  leaderName: string | null;
  leaderUserId: string | null;
  unitId: string;
  unitName: string;
  enterpriseId: string;
  enterpriseName: string;
  liaisonUserId: string | null;
  termStart: string;
  termEnd: string;
  visits: number;
  lastVisit: string | null;
};

/**
 * R1.4 / R1.8: every point active during `year` (confirmed, or expired after its start) of the given
 * tenants, with its visits of that year from the per-point counters (contact_point_visits).
 */
export async function yearRows(db: DbOrTx, tenantIds: readonly string[], year: number, unitIds: string[] | 'all' = 'all'): Promise<YearRow[]> {
  if (!tenantIds.length) return [];
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const units =
    unitIds === 'all'
      ? sql``
      : unitIds.length
        ? sql`AND p.unit_id IN (${sql.join(
            unitIds.map((u) => sql`${u}`),
            sql`, `,
          )})`
        : sql`AND false`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT p.id, p.tenant_id, p.kind, p.state, p.leader_id, l.name AS leader_name, l.user_id AS leader_user_id, p.unit_id, u.name AS unit_name,
           p.enterprise_id, e.name AS enterprise_name, p.liaison_user_id, p.term_start::text AS term_start, p.term_end::text AS term_end,
           coalesce(v.visits, 0)::int AS visits, v.last_visit::text AS last_visit
    FROM contact_points p
    JOIN units u ON u.id = p.unit_id
    JOIN enterprises e ON e.id = p.enterprise_id
    LEFT JOIN leaders l ON l.id = p.leader_id
    LEFT JOIN contact_point_visits v ON v.point_id = p.id AND v.year = ${year}
    WHERE p.tenant_id IN (${sql.join(
      tenantIds.map((t) => sql`${t}`),
      sql`, `,
    )})
      AND p.state IN ('confirmed', 'expired') AND p.term_start < ${to}::date AND p.term_end > ${from}::date ${units}
    ORDER BY p.kind, l.sort_order, l.name, u.sort_order, u.name, e.name`,
  );
  return rows.map((r) => fromRaw<YearRow>(r));
}

/** Tenants with points active in `year` (the reminder walks them one by one). */
export async function tenantsWithPoints(db: DbOrTx, year: number, tenantIds?: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ tenant_id: string }>(
    db,
    sql`SELECT DISTINCT tenant_id FROM contact_points WHERE state = 'confirmed' AND term_start < ${`${year + 1}-01-01`}::date AND term_end > ${`${year}-01-01`}::date AND ${inTenants(sql`tenant_id`, tenantIds)}`,
  );
  return rows.map((r) => r.tenant_id);
}

/**
 * The province's view of its cities (totals only): every active point of the given tenants with
 * just what the quota needs — no names, no order (sorting Chinese names of thousands of rows would
 * cost more than the rest of the view).
 */
export async function yearCounts(db: DbOrTx, tenantIds: readonly string[], year: number) {
  if (!tenantIds.length) return [];
  return queryRows<{ tenant_id: string; kind: PointKind; term_start: string; term_end: string; visits: number }>(
    db,
    sql`
    SELECT p.tenant_id, p.kind, p.term_start::text AS term_start, p.term_end::text AS term_end, coalesce(v.visits, 0)::int AS visits
    FROM contact_points p LEFT JOIN contact_point_visits v ON v.point_id = p.id AND v.year = ${year}
    WHERE p.tenant_id IN (${sql.join(
      tenantIds.map((t) => sql`${t}`),
      sql`, `,
    )})
      AND p.state IN ('confirmed', 'expired') AND p.term_start < ${`${year + 1}-01-01`}::date AND p.term_end > ${`${year}-01-01`}::date`,
  );
}

/** R2.4 research field records (kind `research`) visited in [fromDay, toDay) by recording unit. */
export async function researchRecordsByUnit(db: DbOrTx, tenantId: string, fromDay: string, toDay: string) {
  return queryRows<{ unitId: string; n: number }>(
    db,
    sql`SELECT unit_id AS "unitId", count(*)::int AS n FROM field_records
        WHERE tenant_id = ${tenantId} AND kind = 'research' AND visited_on >= ${fromDay} AND visited_on < ${toDay}
        GROUP BY unit_id`,
  );
}

/** The records among `ids` of the tenant, briefly (a research task lists its visits, R2.4). */
export async function recordBriefs(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; visitedOn: string; findings: string; createdByName: string; followUps: number; openFollowUps: number }>(
    db,
    sql`SELECT r.id, r.visited_on::text AS "visitedOn", r.findings, r.created_by_name AS "createdByName",
               (SELECT count(*)::int FROM field_follow_ups f WHERE f.record_id = r.id) AS "followUps",
               (SELECT count(*)::int FROM field_follow_ups f WHERE f.record_id = r.id AND f.done_at IS NULL) AS "openFollowUps"
        FROM field_records r
        WHERE r.tenant_id = ${tenantId} AND r.id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}
