import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, pagination } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import { NOTIFICATION_TYPES } from './notify-events.ts';
import { ownerOfNotification } from './notifications.repository.ts';
import * as service from './notifications.service.ts';

// A notification is visible to its addressee only: another user's (or another tenant's) id answers 404.
registerResource('notification', {
  load: (db, id) => ownerOfNotification(db, id),
  visible: (actor, owner) => service.addressedTo(actor, owner),
});

const notificationSchema = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES).or(z.string()),
  title: z.string(),
  body: z.string(),
  appealId: z.string().nullable(),
  appealNumber: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
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
        response: { 200: z.object({ items: z.array(notificationSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
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
        response: { 200: z.object({ count: z.number().int(), capped: z.boolean() }) },
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
        response: { 200: z.object({ readBefore: z.string() }) },
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
        response: { 200: z.object({ id: z.string(), read: z.boolean() }) },
      },
    },
    async (request) => service.markRead(authedCtx(request), request.params.id),
  );
}
