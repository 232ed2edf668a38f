// Shapes of the escalation API (server/src/modules/escalation/escalation.routes.ts).
import type { AgendaState } from '../../../../shared/escalation.ts';

export interface AgendaActionView {
  id: string;
  itemId: string;
  description: string;
  unitId: string;
  unitName: string;
  dueDate: string;
  done: boolean;
  doneAt: string | null;
  doneByName: string | null;
  doneNote: string | null;
  version: number;
  canComplete: boolean;
}

export interface AgendaItemView {
  id: string;
  appealId: string;
  unitId: string;
  unitName: string;
  title: string;
  background: string;
  request: string;
  state: AgendaState;
  proposedByName: string;
  proposedAt: string;
  meetingDate: string | null;
  scheduledByName: string | null;
  decision: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  withdrawnReason: string | null;
  withdrawnByName: string | null;
  version: number;
  actions: AgendaActionView[];
  allowedActions: ('schedule' | 'decide' | 'withdraw')[];
}

export interface ExecutiveItemView {
  id: string;
  appealId: string;
  meetingDate: string;
  materials: string;
  attachmentId: string | null;
  attachmentName: string | null;
  leaderIds: string[];
  leaders: { id: string; name: string; title: string }[];
  outcome: string | null;
  recordedByName: string;
  updatedAt: string;
  version: number;
  canEdit: boolean;
}

export interface EscalationView {
  appealId: string;
  agendaItems: AgendaItemView[];
  executiveItems: ExecutiveItemView[];
  canPropose: boolean;
  canRecordExecutive: boolean;
}

export interface LeaderReportStatus {
  month: string;
  dueAt: string;
  remindOn: string;
  appealCount: number;
  submitted: boolean;
  submission: { submittedOn: string; submittedByName: string; note: string; appealCount: number; recordedAt: string } | null;
  overdue: boolean;
  submittedLate: boolean;
}
