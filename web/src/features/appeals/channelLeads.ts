// R3.4 lead units per channel: the API calls and the hook the intake form uses to preselect a unit.
import { api } from '../../api/client.ts';
import type { ChannelLead, ChannelLeads } from '../../../../shared/api/appeal-rules.ts';
import { useFetch } from '../../ui/useFetch.ts';

export type { ChannelLead, ChannelLeads };

export const listChannelLeads = (signal?: AbortSignal) => api.get<ChannelLeads>('/channel-leads', undefined, signal);
export const putChannelLeads = (items: { channel: string; unitId: string; note: string }[]) => api.put<ChannelLeads>('/channel-leads', { items });

/** The tenant's channel → lead unit table (empty when it cannot be read). */
export function useChannelLeads() {
  const state = useFetch((signal) => listChannelLeads(signal), [], { quietForbidden: true });
  return { ...state, leads: state.data?.items ?? [] };
}
