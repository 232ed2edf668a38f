// Response schemas of the appeals rules of issue 22: lead units per channel (R3.4), leaders'
// major matters (R3.5), 鲁力办 supervision (R6.6).
import { z } from 'zod';
import { AppealSummarySchema } from './appeals.ts';

/** R3.4: a channel's lead unit (unitName null: the unit was archived, the row must be replaced). */
export const ChannelLeadSchema = z.object({
  channel: z.string(),
  channelLabel: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  note: z.string(),
  updatedAt: z.string(),
});
export type ChannelLead = z.infer<typeof ChannelLeadSchema>;
export const ChannelLeadsSchema = z.object({ items: z.array(ChannelLeadSchema), total: z.number().int() });
export type ChannelLeads = z.infer<typeof ChannelLeadsSchema>;

/** R6.6 an appeal supervised on 鲁力办: the summary, the platform's reference and deadline, urging. */
export const LulibanItemSchema = AppealSummarySchema.extend({
  lulibanRef: z.string(),
  lulibanDueAt: z.string().nullable(),
  /** Open and past the platform's deadline. */
  lulibanOverdue: z.boolean(),
  lastUrgedAt: z.string().nullable(),
});
export type LulibanItem = z.infer<typeof LulibanItemSchema>;
export const LulibanListSchema = z.object({ items: z.array(LulibanItemSchema), total: z.number().int() });
export type LulibanList = z.infer<typeof LulibanListSchema>;

/** Issue 22: years whose holiday notice is missing and the open appeals waiting on each (时限待计算). */
export const CalendarWaitingSchema = z.object({
  items: z.array(z.object({ year: z.number().int(), waiting: z.number().int() })),
  total: z.number().int(),
});
export type CalendarWaiting = z.infer<typeof CalendarWaitingSchema>;

/** Issue 22: an attachment withdrawn (kept for the audit, hidden from lists). */
export const AttachmentWithdrawnSchema = z.object({ id: z.string(), withdrawn: z.literal(true) });
export type AttachmentWithdrawn = z.infer<typeof AttachmentWithdrawnSchema>;
