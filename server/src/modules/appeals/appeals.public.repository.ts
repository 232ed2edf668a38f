// SQL of what other modules read about appeals, through index.ts (escalation items, the portal,
// the message thread, evaluation links, notifications). The appeals tables are read only here and in
// appeals.repository.ts; other modules never name them (server/test/foundation/architecture.test.ts).
import { sql } from 'drizzle-orm';
import { inTenants, queryPrepared, queryRows, sqlUuidList, type DbOrTx } from '../../db/client.ts';
import { fromRaw, pgInstant } from '../../db/rows.ts';
import { countAppeals, listAppealRows, type ListRow } from './appeals.repository.ts';

// ---------------------------------------------------------------- one appeal

/** What another module needs to know about one appeal: who it is, its state, its units, whose it is. */
export type AppealBrief = {
  id: string;
  tenantId: string;
  number: string;
  title: string;
  state: string;
  enterpriseId: string | null;
  leadUnitId: string | null;
  isConfidential: boolean;
  /** Co-handling units (not withdrawn). */
  coUnitIds: string[];
  /** The province that transferred it to this city (issue 22: its agenda items are shown read-only here). */
  originTenantId?: string | null;
};

/**
 * The appeal of the tenant, or null. `lock`: 'update' takes the row FOR UPDATE (a change that must
 * not race the appeal's actions), 'share' FOR SHARE (a concurrent close waits).
 */
export async function appealBrief(db: DbOrTx, tenantId: string, id: string, lock?: 'update' | 'share'): Promise<AppealBrief | null> {
  const [r] = await queryPrepared<{
    id: string;
    tenant_id: string;
    number: string;
    title: string;
    state: string;
    enterprise_id: string | null;
    lead_unit_id: string | null;
    is_confidential: boolean;
    origin_tenant_id: string | null;
    co_unit_ids: string[] | null;
  }>(
    db,
    // Issue 20: the co-handling units in the same statement (one round trip); prepared, one name per
    // lock (the message thread and the escalation pages read it on every request).
    lock ? `appeal_brief_${lock}` : 'appeal_brief',
    sql`SELECT a.id, a.tenant_id, a.number, a.title, a.state, a.enterprise_id, a.lead_unit_id, a.is_confidential, a.origin_tenant_id,
      (SELECT array_agg(u.unit_id) FROM appeal_units u WHERE u.appeal_id = a.id AND u.status <> 'withdrawn') AS co_unit_ids
      FROM appeals a
      WHERE a.id = ${id} AND a.tenant_id = ${tenantId} ${lock === 'update' ? sql`FOR UPDATE` : lock === 'share' ? sql`FOR SHARE` : sql``}`,
  );
  if (!r) return null;
  return {
    id: r.id,
    tenantId: r.tenant_id,
    number: r.number,
    title: r.title,
    state: r.state,
    enterpriseId: r.enterprise_id,
    leadUnitId: r.lead_unit_id,
    isConfidential: r.is_confidential,
    coUnitIds: r.co_unit_ids ?? [],
    originTenantId: r.origin_tenant_id,
  };
}

/** Owner of an appeal for the portal's policy resource: its tenant and the registry enterprise it concerns. */
export async function portalAppealOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenant_id: string; enterprise_id: string | null }>(db, sql`SELECT tenant_id, enterprise_id FROM appeals WHERE id = ${id}`);
  return r ? { tenantId: r.tenant_id, enterpriseId: r.enterprise_id } : null;
}

// ---------------------------------------------------------------- the enterprise's appeals (portal)

const ofEnterprise = (tenantId: string, enterpriseId: string) => sql`a.tenant_id = ${tenantId} AND a.enterprise_id = ${enterpriseId}`;

/** A page of the registry enterprise's appeals, newest first, and how many there are (capped at 10,000). */
export async function enterpriseAppeals(db: DbOrTx, tenantId: string, enterpriseId: string, limit: number, offset: number) {
  const where = ofEnterprise(tenantId, enterpriseId);
  const [rows, total] = await Promise.all([listAppealRows(db, where, sql`a.received_at DESC, a.id`, limit, offset), countAppeals(db, where, 10_000)]);
  return { rows, total };
}

