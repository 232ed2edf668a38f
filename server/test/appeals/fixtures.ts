// Authorization-matrix fixture for resource type 'appeal': an appeal in handling whose lead unit is
// the given unit (the matrix's users belong to the scene's unit, so allowed unit roles can see it).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { createUnit } from '../helpers/factory.ts';

export async function appealFixture(db: Db, tenantId: string, unitId?: string): Promise<string> {
  const lead = unitId ?? (await createUnit(db, tenantId)).id;
  const id = crypto.randomUUID();
  await db.execute(sql`INSERT INTO appeals (id, tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content,
      received_at, state, lead_unit_id, dispatched_at, accepted_at, cycle_started_at, contact_due_at, opinion_due_at, resolution_due_at, next_due_at, search_vector)
    VALUES (${id}, ${tenantId}, ${`ZQT-FIX-${id.slice(0, 8)}`}, '矩阵测试企业', '联系人', '13800000000', 'hotline', 'policy', '矩阵测试诉求', '内容',
      now(), 'handling', ${lead}, now(), now(), now(), now() + interval '2 hours', now() + interval '1 day', now() + interval '21 days', now() + interval '2 hours',
      to_tsvector('simple', '矩阵 测试'))`);
  return id;
}
