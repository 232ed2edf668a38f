// The authorization matrix's 'survey' resource (server/test/helpers/resources.ts): a draft survey.
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/client.ts';
import { surveys } from '../../src/db/schema.ts';
import { DEFAULT_QUESTIONS } from '../../src/domain/surveys/questionnaire.ts';

/** A draft survey in the tenant's next free year (one survey per tenant and year). */
export async function surveyFixture(db: Db, tenantId: string): Promise<string> {
  const [{ year }] = await queryRows<{ year: number }>(db, sql`SELECT coalesce(max(year), 1999) + 1 AS year FROM surveys WHERE tenant_id = ${tenantId}`);
  const [r] = await db
    .insert(surveys)
    .values({ tenantId, year, title: `${year}年度满意度调查`, questions: [...DEFAULT_QUESTIONS], closesOn: `${year}-12-31`, createdByName: '测试' })
    .returning();
  return r.id;
}
