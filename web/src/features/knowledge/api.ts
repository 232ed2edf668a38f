// API calls of the policy knowledge base and the assistance panels (capability 8, R6.1); response
// types from shared/api/knowledge.ts.
import { api } from '../../api/client.ts';
import { download, uploadFile } from '../../api/files.ts';
import type {
  KnowledgeAnswer,
  KnowledgeList,
  KnowledgeSummary,
  KnowledgeView,
  PortalAnswers,
  SimilarAppeal,
  Suggestions,
} from '../../../../shared/api/knowledge.ts';
import type { KnowledgeAction } from '../../../../shared/knowledge.ts';
import type { HotTopic, HotTopics } from '../../../../shared/api/knowledge.ts';
import type { ResearchView } from '../../../../shared/api/research.ts';

export type { KnowledgeAnswer, KnowledgeList, KnowledgeSummary, KnowledgeView, SimilarAppeal, Suggestions };

export type ArticleBody = {
  unitId: string;
  question: string;
  answer: string;
  citations: { docNo: string; title: string; issuer: string; date: string | null; url: string | null }[];
  sectors: string[];
  categories: string[];
  validFrom: string;
  validTo: string | null;
};

export const listKnowledge = (query: { q?: string; state?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  api.get<KnowledgeList>('/knowledge', query, signal);
export const getKnowledge = (id: string, signal?: AbortSignal) => api.get<KnowledgeView>(`/knowledge/${id}`, undefined, signal);
export const createKnowledge = (body: ArticleBody) => api.post<KnowledgeView>('/knowledge', body);
export const editKnowledge = (id: string, body: ArticleBody & { version: number }) => api.put<KnowledgeView>(`/knowledge/${id}`, body);
export const knowledgeAction = (id: string, action: Exclude<KnowledgeAction, 'edit'>, body: { version: number; comment?: string | null }) =>
  api.post<KnowledgeView>(`/knowledge/${id}/${action}`, body);
export const knowledgeFromAppeal = (appealId: string) => api.post<KnowledgeView>('/knowledge/from-appeal', { appealId });

export const suggestions = (body: { title: string; content: string; enterpriseId?: string | null; enterpriseUscc?: string | null }) =>
  api.post<Suggestions>('/assistance/suggestions', body);
export const portalAnswers = (body: { title: string; content: string }) => api.post<PortalAnswers>('/portal/knowledge-answers', body);

// ---- hot topics (the dashboard's 诉求热点 panel)
export type { HotTopic, HotTopics };
export const hotTopics = (query: { period: 'week' | 'month'; sector?: string; cityId?: string }, signal?: AbortSignal) =>
  api.get<HotTopics>('/assistance/hot-topics', query, signal);
export const hotTopicToResearch = (body: { keyword: string; period: 'week' | 'month'; unitId: string }) =>
  api.post<ResearchView>('/assistance/hot-topics/research', body);

/** #19: the article's files (the cited documents themselves). */
export const uploadKnowledgeFile = (id: string, file: File) => uploadFile<KnowledgeView>(`/knowledge/${id}/files`, file);
export const removeKnowledgeFile = (id: string, fileId: string) => api.delete<KnowledgeView>(`/knowledge/${id}/files/${fileId}`);
export const downloadKnowledgeFile = (id: string, fileId: string, name: string) => download(`/knowledge/${id}/files/${fileId}`, undefined, name);
