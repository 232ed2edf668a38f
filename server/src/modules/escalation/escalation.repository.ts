// SQL of the escalation module (R6.3, R6.4, R6.5). Always scoped by tenant_id. An item is seen like
// its appeal, so the owners join the appeal's units; what the appeal card shows names units, leaders
// and the material's file (architecture.test.ts lists these joins). The appeals themselves are read
// through the appeals module (appealBrief, appealsOpenDuring).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { LEADER_REPORT_CHANNEL } from '../../../../shared/escalation.ts';
import { inTenants, queryRows, type DbOrTx } from '../../db/client.ts';
import { agendaActions, agendaItems, executiveMeetingItems, leaderReportSubmissions } from '../../db/schema.ts';
import { fromRaw } from '../../db/rows.ts';

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AgendaActionRow = typeof agendaActions.$inferSelect;
export type ExecutiveItemRow = typeof executiveMeetingItems.$inferSelect;
export type SubmissionRow = typeof leaderReportSubmissions.$inferSelect;

// ---- owners for the policy layer ----

/** An agenda item is seen like its appeal (tenant, lead unit, co-handling units). */
export async function agendaItemOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; lead_unit_id: string | null; co_unit_ids: string[] }>(
    db,
    sql`
    SELECT i.tenant_id, a.lead_unit_id,
      coalesce((SELECT array_agg(u.unit_id) FROM appeal_units u WHERE u.appeal_id = a.id AND u.status <> 'withdrawn'), '{}') AS co_unit_ids
    FROM agenda_items i JOIN appeals a ON a.id = i.appeal_id AND a.tenant_id = i.tenant_id WHERE i.id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.lead_unit_id, coUnitIds: r.co_unit_ids ?? [] } : null;
}

/** A follow-up action: its appeal's parties, plus the responsible unit. */
export async function agendaActionOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; lead_unit_id: string | null; co_unit_ids: string[]; unit_id: string }>(
    db,
    sql`
    SELECT x.tenant_id, a.lead_unit_id, x.unit_id,
      coalesce((SELECT array_agg(u.unit_id) FROM appeal_units u WHERE u.appeal_id = a.id AND u.status <> 'withdrawn'), '{}') AS co_unit_ids
    FROM agenda_actions x JOIN appeals a ON a.id = x.appeal_id AND a.tenant_id = x.tenant_id WHERE x.id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.lead_unit_id, coUnitIds: r.co_unit_ids ?? [], responsibleUnitId: r.unit_id } : null;
}

export async function executiveItemOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; lead_unit_id: string | null; co_unit_ids: string[] }>(
    db,
    sql`
    SELECT m.tenant_id, a.lead_unit_id,
      coalesce((SELECT array_agg(u.unit_id) FROM appeal_units u WHERE u.appeal_id = a.id AND u.status <> 'withdrawn'), '{}') AS co_unit_ids
    FROM executive_meeting_items m JOIN appeals a ON a.id = m.appeal_id AND a.tenant_id = m.tenant_id WHERE m.id = ${id}`,
  );
  return r ? { tenantId: r.tenant_id, unitId: r.lead_unit_id, coUnitIds: r.co_unit_ids ?? [] } : null;
}

// ---- agenda items (R6.3) ----

export async function insertAgendaItem(db: DbOrTx, values: typeof agendaItems.$inferInsert) {
  const [r] = await db.insert(agendaItems).values(values).returning();
  return r;
}

export async function getAgendaItem(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, id), eq(agendaItems.tenantId, tenantId)));
  return r ?? null;
}

export async function insertAgendaActions(db: DbOrTx, rows: (typeof agendaActions.$inferInsert)[]) {
  if (rows.length) await db.insert(agendaActions).values(rows);
}

export async function getAgendaAction(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(agendaActions)
    .where(and(eq(agendaActions.id, id), eq(agendaActions.tenantId, tenantId)));
  return r ?? null;
}

/** Everything on the appeal's "议题与报送" card: agenda items with their actions, executive-meeting items. */
export async function escalationOfAppeal(db: DbOrTx, tenantId: string, appealId: string) {
  const items = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT i.*, u.name AS unit_name FROM agenda_items i JOIN units u ON u.id = i.unit_id
    WHERE i.appeal_id = ${appealId} AND i.tenant_id = ${tenantId} ORDER BY i.proposed_at, i.id`,
  );
  const actions = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT x.*, u.name AS unit_name FROM agenda_actions x JOIN units u ON u.id = x.unit_id
    WHERE x.appeal_id = ${appealId} AND x.tenant_id = ${tenantId} ORDER BY x.sort_order, x.created_at, x.id`,
  );
  const meetings = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT m.*, t.name AS attachment_name,
      (SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'title', l.title) ORDER BY l.sort_order, l.name), '[]')
        FROM leaders l WHERE l.id = ANY(m.leader_ids)) AS leaders
    FROM executive_meeting_items m LEFT JOIN appeal_attachments t ON t.id = m.attachment_id
    WHERE m.appeal_id = ${appealId} AND m.tenant_id = ${tenantId} ORDER BY m.meeting_date, m.created_at, m.id`,
  );
  type Named = { unitName: string };
  return {
    items: items.map((r) => fromRaw<AgendaItemRow & Named>(r)),
    actions: actions.map((r) => fromRaw<AgendaActionRow & Named>(r)),
    meetings: meetings.map((r) => fromRaw<ExecutiveItemRow & { attachmentName: string | null; leaders: { id: string; name: string; title: string }[] }>(r)),
  };
}

export async function actionsOfItem(db: DbOrTx, itemId: string) {
  return db.select().from(agendaActions).where(eq(agendaActions.itemId, itemId)).orderBy(asc(agendaActions.sortOrder));
}
void inArray;

// ---- executive meeting items (R6.4) ----

export async function insertExecutiveItem(db: DbOrTx, values: typeof executiveMeetingItems.$inferInsert) {
  const [r] = await db.insert(executiveMeetingItems).values(values).returning();
  return r;
}

// ---- monthly report (R6.5) ----

export async function getSubmission(db: DbOrTx, tenantId: string, month: string) {
  const [r] = await db
    .select()
    .from(leaderReportSubmissions)
    .where(and(eq(leaderReportSubmissions.tenantId, tenantId), eq(leaderReportSubmissions.month, month)));
  return r ?? null;
}

/** Returns null when the month was already recorded (unique tenant × month). */
export async function insertSubmission(db: DbOrTx, values: typeof leaderReportSubmissions.$inferInsert) {
  const [r] = await db.insert(leaderReportSubmissions).values(values).onConflictDoNothing().returning();
  return r ?? null;
}

/**
 * R6.5 reminder: tenants that have appeals for the month's report and no 报送 recorded yet.
 */
export async function tenantsToRemind(db: DbOrTx, month: string, from: Date, to: Date, tenantIds?: readonly string[]) {
  return queryRows<{ tenant_id: string; n: number }>(
    db,
    sql`
    SELECT a.tenant_id, count(*)::int AS n FROM appeals a
    WHERE a.channel = ${LEADER_REPORT_CHANNEL} AND a.received_at < ${to} AND (a.closed_at IS NULL OR a.closed_at >= ${from}) AND ${inTenants(sql`a.tenant_id`, tenantIds)}
      AND NOT EXISTS (SELECT 1 FROM leader_report_submissions s WHERE s.tenant_id = a.tenant_id AND s.month = ${month})
    GROUP BY a.tenant_id`,
  );
}
