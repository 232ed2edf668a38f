// SQL of the roundtables module (R5.*, R7.1). Always scoped by tenant_id. The appeals born of a
// meeting's items are read through the appeals module (appealBrief); units and leaders through theirs.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { roundtableInvitations, roundtableItems, roundtableLeaders, roundtables } from '../../db/schema.ts';

export type RoundtableRow = typeof roundtables.$inferSelect;
export type ItemRow = typeof roundtableItems.$inferSelect;
export type InvitationRow = typeof roundtableInvitations.$inferSelect;
export type LeaderRow = typeof roundtableLeaders.$inferSelect;

/** Policy resource 'roundtable': the tenant; the invited enterprises (the portal's view). */
export async function roundtableOwner(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: roundtables.tenantId, unitId: roundtables.leadUnitId }).from(roundtables).where(eq(roundtables.id, id));
  if (!r) return null;
  const invited = await db
    .select({ enterpriseId: roundtableInvitations.enterpriseId })
    .from(roundtableInvitations)
    .where(eq(roundtableInvitations.roundtableId, id));
  return { tenantId: r.tenantId, unitId: r.unitId, invitedEnterpriseIds: invited.map((i) => i.enterpriseId) };
}

export async function insertRoundtable(db: DbOrTx, values: typeof roundtables.$inferInsert) {
  const [r] = await db.insert(roundtables).values(values).returning();
  return r;
}

export async function getRoundtable(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(roundtables)
    .where(and(eq(roundtables.id, id), eq(roundtables.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export function listRoundtables(db: DbOrTx, tenantId: string) {
  return db.select().from(roundtables).where(eq(roundtables.tenantId, tenantId)).orderBy(desc(roundtables.meetingDate), desc(roundtables.createdAt)).limit(500);
}

/** Counts per meeting for the list: items, pending items, appeals, invitations. */
export async function countsOf(db: DbOrTx, tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, { items: number; pending: number; appeals: number; invited: number }>();
  const items = await db
    .select({
      id: roundtableItems.roundtableId,
      items: sql<number>`count(*)::int`,
      pending: sql<number>`count(*) FILTER (WHERE ${roundtableItems.disposition} = 'pending')::int`,
      appeals: sql<number>`count(${roundtableItems.appealId})::int`,
    })
    .from(roundtableItems)
    .where(and(eq(roundtableItems.tenantId, tenantId), inArray(roundtableItems.roundtableId, ids)))
    .groupBy(roundtableItems.roundtableId);
  const inv = await db
    .select({ id: roundtableInvitations.roundtableId, n: sql<number>`count(*)::int` })
    .from(roundtableInvitations)
    .where(and(eq(roundtableInvitations.tenantId, tenantId), inArray(roundtableInvitations.roundtableId, ids)))
    .groupBy(roundtableInvitations.roundtableId);
  const out = new Map(ids.map((id) => [id, { items: 0, pending: 0, appeals: 0, invited: 0 }]));
  for (const r of items) Object.assign(out.get(r.id)!, { items: r.items, pending: r.pending, appeals: r.appeals });
  for (const r of inv) out.get(r.id)!.invited = r.n;
  return out;
}

export function itemsOf(db: DbOrTx, tenantId: string, roundtableId: string) {
  return db
    .select()
    .from(roundtableItems)
    .where(and(eq(roundtableItems.tenantId, tenantId), eq(roundtableItems.roundtableId, roundtableId)))
    .orderBy(asc(roundtableItems.createdAt), asc(roundtableItems.id));
}

export async function getItem(db: DbOrTx, tenantId: string, roundtableId: string, itemId: string) {
  const [r] = await db
    .select()
    .from(roundtableItems)
    .where(and(eq(roundtableItems.id, itemId), eq(roundtableItems.tenantId, tenantId), eq(roundtableItems.roundtableId, roundtableId)));
  return r ?? null;
}

export async function insertItem(db: DbOrTx, values: typeof roundtableItems.$inferInsert) {
  const [r] = await db.insert(roundtableItems).values(values).returning();
  return r;
}

export function invitationsOf(db: DbOrTx, tenantId: string, roundtableId: string) {
  return db
    .select()
    .from(roundtableInvitations)
    .where(and(eq(roundtableInvitations.tenantId, tenantId), eq(roundtableInvitations.roundtableId, roundtableId)))
    .orderBy(asc(roundtableInvitations.invitedAt), asc(roundtableInvitations.enterpriseName));
}

/** New invitations; an enterprise already invited is skipped. Returns the rows inserted. */
export async function insertInvitations(db: DbOrTx, rows: (typeof roundtableInvitations.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(roundtableInvitations).values(rows).onConflictDoNothing().returning();
}

export async function getInvitation(db: DbOrTx, tenantId: string, roundtableId: string, id: string) {
  const [r] = await db
    .select()
    .from(roundtableInvitations)
    .where(and(eq(roundtableInvitations.id, id), eq(roundtableInvitations.tenantId, tenantId), eq(roundtableInvitations.roundtableId, roundtableId)));
  return r ?? null;
}

export async function invitationOfEnterprise(db: DbOrTx, tenantId: string, roundtableId: string, enterpriseId: string) {
  const [r] = await db
    .select()
    .from(roundtableInvitations)
    .where(
      and(
        eq(roundtableInvitations.tenantId, tenantId),
        eq(roundtableInvitations.roundtableId, roundtableId),
        eq(roundtableInvitations.enterpriseId, enterpriseId),
      ),
    );
  return r ?? null;
}

export async function updateInvitation(db: DbOrTx, id: string, set: Partial<typeof roundtableInvitations.$inferInsert>) {
  const [r] = await db.update(roundtableInvitations).set(set).where(eq(roundtableInvitations.id, id)).returning();
  return r;
}

/** The meetings an enterprise is invited to (portal), newest first. */
export async function meetingsOfEnterprise(db: DbOrTx, tenantId: string, enterpriseId: string) {
  return db
    .select({ meeting: roundtables, invitation: roundtableInvitations })
    .from(roundtableInvitations)
    .innerJoin(roundtables, and(eq(roundtables.id, roundtableInvitations.roundtableId), eq(roundtables.tenantId, roundtableInvitations.tenantId)))
    .where(and(eq(roundtableInvitations.tenantId, tenantId), eq(roundtableInvitations.enterpriseId, enterpriseId)))
    .orderBy(desc(roundtables.meetingDate))
    .limit(100);
}

export function leadersOf(db: DbOrTx, tenantId: string, roundtableId: string) {
  return db
    .select()
    .from(roundtableLeaders)
    .where(and(eq(roundtableLeaders.tenantId, tenantId), eq(roundtableLeaders.roundtableId, roundtableId)))
    .orderBy(asc(roundtableLeaders.leaderName));
}

export async function upsertLeader(db: DbOrTx, values: typeof roundtableLeaders.$inferInsert) {
  const [r] = await db
    .insert(roundtableLeaders)
    .values(values)
    .onConflictDoUpdate({
      target: [roundtableLeaders.roundtableId, roundtableLeaders.leaderId],
      set: { status: values.status, note: values.note ?? null, arrangedByName: values.arrangedByName, updatedAt: sql`now()` },
    })
    .returning();
  return r;
}