/** One appeal of the registry enterprise, or null (another enterprise's answers the same). */
export async function enterpriseAppeal(db: DbOrTx, tenantId: string, enterpriseId: string, id: string): Promise<ListRow | null> {
  const [row] = await listAppealRows(db, sql`a.id = ${id} AND ${ofEnterprise(tenantId, enterpriseId)}`, sql`a.id`, 1, 0);
  return row ?? null;
}

// ---------------------------------------------------------------- attachments

export type UploadedAttachment = {
  id: string;
  name: string;
  ext: string;
  mime: string;
  size: number;
  sha256: string;
  note: string;
  uploadedByName: string;
  createdAt: Date;
};

const uploadedBy = (userIds: readonly string[]) => (userIds.length ? sql`t.uploaded_by IN (${sqlUuidList(userIds)})` : sql`false`);

/** The appeal's attachments uploaded by these accounts (the portal: the enterprise's own files). */
export async function attachmentsUploadedBy(db: DbOrTx, tenantId: string, appealId: string, userIds: readonly string[]): Promise<UploadedAttachment[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT t.id, t.name, t.ext, t.mime, t.size, t.sha256, t.note, t.uploaded_by_name, t.created_at
    FROM appeal_attachments t
    WHERE t.appeal_id = ${appealId} AND t.tenant_id = ${tenantId} AND t.withdrawn_at IS NULL AND ${uploadedBy(userIds)}
    ORDER BY t.created_at, t.id`,
  );
  return rows.map((r) => {
    const a = fromRaw<UploadedAttachment>(r);
    return { ...a, id: String(a.id), size: Number(a.size) };
  });
}

/** One such attachment with its content (download), or null. */
export async function attachmentFileUploadedBy(db: DbOrTx, tenantId: string, appealId: string, userIds: readonly string[], id: string) {
  const [r] = await queryRows<{ name: string; ext: string; mime: string; data: Buffer }>(
    db,
    sql`
    SELECT t.name, t.ext, t.mime, d.data FROM appeal_attachments t JOIN appeal_attachment_data d ON d.attachment_id = t.id
    WHERE t.id = ${id} AND t.appeal_id = ${appealId} AND t.tenant_id = ${tenantId} AND t.withdrawn_at IS NULL AND ${uploadedBy(userIds)}`,
  );
  return r ?? null;
}

/** An attachment of the appeal (escalation: the material of an executive-meeting item), or null. */
export async function attachmentOf(db: DbOrTx, tenantId: string, appealId: string, attachmentId: string) {
  const [r] = await queryRows<{ id: string; name: string }>(
    db,
    sql`
    SELECT id, name FROM appeal_attachments WHERE id = ${attachmentId} AND appeal_id = ${appealId} AND tenant_id = ${tenantId} AND withdrawn_at IS NULL`,
  );
  return r ?? null;
}

// ---------------------------------------------------------------- R6.5 the monthly report of leaders' transfers

export type ReportRow = {
  id: string;
  number: string;
  received_at: unknown;
  enterprise_name: string;
  title: string;
  lead_unit_name: string | null;
  /** R6.5 (issue 22): the handling unit writes its rows. */
  lead_unit_id: string | null;
  state: string;
  contact_due_at: unknown;
  contact_done_at: unknown;
  opinion_due_at: unknown;
  opinion_done_at: unknown;
  resolution_due_at: unknown;
  resolution_done_at: unknown;
  result_kind: string | null;
  result_text: string | null;
  reply_text: string | null;
  evaluation: string | null;
  evaluation_comment: string | null;
  closed_at: unknown;
  close_reason: string | null;
};

/**
 * R6.5 the appeals a month's report covers: the channel's appeals received before the month ends
 * and not closed before it began (so each appeal is reported every month until it is closed).
 */
export async function appealsOpenDuring(db: DbOrTx, tenantId: string, channel: string, from: Date, to: Date): Promise<ReportRow[]> {
  return queryRows<ReportRow>(
    db,
    sql`
    SELECT a.id, a.number, a.received_at, a.enterprise_name, a.title, u.name AS lead_unit_name, a.lead_unit_id, a.state,
      a.contact_due_at, a.contact_done_at, a.opinion_due_at, a.opinion_done_at, a.resolution_due_at, a.resolution_done_at,
      a.result_kind, a.result_text, a.reply_text, a.evaluation, a.evaluation_comment, a.closed_at, a.close_reason
    FROM appeals a LEFT JOIN units u ON u.id = a.lead_unit_id
    WHERE a.tenant_id = ${tenantId} AND a.channel = ${channel}
      AND a.received_at < ${to} AND (a.closed_at IS NULL OR a.closed_at >= ${from})
    ORDER BY a.received_at, a.id`,
  );
}

// ---------------------------------------------------------------- the timeline (notifications)

/** A timeline event with what a notification says about its appeal. */
export type TimelineEvent = {
  id: number;
  type: string;
  tenant_id: string;
  appeal_id: string;
  actor_name: string;
  payload: Record<string, unknown>;
  number: string;
  title: string;
  category: string;
  lead_unit_id: string | null;
  is_major: boolean;
};

/** The events of these types with id > afterId, in id order (up to `limit`); `tenantIds` narrows (tests). */
export async function eventsAfter(
  db: DbOrTx,
  opts: { afterId: number; types: readonly string[]; tenantIds?: readonly string[]; limit: number },
): Promise<TimelineEvent[]> {
  return queryRows<TimelineEvent>(
    db,
    sql`
    SELECT e.id::int AS id, e.type, a.tenant_id, e.appeal_id, e.actor_name, e.payload, a.number, a.title, a.category, a.lead_unit_id, a.is_major
    FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
    WHERE e.id > ${opts.afterId} AND ${inTenants(sql`e.tenant_id`, opts.tenantIds)} AND e.type IN (${sql.join(
      opts.types.map((t) => sql`${t}`),
      sql`, `,
    )})
    ORDER BY e.id
    LIMIT ${opts.limit}`,
  );
}

/** The latest event id (where a new notifier or roll-up starts). */
export async function latestEventId(db: DbOrTx): Promise<number> {
  const [r] = await queryRows<{ id: number | null }>(db, sql`SELECT max(id)::int AS id FROM appeal_events`);
  return r?.id ?? 0;
}

// ---------------------------------------------------------------- replied appeals (evaluation links)

/** A replied appeal awaiting evaluation in its current cycle (reopen_count). */
export type RepliedAppeal = {
  id: string;
  tenantId: string;
  number: string;
  title: string;
  contactPhone: string;
  enterpriseId: string | null;
  reopenCount: number;
};

/** The appeal again, locked (FOR UPDATE SKIP LOCKED), if it still awaits evaluation in that cycle; null if not or held by another worker. */
export async function lockReplied(db: DbOrTx, id: string, cycle: number): Promise<RepliedAppeal | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT a.id, a.tenant_id, a.number, a.title, a.contact_phone, a.enterprise_id, a.reopen_count FROM appeals a
    WHERE a.id = ${id} AND a.state = 'replied' AND a.reopen_count = ${cycle}
    FOR UPDATE SKIP LOCKED`,
  );
  return rows[0] ? fromRaw<RepliedAppeal>(rows[0]) : null;
}

