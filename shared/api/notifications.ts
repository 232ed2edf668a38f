// Response schemas of /api/notifications* (server/src/modules/notifications/notifications.routes.ts).
import { z } from 'zod';
import { NOTIFICATION_TYPES } from '../notifications.ts';

export const NotificationSchema = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES).or(z.string()),
  title: z.string(),
  body: z.string(),
  appealId: z.string().nullable(),
  appealNumber: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationItem = z.infer<typeof NotificationSchema>;

/** GET /api/notifications. */
export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** GET /api/notifications/unread-count (counted up to 100). */
export const UnreadCountSchema = z.object({ count: z.number().int(), capped: z.boolean() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

/** POST /api/notifications/read-all. */
export const ReadAllSchema = z.object({ readBefore: z.string() });
export type ReadAll = z.infer<typeof ReadAllSchema>;

/** POST /api/notifications/:id/read. */
export const ReadOneSchema = z.object({ id: z.string(), read: z.boolean() });
export type ReadOne = z.infer<typeof ReadOneSchema>;
