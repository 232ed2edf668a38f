// Response schemas of issue 18: webhook subscriptions and their delivery log, the SMS outbox page,
// a user's notification preferences.
import { z } from 'zod';

export const WebhookSubscriptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  /** Issue 18: only the events of appeals that came from this integration client (null: every appeal of the tenant). */
  clientId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  /** Until then the previous secret signs too (after a rotation). */
  previousSecretUntil: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

/** Creation and rotation answer the secret once; it is never shown again. */
export const WebhookSecretAnswerSchema = z.object({ subscription: WebhookSubscriptionSchema, secret: z.string() });
export type WebhookSecretAnswer = z.infer<typeof WebhookSecretAnswerSchema>;

export const WebhookAttemptSchema = z.object({
  attempt: z.number().int(),
  at: z.string(),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  trigger: z.string(),
});

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  /** The webhook-id header (msg_…): the same on every attempt and redelivery. */
  messageId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  log: z.array(WebhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const SmsOutboxRowSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** Masked (138****0000). */
  toPhone: z.string(),
  /** The text, with any evaluation-link token masked. */
  body: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type SmsOutboxRow = z.infer<typeof SmsOutboxRowSchema>;

export const SmsOutboxPageSchema = z.object({
  /** Whether an SMS gateway is configured (SMS_GATEWAY_URL); without one nothing is sent. */
  gatewayConfigured: z.boolean(),
  counts: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  items: z.array(SmsOutboxRowSchema),
  total: z.number().int(),
});
export type SmsOutboxPage = z.infer<typeof SmsOutboxPageSchema>;

export const NotificationPreferencesSchema = z.object({
  email: z.string().nullable(),
  /** Whether the account has a mobile number for SMS. */
  hasMobile: z.boolean(),
  smsTypes: z.array(z.string()),
  emailTypes: z.array(z.string()),
  emailDigest: z.boolean(),
  /** Whether the server can send e-mail (SMTP_HOST) / SMS (SMS_GATEWAY_URL). */
  emailConfigured: z.boolean(),
  smsConfigured: z.boolean(),
  version: z.number().int(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
