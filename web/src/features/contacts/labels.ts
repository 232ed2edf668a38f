// Colours of the contact points' states and paces (labels are in shared/contacts.ts).
import type { Pace, PointState } from '../../../../shared/contacts.ts';

export const POINT_STATE_COLORS: Record<PointState, string> = {
  proposed: 'gold',
  returned: 'orange',
  leader_review: 'blue',
  confirmed: 'green',
  expired: 'default',
  withdrawn: 'default',
};

export const PACE_COLORS: Record<Pace, string> = { done: 'green', on_track: 'blue', behind: 'red' };

/** Roles that propose points (R1.5, R1.9), record field contacts, and act on the selection. */
export const PROPOSER_ROLES = ['unit_head', 'liaison'] as const;
export const RECORDER_ROLES = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator'] as const;
