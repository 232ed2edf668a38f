// API calls of research (R2.1–R2.4); response types from shared/api/research.ts.
import { api } from '../../api/client.ts';
import type { RecordInput } from '../contacts/api.ts';
import type { Coverage, ResearchBrief, ResearchOfRecord, ResearchQuota, ResearchView } from '../../../../shared/api/research.ts';

export type { Coverage, ResearchBrief, ResearchQuota, ResearchView };

export interface TaskInput {
  topic: string;
  title: string;
  unitId: string;
  leaderIds: string[];
  form: string;
  inspectionRef: string | null;
  periodFrom: string;
  periodTo: string;
  enterpriseIds: string[];
}

export const listResearch = (signal?: AbortSignal) => api.get<{ items: ResearchBrief[] }>('/research', undefined, signal);
export const researchQuota = (signal?: AbortSignal) => api.get<ResearchQuota>('/research/quota', undefined, signal);
export const coverageOf = (enterpriseIds: string[], signal?: AbortSignal) =>
  api.get<Coverage>('/research/coverage', { enterpriseIds: enterpriseIds.join(',') }, signal);
export const createResearch = (body: TaskInput) => api.post<ResearchView>('/research', body);
export const researchOfRecord = (recordId: string, signal?: AbortSignal) => api.get<ResearchOfRecord>('/research/of-record', { recordId }, signal);
export const editResearch = (id: string, body: Omit<TaskInput, 'enterpriseIds'> & { version: number }) => api.put<ResearchView>(`/research/${id}`, body);
export const getResearch = (id: string, signal?: AbortSignal) => api.get<ResearchView>(`/research/${id}`, undefined, signal);
export const addResearchEnterprises = (id: string, enterpriseIds: string[]) => api.post<ResearchView>(`/research/${id}/enterprises`, { enterpriseIds });
export const researchTransition = (id: string, body: { action: 'start' | 'close'; version: number }) =>
  api.post<ResearchView>(`/research/${id}/transition`, body);
/** R2.4 a visit: a field record of kind research (R7.1 findings and follow-ups). */
export const recordVisit = (id: string, body: Omit<RecordInput, 'kind' | 'pointId' | 'unitId'> & { enterpriseId: string }) =>
  api.post<ResearchView>(`/research/${id}/visits`, body);
export const recordFindings = (id: string, body: { version: number; findings: string | null; goodPractice: string | null; noSolutionReason: string | null }) =>
  api.put<ResearchView>(`/research/${id}/findings`, body);
export const addSolution = (id: string, body: { description: string; ownerUnitId: string; dueDate: string }) =>
  api.post<ResearchView>(`/research/${id}/solutions`, body);
export const updateSolution = (id: string, body: { solutionId: string; version: number; status: string; useKind: string | null; useEvidence: string | null }) =>
  api.post<ResearchView>(`/research/${id}/solutions/update`, body);
