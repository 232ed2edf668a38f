// The reports' API calls (issue 16).
import type { Report, ReportKind, ReportList } from '../../../../shared/api/reports.ts';
import { api } from '../../api/client.ts';

export const listReports = (q: { kind?: ReportKind; page: number; pageSize: number }, signal?: AbortSignal) => api.get<ReportList>('/reports', q, signal);
export const generateReport = (kind: ReportKind, period: string) => api.post<Report>('/reports', { kind, period });
/** Downloads go through the browser (the session cookie): an audited GET. */
export const reportFileUrl = (id: string, format: 'docx' | 'xlsx') => `/api/reports/${id}/${format}`;
