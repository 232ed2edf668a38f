// Authorization-matrix fixture for the policyDraft resource type: a draft of the matrix's unit in
// consultation, the tenant's default enterprise (the matrix's portal account) asked.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { defaultEnterpriseId } from '../enterprises/fixtures.ts';
import { createUnit } from '../helpers/factory.ts';

export async function policyDraftFixture(db: Db, tenantId: string, unitId?: string) {
  const unit = unitId ?? (await createUnit(db, tenantId)).id;
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO policy_drafts (tenant_id, title, drafting_unit_id, body, state, consult_from, consult_until, created_by_name)
    VALUES (${tenantId}, '矩阵测试政策', ${unit}, '正文', 'consulting', '2026-01-01', '2099-12-31', '测试') RETURNING id`,
  );
  await db.execute(sql`INSERT INTO policy_consultees (tenant_id, draft_id, enterprise_id, enterprise_name)
    VALUES (${tenantId}, ${r.id}, ${await defaultEnterpriseId(db, tenantId)}, '矩阵测试企业')`);
  return r.id;
}
