// Authorization-matrix fixture for the research resource type: a planned task organised by the matrix's unit.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { createUnit } from '../helpers/factory.ts';

export async function researchFixture(db: Db, tenantId: string, unitId?: string) {
  const unit = unitId ?? (await createUnit(db, tenantId)).id;
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO research_tasks (tenant_id, topic, title, unit_id, form, period_from, period_to, created_by_name)
    VALUES (${tenantId}, 'safety_gaps', '矩阵测试调研', ${unit}, 'thematic', '2026-12-01', '2026-12-31', '测试') RETURNING id`,
  );
  return r.id;
}
