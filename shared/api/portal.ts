// Response schemas of the enterprise portal (issue 7): the enterprise's own appeals
// (server/src/modules/portal/portal.routes.ts), its attachments (portal.attachments.routes.ts), the
// message thread of an appeal on both sides (portal.messages.routes.ts) and the public evaluation
// link (portal.links.routes.ts).
import { z } from 'zod';
import { APPEAL_CATEGORIES, APPEAL_CHANNELS, EVALUATION_RATINGS, PORTAL_APPEAL_STATES, RESULT_KINDS } from '../appeals.ts';
import { LINK_STATES, MESSAGE_SIDES } from '../portal.ts';

/** A "2115" milestone as the enterprise sees it: a label and dates, no internal state. */
export const PortalMilestoneSchema = z.object({ label: z.string(), dueAt: z.string().nullable(), doneAt: z.string().nullable() });
export type PortalMilestone = z.infer<typeof PortalMilestoneSchema>;

/** An appeal as its enterprise sees it: no internal texts, timeline, units or requests. */
export const PortalAppealSchema = z.object({
  id: z.string(),
  number: z.string(),
  /** Worded for the enterprise (受理中 …), never the internal queue (issue 17). */
  state: z.enum(PORTAL_APPEAL_STATES),
  channel: z.enum(APPEAL_CHANNELS),
  category: z.enum(APPEAL_CATEGORIES),
  title: z.string(),
  content: z.string(),
  enterpriseName: z.string(),
  identityHidden: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
  receivedAt: z.string(),
  milestones: z.object({ contact: PortalMilestoneSchema, opinion: PortalMilestoneSchema, resolution: PortalMilestoneSchema }),
  resultKind: z.enum(RESULT_KINDS).nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  canEvaluate: z.boolean(),
  evaluationDueAt: z.string().nullable(),
  evaluation: z.enum(EVALUATION_RATINGS).nullable(),
  evaluationComment: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  reopenCount: z.number(),
  closedAt: z.string().nullable(),
  version: z.number(),
});
export type PortalAppeal = z.infer<typeof PortalAppealSchema>;

/** A file the enterprise's own accounts uploaded to one of its appeals. */
export const PortalAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  ext: z.string(),
  mime: z.string(),
  size: z.number(),
  note: z.string(),
  uploadedByName: z.string(),
  createdAt: z.string(),
});
export type PortalAttachment = z.infer<typeof PortalAttachmentSchema>;

/** GET /api/portal/appeals/:id/attachments. */
export const PortalAttachmentListSchema = z.object({
  items: z.array(PortalAttachmentSchema),
  total: z.number().int(),
  canUpload: z.boolean(),
  remaining: z.number().int(),
});
export type PortalAttachmentList = z.infer<typeof PortalAttachmentListSchema>;

/** A message of an appeal's thread as the enterprise sees it (a staff message under its unit's name only). */
export const PortalMessageSchema = z.object({
  id: z.string(),
  side: z.enum(MESSAGE_SIDES),
  /** Staff messages: the unit's name only. */
  author: z.string(),
  mine: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});
export type PortalMessage = z.infer<typeof PortalMessageSchema>;

/** A message as the handling side sees it. */
export const StaffMessageSchema = PortalMessageSchema.extend({ unitName: z.string().nullable() });
export type StaffMessage = z.infer<typeof StaffMessageSchema>;

const thread = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), canPost: z.boolean(), postBlockedReason: z.string().nullable() });

/** GET /api/portal/appeals/:id/messages. */
export const PortalThreadSchema = thread(PortalMessageSchema);
export type PortalThread = z.infer<typeof PortalThreadSchema>;

/** GET /api/appeals/:id/messages: with how many active accounts the enterprise has (who will read it). */
export const StaffThreadSchema = thread(StaffMessageSchema).extend({ enterpriseAccounts: z.number().int() });
export type StaffThread = z.infer<typeof StaffThreadSchema>;

/** GET /api/public/evaluations/:token: what the evaluation link shows, without logging in. */
export const PublicEvaluationSchema = z.object({
  state: z.enum(LINK_STATES),
  number: z.string(),
  title: z.string(),
  enterpriseName: z.string(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  usedAt: z.string().nullable(),
});
export type PublicEvaluation = z.infer<typeof PublicEvaluationSchema>;

/** POST /api/public/evaluations/:token. */
export const PublicEvaluationDoneSchema = z.object({
  state: z.literal('used'),
  number: z.string(),
  rating: z.enum(EVALUATION_RATINGS),
  reopened: z.boolean(),
  usedAt: z.string(),
});
export type PublicEvaluationDone = z.infer<typeof PublicEvaluationDoneSchema>;
