// API calls of the enterprise registry (企业名录, Excel import/export); response types from shared/api/enterprises.ts.
import { api } from '../../api/client.ts';
import { download, uploadFile } from '../../api/files.ts';
import type { List } from '../../../../shared/api/common.ts';
import type {
  Contact,
  Enterprise,
  EnterpriseMeta,
  ImportJob,
  ImportJobListItem,
  RegionTree,
  RevealedContacts,
  RowChange,
  RowError,
} from '../../../../shared/api/enterprises.ts';
import type { EnterpriseSize, EnterpriseStatus, ImportStatus, Ownership, Sector, SubSector } from '../../../../shared/enterprises.ts';

export type { Contact, Enterprise, EnterpriseMeta, ImportJob, ImportJobListItem, RegionTree, RowChange, RowError };
export type { EnterpriseSize, EnterpriseStatus, ImportStatus, Ownership, Sector, SubSector };

/** List filters as they stand in the page's address (strings). */
export type EnterpriseFilters = Record<string, string>;

/** The body of a create or an edit (the form's values, contacts with the id of the stored one they keep). */
export type EnterpriseInput = Record<string, unknown>;

export const enterpriseMeta = (signal?: AbortSignal) => api.get<EnterpriseMeta>('/enterprises/meta', undefined, signal);
export const listEnterprises = (filters: EnterpriseFilters, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<List<Enterprise>>('/enterprises', { ...filters, ...page }, signal);
export const getEnterprise = (id: string, signal?: AbortSignal) => api.get<Enterprise>(`/enterprises/${id}`, undefined, signal);
export const createEnterprise = (body: EnterpriseInput) => api.post<Enterprise>('/enterprises', body);
export const updateEnterprise = (id: string, body: EnterpriseInput & { version: number }) => api.patch<Enterprise>(`/enterprises/${id}`, body);
/** Full mobile numbers; the server audits each reveal. */
export const revealContacts = (id: string) => api.post<RevealedContacts>(`/enterprises/${id}/reveal-contacts`);
export const exportEnterprises = (filters: EnterpriseFilters) => download('/enterprises/export', filters, '企业名录.xlsx');

// ---- Excel import ----
export const importTemplate = () => download('/enterprises/import-template', undefined, '企业名录导入模板.xlsx');
export const recentImports = (signal?: AbortSignal) => api.get<List<ImportJobListItem>>('/enterprise-imports', undefined, signal);
export const uploadImport = (file: File) => uploadFile<ImportJob>('/enterprise-imports', file);
export const getImport = (id: string) => api.get<ImportJob>(`/enterprise-imports/${id}`);
export const commitImport = (id: string, onExisting: 'update' | 'skip') => api.post<ImportJob>(`/enterprise-imports/${id}/commit`, { onExisting });
export const cancelImport = (id: string) => api.post<ImportJob>(`/enterprise-imports/${id}/cancel`);
