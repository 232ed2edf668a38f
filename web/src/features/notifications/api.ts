// API calls of in-app notifications (站内通知), for staff and enterprise accounts alike; response
// types from shared/api/notifications.ts.
import { api } from '../../api/client.ts';
import type { NotificationItem, NotificationPage, ReadAll, ReadOne, UnreadCount } from '../../../../shared/api/notifications.ts';

export type { NotificationItem, NotificationPage, UnreadCount };

export const listNotifications = (query: { unread: boolean; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<NotificationPage>('/notifications', { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize }, signal);
/** Counted up to 100 (`capped`). */
export const unreadCount = () => api.get<UnreadCount>('/notifications/unread-count');
export const markRead = (id: string) => api.post<ReadOne>(`/notifications/${id}/read`);
export const markAllRead = () => api.post<ReadAll>('/notifications/read-all');
