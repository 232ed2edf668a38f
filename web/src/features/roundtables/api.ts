// API calls of roundtables (R5.*, R7.1); response types from shared/api/roundtables.ts.
import { api } from '../../api/client.ts';
import { download } from '../../api/files.ts';
import type { PortalMeeting, RoundtableBrief, RoundtableItem, RoundtableView } from '../../../../shared/api/roundtables.ts';

export type { PortalMeeting, RoundtableBrief, RoundtableItem, RoundtableView };

export interface RecordInput {
  kind: string;
  organiser: string;
  title: string;
  topics: string;
  meetingDate: string;
  place: string;
  collectFrom: string;
  collectUntil: string;
  unitIds: string[];
}
export interface ItemInput {
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  contactName: string;
  contactPhone: string;
  category: string;
  title: string;
  content: string;
}

export const listRoundtables = (signal?: AbortSignal) => api.get<{ items: RoundtableBrief[]; canCreate: boolean }>('/roundtables', undefined, signal);
export const getRoundtable = (id: string, signal?: AbortSignal) => api.get<RoundtableView>(`/roundtables/${id}`, undefined, signal);
export const createRoundtable = (body: RecordInput) => api.post<RoundtableView>('/roundtables', body);
export const transitionRoundtable = (id: string, body: { action: 'close_collection' | 'open' | 'close' | 'cancel'; version: number; reason?: string | null }) =>
  api.post<RoundtableView>(`/roundtables/${id}/transition`, body);
export const addItem = (id: string, body: ItemInput) => api.post<RoundtableItem>(`/roundtables/${id}/items`, body);
export const disposeItem = (id: string, body: { itemId: string; version: number; answer?: string | null; unitId?: string | null }) =>
  api.post<RoundtableView>(`/roundtables/${id}/dispose`, body);
export const inviteEnterprises = (id: string, body: { enterprises: { enterpriseId: string; contactName: string; contactPhone: string }[] }) =>
  api.post<RoundtableView>(`/roundtables/${id}/invitations`, body);
export const recordReply = (id: string, body: { invitationId: string; reply: 'attending' | 'declined'; attendeeName?: string | null }) =>
  api.post<RoundtableView>(`/roundtables/${id}/replies`, body);
export const arrangeLeader = (id: string, body: { leaderId: string; status: string; note?: string | null }) =>
  api.put<RoundtableView>(`/roundtables/${id}/leaders`, body);
export const recordMinutes = (id: string, body: { version: number; minutes: string; findings: string | null; followUp: string | null }) =>
  api.post<RoundtableView>(`/roundtables/${id}/minutes`, body);
export const downloadMinutes = (m: { id: string; title: string; meetingDate: string }) =>
  download(`/roundtables/${m.id}/docx`, undefined, `${m.meetingDate} ${m.title}会议纪要.docx`);

// ---- the portal
export const portalMeetings = (signal?: AbortSignal) => api.get<{ items: PortalMeeting[] }>('/portal/meetings', undefined, signal);
export const portalReply = (id: string, body: { reply: 'attending' | 'declined'; attendeeName?: string | null }) =>
  api.post<{ items: PortalMeeting[] }>(`/portal/meetings/${id}/reply`, body);
export const portalSubmitItem = (id: string, body: Omit<ItemInput, 'enterpriseId' | 'enterpriseName'>) =>
  api.post<{ items: PortalMeeting[] }>(`/portal/meetings/${id}/items`, body);
