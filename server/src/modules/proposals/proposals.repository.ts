// SQL of 建议提案 (R3.3): its own tables only, always scoped by tenant_id. The linked appeal is created
// and read through the appeals module's index; unit names through the units module's.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inTenants, queryRows, type DbOrTx } from '../../db/client.ts';
import { proposalRounds, proposals } from '../../db/schema.ts';
import type { ProposalKind, ProposalState } from '../../../../shared/proposals.ts';

export type ProposalRow = typeof proposals.$inferSelect;
export type RoundRow = typeof proposalRounds.$inferSelect;

/** The policy's resource resolver: tenant and lead unit. */
export async function proposalOwner(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: proposals.tenantId, unitId: proposals.leadUnitId }).from(proposals).where(eq(proposals.id, id));
  return r ?? null;
}

export async function getProposal(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(proposals)
    .where(and(eq(proposals.id, id), eq(proposals.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export async function proposalOfAppeal(db: DbOrTx, tenantId: string, appealId: string) {
  const [r] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.appealId, appealId), eq(proposals.tenantId, tenantId)));
  return r ?? null;
}

/** Whether the number is taken in the session; serialises registrations of one number (advisory lock) so two at once get a 400, not a unique-index error. */
export async function sameNumber(db: DbOrTx, tenantId: string, kind: ProposalKind, session: string, number: string) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`proposal:${tenantId}:${kind}:${session}:${number}`}))`);
  const [r] = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.kind, kind), eq(proposals.session, session), eq(proposals.number, number)));
  return r ?? null;
}

export type ListFilter = { tenantId: string; year?: number; kind?: ProposalKind; state?: ProposalState; unitId?: string; onlyUnitId?: string | null };

export async function listProposals(db: DbOrTx, f: ListFilter) {
  const where: SQL[] = [eq(proposals.tenantId, f.tenantId)];
  if (f.year) where.push(eq(proposals.year, f.year));
  if (f.kind) where.push(eq(proposals.kind, f.kind));
  if (f.state) where.push(eq(proposals.state, f.state));
  if (f.unitId) where.push(eq(proposals.leadUnitId, f.unitId));
  if (f.onlyUnitId !== undefined) where.push(f.onlyUnitId === null ? sql`false` : eq(proposals.leadUnitId, f.onlyUnitId));
  return db
    .select()
    .from(proposals)
    .where(and(...where))
    .orderBy(asc(proposals.kind), asc(proposals.session), asc(proposals.number))
    .limit(2000);
}

export async function roundsOf(db: DbOrTx, tenantId: string, proposalIds: readonly string[]) {
  if (proposalIds.length === 0) return [];
  return db
    .select()
    .from(proposalRounds)
    .where(and(eq(proposalRounds.tenantId, tenantId), inArray(proposalRounds.proposalId, [...proposalIds])))
    .orderBy(asc(proposalRounds.proposalId), asc(proposalRounds.round));
}

export async function insertProposal(
  db: DbOrTx,
  v: typeof proposals.$inferInsert,
  round: Omit<typeof proposalRounds.$inferInsert, 'proposalId' | 'tenantId' | 'round'>,
) {
  const [p] = await db.insert(proposals).values(v).returning();
  await db.insert(proposalRounds).values({ ...round, tenantId: p.tenantId, proposalId: p.id, round: 1 });
  return p;
}

export async function insertRound(db: DbOrTx, v: typeof proposalRounds.$inferInsert) {
  await db.insert(proposalRounds).values(v);
}

export async function updateRound(db: DbOrTx, tenantId: string, proposalId: string, round: number, set: Partial<typeof proposalRounds.$inferInsert>) {
  await db
    .update(proposalRounds)
    .set(set)
    .where(and(eq(proposalRounds.tenantId, tenantId), eq(proposalRounds.proposalId, proposalId), eq(proposalRounds.round, round)));
}

/**
 * The sweep (R3.3): proposals in handling whose current round is due within `horizonDays` or past due,
 * whose overdue notice (the last one) is not yet sent — every tenant, oldest due first.
 */
export async function sweepCandidates(db: DbOrTx, untilDay: string, tenantIds?: readonly string[]) {
  return queryRows<{
    id: string;
    tenant_id: string;
    kind: ProposalKind;
    number: string;
    session: string;
    title: string;
    lead_unit_id: string;
    appeal_id: string;
    round: number;
    reply_due: string;
    due_soon_notified_at: Date | null;
    overdue_notified_at: Date | null;
  }>(
    db,
    sql`
    SELECT p.id, p.tenant_id, p.kind, p.number, p.session, p.title, p.lead_unit_id, p.appeal_id, p.round, p.reply_due::text AS reply_due,
      r.due_soon_notified_at, r.overdue_notified_at
    FROM proposals p JOIN proposal_rounds r ON r.proposal_id = p.id AND r.round = p.round
    WHERE p.state = 'handling' AND p.reply_due <= ${untilDay}::date
      AND r.overdue_notified_at IS NULL AND ${inTenants(sql`p.tenant_id`, tenantIds)}
    ORDER BY p.reply_due, p.id
    LIMIT 5000`,
  );
}

/** Marks one notice of a round as sent; false when another run marked it first. */
export async function markNotified(db: DbOrTx, proposalId: string, round: number, which: 'due_soon' | 'overdue', at: Date) {
  const col = which === 'due_soon' ? sql`due_soon_notified_at` : sql`overdue_notified_at`;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`UPDATE proposal_rounds SET ${col} = ${at.toISOString()}::timestamptz
      WHERE proposal_id = ${proposalId} AND round = ${round} AND ${col} IS NULL RETURNING id`,
  );
  return rows.length > 0;
}

/** The yearly 办理 list (R3.3): every proposal of a year, optionally of one lead unit, with its rounds. */
export async function yearRows(db: DbOrTx, tenantId: string, year: number, unitId?: string | null) {
  const where: SQL[] = [eq(proposals.tenantId, tenantId), eq(proposals.year, year)];
  if (unitId) where.push(eq(proposals.leadUnitId, unitId));
  return db
    .select()
    .from(proposals)
    .where(and(...where))
    .orderBy(asc(proposals.leadUnitId), asc(proposals.kind), asc(proposals.number), desc(proposals.createdAt));
}
