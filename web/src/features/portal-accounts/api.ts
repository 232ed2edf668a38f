// API calls of intake's enterprise account pages (issue 7 "Accounts"): enterprise portal accounts
// and self-registration requests. Response types from shared/api/portal-accounts.ts.
import { api } from '../../api/client.ts';
import type { List } from '../../../../shared/api/common.ts';
import type {
  EnterpriseAccount,
  IssuedAccount,
  Registration,
  RegistrationDetail,
  RegistrationStatus,
  RegistryMatch,
} from '../../../../shared/api/portal-accounts.ts';

export type { EnterpriseAccount, IssuedAccount, Registration, RegistrationDetail, RegistrationStatus, RegistryMatch };

export const listAccounts = (query: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<List<EnterpriseAccount>>('/enterprise-accounts', query, signal);
/** The initial password is answered once and must be changed at first login. */
export const createAccount = (body: { enterpriseId: string; username: string; displayName: string; mobile: string | null }) =>
  api.post<IssuedAccount>('/enterprise-accounts', body);
/** Disabling ends the account's sessions at once. */
export const setAccountDisabled = (id: string, body: { version: number; disabled: boolean }) =>
  api.patch<EnterpriseAccount>(`/enterprise-accounts/${id}`, body);
/** A new initial password (shown once); lifts a lockout. */
export const resetAccountPassword = (id: string, version: number) => api.post<IssuedAccount>(`/enterprise-accounts/${id}/reset-password`, { version });

export const listRegistrations = (query: { status?: RegistrationStatus; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<List<Registration>>('/enterprise-registrations', query, signal);
/** The request next to the registry enterprise with its USCC, existing accounts, username conflict. */
export const getRegistration = (id: string, signal?: AbortSignal) => api.get<RegistrationDetail>(`/enterprise-registrations/${id}`, undefined, signal);
/** `username`: another one when the requested one is taken. */
export const approveRegistration = (id: string, body: { version: number; username?: string; rejectOthersReason?: string }) =>
  api.post<Registration>(`/enterprise-registrations/${id}/approve`, body);
export const rejectRegistration = (id: string, body: { version: number; reason: string }) =>
  api.post<Registration>(`/enterprise-registrations/${id}/reject`, body);
