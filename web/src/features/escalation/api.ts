// API calls of escalation (docs/APPEALS.md §10): R6.3 厅长办公会 agenda items and their follow-up
// actions, R6.4 省政府常务会议 items, R6.5 the monthly report of 省政府领导转办 appeals.
// Response types from shared/api/escalation.ts.
import { api } from '../../api/client.ts';
import { download } from '../../api/files.ts';
import type {
  AgendaActionView,
  AgendaItemView,
  AgendaList,
  AppealInstructions,
  EscalationView,
  ExecutiveItemView,
  InstructionList,
  InstructionView,
  LeaderReportStatus,
} from '../../../../shared/api/escalation.ts';

export type {
  AgendaActionView,
  AgendaItemView,
  AgendaList,
  AppealInstructions,
  EscalationView,
  ExecutiveItemView,
  InstructionList,
  InstructionView,
  LeaderReportStatus,
};

export interface ExecutiveInput {
  meetingDate: string;
  materials: string;
  attachmentId: string | null;
  leaderIds: string[];
  outcome: string | null;
}

export const escalationOf = (appealId: string, signal?: AbortSignal) => api.get<EscalationView>(`/appeals/${appealId}/escalation`, undefined, signal);

// ---- R6.3 厅长办公会 ----
export const proposeAgendaItem = (appealId: string, body: { title: string; background: string; request: string }) =>
  api.post<AgendaItemView>(`/appeals/${appealId}/agenda-items`, body);
export const scheduleAgendaItem = (id: string, body: { version: number; meetingDate: string; note: string | null }) =>
  api.post<AgendaItemView>(`/agenda-items/${id}/schedule`, body);
export const decideAgendaItem = (
  id: string,
  body: { version: number; decision: string; actions: { description: string; unitId: string; dueDate: string }[] },
) => api.post<AgendaItemView>(`/agenda-items/${id}/decide`, body);
export const withdrawAgendaItem = (id: string, body: { version: number; reason: string }) => api.post<AgendaItemView>(`/agenda-items/${id}/withdraw`, body);
export const completeAgendaAction = (id: string, body: { version: number; note: string }) => api.post<AgendaItemView>(`/agenda-actions/${id}/complete`, body);

// ---- R6.4 省政府常务会议 ----
export const recordExecutiveItem = (appealId: string, body: ExecutiveInput) => api.post<ExecutiveItemView>(`/appeals/${appealId}/executive-items`, body);
export const updateExecutiveItem = (id: string, body: Partial<ExecutiveInput> & { version: number }) =>
  api.patch<ExecutiveItemView>(`/executive-items/${id}`, body);

// ---- R6.5 月度报送 ----
export const leaderReport = (month: string, signal?: AbortSignal) => api.get<LeaderReportStatus>('/leader-reports', { month }, signal);
export const downloadLeaderReport = (month: string, format: 'xlsx' | 'docx') =>
  download(`/leader-reports/${format}`, { month }, `省政府领导转办事项办理情况-${month}.${format}`);
export const submitLeaderReport = (body: { month: string; submittedOn: string; note: string | null }) =>
  api.post<LeaderReportStatus>('/leader-reports/submissions', body);

// ---- 领导批示 (R6.3/leader 批示) and the lists across appeals ----

export const instructionsOf = (appealId: string, signal?: AbortSignal) => api.get<AppealInstructions>(`/appeals/${appealId}/instructions`, undefined, signal);
export const issueInstruction = (appealId: string, body: { text: string; dueDate: string | null }) =>
  api.post<InstructionView>(`/appeals/${appealId}/instructions`, body);
export const acknowledgeInstruction = (id: string, body: { version: number; note: string | null }) =>
  api.post<InstructionView>(`/instructions/${id}/acknowledge`, body);
export const reportInstruction = (id: string, body: { version: number; report: string }) => api.post<InstructionView>(`/instructions/${id}/report`, body);
export const listInstructions = (query: { state?: string }, signal?: AbortSignal) => api.get<InstructionList>('/escalation/instructions', query, signal);
export const listAgenda = (query: { state?: string; from?: string; to?: string }, signal?: AbortSignal) =>
  api.get<AgendaList>('/escalation/agenda', query, signal);
