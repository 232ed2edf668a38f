// 政策知识库 (capability 8, R6.1): articles kept by units — question, answer, the policy documents
// cited, sectors and categories, validity — reviewed by the unit head before publication
// (domain/knowledge/transitions.ts), every saved text kept as a version. Owned by modules/knowledge.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tstz, bytea, tsvector } from './columns.ts';
import { appeals } from './schema-appeals.ts';
import { tenants, units, users } from './schema-core.ts';

/** Filled by the app: jieba words → to_tsvector('simple', words) (as appeals.search_vector). */

/** A policy document an answer rests on: 文号, issuing body, date, link. */
export type KnowledgeCitation = { docNo: string; issuer: string; date: string | null; url: string | null; title: string };

export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The unit that keeps the article (its head reviews it). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    state: text('state').notNull().default('draft'),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    citations: jsonb('citations').$type<KnowledgeCitation[]>().notNull().default([]),
    sectors: text('sectors').array().notNull().default(sql`'{}'::text[]`),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** Null: valid until withdrawn. Past it the article is hidden from suggestions. */
    validTo: date('valid_to', { mode: 'string' }),
    /** The appeal whose reply the article was drafted from, if any. */
    sourceAppealId: uuid('source_appeal_id').references(() => appeals.id),
    /** Text revision (1, 2, …): each saved text is kept in knowledge_article_versions. */
    revision: integer('revision').notNull().default(1),
    publishedRevision: integer('published_revision'),
    publishedAt: tstz('published_at'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewComment: text('review_comment'),
    /** The owner was told the article expired (once per valid_to). */
    expiryNotifiedFor: date('expiry_notified_for', { mode: 'string' }),
    searchVector: tsvector('search_vector'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_articles_tenant_idx').on(t.tenantId, t.state, t.updatedAt), index('knowledge_articles_search_idx').using('gin', t.searchVector)],
);

/** Every saved text of an article (versions kept). */
export const knowledgeArticleVersions = pgTable(
  'knowledge_article_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    revision: integer('revision').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    citations: jsonb('citations').$type<KnowledgeCitation[]>().notNull().default([]),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    savedBy: text('saved_by').notNull(),
    savedAt: tstz('saved_at').notNull(),
  },
  (t) => [uniqueIndex('knowledge_article_versions_uq').on(t.articleId, t.revision)],
);

/**
 * Files of an article (#19: the policy document itself, a form, a scanned notice), with the appeals'
 * type, size and content checks. Added and removed only while the article's text may be edited;
 * a removed file is kept (removed_at) so a published version's files stay traceable.
 */
export const knowledgeArticleFiles = pgTable(
  'knowledge_article_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    removedAt: tstz('removed_at'),
    removedByName: text('removed_by_name'),
  },
  (t) => [index('knowledge_article_files_article_idx').on(t.articleId)],
);
