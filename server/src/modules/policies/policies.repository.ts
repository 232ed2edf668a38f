// SQL of policy consultation (R2.5). Always scoped by tenant_id.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { policyConsultees, policyDrafts, policyResponses } from '../../db/schema.ts';

export type DraftRow = typeof policyDrafts.$inferSelect;
export type ResponseRow = typeof policyResponses.$inferSelect;

/** Policy resource 'policyDraft': the tenant and the enterprises asked (the portal's view). */
export async function draftOwner(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: policyDrafts.tenantId, unitId: policyDrafts.draftingUnitId }).from(policyDrafts).where(eq(policyDrafts.id, id));
  if (!r) return null;
  const asked = await db.select({ enterpriseId: policyConsultees.enterpriseId }).from(policyConsultees).where(eq(policyConsultees.draftId, id));
  return { ...r, consulteeIds: asked.map((a) => a.enterpriseId) };
}

export async function insertDraft(db: DbOrTx, values: typeof policyDrafts.$inferInsert) {
  const [r] = await db.insert(policyDrafts).values(values).returning();
  return r;
}

export async function getDraft(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(policyDrafts)
    .where(and(eq(policyDrafts.id, id), eq(policyDrafts.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export function listDrafts(db: DbOrTx, tenantId: string) {
  return db.select().from(policyDrafts).where(eq(policyDrafts.tenantId, tenantId)).orderBy(desc(policyDrafts.createdAt)).limit(500);
}

export function consulteesOf(db: DbOrTx, tenantId: string, draftId: string) {
  return db
    .select()
    .from(policyConsultees)
    .where(and(eq(policyConsultees.tenantId, tenantId), eq(policyConsultees.draftId, draftId)))
    .orderBy(asc(policyConsultees.enterpriseName));
}

export async function insertConsultees(db: DbOrTx, rows: (typeof policyConsultees.$inferInsert)[]) {
  if (rows.length) await db.insert(policyConsultees).values(rows).onConflictDoNothing();
}

export function responsesOf(db: DbOrTx, tenantId: string, draftId: string) {
  return db
    .select()
    .from(policyResponses)
    .where(and(eq(policyResponses.tenantId, tenantId), eq(policyResponses.draftId, draftId)))
    .orderBy(asc(policyResponses.createdAt), asc(policyResponses.id));
}

export async function insertResponse(db: DbOrTx, values: typeof policyResponses.$inferInsert) {
  const [r] = await db.insert(policyResponses).values(values).returning();
  return r;
}

export async function getResponse(db: DbOrTx, tenantId: string, draftId: string, id: string) {
  const [r] = await db
    .select()
    .from(policyResponses)
    .where(and(eq(policyResponses.id, id), eq(policyResponses.tenantId, tenantId), eq(policyResponses.draftId, draftId)));
  return r ?? null;
}

export async function countsOf(db: DbOrTx, tenantId: string, ids: string[]) {
  const out = new Map(ids.map((id) => [id, { consultees: 0, responses: 0 }]));
  if (!ids.length) return out;
  const c = await db
    .select({ id: policyConsultees.draftId, n: sql<number>`count(*)::int` })
    .from(policyConsultees)
    .where(and(eq(policyConsultees.tenantId, tenantId), inArray(policyConsultees.draftId, ids)))
    .groupBy(policyConsultees.draftId);
  const r = await db
    .select({ id: policyResponses.draftId, n: sql<number>`count(*)::int` })
    .from(policyResponses)
    .where(and(eq(policyResponses.tenantId, tenantId), inArray(policyResponses.draftId, ids)))
    .groupBy(policyResponses.draftId);
  for (const x of c) out.get(x.id)!.consultees = x.n;
  for (const x of r) out.get(x.id)!.responses = x.n;
  return out;
}

/** The consultations an enterprise is asked in (portal 意见征集). */
export function draftsOfEnterprise(db: DbOrTx, tenantId: string, enterpriseId: string) {
  return db
    .select({ draft: policyDrafts })
    .from(policyConsultees)
    .innerJoin(policyDrafts, and(eq(policyDrafts.id, policyConsultees.draftId), eq(policyDrafts.tenantId, policyConsultees.tenantId)))
    .where(and(eq(policyConsultees.tenantId, tenantId), eq(policyConsultees.enterpriseId, enterpriseId)))
    .orderBy(desc(policyDrafts.consultFrom))
    .limit(100);
}
