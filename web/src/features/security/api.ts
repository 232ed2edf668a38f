// API calls of the security administrator's pages (角色与权限, 安全策略): roles and data scopes of
// accounts, unlocking, the tenant's security settings. 三权分立: the server allows them to secadmin only.
import { api } from '../../api/client.ts';
import type { CityAdminCreated, CityAdminStatus, RolesSet, SecuritySettingsResponse, User } from '../../../../shared/api/organisation.ts';
import type { Role, Scope } from '../../../../shared/roles.ts';
import type { SecuritySettings } from '../../../../shared/settings.ts';

export type { CityAdminCreated, CityAdminStatus, RolesSet, SecuritySettingsResponse, User };

export const setRoles = (id: string, body: { version: number; roles: Role[]; scope: Scope }) => api.put<RolesSet>(`/users/${id}/roles`, body);
export const unlockUser = (id: string) => api.post<User>(`/users/${id}/unlock`);

export const getSecuritySettings = (signal?: AbortSignal) => api.get<SecuritySettingsResponse>('/security-settings', undefined, signal);
export const putSecuritySettings = (body: { version: number; settings: SecuritySettings }) => api.put<SecuritySettingsResponse>('/security-settings', body);

/** Issue 12: the cities' admin accounts (province secadmin), and opening a city's first admin account. */
export const getCityAdmins = (signal?: AbortSignal) => api.get<CityAdminStatus>('/cities/admin-accounts', undefined, signal);
export const openCityAdmin = (
  code: string,
  body: { role: 'sysadmin' | 'secadmin' | 'auditor'; username: string; displayName: string; mobile?: string | null },
) => api.post<CityAdminCreated>(`/cities/${code}/admin-accounts`, body);
