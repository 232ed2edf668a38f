// SQL of an article's files (#19): knowledge_article_files, scoped by tenant; the bytes are read only
// when one file is downloaded.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { knowledgeArticleFiles } from '../../db/schema.ts';

const LISTED = {
  id: knowledgeArticleFiles.id,
  name: knowledgeArticleFiles.name,
  size: knowledgeArticleFiles.size,
  uploadedByName: knowledgeArticleFiles.uploadedByName,
  createdAt: knowledgeArticleFiles.createdAt,
};

/** The files an article carries now (removed ones are kept, not listed). */
export function filesOf(db: DbOrTx, tenantId: string, articleId: string) {
  return db
    .select(LISTED)
    .from(knowledgeArticleFiles)
    .where(and(eq(knowledgeArticleFiles.tenantId, tenantId), eq(knowledgeArticleFiles.articleId, articleId), isNull(knowledgeArticleFiles.removedAt)))
    .orderBy(asc(knowledgeArticleFiles.createdAt));
}

/** Locks the article's row so the count of its files and the insert are one decision. */
export async function lockArticle(db: DbOrTx, tenantId: string, articleId: string) {
  await queryRows(db, sql`SELECT id FROM knowledge_articles WHERE tenant_id = ${tenantId} AND id = ${articleId} FOR UPDATE`);
}

export async function insertFile(db: DbOrTx, values: typeof knowledgeArticleFiles.$inferInsert) {
  const [r] = await db.insert(knowledgeArticleFiles).values(values).returning(LISTED);
  return r;
}

export async function getFile(db: DbOrTx, tenantId: string, articleId: string, id: string) {
  const [r] = await db
    .select()
    .from(knowledgeArticleFiles)
    .where(
      and(
        eq(knowledgeArticleFiles.tenantId, tenantId),
        eq(knowledgeArticleFiles.articleId, articleId),
        eq(knowledgeArticleFiles.id, id),
        isNull(knowledgeArticleFiles.removedAt),
      ),
    );
  return r ?? null;
}

export async function removeFile(db: DbOrTx, id: string, at: Date, byName: string) {
  await db.update(knowledgeArticleFiles).set({ removedAt: at, removedByName: byName }).where(eq(knowledgeArticleFiles.id, id));
}
