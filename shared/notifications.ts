// In-app notification vocabularies, shared by server and web. The notifier derives them from the
// appeals timeline (server/src/modules/appeals/appeals.notify.ts) and other producers.

/** Notification types shown to users. 'evaluation_link': to the enterprise's portal accounts with the
 * signed evaluation link; 'message': a message of an appeal's thread, to the other side. */
export const NOTIFICATION_TYPES = [
  'dispatch',
  'returned',
  'due_soon',
  'overdue',
  'urged',
  'evaluated',
  'escalated',
  'major',
  'transfer_in',
  'evaluation_link',
  'message',
  // R5.1: an enterprise invited to a roundtable (portal notice; the SMS goes through the outbox).
  'roundtable_invitation',
  // R2.5: an enterprise asked in a policy consultation round (portal 意见征集).
  'policy_consultation',
  'contact_point',
  'survey_invitation',
  'supervision',
  // Issue 18: a webhook subscription disabled after persistent failure, to the tenant's sysadmins.
  'webhook_disabled',
  // Capability 8: a published knowledge article past its validity, to its unit.
  'knowledge_expired',
  // R6.3/leader 批示: to the lead unit when a leader writes one, to the leader when it is acknowledged or reported.
  'instruction',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Notices only enterprise accounts receive (the portal): not offered on the staff 通知设置 page. */
export const PORTAL_ONLY_NOTICES: ReadonlySet<string> = new Set<NotificationType>([
  'evaluation_link',
  'roundtable_invitation',
  'policy_consultation',
  'survey_invitation',
]);
/** The notices an enterprise account gets, in the order its 通知设置 lists them (issue 18). */
export const PORTAL_NOTICES: readonly NotificationType[] = ['message', 'evaluation_link', 'roundtable_invitation', 'policy_consultation', 'survey_invitation'];
