// SQL of the reports (issue 16): the stored reports. The appeal lists a report shows (reopened, major
// matters) are the appeals module's reads (appeals.public.repository.ts).
import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { reports } from '../../db/schema.ts';

export type ReportInsert = typeof reports.$inferInsert;

/** Stores a report; a scheduled one that another instance stored first answers null. */
export async function insertReport(db: DbOrTx, values: ReportInsert) {
  const [r] = await db.insert(reports).values(values).onConflictDoNothing().returning({ id: reports.id });
  return r ?? null;
}

const listColumns = {
  id: reports.id,
  tenantId: reports.tenantId,
  kind: reports.kind,
  period: reports.period,
  trigger: reports.trigger,
  generatedByName: reports.generatedByName,
  generatedAt: reports.generatedAt,
  summary: reports.summary,
  docxSize: reports.docxSize,
  xlsxSize: reports.xlsxSize,
  durationMs: reports.durationMs,
};

export type ReportListRow = {
  id: string;
  tenantId: string;
  kind: 'monthly' | 'annual';
  period: string;
  trigger: 'scheduled' | 'manual';
  generatedByName: string;
  generatedAt: Date;
  summary: Record<string, unknown>;
  docxSize: number;
  xlsxSize: number;
  durationMs: number;
};

export async function listReports(db: DbOrTx, tenantId: string, q: { kind?: 'monthly' | 'annual'; limit: number; offset: number }) {
  const where = q.kind ? and(eq(reports.tenantId, tenantId), eq(reports.kind, q.kind)) : eq(reports.tenantId, tenantId);
  const items = (await db
    .select(listColumns)
    .from(reports)
    .where(where)
    .orderBy(desc(reports.period), desc(reports.generatedAt))
    .limit(q.limit)
    .offset(q.offset)) as ReportListRow[];
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM reports WHERE tenant_id = ${tenantId} ${q.kind ? sql`AND kind = ${q.kind}` : sql``}`,
  );
  return { items, total: n };
}

export async function getReport(db: DbOrTx, id: string) {
  const [r] = (await db.select(listColumns).from(reports).where(eq(reports.id, id))) as ReportListRow[];
  return r ?? null;
}

export async function reportFile(db: DbOrTx, id: string, format: 'docx' | 'xlsx'): Promise<Buffer | null> {
  const [r] = await queryRows<{ data: Buffer | Uint8Array }>(db, sql`SELECT ${sql.raw(format)} AS data FROM reports WHERE id = ${id}`);
  return r ? Buffer.from(r.data) : null;
}

/** Owner of a report for the policy layer (another tenant's id answers 404 like a missing one). */
export async function reportOwner(db: DbOrTx, id: string) {
  const [r] = await queryRows<{ tenantId: string }>(db, sql`SELECT tenant_id AS "tenantId" FROM reports WHERE id = ${id}`);
  return r ? { tenantId: r.tenantId, unitId: null } : null;
}

/** The tenants with a scheduled report of `kind` for `period` already stored. */
export async function scheduledReportTenants(db: DbOrTx, kind: 'monthly' | 'annual', period: string): Promise<Set<string>> {
  const rows = await queryRows<{ tenant_id: string }>(
    db,
    sql`SELECT DISTINCT tenant_id FROM reports WHERE kind = ${kind} AND period = ${period} AND trigger = 'scheduled'`,
  );
  return new Set(rows.map((r) => r.tenant_id));
}
