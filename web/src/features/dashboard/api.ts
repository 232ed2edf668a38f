// The dashboard's API calls (issue 16).
import type { Dashboard } from '../../../../shared/api/dashboard.ts';
import { api } from '../../api/client.ts';

export const getDashboard = (year: number, signal?: AbortSignal) => api.get<Dashboard>('/dashboard', { year }, signal);
