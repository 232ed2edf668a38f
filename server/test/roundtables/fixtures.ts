// Authorization-matrix fixture for the roundtable resource type: a meeting collecting appeals, led
// by the matrix's unit, the tenant's default enterprise (the matrix's portal account) invited.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { defaultEnterpriseId } from '../enterprises/fixtures.ts';
import { createUnit } from '../helpers/factory.ts';

export async function roundtableFixture(db: Db, tenantId: string, unitId?: string) {
  const lead = unitId ?? (await createUnit(db, tenantId)).id;
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`
    INSERT INTO roundtables (tenant_id, kind, organiser, title, topics, meeting_date, place, collect_from, collect_until, unit_ids, lead_unit_id, created_by_name)
    VALUES (${tenantId}, 'roundtable', 'province', '矩阵测试圆桌会', '议题', '2026-12-20', '省政府第一会议室', '2026-12-01', '2026-12-15',
      ARRAY[${lead}]::uuid[], ${lead}, '测试') RETURNING id`,
  );
  const enterpriseId = await defaultEnterpriseId(db, tenantId);
  await db.execute(sql`
    INSERT INTO roundtable_invitations (tenant_id, roundtable_id, enterprise_id, enterprise_name, contact_name, contact_phone, invited_by_name)
    VALUES (${tenantId}, ${r.id}, ${enterpriseId}, '矩阵测试企业', '联系人', '13800000000', '测试')`);
  return r.id;
}
