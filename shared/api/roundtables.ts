// Response schemas of roundtables (server/src/modules/roundtables/roundtables.routes.ts): R5.* meetings
// with their items, invitations, leaders' attendance, minutes (R7.1) and follow-up list.
import { z } from 'zod';
import { APPEAL_CATEGORIES, APPEAL_STATES } from '../appeals.ts';
import {
  INVITATION_REPLIES,
  ITEM_DISPOSITIONS,
  ITEM_SOURCES,
  LEADER_ATTENDANCE,
  ROUNDTABLE_ACTIONS,
  ROUNDTABLE_KINDS,
  ROUNDTABLE_ORGANISERS,
  ROUNDTABLE_STATES,
} from '../roundtables.ts';

export const RoundtableItemSchema = z.object({
  id: z.string(),
  source: z.enum(ITEM_SOURCES),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  content: z.string(),
  disposition: z.enum(ITEM_DISPOSITIONS),
  answer: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  /** The appeal born of the item, with its live state (the follow-up list). */
  appeal: z.object({ id: z.string(), number: z.string(), state: z.enum(APPEAL_STATES), leadUnitName: z.string().nullable() }).nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  disposedByName: z.string().nullable(),
  disposedAt: z.string().nullable(),
  version: z.number(),
});
export type RoundtableItem = z.infer<typeof RoundtableItemSchema>;

export const InvitationSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  reply: z.enum(INVITATION_REPLIES),
  attendeeName: z.string().nullable(),
  repliedByName: z.string().nullable(),
  repliedAt: z.string().nullable(),
  invitedAt: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const LeaderAttendanceSchema = z.object({
  leaderId: z.string(),
  leaderName: z.string(),
  status: z.enum(LEADER_ATTENDANCE),
  note: z.string().nullable(),
  arrangedByName: z.string(),
});

const base = {
  id: z.string(),
  kind: z.enum(ROUNDTABLE_KINDS),
  organiser: z.enum(ROUNDTABLE_ORGANISERS),
  title: z.string(),
  topics: z.string(),
  meetingDate: z.string(),
  place: z.string(),
  collectFrom: z.string(),
  collectUntil: z.string(),
  state: z.enum(ROUNDTABLE_STATES),
  leadUnitId: z.string(),
  leadUnitName: z.string(),
  version: z.number(),
};

export const RoundtableBriefSchema = z.object({
  ...base,
  unitCount: z.number(),
  items: z.number(),
  pendingItems: z.number(),
  appeals: z.number(),
  invited: z.number(),
});
export type RoundtableBrief = z.infer<typeof RoundtableBriefSchema>;
export const RoundtableListSchema = z.object({ items: z.array(RoundtableBriefSchema), canCreate: z.boolean() });

export const RoundtableViewSchema = z.object({
  ...base,
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  /** R5.2 who runs the liaison with 省政府办公厅, in words. */
  leadRule: z.string(),
  minutes: z.string().nullable(),
  findings: z.string().nullable(),
  followUp: z.string().nullable(),
  minutesByName: z.string().nullable(),
  minutesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  items: z.array(RoundtableItemSchema),
  invitations: z.array(InvitationSchema),
  leaders: z.array(LeaderAttendanceSchema),
  /** The follow-up list in figures: appeals born of the meeting, still open. */
  appealsTotal: z.number(),
  appealsOpen: z.number(),
  allowedActions: z.array(z.enum(ROUNDTABLE_ACTIONS)),
  /** Why an action the caller's party could take is refused now (R7.1 guards), by action. */
  blocked: z.record(z.string(), z.string()),
});
export type RoundtableView = z.infer<typeof RoundtableViewSchema>;

/** What the invited enterprise sees on the portal (no other enterprise, no staff names). */
export const PortalMeetingSchema = z.object({
  id: z.string(),
  kind: z.enum(ROUNDTABLE_KINDS),
  organiser: z.enum(ROUNDTABLE_ORGANISERS),
  title: z.string(),
  topics: z.string(),
  meetingDate: z.string(),
  place: z.string(),
  collectFrom: z.string(),
  collectUntil: z.string(),
  state: z.enum(ROUNDTABLE_STATES),
  reply: z.enum(INVITATION_REPLIES),
  attendeeName: z.string().nullable(),
  canReply: z.boolean(),
  canSubmitItem: z.boolean(),
  myItems: z.array(z.object({ id: z.string(), title: z.string(), disposition: z.enum(ITEM_DISPOSITIONS), createdAt: z.string() })),
});
export type PortalMeeting = z.infer<typeof PortalMeetingSchema>;
export const PortalMeetingListSchema = z.object({ items: z.array(PortalMeetingSchema) });
