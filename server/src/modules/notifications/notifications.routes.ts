import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, pagination } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as service from './notifications.service.ts';
import * as preferences from './notifications.preferences.ts';
import { NotificationPreferencesSchema } from '../../../../shared/api/delivery.ts';
import { NOTIFICATION_TYPES } from '../../../../shared/notifications.ts';
import { optionalText } from '../../http/schemas.ts';
import type { FastifyRequest } from 'fastify';
import { NotificationPageSchema, ReadAllSchema, ReadOneSchema, UnreadCountSchema } from '../../../../shared/api/notifications.ts';

// A notification is visible to its addressee only: another user's (or another tenant's) id answers 404.
registerResource('notification', {
  load: service.owner,
  visible: (actor, owner) => service.addressedTo(actor, owner),
});

export function notificationRoutes(app: ZApp) {
  app.get(
    '/api/notifications',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags: ['notifications'],
        summary: '我的站内通知（派单、即将到期、逾期、催办、评价、督办）',
        querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional(), ...pagination }),
        response: { 200: NotificationPageSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return service.list(authedCtx(request), { unread: q.unread === 'true', page: q.page, pageSize: q.pageSize });
    },
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags: ['notifications'],
        summary: '未读通知数（最多计到 100）',
        response: { 200: UnreadCountSchema },
      },
    },
    async (request) => service.unreadCount(authedCtx(request)),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags: ['notifications'],
        summary: '全部标为已读',
        body: z.strictObject({}).optional(),
        response: { 200: ReadAllSchema },
      },
    },
    async (request) => service.markAllRead(authedCtx(request)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: { policy: { roles: 'authenticated', resource: { type: 'notification' } } },
      schema: {
        tags: ['notifications'],
        summary: '标为已读',
        params: idParams,
        body: z.strictObject({}).optional(),
        response: { 200: ReadOneSchema },
      },
    },
    async (request) => service.markRead(authedCtx(request), request.params.id),
  );

  // Issue 18: the caller's own channels per notice type (in-app always) and the daily digest.
  const configured = (request: FastifyRequest) => ({ email: request.server.config.smtp !== null, sms: request.server.config.sms !== null });
  const types = z.array(z.enum(NOTIFICATION_TYPES, '通知类型不正确')).max(NOTIFICATION_TYPES.length);
  app.get(
    '/api/me/notification-preferences',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: { tags: ['notifications'], summary: '我的通知设置（短信、邮件、每日摘要）', response: { 200: NotificationPreferencesSchema } },
    },
    async (request) => preferences.getPreferences(authedCtx(request), configured(request)),
  );
  app.put(
    '/api/me/notification-preferences',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags: ['notifications'],
        summary: '保存我的通知设置',
        body: z.strictObject({
          version: z.number('须提供版本号 version').int().min(0).max(2147483647),
          email: optionalText(254).transform((v) => v ?? null),
          smsTypes: types,
          emailTypes: types,
          emailDigest: z.boolean(),
        }),
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => preferences.savePreferences(authedCtx(request), configured(request), request.body),
  );
}