/** Locks the appeal row for the rest of the transaction (a module keeping its rows in step with the appeal's, e.g. an evaluation link). */
export async function lockAppealRow(db: DbOrTx, appealId: string) {
  await db.execute(sql`SELECT 1 FROM appeals WHERE id = ${appealId} FOR UPDATE`);
}

// ---- Lists of the monthly and annual reports (issue 16) ----

export type ReopenRow = { id: string; number: string; title: string; unit_name: string | null; at: string | Date; reopen_count: number };

/** Reopen events (不满意 → 重办) in [from, to), newest first: the appeal, and which reopening it was. */
export async function reopenedIn(db: DbOrTx, tenantId: string, from: Date, to: Date): Promise<ReopenRow[]> {
  return queryRows<ReopenRow>(
    db,
    sql`SELECT a.id, a.number, a.title, u.name AS unit_name, e.at, coalesce((e.payload->>'reopenCount')::int, a.reopen_count) AS reopen_count
        FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id LEFT JOIN units u ON u.id = a.lead_unit_id
        WHERE e.tenant_id = ${tenantId} AND e.type = 'reopen' AND e.at >= ${from} AND e.at < ${to}
        ORDER BY e.at DESC, e.id`,
  );
}

export type MajorRow = {
  id: string;
  number: string;
  title: string;
  enterprise_name: string;
  unit_name: string | null;
  state: string;
  received_at: string | Date;
  closed_at: string | Date | null;
};

