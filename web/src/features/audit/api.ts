// API calls of the auditor's page (审计日志): the audit log, read-only, and its CSV export.
import { api, toQueryString } from '../../api/client.ts';
import type { AuditArchiveList, AuditArchiveSearch, AuditEntry, AuditScopes } from '../../../../shared/api/audit.ts';
import type { List } from '../../../../shared/api/common.ts';

export type { AuditArchiveList, AuditArchiveSearch, AuditEntry, AuditScopes };

export interface AuditFilters {
  /** A city's code or `none` (the province's auditor, issue 12); empty: the own tenant. */
  tenant?: string;
  from?: string;
  to?: string;
  actor?: string;
  entity?: string;
  action?: string;
}

export const listAudit = (filters: AuditFilters, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<List<AuditEntry>>('/audit', { ...filters, ...page }, signal);

/** Issue 12: the scopes the auditor may read (province: its own, each city, rows of no tenant). */
export const listAuditScopes = (signal?: AbortSignal) => api.get<AuditScopes>('/audit/scopes', undefined, signal);

/** The CSV export of the filtered log (a plain link: the browser downloads it with the session cookie). */
export const auditExportHref = (filters: AuditFilters) => `/api/audit/export.csv${toQueryString({ ...filters })}`;

/** Issue 21: rows past the retention, searched in the verified archive files. */
export const searchAuditArchive = (filters: AuditFilters, page: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<AuditArchiveSearch>('/audit/archive', { ...filters, ...page }, signal);

/** Issue 21: the scope's archive files and its retention. */
export const listAuditArchives = (tenant: string | undefined, signal?: AbortSignal) =>
  api.get<AuditArchiveList>('/audit/archives', tenant ? { tenant } : undefined, signal);
