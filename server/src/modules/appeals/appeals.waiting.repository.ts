// SQL of the appeals waiting on a missing calendar year (时限待计算, deadline_error with its year):
// counted per tenant for the sysadmins' reminder, and within a caller's visibility for the pages.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';

export async function waitingByTenant(db: DbOrTx): Promise<{ tenantId: string; year: number; count: number }[]> {
  const rows = await queryRows<{ tenant_id: string; year: number; n: number }>(
    db,
    sql`SELECT a.tenant_id, (a.deadline_error->>'year')::int AS year, count(*)::int AS n
        FROM appeals a WHERE a.deadline_error IS NOT NULL AND a.closed_at IS NULL AND a.deadline_error->>'year' IS NOT NULL
        GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, year: r.year, count: r.n }));
}

/** Within `visible` (tenant and visibility of the caller): per year, and per lead unit. */
export async function waitingVisible(db: DbOrTx, visible: SQL): Promise<{ year: number; count: number }[]> {
  return queryRows<{ year: number; count: number }>(
    db,
    sql`SELECT (a.deadline_error->>'year')::int AS year, count(*)::int AS count
        FROM appeals a WHERE ${visible} AND a.deadline_error IS NOT NULL AND a.closed_at IS NULL AND a.deadline_error->>'year' IS NOT NULL
        GROUP BY 1 ORDER BY 1`,
  );
}
