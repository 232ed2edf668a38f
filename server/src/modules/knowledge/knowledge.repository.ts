// SQL of the policy knowledge base (capability 8): knowledge_articles and their versions, always
// scoped by tenant.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { inTenants, queryRows, type DbOrTx } from '../../db/client.ts';
import { knowledgeArticles, knowledgeArticleVersions } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';

export type ArticleRow = Omit<typeof knowledgeArticles.$inferSelect, 'searchVector'>;
export type ArticleInsert = typeof knowledgeArticles.$inferInsert;

const SELECT = {
  id: knowledgeArticles.id,
  tenantId: knowledgeArticles.tenantId,
  unitId: knowledgeArticles.unitId,
  state: knowledgeArticles.state,
  question: knowledgeArticles.question,
  answer: knowledgeArticles.answer,
  citations: knowledgeArticles.citations,
  sectors: knowledgeArticles.sectors,
  categories: knowledgeArticles.categories,
  validFrom: knowledgeArticles.validFrom,
  validTo: knowledgeArticles.validTo,
  sourceAppealId: knowledgeArticles.sourceAppealId,
  revision: knowledgeArticles.revision,
  publishedRevision: knowledgeArticles.publishedRevision,
  publishedAt: knowledgeArticles.publishedAt,
  reviewedBy: knowledgeArticles.reviewedBy,
  reviewComment: knowledgeArticles.reviewComment,
  expiryNotifiedFor: knowledgeArticles.expiryNotifiedFor,
  version: knowledgeArticles.version,
  createdBy: knowledgeArticles.createdBy,
  createdAt: knowledgeArticles.createdAt,
  updatedAt: knowledgeArticles.updatedAt,
};

export const tsWords = (words: string) => sql`to_tsvector('simple', ${words})`;

export function articleOwner(db: DbOrTx, id: string) {
  return ownerOf(db, knowledgeArticles, id);
}

export async function insertArticle(db: DbOrTx, values: ArticleInsert, words: string): Promise<ArticleRow> {
  const [row] = await db
    .insert(knowledgeArticles)
    .values({ ...values, searchVector: tsWords(words) as unknown as string })
    .returning(SELECT);
  return row!;
}

export async function getArticle(db: DbOrTx, tenantId: string, id: string): Promise<ArticleRow | null> {
  const [row] = await db
    .select(SELECT)
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.id, id), eq(knowledgeArticles.tenantId, tenantId)));
  return row ?? null;
}

export async function listArticles(
  db: DbOrTx,
  tenantId: string,
  f: { words?: string | null; state?: string | null; unitId?: string | null; limit: number; offset: number },
): Promise<{ rows: ArticleRow[]; total: number }> {
  const w: SQL[] = [eq(knowledgeArticles.tenantId, tenantId)];
  if (f.state) w.push(eq(knowledgeArticles.state, f.state));
  if (f.unitId) w.push(eq(knowledgeArticles.unitId, f.unitId));
  if (f.words) w.push(sql`${knowledgeArticles.searchVector} @@ plainto_tsquery('simple', ${f.words})`);
  const where = and(...w);
  const rows = await db
    .select(SELECT)
    .from(knowledgeArticles)
    .where(where)
    .orderBy(desc(knowledgeArticles.updatedAt), knowledgeArticles.id)
    .limit(f.limit)
    .offset(f.offset);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(knowledgeArticles).where(where);
  return { rows, total: c?.n ?? 0 };
}

export async function insertVersion(db: DbOrTx, values: typeof knowledgeArticleVersions.$inferInsert) {
  await db.insert(knowledgeArticleVersions).values(values);
}

export function versionsOf(db: DbOrTx, tenantId: string, articleId: string) {
  return db
    .select()
    .from(knowledgeArticleVersions)
    .where(and(eq(knowledgeArticleVersions.tenantId, tenantId), eq(knowledgeArticleVersions.articleId, articleId)))
    .orderBy(desc(knowledgeArticleVersions.revision));
}

/** Published articles of the tenant valid on `today` that share any of `terms` (candidates to rank). */
export async function publishedMatching(db: DbOrTx, tenantId: string, terms: readonly string[], today: string, limit: number): Promise<ArticleRow[]> {
  if (!terms.length) return [];
  const q = terms.join(' | ');
  return queryRows<ArticleRow>(
    db,
    sql`SELECT a.id, a.tenant_id AS "tenantId", a.unit_id AS "unitId", a.state, a.question, a.answer, a.citations, a.sectors, a.categories,
          a.valid_from::text AS "validFrom", a.valid_to::text AS "validTo", a.source_appeal_id AS "sourceAppealId", a.revision,
          a.published_revision AS "publishedRevision", a.published_at AS "publishedAt", a.reviewed_by AS "reviewedBy",
          a.review_comment AS "reviewComment", a.expiry_notified_for::text AS "expiryNotifiedFor", a.version,
          a.created_by AS "createdBy", a.created_at AS "createdAt", a.updated_at AS "updatedAt"
        FROM knowledge_articles a, to_tsquery('simple', ${q}) q
        WHERE a.tenant_id = ${tenantId} AND a.state = 'published' AND a.valid_from <= ${today}::date
          AND (a.valid_to IS NULL OR a.valid_to >= ${today}::date) AND a.search_vector @@ q
        ORDER BY ts_rank(a.search_vector, q) DESC
        LIMIT ${limit}`,
  );
}

/** Published articles past their validity whose owner was not told yet (the expiry task). */
export function expiredUntold(db: DbOrTx, today: string, tenantIds?: readonly string[]) {
  return queryRows<{ id: string; tenant_id: string; unit_id: string; question: string; valid_to: string }>(
    db,
    sql`SELECT id, tenant_id, unit_id, question, valid_to::text AS valid_to FROM knowledge_articles
        WHERE state = 'published' AND valid_to < ${today}::date AND (expiry_notified_for IS DISTINCT FROM valid_to) AND ${inTenants(sql`tenant_id`, tenantIds)}
        ORDER BY valid_to LIMIT 500
        FOR UPDATE SKIP LOCKED`,
  );
}

export async function markExpiryTold(db: DbOrTx, id: string, validTo: string) {
  await db.update(knowledgeArticles).set({ expiryNotifiedFor: validTo }).where(eq(knowledgeArticles.id, id));
}
