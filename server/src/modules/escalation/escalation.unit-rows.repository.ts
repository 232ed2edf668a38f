// SQL of R6.5 the handling units' rows of the monthly report (table leader_report_rows).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { leaderReportRows } from '../../db/schema.ts';

export type UnitRow = typeof leaderReportRows.$inferSelect;

export async function rowsOfMonth(db: DbOrTx, tenantId: string, month: string): Promise<UnitRow[]> {
  return db
    .select()
    .from(leaderReportRows)
    .where(and(eq(leaderReportRows.tenantId, tenantId), eq(leaderReportRows.month, month)));
}

export async function lockRow(db: DbOrTx, tenantId: string, month: string, appealId: string): Promise<UnitRow | null> {
  const [r] = await db
    .select()
    .from(leaderReportRows)
    .where(and(eq(leaderReportRows.tenantId, tenantId), eq(leaderReportRows.month, month), eq(leaderReportRows.appealId, appealId)))
    .for('update');
  return r ?? null;
}

export async function upsertRow(db: DbOrTx, values: typeof leaderReportRows.$inferInsert) {
  await db
    .insert(leaderReportRows)
    .values(values)
    .onConflictDoUpdate({
      target: [leaderReportRows.tenantId, leaderReportRows.month, leaderReportRows.appealId],
      set: {
        unitId: values.unitId,
        progress: values.progress,
        confirmedAt: values.confirmedAt ?? null,
        confirmedBy: values.confirmedBy ?? null,
        confirmedByName: values.confirmedByName ?? null,
        updatedAt: values.updatedAt,
      },
    });
}
