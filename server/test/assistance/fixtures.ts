// Authorization-matrix fixture for the knowledgeArticle resource type: a draft article of the matrix's unit.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/client.ts';
import { createUnit } from '../helpers/factory.ts';

export async function knowledgeArticleFixture(db: Db, tenantId: string, unitId?: string) {
  const unit = unitId ?? (await createUnit(db, tenantId)).id;
  const [r] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO knowledge_articles (tenant_id, unit_id, state, question, answer, valid_from, search_vector)
        VALUES (${tenantId}, ${unit}, 'draft', '矩阵测试问题', '矩阵测试答复', '2026-01-01', to_tsvector('simple', '矩阵 测试')) RETURNING id`,
  );
  return r!.id;
}
