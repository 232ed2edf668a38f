// API calls of issue 18's pages: 事件推送 (webhook subscriptions, sysadmin), 短信发件箱 (SMS outbox) and
// 通知设置 (the caller's own notification preferences); types from shared/api/delivery.ts.
import { api } from '../../api/client.ts';
import type { List } from '../../../../shared/api/common.ts';
import type { NotificationPreferences, SmsOutboxPage, WebhookDelivery, WebhookSecretAnswer, WebhookSubscription } from '../../../../shared/api/delivery.ts';

import type { IntegrationClient } from '../../../../shared/api/integrations.ts';
export type { NotificationPreferences, SmsOutboxPage, WebhookDelivery, WebhookSecretAnswer, WebhookSubscription };

export const listWebhooks = (signal?: AbortSignal) => api.get<List<WebhookSubscription>>('/webhooks', undefined, signal);
export const createWebhook = (body: { name: string; url: string; events: string[]; clientId?: string | null }) =>
  api.post<WebhookSecretAnswer>('/webhooks', body);
/** The tenant's integration clients (a subscription may be limited to one client's work orders). */
export const listIntegrationClients = (signal?: AbortSignal) => api.get<List<IntegrationClient>>('/integration-clients', undefined, signal);
export const updateWebhook = (id: string, body: { version: number; name?: string; url?: string; events?: string[]; enabled?: boolean }) =>
  api.patch<WebhookSubscription>(`/webhooks/${id}`, body);
export const rotateWebhookSecret = (id: string, version: number) => api.post<WebhookSecretAnswer>(`/webhooks/${id}/rotate-secret`, { version });
export const listDeliveries = (id: string, query: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<List<WebhookDelivery>>(`/webhooks/${id}/deliveries`, query, signal);
export const redeliver = (id: string, deliveryId: string) => api.post<WebhookDelivery>(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`);

export const smsOutbox = (query: { page: number; pageSize: number; status?: string }, signal?: AbortSignal) =>
  api.get<SmsOutboxPage>('/sms-outbox', query, signal);

export const getPreferences = (signal?: AbortSignal) => api.get<NotificationPreferences>('/me/notification-preferences', undefined, signal);
export const savePreferences = (body: { version: number; email: string | null; smsTypes: string[]; emailTypes: string[]; emailDigest: boolean }) =>
  api.put<NotificationPreferences>('/me/notification-preferences', body);
