// The kinds of in-app notification live in shared/notifications.ts (the web has their labels). Producers: the
// appeals timeline (modules/appeals/appeals.notify.ts), the SLA sweep's due-soon reminders, the R6.5 report reminder,
// the portal's evaluation links ('evaluation_link', portal.links.issue.ts) and messages ('message', portal.messages.ts).
export { NOTIFICATION_TYPES, type NotificationType } from '../../../../shared/notifications.ts';
