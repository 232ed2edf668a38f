// API calls of 建议提案 (R3.3); response types from shared/api/proposals.ts.
import { api } from '../../api/client.ts';
import type { AppealProposal, ProposalBrief, ProposalList, ProposalRound, ProposalView } from '../../../../shared/api/proposals.ts';
import type { ProposalEvaluation, ProposalKind } from '../../../../shared/proposals.ts';

export type { AppealProposal, ProposalBrief, ProposalList, ProposalRound, ProposalView };

export interface RegisterInput {
  kind: ProposalKind;
  number: string;
  session: string;
  proposerName: string;
  delegation: string;
  title: string;
  content: string;
  assignedOn: string;
  leadUnitId: string;
  enterpriseId?: string;
  enterpriseName?: string;
  contactName: string;
  contactPhone: string;
}

export const listProposals = (q: { year?: number; kind?: ProposalKind }, signal?: AbortSignal) => api.get<ProposalList>('/proposals', q, signal);
export const registerProposal = (body: RegisterInput) => api.post<ProposalView>('/proposals', body);
export const getProposal = (id: string, signal?: AbortSignal) => api.get<ProposalView>(`/proposals/${id}`, undefined, signal);
export const replyProposal = (id: string, body: { version: number; replyText: string }) => api.post<ProposalView>(`/proposals/${id}/reply`, body);
export const evaluateProposal = (id: string, body: { version: number; evaluation: ProposalEvaluation; note: string | null }) =>
  api.post<ProposalView>(`/proposals/${id}/evaluation`, body);
export const rehandleProposal = (id: string, body: { version: number; reason: string }) => api.post<ProposalView>(`/proposals/${id}/rehandle`, body);
export const proposalOfAppeal = (appealId: string, signal?: AbortSignal) => api.get<AppealProposal>(`/appeals/${appealId}/proposal`, undefined, signal);
export const yearlyXlsxUrl = (year: number) => `/api/proposals/yearly.xlsx?year=${year}`;