/** R3.5 major matters: received in [from, to), or received earlier and still open at `to` (i.e. not closed before it). */
export async function majorMatters(db: DbOrTx, tenantId: string, from: Date, to: Date): Promise<MajorRow[]> {
  return queryRows<MajorRow>(
    db,
    sql`SELECT a.id, a.number, a.title, a.enterprise_name, u.name AS unit_name, a.state, a.received_at, a.closed_at
        FROM appeals a LEFT JOIN units u ON u.id = a.lead_unit_id
        WHERE a.tenant_id = ${tenantId} AND a.is_major AND a.received_at < ${to}
          AND (a.received_at >= ${from} OR a.closed_at IS NULL OR a.closed_at >= ${from})
        ORDER BY a.received_at, a.id`,
  );
}

/** Of `tenantIds`, those with at least one appeal, ever (the scheduler makes reports for these only). */
export async function tenantIdsWithAppeals(db: DbOrTx, tenantIds: readonly string[]): Promise<Set<string>> {
  if (!tenantIds.length) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT x.id FROM jsonb_array_elements_text(${JSON.stringify(tenantIds)}::jsonb) AS x(id)
        WHERE EXISTS (SELECT 1 FROM appeals a WHERE a.tenant_id = x.id::uuid)`,
  );
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------- events out (issue 18, webhooks)

/** A timeline event with what an outside system may know of its appeal (no contact or identity fields). */
export type ExportedEvent = {
  id: number;
  type: string;
  tenantId: string;
  appealId: string;
  at: Date;
  stateAfter: string | null;
  payload: Record<string, unknown>;
  number: string;
  title: string;
  category: string;
  channel: string;
  externalRef: string | null;
  state: string;
};

/**
 * Issue 18: the timeline events with id > afterId of the given types, in id order — the source of the
 * webhooks (modules/webhooks). appeal_events is written in the same transaction as every change and is
 * append-only, so it is the outbox: nothing committed is missed by a reader that re-reads a window.
 */
export async function timelineEventsForExport(db: DbOrTx, opts: { afterId: number; types: readonly string[]; limit: number }): Promise<ExportedEvent[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    SELECT e.id::int AS id, e.type, e.tenant_id, e.appeal_id, e.at, e.state_after, e.payload,
      a.number, a.title, a.category, a.channel, a.external_ref, a.state
    FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
    WHERE e.id > ${opts.afterId} AND e.type IN (${sql.join(
      opts.types.map((t) => sql`${t}`),
      sql`, `,
    )})
    ORDER BY e.id
    LIMIT ${opts.limit}`,
  );
  return rows.map((r) => ({ ...fromRaw<ExportedEvent>(r), at: pgInstant(r.at)! }));
}

/** The ids of a unit's open appeals, oldest received first (demo data of other modules: 批示, agenda items). */
export async function oldestOpenAppealIdsOfUnit(db: DbOrTx, tenantId: string, unitId: string, limit: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM appeals WHERE tenant_id = ${tenantId} AND lead_unit_id = ${unitId} AND closed_at IS NULL
        ORDER BY received_at, id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}
