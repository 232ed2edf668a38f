// API calls of the personal information requests page (个人信息请求, issue 21): the security
// administrator's exports (.xlsx, plain links the browser downloads with the session cookie) and the
// masking of an enterprise contact. Every call is recorded in the audit log by the server.
import { api, toQueryString } from '../../api/client.ts';
import type { PrivacyMaskResult } from '../../../../shared/api/privacy.ts';

export type MaskResult = PrivacyMaskResult;

export const contactExportHref = (mobile: string) => `/api/privacy/contact.xlsx${toQueryString({ mobile })}`;
export const staffExportHref = (username: string) => `/api/privacy/staff.xlsx${toQueryString({ username })}`;
export const maskContact = (mobile: string) => api.post<MaskResult>('/privacy/contact/mask', { mobile });
