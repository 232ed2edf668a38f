// SQL of the R7.3 survey (its own tables: surveys, survey_sample, survey_responses). Always scoped
// by tenant_id. Enterprises, units and the SMS outbox are reached through their modules' indexes.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { inTenants, queryRows, type DbOrTx } from '../../db/client.ts';
import { surveyResponses, surveySample, surveys } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';

export type SurveyRow = typeof surveys.$inferSelect;
export type SampleRow = typeof surveySample.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export const surveyOwner = (db: DbOrTx, id: string) => ownerOf(db, surveys, id);

export async function insertSurvey(db: DbOrTx, v: typeof surveys.$inferInsert) {
  const [r] = await db.insert(surveys).values(v).onConflictDoNothing().returning();
  return r ?? null;
}

export async function getSurvey(db: DbOrTx, tenantId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, id), eq(surveys.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export async function listSurveys(db: DbOrTx, tenantId: string) {
  return db.select().from(surveys).where(eq(surveys.tenantId, tenantId)).orderBy(desc(surveys.year));
}

export async function surveyOfYear(db: DbOrTx, tenantId: string, year: number) {
  const [r] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, tenantId), eq(surveys.year, year)));
  return r ?? null;
}

/** Enterprises that answered the tenant's survey of `year` (for the optional exclusion). */
export async function respondentsOfYear(db: DbOrTx, tenantId: string, year: number): Promise<Set<string>> {
  const rows = await queryRows<{ enterprise_id: string }>(
    db,
    sql`
    SELECT s.enterprise_id FROM survey_sample s JOIN surveys v ON v.id = s.survey_id
    WHERE v.tenant_id = ${tenantId} AND v.year = ${year} AND s.responded_at IS NOT NULL`,
  );
  return new Set(rows.map((r) => r.enterprise_id));
}

export async function replaceSample(
  db: DbOrTx,
  tenantId: string,
  surveyId: string,
  rows: { enterpriseId: string; stratum: string; cityCode: string; unitId: string | null; weight: number }[],
) {
  await db.delete(surveySample).where(and(eq(surveySample.surveyId, surveyId), eq(surveySample.tenantId, tenantId)));
  if (rows.length === 0) return;
  await db.execute(sql`
    INSERT INTO survey_sample (tenant_id, survey_id, enterprise_id, stratum, city_code, unit_id, weight)
    SELECT ${tenantId}, ${surveyId}, x.enterprise_id, x.stratum, x.city_code, x.unit_id, x.weight
    FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ enterprise_id: r.enterpriseId, stratum: r.stratum, city_code: r.cityCode, unit_id: r.unitId, weight: r.weight })))}::jsonb)
      AS x(enterprise_id uuid, stratum text, city_code text, unit_id uuid, weight double precision)`);
}

export async function sampleOf(db: DbOrTx, tenantId: string, surveyId: string) {
  return db
    .select()
    .from(surveySample)
    .where(and(eq(surveySample.surveyId, surveyId), eq(surveySample.tenantId, tenantId)))
    .orderBy(asc(surveySample.stratum), asc(surveySample.id));
}

export async function getSample(db: DbOrTx, tenantId: string, surveyId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(surveySample)
    .where(and(eq(surveySample.id, id), eq(surveySample.surveyId, surveyId), eq(surveySample.tenantId, tenantId)));
  const [r] = lock ? await q.for('update') : await q;
  return r ?? null;
}

export async function setTokens(db: DbOrTx, tokens: { id: string; tokenHash: string }[], at: Date, reminder: boolean) {
  if (tokens.length === 0) return;
  await db.execute(sql`
    UPDATE survey_sample s SET token_hash = x.token_hash,
      link_issued_at = CASE WHEN ${reminder} THEN s.link_issued_at ELSE ${at} END,
      reminded_at = CASE WHEN ${reminder} THEN ${at} ELSE s.reminded_at END,
      reminder_count = s.reminder_count + CASE WHEN ${reminder} THEN 1 ELSE 0 END
    FROM jsonb_to_recordset(${JSON.stringify(tokens.map((t) => ({ id: t.id, token_hash: t.tokenHash })))}::jsonb) AS x(id uuid, token_hash text)
    WHERE s.id = x.id`);
}

export type LinkRow = SampleRow & { surveyState: SurveyRow['state']; closesOn: string; title: string; questions: SurveyRow['questions']; year: number };

export async function sampleByHash(db: DbOrTx, hash: string, lock = false): Promise<LinkRow | null> {
  const q = db
    .select({
      s: surveySample,
      v: { state: surveys.state, closesOn: surveys.closesOn, title: surveys.title, questions: surveys.questions, year: surveys.year },
    })
    .from(surveySample)
    .innerJoin(surveys, eq(surveys.id, surveySample.surveyId))
    .where(eq(surveySample.tokenHash, hash));
  const [r] = lock ? await q.for('update', { of: surveySample }) : await q;
  return r ? { ...r.s, surveyState: r.v.state, closesOn: r.v.closesOn, title: r.v.title, questions: r.v.questions, year: r.v.year } : null;
}

export async function insertResponse(db: DbOrTx, v: typeof surveyResponses.$inferInsert) {
  await db.insert(surveyResponses).values(v);
  await db
    .update(surveySample)
    .set({ respondedAt: v.createdAt ?? new Date(), responseMode: v.mode })
    .where(eq(surveySample.id, v.sampleId));
}

export async function responsesOf(db: DbOrTx, tenantId: string, surveyId: string) {
  return db
    .select({ r: surveyResponses, s: surveySample })
    .from(surveyResponses)
    .innerJoin(surveySample, eq(surveySample.id, surveyResponses.sampleId))
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.tenantId, tenantId)))
    .orderBy(asc(surveyResponses.createdAt), asc(surveyResponses.id));
}

/** Non-respondents of open surveys due a reminder: the link (or the last reminder) older than `everyDays`, fewer than `max` reminders. Rows locked by another instance are skipped. */
export async function dueReminders(db: DbOrTx, now: Date, opts: { everyDays: number; max: number; limit: number; tenantIds?: readonly string[] }) {
  return queryRows<{ id: string; tenant_id: string; survey_id: string; enterprise_id: string; closes_on: string; title: string }>(
    db,
    sql`
    SELECT s.id, s.tenant_id, s.survey_id, s.enterprise_id, v.closes_on::text AS closes_on, v.title
    FROM survey_sample s JOIN surveys v ON v.id = s.survey_id
    WHERE v.state = 'open' AND s.responded_at IS NULL AND s.reminder_count < ${opts.max} AND ${inTenants(sql`s.tenant_id`, opts.tenantIds)}
      AND coalesce(s.reminded_at, s.link_issued_at) < ${now}::timestamptz - make_interval(days => ${opts.everyDays})
    ORDER BY s.id LIMIT ${opts.limit} FOR UPDATE OF s SKIP LOCKED`,
  );
}
