// Response schemas of the policy knowledge base and the assistance suggestions (capability 8, R6.1).
import { z } from 'zod';
import { KNOWLEDGE_ACTIONS, KNOWLEDGE_STATES } from '../knowledge.ts';

export const CitationSchema = z.object({
  docNo: z.string(),
  title: z.string(),
  issuer: z.string(),
  date: z.string().nullable(),
  url: z.string().nullable(),
});

export const KnowledgeSummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  state: z.enum(KNOWLEDGE_STATES),
  question: z.string(),
  answer: z.string(),
  citations: z.array(CitationSchema),
  sectors: z.array(z.string()),
  categories: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** Past valid_to: hidden from suggestions. */
  expired: z.boolean(),
  revision: z.number(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type KnowledgeSummary = z.infer<typeof KnowledgeSummarySchema>;

export const KnowledgeListSchema = z.object({ items: z.array(KnowledgeSummarySchema), total: z.number() });
export type KnowledgeList = z.infer<typeof KnowledgeListSchema>;

export const KnowledgeFileSchema = z.object({ id: z.string(), name: z.string(), size: z.number(), uploadedByName: z.string(), createdAt: z.string() });
export type KnowledgeFile = z.infer<typeof KnowledgeFileSchema>;

export const KnowledgeViewSchema = KnowledgeSummarySchema.extend({
  sourceAppealId: z.string().nullable(),
  reviewComment: z.string().nullable(),
  publishedRevision: z.number().nullable(),
  versions: z.array(
    z.object({
      revision: z.number(),
      question: z.string(),
      answer: z.string(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      savedBy: z.string(),
      savedAt: z.string(),
    }),
  ),
  allowedActions: z.array(z.enum(KNOWLEDGE_ACTIONS)),
  /** #19: the article's files (the cited documents themselves). */
  files: z.array(KnowledgeFileSchema),
  /** Why the caller may not add or remove files now; null when it may. */
  filesRefusal: z.string().nullable(),
});
export type KnowledgeView = z.infer<typeof KnowledgeViewSchema>;

/** A published, valid article matching a text (intake panel, portal submit form). */
export const KnowledgeAnswerSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  unitName: z.string(),
  citations: z.array(CitationSchema),
  score: z.number(),
});
export type KnowledgeAnswer = z.infer<typeof KnowledgeAnswerSchema>;

export const SimilarAppealSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.string(),
  category: z.string(),
  enterpriseName: z.string(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  replyText: z.string().nullable(),
  evaluation: z.string().nullable(),
  score: z.number(),
});
export type SimilarAppeal = z.infer<typeof SimilarAppealSchema>;

export const SuggestionsSchema = z.object({
  similar: z.array(SimilarAppealSchema),
  answers: z.array(KnowledgeAnswerSchema),
  /** The same enterprise's similar appeal within the tenant's repeat window: saving will flag 重复诉求. */
  repeat: z.object({ id: z.string(), number: z.string(), title: z.string(), repeatCount: z.number(), receivedAt: z.string() }).nullable(),
});
export type Suggestions = z.infer<typeof SuggestionsSchema>;

export const PortalAnswersSchema = z.object({ answers: z.array(KnowledgeAnswerSchema) });
export type PortalAnswers = z.infer<typeof PortalAnswersSchema>;

/** GET /api/assistance/hot-topics: rising words and categories of a period against its baseline (log-likelihood ratio G²). */
export const HotTopicSchema = z.object({
  key: z.string(),
  /** Appeals of the period that mention it, and of the baseline. */
  count: z.number(),
  baseline: z.number(),
  g2: z.number(),
  /** Share in the period ÷ share in the baseline; null when new. */
  ratio: z.number().nullable(),
  /** The caller's own tenant's appeals behind it (newest first, at most 20). */
  appeals: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), receivedAt: z.string() })),
  /** Province viewers: how many of the period's appeals per city mention it. */
  byCity: z.array(z.object({ tenantId: z.string(), name: z.string(), count: z.number() })),
});
export type HotTopic = z.infer<typeof HotTopicSchema>;

export const HotTopicsSchema = z.object({
  period: z.enum(['week', 'month']),
  from: z.string(),
  to: z.string(),
  baselineFrom: z.string(),
  /** Appeals in the period and in the baseline. */
  n: z.number(),
  baselineN: z.number(),
  statistic: z.string(),
  words: z.array(HotTopicSchema),
  categories: z.array(HotTopicSchema),
});
export type HotTopics = z.infer<typeof HotTopicsSchema>;
