// The notifications module's public surface: other modules deliver in-app notifications through
// insertNotifications (idempotent by source key); reading and marking are the users' own (routes).
export { insertNotifications, markAppealNoticesDone, type NewNotification } from './notifications.repository.ts';
export { NOTIFICATION_TYPES, type NotificationType } from './notifications.types.ts';
// Issue 18: the fan-out of notices to SMS and e-mail by each user's preferences, and the mail sender.
export { deliverMail, fanOutChannels, MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_SECONDS, type QueueSms } from './notifications.channels.ts';
