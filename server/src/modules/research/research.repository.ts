// SQL of the research module (R2.1–R2.4). Always scoped by tenant_id. Enterprises and units are read
// through their modules' indexes.
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { researchSolutions, researchTaskEnterprises, researchTasks } from '../../db/schema.ts';

export type TaskRow = typeof researchTasks.$inferSelect;
export type TaskEnterpriseRow = typeof researchTaskEnterprises.$inferSelect;
export type SolutionRow = typeof researchSolutions.$inferSelect;

export async function taskOwner(db: DbOrTx, id: string) {
  const [r] = await db.select({ tenantId: researchTasks.tenantId, unitId: researchTasks.unitId }).from(researchTasks).where(eq(researchTasks.id, id));
  return r ?? null;
}

export async function insertTask(db: DbOrTx, values: typeof researchTasks.$inferInsert) {
  const [r] = await db.insert(researchTasks).values(values).returning();
  return r;
}

/** R2.4 the task whose visit is the field record `recordId` (research_task_enterprises.field_record_id). */
export async function taskOfFieldRecord(db: DbOrTx, tenantId: string, recordId: string) {
  const [r] = await db
    .select({ id: researchTasks.id, title: researchTasks.title, state: researchTasks.state })
    .from(researchTaskEnterprises)
    .innerJoin(researchTasks, eq(researchTasks.id, researchTaskEnterprises.taskId))
    .where(and(eq(researchTaskEnterprises.tenantId, tenantId), eq(researchTaskEnterprises.fieldRecordId, recordId)))
    .limit(1);
  return r ?? null;
}

export async function getTask(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(researchTasks)
    .where(and(eq(researchTasks.id, id), eq(researchTasks.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export function listTasks(db: DbOrTx, tenantId: string) {
  return db
    .select()
    .from(researchTasks)
    .where(eq(researchTasks.tenantId, tenantId))
    .orderBy(desc(researchTasks.periodFrom), desc(researchTasks.createdAt))
    .limit(500);
}

export function enterprisesOf(db: DbOrTx, tenantId: string, taskId: string) {
  return db
    .select()
    .from(researchTaskEnterprises)
    .where(and(eq(researchTaskEnterprises.tenantId, tenantId), eq(researchTaskEnterprises.taskId, taskId)))
    .orderBy(asc(researchTaskEnterprises.enterpriseName));
}

export async function insertEnterprises(db: DbOrTx, rows: (typeof researchTaskEnterprises.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(researchTaskEnterprises).values(rows).onConflictDoNothing().returning();
}

export async function markVisited(db: DbOrTx, tenantId: string, taskId: string, enterpriseId: string, fieldRecordId: string, at: Date) {
  const [r] = await db
    .update(researchTaskEnterprises)
    .set({ status: 'visited', visitedAt: at, fieldRecordId })
    .where(
      and(eq(researchTaskEnterprises.tenantId, tenantId), eq(researchTaskEnterprises.taskId, taskId), eq(researchTaskEnterprises.enterpriseId, enterpriseId)),
    )
    .returning();
  return r ?? null;
}

export function solutionsOf(db: DbOrTx, tenantId: string, taskId: string) {
  return db
    .select()
    .from(researchSolutions)
    .where(and(eq(researchSolutions.tenantId, tenantId), eq(researchSolutions.taskId, taskId)))
    .orderBy(asc(researchSolutions.createdAt), asc(researchSolutions.id));
}

export async function insertSolution(db: DbOrTx, values: typeof researchSolutions.$inferInsert) {
  const [r] = await db.insert(researchSolutions).values(values).returning();
  return r;
}

export async function getSolution(db: DbOrTx, tenantId: string, taskId: string, id: string) {
  const [r] = await db
    .select()
    .from(researchSolutions)
    .where(and(eq(researchSolutions.id, id), eq(researchSolutions.tenantId, tenantId), eq(researchSolutions.taskId, taskId)));
  return r ?? null;
}

/** R2.4 visits marked the old way (before field records carried them) in [from, to) by organising unit. */
export async function visitsByUnit(db: DbOrTx, tenantId: string, from: Date, to: Date) {
  return db
    .select({ unitId: researchTasks.unitId, n: sql<number>`count(*)::int` })
    .from(researchTaskEnterprises)
    .innerJoin(researchTasks, eq(researchTasks.id, researchTaskEnterprises.taskId))
    .where(
      and(
        eq(researchTaskEnterprises.tenantId, tenantId),
        isNull(researchTaskEnterprises.fieldRecordId),
        gte(researchTaskEnterprises.visitedAt, from),
        lt(researchTaskEnterprises.visitedAt, to),
      ),
    )
    .groupBy(researchTasks.unitId);
}

export async function countsOf(db: DbOrTx, tenantId: string, ids: string[]) {
  const out = new Map(ids.map((id) => [id, { enterprises: 0, visited: 0, solutions: 0 }]));
  if (!ids.length) return out;
  const e = await db
    .select({
      id: researchTaskEnterprises.taskId,
      n: sql<number>`count(*)::int`,
      v: sql<number>`count(*) FILTER (WHERE ${researchTaskEnterprises.status} = 'visited')::int`,
    })
    .from(researchTaskEnterprises)
    .where(and(eq(researchTaskEnterprises.tenantId, tenantId), inArray(researchTaskEnterprises.taskId, ids)))
    .groupBy(researchTaskEnterprises.taskId);
  const s = await db
    .select({ id: researchSolutions.taskId, n: sql<number>`count(*)::int` })
    .from(researchSolutions)
    .where(and(eq(researchSolutions.tenantId, tenantId), inArray(researchSolutions.taskId, ids)))
    .groupBy(researchSolutions.taskId);
  for (const r of e) Object.assign(out.get(r.id)!, { enterprises: r.n, visited: r.v });
  for (const r of s) out.get(r.id)!.solutions = r.n;
  return out;
}

/** The tasks among `ids` of the tenant, briefly (a policy draft names the research it rests on, R2.5). */
export function taskBriefs(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([] as { id: string; title: string; state: string }[]);
  return db
    .select({ id: researchTasks.id, title: researchTasks.title, state: researchTasks.state })
    .from(researchTasks)
    .where(and(eq(researchTasks.tenantId, tenantId), inArray(researchTasks.id, [...ids])));
}
