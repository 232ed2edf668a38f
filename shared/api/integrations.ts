// Response schemas of the integrations (issue 18): the staff page 集成接入 (clients and tokens,
// server/src/modules/integrations/integrations.routes.ts) and the token API for work orders
// (work-orders.routes.ts, /api/integrations/v1/…).
import { z } from 'zod';
import { APPEAL_CHANNELS, APPEAL_STATES, EVALUATION_RATINGS, RESULT_KINDS } from '../appeals.ts';
import { TOKEN_SCOPES, TOKEN_STATES } from '../integrations.ts';

export const IntegrationTokenSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedIp: z.string().nullable(),
  state: z.enum(TOKEN_STATES),
  createdAt: z.string(),
});
export type IntegrationToken = z.infer<typeof IntegrationTokenSchema>;

export const IntegrationClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(APPEAL_CHANNELS),
  rateLimitPerMinute: z.number().int(),
  ipAllowList: z.array(z.string()),
  /** 自动派单: new work orders go straight to the channel's lead unit (R3.4) when one is set. */
  autoDispatch: z.boolean(),
  note: z.string(),
  disabled: z.boolean(),
  workOrderCount: z.number().int(),
  tokens: z.array(IntegrationTokenSchema),
  version: z.number().int(),
  createdAt: z.string(),
});
export type IntegrationClient = z.infer<typeof IntegrationClientSchema>;
export const IntegrationClientListSchema = z.object({ items: z.array(IntegrationClientSchema), total: z.number().int() });

/** A newly issued token: the only time the token itself is shown. */
export const IssuedTokenSchema = z.object({ token: z.string(), tokenInfo: IntegrationTokenSchema });
export type IssuedToken = z.infer<typeof IssuedTokenSchema>;

/** The answer to a work order: the appeal it became. A resend with the same content answers the same body. */
export const WorkOrderReceiptSchema = z.object({
  externalId: z.string(),
  appealId: z.string(),
  appealNumber: z.string(),
  receivedAt: z.string(),
  /** 1 at receipt; each changed resend of the same external id adds one (an update on the appeal's timeline). */
  revision: z.number().int(),
  outcome: z.enum(['created', 'updated']),
});
export type WorkOrderReceipt = z.infer<typeof WorkOrderReceiptSchema>;

export const WorkOrderBatchSchema = z.object({
  received: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      externalId: z.string().nullable(),
      status: z.number().int(),
      receipt: WorkOrderReceiptSchema.nullable(),
      error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }).nullable(),
    }),
  ),
});
export type WorkOrderBatch = z.infer<typeof WorkOrderBatchSchema>;

const MilestoneSchema = z.object({ dueAt: z.string().nullable(), doneAt: z.string().nullable(), state: z.string() });

/** What the source platform reads back to close its own ticket. */
export const WorkOrderStatusSchema = z.object({
  externalId: z.string(),
  revision: z.number().int(),
  appealId: z.string(),
  appealNumber: z.string(),
  state: z.enum(APPEAL_STATES),
  stateLabel: z.string(),
  receivedAt: z.string(),
  milestones: z.object({ contact: MilestoneSchema, opinion: MilestoneSchema, resolution: MilestoneSchema }),
  resultKind: z.enum(RESULT_KINDS).nullable(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  evaluation: z.enum(EVALUATION_RATINGS).nullable(),
  evaluationComment: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  transferred: z.boolean(),
});
export type WorkOrderStatus = z.infer<typeof WorkOrderStatusSchema>;
