// API calls of the enterprise portal (issue 7): the enterprise's own appeals, submitting and
// evaluating, its attachments, and self-registration (public). Response types from
// shared/api/portal.ts and shared/api/portal-accounts.ts.
import { api, request } from '../../api/client.ts';
import type { List } from '../../../../shared/api/common.ts';
import type { PortalAppeal, PortalAttachment, PortalAttachmentList, PortalMilestone } from '../../../../shared/api/portal.ts';
import type { PasswordRule, PublicTenants, Registered } from '../../../../shared/api/portal-accounts.ts';
import type { AppealCategory, EvaluationRating } from '../../../../shared/appeals.ts';

export type { PasswordRule, PortalAppeal, PortalAttachment, PortalAttachmentList, PortalMilestone };
export type PublicTenant = PublicTenants['items'][number];

export interface PortalSubmission {
  category: AppealCategory;
  title: string;
  content: string;
  contactName: string;
  contactPhone: string;
}

export const myAppeals = (page: { page: number; pageSize: number }, signal?: AbortSignal) => api.get<List<PortalAppeal>>('/portal/appeals', page, signal);
export const myAppeal = (id: string, signal?: AbortSignal) => api.get<PortalAppeal>(`/portal/appeals/${id}`, undefined, signal);
/** Enters intake's queue (channel 网站); the Idempotency-Key makes a repeated submit answer the first appeal. */
export const submitAppeal = (body: PortalSubmission, idempotencyKey: string) =>
  request<PortalAppeal>('POST', '/portal/appeals', { body, headers: { 'Idempotency-Key': idempotencyKey } });
/** 不满意 reopens the appeal. */
export const evaluateAppeal = (id: string, body: { version: number; rating: EvaluationRating; comment: string | null }) =>
  api.post<PortalAppeal>(`/portal/appeals/${id}/evaluate`, body);

// ---- the enterprise's attachments ----
export const myAttachments = (appealId: string, signal?: AbortSignal) =>
  api.get<PortalAttachmentList>(`/portal/appeals/${appealId}/attachments`, undefined, signal);
export function uploadPortalAttachment(appealId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<PortalAttachment>(`/portal/appeals/${appealId}/attachments`, form);
}
export const portalAttachmentHref = (appealId: string, attachmentId: string) => `/api/portal/appeals/${appealId}/attachments/${attachmentId}`;

// ---- self-registration (public) ----
export const registrationTenants = (signal?: AbortSignal) => api.get<PublicTenants>('/portal/tenants', undefined, signal);
export const passwordRule = (tenantCode: string, signal?: AbortSignal) => api.get<PasswordRule>('/portal/password-rule', { tenantCode }, signal);
export const register = (body: {
  tenantCode: string;
  uscc: string;
  enterpriseName: string;
  contactName: string;
  mobile: string;
  username?: string;
  password: string;
}) => api.post<Registered>('/portal/register', body);
