// API calls of policy consultation (R2.5); response types from shared/api/policies.ts.
import { api } from '../../api/client.ts';
import type { PolicyBrief, PolicyView, PortalConsultation } from '../../../../shared/api/policies.ts';

export type { PolicyBrief, PolicyView, PortalConsultation };

export const listPolicies = (signal?: AbortSignal) => api.get<{ items: PolicyBrief[] }>('/policies', undefined, signal);
export const getPolicy = (id: string, signal?: AbortSignal) => api.get<PolicyView>(`/policies/${id}`, undefined, signal);
export const createPolicy = (body: { title: string; draftingUnitId: string; body: string; researchTaskIds: string[] }) =>
  api.post<PolicyView>('/policies', body);
export const editPolicy = (id: string, body: { title: string; draftingUnitId: string; body: string; researchTaskIds: string[]; version: number }) =>
  api.put<PolicyView>(`/policies/${id}`, body);
export const openRound = (
  id: string,
  body: { version: number; consultFrom: string; consultUntil: string; sectors: string[]; regions: string[]; sizes: string[]; enterpriseIds: string[] },
) => api.post<PolicyView>(`/policies/${id}/round`, body);
export const addResponse = (id: string, body: { content: string; enterpriseName: string }) => api.post<PolicyView>(`/policies/${id}/responses`, body);
export const decideResponse = (id: string, body: { responseId: string; version: number; adopted: boolean; reason: string }) =>
  api.post<PolicyView>(`/policies/${id}/decide`, body);
export const policyTransition = (id: string, body: { action: 'close_round' | 'issue'; version: number; issuedRef?: string | null }) =>
  api.post<PolicyView>(`/policies/${id}/transition`, body);

// ---- the portal: 意见征集
export const portalConsultations = (signal?: AbortSignal) => api.get<{ items: PortalConsultation[] }>('/portal/consultations', undefined, signal);
export const portalRespond = (id: string, content: string) => api.post<{ items: PortalConsultation[] }>(`/portal/consultations/${id}/responses`, { content });
