// API calls of the organisation pages (处室单位, 厅领导分管, 用户管理, 工作规则参数): units, leaders,
// accounts and the tenant's rule parameters (R8.1). Response types come from shared/api/organisation.ts;
// request bodies are the pages' own small types.
import { api, fetchAll } from '../../api/client.ts';
import type { List } from '../../../../shared/api/common.ts';
import type { InitialPassword, Leader, TenantSettingsResponse, Unit, User, UserCreated } from '../../../../shared/api/organisation.ts';
import type { Role, Sector, UnitKind } from '../../../../shared/roles.ts';
import type { TenantSettings, TenantSettingsOverrides } from '../../../../shared/settings.ts';

export type { InitialPassword, Leader, TenantSettingsResponse, Unit, User, UserCreated };
export type SettingKey = keyof TenantSettings;

export interface UnitInput {
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  sectors: Sector[];
  duties: string;
  sortOrder?: number;
}

export interface LeaderInput {
  name: string;
  title: string;
  userId?: string | null;
  unitIds: string[];
  sortOrder?: number;
}

export interface UserQuery {
  q?: string;
  unitId?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

// ---- units ----
export const listUnits = (includeArchived: boolean, signal?: AbortSignal) =>
  // Not paged: the server returns the whole (small) list and refuses unknown query keys.
  api.get<List<Unit>>('/units', { includeArchived: includeArchived || undefined }, signal);
export const createUnit = (body: UnitInput) => api.post<Unit>('/units', body);
export const updateUnit = (id: string, body: Partial<UnitInput> & { version: number; archived?: boolean }) => api.patch<Unit>(`/units/${id}`, body);

// ---- leaders (分管) ----
export const listLeaders = (signal?: AbortSignal) => api.get<List<Leader>>('/leaders', undefined, signal);
export const createLeader = (body: LeaderInput) => api.post<Leader>('/leaders', body);
export const updateLeader = (id: string, body: Partial<LeaderInput> & { version: number; archived?: boolean }) => api.patch<Leader>(`/leaders/${id}`, body);

// ---- accounts ----
export const listUsers = (query: UserQuery, signal?: AbortSignal) => api.get<List<User>>('/users', { ...query }, signal);
export const allUsers = (signal?: AbortSignal) => fetchAll<User>('/users', undefined, signal);
export const createUser = (body: { username: string; displayName: string; unitId?: string; mobile?: string }) => api.post<UserCreated>('/users', body);
export const updateUser = (id: string, body: { version: number; displayName?: string; unitId?: string | null; mobile?: string; disabled?: boolean }) =>
  api.patch<User>(`/users/${id}`, body);
export const resetPassword = (id: string) => api.post<InitialPassword>(`/users/${id}/reset-password`);

// ---- the tenant's rule parameters (R8.1) ----
export const getTenantSettings = (signal?: AbortSignal) => api.get<TenantSettingsResponse>('/tenant-settings', undefined, signal);
export const putTenantSettings = (body: { version: number; overrides: TenantSettingsOverrides }) => api.put<TenantSettingsResponse>('/tenant-settings', body);
