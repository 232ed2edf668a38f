// Labels and colours for appeals screens; the vocabularies come from shared/appeals.ts.
import { APPEAL_EVENT_LABELS } from '../../../../shared/appeals.ts';
import { ESCALATION_EVENT_LABELS } from '../../../../shared/escalation.ts';
import type { AppealState, MilestoneStateId } from '../../../../shared/appeals.ts';

export {
  APPEAL_ACTION_LABELS,
  APPEAL_CATEGORIES,
  APPEAL_CATEGORY_LABELS,
  APPEAL_CHANNELS,
  APPEAL_CHANNEL_LABELS,
  APPEAL_STATES,
  APPEAL_STATE_LABELS,
  CLOSE_REASON_LABELS,
  CONTACT_METHODS,
  CONTACT_METHOD_LABELS,
  EVALUATION_RATINGS,
  EVALUATION_RATING_LABELS,
  MILESTONES,
  MILESTONE_LABELS,
  MILESTONE_STATE_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  RESULT_KINDS,
  RESULT_KIND_LABELS,
} from '../../../../shared/appeals.ts';

/** Timeline labels (shared/appeals.ts holds the sweep's events too). */
export const EVENT_LABELS: Record<string, string> = { ...APPEAL_EVENT_LABELS, ...ESCALATION_EVENT_LABELS };

export const STATE_COLORS: Record<AppealState, string> = {
  received: 'gold',
  returned: 'volcano',
  dispatched: 'cyan',
  handling: 'blue',
  paused: 'purple',
  replied: 'geekblue',
  closed: 'green',
};

export const MILESTONE_STATE_COLORS: Record<MilestoneStateId, string> = {
  pending: 'default',
  due_soon: 'orange',
  met_on_time: 'green',
  met_late: 'volcano',
  overdue: 'red',
  paused: 'purple',
  unknown: 'default',
};

export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
