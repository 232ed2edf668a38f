// API calls of the page 集成接入 (issue 18): integration clients and their API tokens (sysadmin).
// Response types come from shared/api/integrations.ts.
import { api } from '../../api/client.ts';
import type { IntegrationClient, IntegrationToken, IssuedToken } from '../../../../shared/api/integrations.ts';
import type { IntegrationChannel, TokenScope } from '../../../../shared/integrations.ts';

export type { IntegrationClient, IntegrationToken, IssuedToken };

export interface ClientInput {
  name: string;
  channel: IntegrationChannel;
  rateLimitPerMinute: number;
  ipAllowList: string[];
  /** 自动派单 (R3.4 channel lead units). */
  autoDispatch: boolean;
  note?: string | null;
}

export const listClients = (signal?: AbortSignal) => api.get<{ items: IntegrationClient[]; total: number }>('/integration-clients', undefined, signal);
export const createClient = (body: ClientInput) => api.post<IntegrationClient>('/integration-clients', body);
export const updateClient = (id: string, body: Partial<ClientInput> & { version: number; disabled?: boolean }) =>
  api.patch<IntegrationClient>(`/integration-clients/${id}`, body);
export const issueToken = (clientId: string, body: { scopes: TokenScope[]; expiresInDays: number }) =>
  api.post<IssuedToken>(`/integration-clients/${clientId}/tokens`, body);
export const revokeToken = (id: string) => api.post<IntegrationToken>(`/integration-tokens/${id}/revoke`);
