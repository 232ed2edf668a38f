// The enterprise portal's view of an appeal (server/src/modules/portal/portal.routes.ts `portalAppeal`).
import type { AppealState } from '../../components/appeals/types.ts';

export interface PortalMilestone {
  label: string;
  dueAt: string | null;
  doneAt: string | null;
}

export interface PortalAppeal {
  id: string;
  number: string;
  state: AppealState;
  channel: string;
  category: string;
  title: string;
  content: string;
  enterpriseName: string;
  identityHidden: boolean;
  contactName: string;
  contactPhone: string;
  receivedAt: string;
  milestones: { contact: PortalMilestone; opinion: PortalMilestone; resolution: PortalMilestone };
  resultKind: string | null;
  replyText: string | null;
  repliedAt: string | null;
  canEvaluate: boolean;
  evaluationDueAt: string | null;
  evaluation: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  evaluationComment: string | null;
  evaluatedAt: string | null;
  reopenCount: number;
  closedAt: string | null;
  version: number;
}
